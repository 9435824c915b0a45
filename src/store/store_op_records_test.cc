// Store conformance of operational records (store.h OpRecord, migration 8) on both engines:
// round trips, versioned updates, kind isolation, unique references, every order paged with
// keysets against an independently computed order, filters, counts, counters that roll back
// with their transaction, and input limits.
#include <algorithm>
#include <map>
#include <set>

#include "store/store_test_fixture.h"

namespace isms::store_test {
namespace {

OpRecord make_record(const std::string& kind, const std::string& id, const std::string& due,
                     const std::string& created) {
  OpRecord r;
  r.kind = kind;
  r.id = id;
  r.due_at = due;
  r.body = "{\"title\":\"" + id + " ü\"}";
  r.created_at = created;
  r.updated_at = created;
  return r;
}

void expect_same(const OpRecord& got, const OpRecord& want) {
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.ref, want.ref);
  EXPECT_EQ(got.parent_id, want.parent_id);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.owner_id, want.owner_id);
  EXPECT_EQ(got.due_at, want.due_at);
  EXPECT_EQ(got.archived, want.archived);
  EXPECT_EQ(got.body, want.body);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

class StoreOpRecords : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }
};

TEST_P(StoreOpRecords, RoundTripUpdateAndKindIsolation) {
  OpRecord r =
      make_record("incident", "i1", "2026-03-01T10:00:00.000000Z", "2026-01-01T00:00:00.000000Z");
  r.ref = "INC-0001";
  r.parent_id = "p1";
  r.status = "open";
  r.owner_id = "person-1";
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_op_record(r));
    EXPECT_CODE(tx->insert_op_record(r), ErrorCode::kConflict);  // same id
    OpRecord same_ref = make_record("incident", "i2", "", "2026-01-01T00:00:00.000000Z");
    same_ref.ref = "INC-0001";
    EXPECT_CODE(tx->insert_op_record(same_ref), ErrorCode::kConflict);
    // The same reference in another kind is fine.
    same_ref.kind = "finding";
    ASSERT_OK(tx->insert_op_record(same_ref));
    ASSERT_OK(tx->commit());
  }
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(OpRecord got, tx->get_op_record("incident", "i1"));
  expect_same(got, r);
  EXPECT_CODE(tx->get_op_record("finding", "i1"), ErrorCode::kNotFound);
  EXPECT_CODE(tx->get_op_record("incident", "nope"), ErrorCode::kNotFound);

  OpRecord changed = got;
  changed.version = 2;
  changed.status = "closed";
  changed.archived = true;
  changed.body = "{\"title\":\"changed\"}";
  changed.updated_at = "2026-01-02T00:00:00.000000Z";
  changed.created_at = "1999-01-01T00:00:00.000000Z";  // never written by update
  ASSERT_OK(tx->update_op_record(changed, 1));
  EXPECT_CODE(tx->update_op_record(changed, 1), ErrorCode::kConflict);  // stale
  OpRecord other_kind = changed;
  other_kind.kind = "finding";
  EXPECT_CODE(tx->update_op_record(other_kind, 2), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(OpRecord after, tx->get_op_record("incident", "i1"));
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.status, "closed");
  EXPECT_TRUE(after.archived);
  EXPECT_EQ(after.created_at, "2026-01-01T00:00:00.000000Z");
  // Taking another record's reference on update is refused.
  OpRecord taker = make_record("incident", "i3", "", "2026-01-01T00:00:00.000000Z");
  ASSERT_OK(tx->insert_op_record(taker));
  taker.ref = "INC-0001";
  taker.version = 2;
  EXPECT_CODE(tx->update_op_record(taker, 1), ErrorCode::kConflict);
}

