// Store conformance suite: controls (migration 7) on both engines: round trips, refs,
// conflicts, every list filter and sort with paging, the confidential rule. Evidence, the
// controls behind requirements, the SoA, key rotation and migration 7:
// store_evidence_soa_test.cc (same fixture; the engines are instantiated here).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <set>

#include "store/store_controls_test_fixture.h"

namespace isms::store_test {
namespace {

using namespace controls;  // NOLINT: the fixture of this suite

// --- Controls ---------------------------------------------------------------------------

TEST_P(StoreControls, InsertAssignsRefsAndRoundTripsEveryField) {
  Person owner = make_person("Åsa Owner", "asa@example.com");
  Control full = make_control("Access control – \"quoted\" \\ 100%");
  full.owner_id = owner.id;
  full.status = ControlStatus::kImplemented;
  full.classification = Classification::kPublic;
  full.requirement_keys = {"iso27001-2022:A.5.15", "iso27001-2022:A.8.2", "nis2-2024-2690:11.2.1"};
  full.next_check_on = "2026-06-30";
  full.last_checked_on = "2025-06-30";
  full.check_interval_months = 6;
  full.description = "Line one\nline two ✓";
  full.archived_at = kT2;
  full.archive_reason = "replaced";
  full.version = 4;
  full.updated_at = kT2;
  Control plain = make_control("Backups");
  Control sealed = make_control("Key handling", Classification::kConfidential);
  sealed.description = "";
  sealed.description_sealed = "v1.abcd1234.c2VhbGVk";
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(owner));
    ASSERT_OK(tx->insert_control(&full));
    ASSERT_OK(tx->insert_control(&plain));
    ASSERT_OK(tx->insert_control(&sealed));
    ASSERT_OK(tx->commit());
  }
  EXPECT_EQ(full.ref, "C-0001");
  EXPECT_EQ(plain.ref, "C-0002");
  EXPECT_EQ(sealed.ref, "C-0003");

  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(Control got, tx->get_control(full.id, kToday));
  expect_same(got, full);
  EXPECT_EQ(got.owner_name, "Åsa Owner");
  EXPECT_TRUE(got.risk_ids.empty());
  EXPECT_EQ(got.evidence_count, 0);
  ASSERT_OK_AND_ASSIGN(got, tx->get_control(plain.id, kToday));
  expect_same(got, plain);
  EXPECT_FALSE(got.owner_name.has_value());
  ASSERT_OK_AND_ASSIGN(got, tx->get_control(sealed.id, kToday));
  expect_same(got, sealed);
  EXPECT_CODE(tx->get_control("nope", kToday), ErrorCode::kNotFound);

  // A duplicate id is a conflict and uses up no number; an unknown owner and a key
  // without a framework are invalid, naming the field.
  Control again = plain;
  EXPECT_CODE(tx->insert_control(&again), ErrorCode::kConflict);
  Control orphan = make_control("Orphan");
  orphan.owner_id = "no-such-person";
  auto refused = tx->insert_control(&orphan);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().field, "owner_id");
  Control bad_key = make_control("Bad key");
  bad_key.requirement_keys = {"A.5.15"};
  refused = tx->insert_control(&bad_key);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "requirement_keys");
  EXPECT_CODE(tx->get_control(bad_key.id, kToday), ErrorCode::kNotFound);  // nothing left
  Control next = make_control("Next");
  ASSERT_OK(tx->insert_control(&next));
  EXPECT_EQ(next.ref, "C-0004");
  ASSERT_OK(tx->commit());
}

TEST_P(StoreControls, RefNumbersAreNeverReusedAndSortNumerically) {
  auto tx = write_tx();
  std::vector<Control> controls;
  for (int i = 0; i < 3; ++i) {
    controls.push_back(make_control("C" + std::to_string(i)));
    ASSERT_OK(tx->insert_control(&controls.back()));
  }
  ASSERT_OK(tx->commit());
  // A rolled-back insert hands its number back (nothing was ever stored under it); the
  // counter row, not max(ref) + 1, decides: parse/format agree on one spelling.
  {
    auto rolled_back = write_tx();
    Control lost = make_control("Lost");
    ASSERT_OK(rolled_back->insert_control(&lost));
    EXPECT_EQ(lost.ref, "C-0004");
  }
  tx = write_tx();
  Control c4 = make_control("Four");
  ASSERT_OK(tx->insert_control(&c4));
  EXPECT_EQ(c4.ref, "C-0004");
  ASSERT_OK(tx->commit());
  EXPECT_EQ(store_detail::format_control_ref(12345), "C-12345");
  EXPECT_EQ(store_detail::parse_control_ref("C-12345"), 12345);
  EXPECT_EQ(store_detail::parse_control_ref("C-0042"), 42);
  EXPECT_FALSE(store_detail::parse_control_ref("C-042").has_value());
  EXPECT_FALSE(store_detail::parse_control_ref("R-0042").has_value());
}

