// Store conformance suite: the risk register (migration 6) on both engines: risk methods,
// threats and vulnerabilities, risks (every field, refs, conflicts), risk cycles (one open
// at a time, reviews, write-once snapshots), and migration 6 over a version 5 database.
// Lists, heat map and owner summary: store_risk_lists_test.cc.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <set>

#include "store/store_risks_test_fixture.h"

namespace isms::store_test {
namespace {

using namespace risks;  // NOLINT: the fixture of this suite

// --- Risk methods ------------------------------------------------------------------------

TEST_P(StoreRisks, MethodsAreImmutableVersions) {
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(auto none, tx->current_risk_method());
  EXPECT_FALSE(none.has_value());
  RiskMethod m1 = make_method(1), m2 = make_method(2);
  ASSERT_OK(tx->insert_risk_method(m2));
  ASSERT_OK(tx->insert_risk_method(m1));
  EXPECT_CODE(tx->insert_risk_method(make_method(2)), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());

  auto rx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto current, rx->current_risk_method());
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(*current, m2);
  ASSERT_OK_AND_ASSIGN(RiskMethod got1, rx->get_risk_method(1));
  EXPECT_EQ(got1, m1);
  EXPECT_EQ(got1.likelihood.size(), 4u);
  EXPECT_EQ(got1.impact[0].description, "impact ü 1");
  ASSERT_OK_AND_ASSIGN(auto all, rx->list_risk_methods());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], m1);
  EXPECT_EQ(all[1], m2);
  EXPECT_CODE(rx->get_risk_method(3), ErrorCode::kNotFound);
}

// --- Threats and vulnerabilities ---------------------------------------------------------

TEST_P(StoreRisks, SourcesRoundTripAndUniqueNamesPerKind) {
  RiskSource s = make_source(RiskSourceKind::kThreat, "Phishing");
  s.key = "phishing";
  s.properties = {SecurityProperty::kConfidentiality, SecurityProperty::kAuthenticity};
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_risk_source(s));
    // Names are unique per kind, ignoring case; the other kind may use the name.
    EXPECT_CODE(tx->insert_risk_source(make_source(RiskSourceKind::kThreat, "PHISHING")),
                ErrorCode::kConflict);
    EXPECT_CODE(tx->insert_risk_source(make_source(RiskSourceKind::kThreat, "malware")),
                ErrorCode::kConflict);
    ASSERT_OK(tx->insert_risk_source(make_source(RiskSourceKind::kVulnerability, "Phishing")));
    RiskSource same_key = make_source(RiskSourceKind::kThreat, "Other");
    same_key.key = "phishing";
    EXPECT_CODE(tx->insert_risk_source(same_key), ErrorCode::kConflict);
    EXPECT_CODE(tx->insert_risk_source(s), ErrorCode::kConflict);  // same id
    ASSERT_OK(tx->commit());
  }
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(RiskSource got, tx->get_risk_source(s.id));
  expect_same_source(got, s);
  EXPECT_CODE(tx->get_risk_source("nope"), ErrorCode::kNotFound);

  RiskSource changed = s;
  changed.name = "Spear phishing";
  changed.properties = {SecurityProperty::kIntegrity};
  changed.archived_at = kT2;
  changed.updated_at = kT2;
  changed.version = 2;
  EXPECT_CODE(tx->update_risk_source(changed, 5), ErrorCode::kConflict);
  RiskSource clash = changed;
  clash.name = "FIRE";
  EXPECT_CODE(tx->update_risk_source(clash, 1), ErrorCode::kConflict);
  RiskSource missing = changed;
  missing.id = "nope";
  EXPECT_CODE(tx->update_risk_source(missing, 1), ErrorCode::kNotFound);
  ASSERT_OK(tx->update_risk_source(changed, 1));
  ASSERT_OK_AND_ASSIGN(got, tx->get_risk_source(s.id));
  expect_same_source(got, changed);
  // Renaming to a different case of its own name is no clash.
  changed.name = "SPEAR phishing";
  changed.version = 3;
  ASSERT_OK(tx->update_risk_source(changed, 2));

  auto names = [&](ArchivedFilter f) {
    std::vector<std::string> out;
    auto listed = tx->list_risk_sources(RiskSourceKind::kThreat, f);
    EXPECT_TRUE(listed.ok());
    if (listed.ok()) {
      for (const auto& x : *listed) out.push_back(x.name);
    }
    return out;
  };
  EXPECT_EQ(names(ArchivedFilter::kActiveOnly), (std::vector<std::string>{"Fire", "Malware"}));
  EXPECT_EQ(names(ArchivedFilter::kArchivedOnly), (std::vector<std::string>{"SPEAR phishing"}));
  EXPECT_EQ(names(ArchivedFilter::kAll),
            (std::vector<std::string>{"Fire", "Malware", "SPEAR phishing"}));
  ASSERT_OK_AND_ASSIGN(auto vulns,
                       tx->list_risk_sources(RiskSourceKind::kVulnerability, ArchivedFilter::kAll));
  ASSERT_EQ(vulns.size(), 3u);
  EXPECT_EQ(vulns[0].name, "Phishing");
}