TEST_P(StoreOpRecords, InputLimits) {
  auto tx = write_tx();
  OpRecord bad = make_record("Incident", "x", "", "2026-01-01T00:00:00.000000Z");
  EXPECT_CODE(tx->insert_op_record(bad), ErrorCode::kInvalid);
  bad.kind = "incident";
  bad.id = "";
  EXPECT_CODE(tx->insert_op_record(bad), ErrorCode::kInvalid);
  bad.id = "x";
  bad.body = std::string(4u << 20, 'a') + "b";
  EXPECT_CODE(tx->insert_op_record(bad), ErrorCode::kInvalid);
  OpRecordQuery q;
  q.kind = "incident";
  q.limit = 10001;
  EXPECT_CODE(tx->list_op_records(q), ErrorCode::kInvalid);
  q.kind = "drop table";
  q.limit = 0;
  EXPECT_CODE(tx->list_op_records(q), ErrorCode::kInvalid);
  // Nothing was written by the refused inserts.
  q.kind = "incident";
  ASSERT_OK_AND_ASSIGN(int64_t n, tx->count_op_records(q));
  EXPECT_EQ(n, 0);
}

TEST_P(StoreOpRecords, EveryOrderPagesLikeAnIndependentSort) {
  std::vector<OpRecord> all;
  {
    auto tx = write_tx();
    for (int i = 0; i < 57; ++i) {
      // Repeated due dates and creation times, some without a due date, some archived.
      std::string due = i % 5 == 0 ? "" : "2026-0" + std::to_string(1 + i % 7) + "-15";
      std::string created = "2026-01-0" + std::to_string(1 + i % 4) + "T00:00:00.000000Z";
      OpRecord r = make_record("activity", "a" + std::to_string(100 + (i * 37) % 57), due, created);
      r.ref = i % 3 == 0 ? "" : "ACT-" + std::to_string(1000 + (i * 11) % 57);
      r.parent_id = i % 2 == 0 ? "parent-a" : "parent-b";
      r.status = i % 4 == 0 ? "paused" : "active";
      r.owner_id = i % 3 == 0 ? "" : "owner-" + std::to_string(i % 3);
      r.archived = i % 9 == 0;
      ASSERT_OK(tx->insert_op_record(r));
      all.push_back(r);
    }
    // Another kind never shows up.
    ASSERT_OK(tx->insert_op_record(
        make_record("finding", "f1", "2026-01-01", "2026-01-01T00:00:00.000000Z")));
    ASSERT_OK(tx->commit());
  }
  struct Case {
    OpRecordOrder order;
    bool descending;
  };
  const Case cases[] = {{OpRecordOrder::kCreated, false}, {OpRecordOrder::kCreated, true},
                        {OpRecordOrder::kDue, false},     {OpRecordOrder::kDue, true},
                        {OpRecordOrder::kRef, false},     {OpRecordOrder::kRef, true}};
  auto key_of = [](const OpRecord& r, OpRecordOrder order) {
    return order == OpRecordOrder::kDue   ? r.due_at
           : order == OpRecordOrder::kRef ? r.ref
                                          : r.created_at;
  };
  for (const Case& c : cases) {
    std::vector<OpRecord> want;
    for (const auto& r : all) {
      if (!r.archived && r.status == "active") want.push_back(r);
    }
    std::sort(want.begin(), want.end(), [&](const OpRecord& a, const OpRecord& b) {
      if (c.order == OpRecordOrder::kDue) {
        bool ea = a.due_at.empty(), eb = b.due_at.empty();
        if (ea != eb) return !ea;  // without a due date last, in both directions
      }
      std::string ka = key_of(a, c.order), kb = key_of(b, c.order);
      if (ka != kb) return c.descending ? ka > kb : ka < kb;
      return c.descending ? a.id > b.id : a.id < b.id;
    });
    std::vector<std::string> got;
    OpRecordQuery q;
    q.kind = "activity";
    q.statuses = {"active"};
    q.order = c.order;
    q.descending = c.descending;
    q.limit = 4;
    auto tx = read_tx();
    for (int page = 0; page < 100; ++page) {
      ASSERT_OK_AND_ASSIGN(std::vector<OpRecord> rows, tx->list_op_records(q));
      for (const auto& r : rows) got.push_back(r.id);
      if (rows.size() < 4) break;
      q.after_key = key_of(rows.back(), c.order);
      q.after_id = rows.back().id;
    }
    std::vector<std::string> want_ids;
    for (const auto& r : want) want_ids.push_back(r.id);
    EXPECT_EQ(got, want_ids) << "order " << static_cast<int>(c.order) << " desc " << c.descending;
    q.after_id.clear();
    ASSERT_OK_AND_ASSIGN(int64_t n, tx->count_op_records(q));
    EXPECT_EQ(n, static_cast<int64_t>(want_ids.size()));
  }
}