TEST_P(StoreControls, UpdateWritesEveryFieldWithOptimisticVersion) {
  Person anna = make_person("Anna", "anna@example.com");
  Control c = make_control("Logging");
  c.requirement_keys = {"iso27001-2022:A.8.15"};
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_control(&c));
    ASSERT_OK(tx->commit());
  }
  Control changed = c;
  changed.ref = "";  // the stored ref wins
  changed.title = "Logging and monitoring";
  changed.description = "";
  changed.description_sealed = "v1.k.sealed";
  changed.classification = Classification::kConfidential;
  changed.owner_id = anna.id;
  changed.status = ControlStatus::kInProgress;
  changed.requirement_keys = {"iso27001-2022:A.8.16", "nis2-2024-2690:3.2.1"};
  changed.next_check_on = "2026-09-01";
  changed.last_checked_on = "2026-02-01";
  changed.check_interval_months = 3;
  changed.archived_at = kT2;
  changed.archive_reason = "merged";
  changed.version = 2;
  changed.updated_at = kT2;
  changed.created_at = "2030-01-01T00:00:00.000000Z";  // never changes
  auto tx = write_tx();
  EXPECT_CODE(tx->update_control(changed, 5), ErrorCode::kConflict);
  ASSERT_OK(tx->update_control(changed, 1));
  ASSERT_OK_AND_ASSIGN(Control got, tx->get_control(c.id, kToday));
  changed.ref = c.ref;
  changed.created_at = c.created_at;
  expect_same(got, changed);
  EXPECT_EQ(got.owner_name, "Anna");
  EXPECT_CODE(tx->update_control(changed, 1), ErrorCode::kConflict);
  Control missing = make_control("Missing");
  EXPECT_CODE(tx->update_control(missing, 1), ErrorCode::kNotFound);
  changed.owner_id = "nobody";
  auto refused = tx->update_control(changed, 2);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "owner_id");
  ASSERT_OK_AND_ASSIGN(got, tx->get_control(c.id, kToday));
  EXPECT_EQ(got.owner_id, anna.id);  // unchanged
  // The search key follows the update (the old title no longer matches).
  ControlQuery q;
  q.archived = ArchivedFilter::kAll;
  q.include_confidential = true;
  q.search = "monitoring";
  ASSERT_OK_AND_ASSIGN(ControlPage page, tx->list_controls(q, kToday));
  EXPECT_EQ(ids_of(page.items), std::vector<std::string>{c.id});
  ASSERT_OK_AND_ASSIGN(auto existing, tx->existing_control_ids({"x", c.id, c.id}));
  EXPECT_EQ(existing, std::vector<std::string>{c.id});
  ASSERT_OK(tx->commit());
}