// --- Risks -------------------------------------------------------------------------------

TEST_P(StoreRisks, RoundTripsEveryFieldAndAssignsRefs) {
  Risk r = make_risk("Ransomware on the mail server");
  r.asset_ids = {assets_[0].id, assets_[1].id};
  std::sort(r.asset_ids.begin(), r.asset_ids.end());
  r.owner_id = bob_.id;
  r.method_number = 2;
  r.inherent = {4, 3, 2, 1, 4};
  r.residual = {2, 1, 1, 0, 2};
  r.inherent_level = 3;
  r.residual_level = 1;
  r.treatment = Treatment::kAccept;
  r.treatment_plan = "Backups, EDR";
  r.control_ids = {"control-a", "control-b"};
  RiskAcceptance a;
  a.accepted_by_person_id = anna_.id;
  a.accepted_by_role = "ceo";
  a.accepted_at = kT2;
  a.expires_on = "2027-01-02";
  a.justification = "Within budget";
  a.level_rank = 1;
  a.method_number = 2;
  r.acceptance = a;
  r.next_review_on = "2026-04-01";
  r.version = 3;
  r.updated_at = kT2;
  Risk plain = make_risk("Second");
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_risk(&r));
    EXPECT_EQ(r.ref, "R-0001");
    ASSERT_OK(tx->insert_risk(&plain));
    EXPECT_EQ(plain.ref, "R-0002");
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(Risk got, tx->get_risk(r.id));
    expect_same_risk(got, r);
    EXPECT_EQ(got.owner_name, "Bob");
    EXPECT_EQ(got.threat_name, "Malware");
    EXPECT_EQ(got.vulnerability_name, "Unpatched software");
    ASSERT_TRUE(got.acceptance.has_value());
    EXPECT_EQ(got.acceptance->accepted_by_name, "anna");
    ASSERT_OK_AND_ASSIGN(Risk got2, tx->get_risk(plain.id));
    expect_same_risk(got2, plain);
    EXPECT_FALSE(got2.owner_name.has_value());
    EXPECT_FALSE(got2.acceptance.has_value());
    EXPECT_CODE(tx->get_risk("nope"), ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(auto ids, tx->existing_risk_ids({"x", plain.id, r.id, plain.id}));
    EXPECT_EQ(ids, (std::vector<std::string>{plain.id, r.id}));
  }

  // Failed inserts name the reference and use up no ref number.
  auto tx = write_tx();
  Risk bad = make_risk("Bad");
  bad.threat_id = "no-such-threat";
  auto failed = tx->insert_risk(&bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(failed.error().field, "threat_id");
  bad = make_risk("Bad");
  bad.owner_id = "no-such-person";
  failed = tx->insert_risk(&bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().field, "owner_id");
  bad = make_risk("Bad");
  bad.asset_ids = {"no-such-asset"};
  failed = tx->insert_risk(&bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().field, "asset_ids");
  Risk dup = plain;
  EXPECT_CODE(tx->insert_risk(&dup), ErrorCode::kConflict);
  Risk third = make_risk("Third");
  ASSERT_OK(tx->insert_risk(&third));
  EXPECT_EQ(third.ref, "R-0003");

  // Update: every field, links replaced; stale versions and unknown ids refused.
  Risk changed = r;
  changed.title = "Ransomware";
  changed.description = "new";
  changed.asset_ids = {assets_[2].id};
  changed.threat_id = threat2_.id;
  changed.owner_id = std::nullopt;
  changed.inherent = {1, 1, 1, 1, 1};
  changed.residual = {1, 0, 0, 1, 0};
  changed.inherent_level = 0;
  changed.residual_level = 0;
  changed.treatment = Treatment::kMitigate;
  changed.control_ids = {"control-c"};
  changed.acceptance = std::nullopt;
  changed.next_review_on = std::nullopt;
  changed.archived_at = kT2;
  changed.archive_reason = "merged";
  changed.version = 4;
  changed.ref = "R-9999";  // ignored: the ref never changes
  EXPECT_CODE(tx->update_risk(changed, 2), ErrorCode::kConflict);
  Risk unknown = changed;
  unknown.id = "nope";
  EXPECT_CODE(tx->update_risk(unknown, 3), ErrorCode::kNotFound);
  Risk bad_update = changed;
  bad_update.vulnerability_id = "no-such-vulnerability";
  failed = tx->update_risk(bad_update, 3);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().field, "vulnerability_id");
  ASSERT_OK(tx->update_risk(changed, 3));
  ASSERT_OK_AND_ASSIGN(Risk got, tx->get_risk(r.id));
  changed.ref = "R-0001";
  expect_same_risk(got, changed);
  EXPECT_EQ(got.threat_name, "Fire");
  EXPECT_FALSE(got.owner_name.has_value());
  // The search index follows the update.
  for (const auto& [term, found] : std::vector<std::pair<std::string, bool>>{
           {"RANSOMWARE", true}, {"mail server", false}, {"r-0001", true}, {"ne", true}}) {
    SCOPED_TRACE(term);
    RiskQuery q;
    q.search = term;
    q.archived = ArchivedFilter::kArchivedOnly;
    ASSERT_OK_AND_ASSIGN(RiskPage page, tx->list_risks(q));
    EXPECT_EQ(page.items.size(), found ? 1u : 0u);
  }
}