TEST_P(StoreOpRecords, Filters) {
  {
    auto tx = write_tx();
    const char* dues[] = {"2026-01-10", "2026-02-10", "2026-03-10T12:00:00.000000Z", ""};
    for (int i = 0; i < 12; ++i) {
      OpRecord r = make_record("corrective_action", "c" + std::to_string(i), dues[i % 4],
                               "2026-01-01T00:00:00.000000Z");
      r.parent_id = i < 6 ? "f1" : "f2";
      r.owner_id = i % 2 == 0 ? "anna" : "bob";
      r.status = i % 3 == 0 ? "verified" : "open";
      r.archived = i == 11;
      ASSERT_OK(tx->insert_op_record(r));
    }
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  auto ids = [&](OpRecordQuery q) {
    q.kind = "corrective_action";
    std::set<std::string> out;
    auto rows = tx->list_op_records(q);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const auto& r : rows.value()) out.insert(r.id);
    }
    auto n = tx->count_op_records(q);
    EXPECT_TRUE(n.ok());
    if (n.ok()) {
      EXPECT_EQ(n.value(), static_cast<int64_t>(out.size()));
    }
    return out;
  };
  OpRecordQuery q;
  q.parent_id = "f2";
  EXPECT_EQ(ids(q), (std::set<std::string>{"c6", "c7", "c8", "c9", "c10"}));
  q = {};
  q.owner_id = "anna";
  q.statuses = {"open"};
  EXPECT_EQ(ids(q), (std::set<std::string>{"c2", "c4", "c8", "c10"}));
  q = {};
  q.due_before = "2026-03-01";  // dates before March; no empty due dates
  EXPECT_EQ(ids(q), (std::set<std::string>{"c0", "c1", "c4", "c5", "c8", "c9"}));
  q = {};
  q.due_from = "2026-03-10";  // a date sorts before any instant of that day
  EXPECT_EQ(ids(q), (std::set<std::string>{"c2", "c6", "c10"}));
  q = {};
  q.archived = ArchivedFilter::kArchivedOnly;
  EXPECT_EQ(ids(q), (std::set<std::string>{"c11"}));
  q.archived = ArchivedFilter::kAll;
  q.statuses = {"verified", "nothing"};
  EXPECT_EQ(ids(q), (std::set<std::string>{"c0", "c3", "c6", "c9"}));
}

TEST_P(StoreOpRecords, CountersAreDenseAndRollBack) {
  {
    auto tx = write_tx();
    ASSERT_OK_AND_ASSIGN(int64_t a, tx->next_op_number("incident"));
    ASSERT_OK_AND_ASSIGN(int64_t b, tx->next_op_number("incident"));
    ASSERT_OK_AND_ASSIGN(int64_t other, tx->next_op_number("finding"));
    EXPECT_EQ(a, 1);
    EXPECT_EQ(b, 2);
    EXPECT_EQ(other, 1);
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = write_tx();
    ASSERT_OK_AND_ASSIGN(int64_t c, tx->next_op_number("incident"));
    EXPECT_EQ(c, 3);
    // dropped without commit: rolled back
  }
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(int64_t d, tx->next_op_number("incident"));
  EXPECT_EQ(d, 3);
  EXPECT_CODE(tx->next_op_number(""), ErrorCode::kInvalid);
  auto read = read_tx();
  EXPECT_FALSE(read->next_op_number("incident").ok());  // a read transaction cannot count
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreOpRecords,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