TEST_P(StoreControls, ListFiltersAndTheConfidentialRule) {
  Person anna = make_person("Anna", "anna@example.com");
  Person bob = make_person("Bob", "bob@example.com");
  Control a = make_control("Alpha 100% sure");
  a.owner_id = anna.id;
  a.status = ControlStatus::kImplemented;
  a.requirement_keys = {"iso27001-2022:A.5.1"};
  a.next_check_on = "2026-02-01";
  Control b = make_control("Beta_under");
  b.owner_id = bob.id;
  b.status = ControlStatus::kPlanned;
  b.requirement_keys = {"iso27001-2022:A.5.1", "iso27001-2022:A.5.2"};
  b.next_check_on = "2026-05-01";
  Control secret = make_control("Secret of Anna", Classification::kConfidential);
  secret.owner_id = anna.id;
  secret.description = "";
  secret.description_sealed = "v1.k.findme";
  Control secret_bob = make_control("Secret of Bob", Classification::kConfidential);
  secret_bob.owner_id = bob.id;
  Control archived = make_control("Archived alpha");
  archived.archived_at = kT2;
  Control back = make_control("Back\\slash");
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_person(bob));
    for (Control* c : {&a, &b, &secret, &secret_bob, &archived, &back}) {
      ASSERT_OK(tx->insert_control(c));
    }
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  auto list = [&](ControlQuery q) {
    q.with_total = true;
    auto page = tx->list_controls(q, kToday);
    EXPECT_TRUE(page.ok()) << page.error().message;
    if (!page.ok()) return std::set<std::string>{};
    EXPECT_EQ(page->total, static_cast<int64_t>(page->items.size()));
    auto ids = ids_of(page->items);
    return std::set<std::string>(ids.begin(), ids.end());
  };
  using Ids = std::set<std::string>;
  ControlQuery q;
  EXPECT_EQ(list(q), (Ids{a.id, b.id, back.id}));  // confidential ones hidden
  q.include_confidential = true;
  EXPECT_EQ(list(q), (Ids{a.id, b.id, secret.id, secret_bob.id, back.id}));
  q.include_confidential = false;
  q.reader_person_id = anna.id;  // her own confidential control only
  EXPECT_EQ(list(q), (Ids{a.id, b.id, secret.id, back.id}));
  q.reader_person_id.clear();

  ControlQuery f = q;
  f.statuses = {"implemented"};
  EXPECT_EQ(list(f), Ids{a.id});
  f = q;
  f.statuses = {"bogus"};
  EXPECT_CODE(tx->list_controls(f, kToday), ErrorCode::kInvalid);
  f = q;
  f.owner_ids = {bob.id};
  EXPECT_EQ(list(f), Ids{b.id});
  f.include_confidential = true;
  EXPECT_EQ(list(f), (Ids{b.id, secret_bob.id}));
  f = q;
  f.requirement_key = "iso27001-2022:A.5.1";
  EXPECT_EQ(list(f), (Ids{a.id, b.id}));
  f.requirement_key = "iso27001-2022:A.5.2";
  EXPECT_EQ(list(f), Ids{b.id});
  f.requirement_key = "A.5.2";  // not a key: matches nothing
  EXPECT_EQ(list(f), Ids{});
  f = q;
  f.check_before = "2026-03-01";
  EXPECT_EQ(list(f), Ids{a.id});
  f.check_before = "soon";
  EXPECT_CODE(tx->list_controls(f, kToday), ErrorCode::kInvalid);
  f = q;
  f.archived = ArchivedFilter::kArchivedOnly;
  EXPECT_EQ(list(f), Ids{archived.id});
  f.archived = ArchivedFilter::kAll;
  f.search = "ALPHA";
  EXPECT_EQ(list(f), (Ids{a.id, archived.id}));

  // Search: ref, title, description; %, _ and \ literal; never the sealed description.
  f = q;
  f.search = "c-0002";
  EXPECT_EQ(list(f), Ids{b.id});
  f.search = "100%";
  EXPECT_EQ(list(f), Ids{a.id});
  f.search = "a_u";
  EXPECT_EQ(list(f), Ids{b.id});
  f.search = "%";
  EXPECT_EQ(list(f), Ids{a.id});
  f.search = "k\\s";
  EXPECT_EQ(list(f), Ids{back.id});
  f.search = "how we do beta";
  EXPECT_EQ(list(f), Ids{b.id});
  f.include_confidential = true;
  f.search = "findme";
  EXPECT_EQ(list(f), Ids{});
  f.search = std::string(4001, 'x');
  auto too_long = tx->list_controls(f, kToday);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(too_long.error().field, "q");
  f.search = std::string(4000, 'x');
  EXPECT_EQ(list(f), Ids{});
  f = q;
  f.limit = 0;
  EXPECT_CODE(tx->list_controls(f, kToday), ErrorCode::kInvalid);
}