TEST_P(StoreRisks, CyclesOneOpenAtATimeReviewsAndSnapshots) {
  Risk r1 = make_risk("First"), r2 = make_risk("Second"), r3 = make_risk("Archived");
  r3.archived_at = kT2;
  RiskCycle c1 = make_cycle("2026 Q1", "2026-01-10");
  c1.attendee_ids = {anna_.id, bob_.id};
  c1.decisions = {{"Buy EDR", bob_.id, "2026-03-01"}, {"Train staff", "", std::nullopt}};
  c1.minutes = "Met in room 1";
  c1.interval_months = 4;
  {
    auto tx = write_tx();
    for (Risk* r : {&r2, &r1, &r3}) ASSERT_OK(tx->insert_risk(r));
    ASSERT_OK(tx->insert_risk_cycle(c1));
    EXPECT_CODE(tx->insert_risk_cycle(make_cycle("Another", "2026-01-11")), ErrorCode::kConflict);
    ASSERT_OK(tx->commit());
  }
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(RiskCycle got, tx->get_risk_cycle(c1.id));
  EXPECT_EQ(got.title, c1.title);
  EXPECT_EQ(got.opened_on, c1.opened_on);
  EXPECT_EQ(got.status, CycleStatus::kOpen);
  EXPECT_FALSE(got.closed_at.has_value());
  EXPECT_EQ(got.attendee_ids, c1.attendee_ids);
  EXPECT_EQ(got.decisions, c1.decisions);
  EXPECT_EQ(got.minutes, c1.minutes);
  EXPECT_EQ(got.interval_months, 4);
  EXPECT_EQ(got.method_number, 1);
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.created_at, kT1);
  EXPECT_EQ(got.reviewed_count, 0);
  EXPECT_EQ(got.risk_count, 2);  // risks not archived
  EXPECT_CODE(tx->get_risk_cycle("nope"), ErrorCode::kNotFound);

  // Reviews: one per (cycle, risk), replaced; listed by ref with names.
  RiskReview review;
  review.cycle_id = c1.id;
  review.risk_id = r1.id;
  review.reviewed_by = anna_.id;
  review.reviewed_at = kT2;
  review.note = "ok";
  review.inherent_level_before = 2;
  review.residual_level_before = 1;
  review.inherent_level_after = 2;
  review.residual_level_after = 1;
  ASSERT_OK(tx->put_risk_review(review));
  RiskReview second = review;
  second.risk_id = r2.id;
  second.outcome = ReviewOutcome::kChanged;
  second.residual_level_after = 0;
  ASSERT_OK(tx->put_risk_review(second));
  review.note = "confirmed again";
  review.reviewed_by = bob_.id;
  ASSERT_OK(tx->put_risk_review(review));
  RiskReview bad = review;
  bad.risk_id = "nope";
  auto refused = tx->put_risk_review(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "risk_id");
  bad = review;
  bad.cycle_id = "nope";
  refused = tx->put_risk_review(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "cycle_id");
  ASSERT_OK_AND_ASSIGN(auto reviews, tx->list_risk_reviews(c1.id));
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[0].risk_id, r2.id);  // R-0001
  EXPECT_EQ(reviews[0].risk_ref, "R-0001");
  EXPECT_EQ(reviews[0].risk_title, "Second");
  EXPECT_EQ(reviews[0].outcome, ReviewOutcome::kChanged);
  EXPECT_EQ(reviews[0].residual_level_after, 0);
  EXPECT_EQ(reviews[1].risk_ref, "R-0002");
  EXPECT_EQ(reviews[1].note, "confirmed again");
  EXPECT_EQ(reviews[1].reviewed_by_name, "Bob");
  EXPECT_EQ(reviews[1].reviewed_at, kT2);
  EXPECT_EQ(reviews[1].inherent_level_before, 2);
  EXPECT_EQ(reviews[1].residual_level_before, 1);
  ASSERT_OK_AND_ASSIGN(got, tx->get_risk_cycle(c1.id));
  EXPECT_EQ(got.reviewed_count, 2);

  // Close: stale versions refused; then the snapshot, written once.
  RiskCycle closed = c1;
  closed.status = CycleStatus::kClosed;
  closed.closed_at = kT2;
  closed.version = 2;
  closed.updated_at = kT2;
  EXPECT_CODE(tx->update_risk_cycle(closed, 5), ErrorCode::kConflict);
  ASSERT_OK(tx->update_risk_cycle(closed, 1));
  ASSERT_OK_AND_ASSIGN(auto live, tx->snapshot_risks());
  ASSERT_EQ(live.size(), 3u);
  ASSERT_OK(tx->insert_cycle_snapshot(c1.id, live));
  EXPECT_CODE(tx->insert_cycle_snapshot(c1.id, live), ErrorCode::kConflict);
  EXPECT_CODE(tx->insert_cycle_snapshot(c1.id, {}), ErrorCode::kConflict);
  EXPECT_CODE(tx->insert_cycle_snapshot("nope", {}), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto frozen, tx->list_cycle_snapshot(c1.id));
  EXPECT_EQ(frozen, live);
  ASSERT_OK_AND_ASSIGN(got, tx->get_risk_cycle(c1.id));
  EXPECT_EQ(got.status, CycleStatus::kClosed);
  EXPECT_EQ(got.closed_at, kT2);
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.risk_count, 2);  // the snapshot's entries not archived

  // The next cycle may open now; an empty snapshot is written once too.
  RiskCycle c2 = make_cycle("2026 Q2", "2026-04-10");
  ASSERT_OK(tx->insert_risk_cycle(c2));
  RiskCycle reopened = closed;
  reopened.status = CycleStatus::kOpen;
  reopened.version = 3;
  EXPECT_CODE(tx->update_risk_cycle(reopened, 2), ErrorCode::kConflict);  // two open
  RiskCycle c0 = make_cycle("2025 Q4", "2025-10-10");
  c0.status = CycleStatus::kClosed;
  ASSERT_OK(tx->insert_risk_cycle(c0));
  ASSERT_OK(tx->insert_cycle_snapshot(c0.id, {}));
  EXPECT_CODE(tx->insert_cycle_snapshot(c0.id, {}), ErrorCode::kConflict);
  ASSERT_OK_AND_ASSIGN(auto empty, tx->list_cycle_snapshot(c0.id));
  EXPECT_TRUE(empty.empty());
  EXPECT_CODE(tx->list_cycle_snapshot("nope"), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto cycles, tx->list_risk_cycles());
  ASSERT_EQ(cycles.size(), 3u);
  EXPECT_EQ(cycles[0].id, c2.id);
  EXPECT_EQ(cycles[1].id, c1.id);
  EXPECT_EQ(cycles[2].id, c0.id);
  EXPECT_EQ(cycles[0].risk_count, 2);
  ASSERT_OK(tx->commit());
}