TEST_P(StoreControls, EverySortPagesInATotalOrder) {
  Person anna = make_person("anna", "anna@example.com");
  Person bert = make_person("Bert", "bert@example.com");
  Person zoe = make_person("Zoë", "zoe@example.com");
  std::vector<Control> controls;
  const char* titles[] = {"Zebra", "apple", "Apple", "Äpfel", "banana", "apple", "Mango",
                          "kiwi",  "Kiwi",  "fig",   "Fig",   "date",   "Date"};
  const ControlStatus statuses[] = {ControlStatus::kPlanned, ControlStatus::kInProgress,
                                    ControlStatus::kImplemented, ControlStatus::kNotApplicable};
  for (size_t i = 0; i < std::size(titles); ++i) {
    Control c = make_control(titles[i]);
    c.status = statuses[i % 4];
    if (i % 4 == 1) c.owner_id = anna.id;
    if (i % 4 == 2) c.owner_id = bert.id;
    if (i % 4 == 3) c.owner_id = zoe.id;
    if (i % 3 != 0) c.next_check_on = "2026-0" + std::to_string(1 + i % 5) + "-15";
    c.updated_at = "2026-01-0" + std::to_string(1 + i % 4) + "T00:00:00.000000Z";
    if (i % 5 == 4) c.archived_at = kT2;
    controls.push_back(c);
  }
  {
    auto tx = write_tx();
    for (Person* p : {&anna, &bert, &zoe}) ASSERT_OK(tx->insert_person(*p));
    for (auto& c : controls) ASSERT_OK(tx->insert_control(&c));
    ASSERT_OK(tx->commit());
  }
  std::map<std::string, std::string> owner_names = {
      {anna.id, anna.name}, {bert.id, bert.name}, {zoe.id, zoe.name}};
  for (auto& c : controls) {
    if (c.owner_id) c.owner_name = owner_names[*c.owner_id];
  }
  for (auto sort : {ControlSort::kRef, ControlSort::kTitle, ControlSort::kStatus,
                    ControlSort::kOwnerName, ControlSort::kNextCheck, ControlSort::kUpdatedAt}) {
    for (bool descending : {false, true}) {
      for (auto archived :
           {ArchivedFilter::kActiveOnly, ArchivedFilter::kArchivedOnly, ArchivedFilter::kAll}) {
        SCOPED_TRACE(::testing::Message()
                     << "sort " << static_cast<int>(sort) << " desc " << descending << " archived "
                     << static_cast<int>(archived));
        std::vector<Control> want;
        for (const auto& c : controls) {
          bool is_archived = c.archived_at.has_value();
          if (archived == ArchivedFilter::kActiveOnly && is_archived) continue;
          if (archived == ArchivedFilter::kArchivedOnly && !is_archived) continue;
          want.push_back(c);
        }
        // Written independently of the store: numbers as numbers, keys by bytes, then id.
        std::sort(want.begin(), want.end(), [&](const Control& x, const Control& y) {
          int cmp = 0;
          if (sort == ControlSort::kRef) {
            int64_t nx = *store_detail::parse_control_ref(x.ref);
            int64_t ny = *store_detail::parse_control_ref(y.ref);
            cmp = nx < ny ? -1 : nx > ny ? 1 : 0;
          } else {
            cmp = store_detail::control_order_key(x, sort).compare(
                store_detail::control_order_key(y, sort));
          }
          if (cmp == 0) cmp = x.id.compare(y.id);
          return descending ? cmp > 0 : cmp < 0;
        });
        ControlQuery q;
        q.sort = sort;
        q.descending = descending;
        q.archived = archived;
        for (int limit : {1, 2, 5, 500}) {
          EXPECT_EQ(ids_of(all_pages(q, limit)), ids_of(want)) << "limit " << limit;
        }
      }
    }
  }
  // Case-insensitive title order, by hand: folded text, then exact text ("Apple" before
  // "apple"), code point order of the folded text ("Äpfel" after "Zebra").
  ControlQuery q;
  q.sort = ControlSort::kTitle;
  q.archived = ArchivedFilter::kAll;
  auto titles_in_order = all_pages(q, 500);
  ASSERT_EQ(titles_in_order.size(), std::size(titles));
  EXPECT_EQ(titles_in_order.front().title, "Apple");
  EXPECT_EQ(titles_in_order[std::size(titles) - 2].title, "Zebra");
  EXPECT_EQ(titles_in_order.back().title, "Äpfel");
  q.after = ControlKeyset{"not a ref", "x"};
  q.sort = ControlSort::kRef;
  auto tx = read_tx();
  EXPECT_CODE(tx->list_controls(q, kToday), ErrorCode::kMalformed);
}

TEST_P(StoreControls, OwnerSortFollowsARename) {
  Person anna = make_person("Anna", "anna@example.com");
  Person bob = make_person("Bob", "bob@example.com");
  Control a = make_control("A");
  a.owner_id = anna.id;
  Control b = make_control("B");
  b.owner_id = bob.id;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_person(bob));
    ASSERT_OK(tx->insert_control(&a));
    ASSERT_OK(tx->insert_control(&b));
    ASSERT_OK(tx->commit());
  }
  ControlQuery q;
  q.sort = ControlSort::kOwnerName;
  EXPECT_EQ(ids_of(all_pages(q, 1)), (std::vector<std::string>{a.id, b.id}));
  ASSERT_OK(store_testing::rename_person(url_, anna.id, "Zara", /*with_sort_key=*/true));
  auto page = all_pages(q, 1);
  EXPECT_EQ(ids_of(page), (std::vector<std::string>{b.id, a.id}));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[1].owner_name, "Zara");
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreControls,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