// --- Migration 6 -------------------------------------------------------------------------

TEST_P(StoreRisks, MigratesVersion5DatabaseWithData) {
  store_.reset();
  if (GetParam() == Engine::kSqlite) {
    std::string path = url_.substr(std::string("sqlite:").size());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  } else {
    auto url = store_testing::create_pg_schema(maintenance_url_, pg_schema_);
    ASSERT_TRUE(url.ok()) << url.error().message;
  }
  store_testing::stop_migrations_after(5);
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  ASSERT_OK_AND_ASSIGN(int v5, store_->schema_version());
  ASSERT_EQ(v5, 5);
  Role builtin = make_role("ciso", "CISO", {"assets:read"});
  builtin.builtin = true;
  Person owner = make_person("Olga", "olga@example.com");
  Asset asset = make_asset("Payroll");
  asset.owner_id = owner.id;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_role(builtin));
    ASSERT_OK(tx->insert_person(owner));
    ASSERT_OK(tx->insert_asset(asset));
    ASSERT_OK(tx->commit());
  }
  store_testing::clear_extra_migrations();
  ASSERT_OK_AND_ASSIGN(MigrationReport report, store_->migrate());
  EXPECT_EQ(report.from_version, 5);
  EXPECT_EQ(report.to_version, Store::latest_schema_version());

  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(Asset a, tx->get_asset(asset.id));
  EXPECT_EQ(a.owner_name, "Olga");
  ASSERT_OK_AND_ASSIGN(Role role, tx->get_role(builtin.id));
  EXPECT_THAT(role.permissions, ::testing::Contains("risks:read"));
  // The new tables work with the migrated rows.
  RiskSource t = make_source(RiskSourceKind::kThreat, "Theft");
  RiskSource v = make_source(RiskSourceKind::kVulnerability, "Open door");
  ASSERT_OK(tx->insert_risk_source(t));
  ASSERT_OK(tx->insert_risk_source(v));
  Risk r;
  r.id = new_id();
  r.title = "Payroll theft";
  r.asset_ids = {asset.id};
  r.threat_id = t.id;
  r.vulnerability_id = v.id;
  r.owner_id = owner.id;
  r.created_at = kT1;
  r.updated_at = kT1;
  ASSERT_OK(tx->insert_risk(&r));
  EXPECT_EQ(r.ref, "R-0001");
  RiskQuery q;
  q.asset_id = asset.id;
  q.sort = RiskSort::kOwnerName;
  ASSERT_OK_AND_ASSIGN(RiskPage page, tx->list_risks(q));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].owner_name, "Olga");
  ASSERT_OK(tx->commit());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreRisks, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         engine_label);

}  // namespace
}  // namespace isms::store_test
