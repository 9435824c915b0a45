// Store conformance suite: evidence with content-addressed files, the controls behind
// requirements, the Statement of Applicability and its approved versions, sealed values
// for key rotation, and migration 7 over a version 5 database with data, on both engines
// (StoreControls, instantiated in store_controls_test.cc).
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

// --- Evidence ---------------------------------------------------------------------------

TEST_P(StoreControls, EvidenceBlobsAreContentAddressed) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary.push_back(static_cast<char>(i));
  binary += std::string(3, '\0') + "%PDF-1.7\r\n";
  std::string sha = sha256_hex(binary);
  EvidenceBlob plain{sha, false, "application/pdf", static_cast<int64_t>(binary.size()), binary};
  EvidenceBlob sealed{sha, true, "application/pdf", static_cast<int64_t>(binary.size()),
                      "v1.abcd1234.c2VhbGVkLWJ5dGVz"};
  {
    auto tx = write_tx();
    ASSERT_OK(tx->put_evidence_blob(plain));
    ASSERT_OK(tx->put_evidence_blob(sealed));
    // The same key again does nothing, even with other content.
    EvidenceBlob other = plain;
    other.media_type = "text/plain";
    other.content = "different";
    ASSERT_OK(tx->put_evidence_blob(other));
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(EvidenceBlob got, tx->get_evidence_blob(sha, false));
  EXPECT_EQ(got.sha256, sha);
  EXPECT_FALSE(got.sealed);
  EXPECT_EQ(got.media_type, "application/pdf");
  EXPECT_EQ(got.size, static_cast<int64_t>(binary.size()));
  EXPECT_EQ(got.content, binary);
  ASSERT_OK_AND_ASSIGN(got, tx->get_evidence_blob(sha, true));
  EXPECT_TRUE(got.sealed);
  EXPECT_EQ(got.content, sealed.content);
  EXPECT_CODE(tx->get_evidence_blob(sha256_hex("other"), false), ErrorCode::kNotFound);
  // A larger file (1 MiB, every byte value) survives both engines unchanged.
  std::string big(1 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7 + i / 256) & 0xff);
  auto wtx = write_tx();
  EvidenceBlob large{sha256_hex(big), false, "application/zip", static_cast<int64_t>(big.size()),
                     big};
  ASSERT_OK(wtx->put_evidence_blob(large));
  ASSERT_OK_AND_ASSIGN(got, wtx->get_evidence_blob(large.sha256, false));
  EXPECT_TRUE(got.content == big);
  EXPECT_CODE(wtx->get_evidence_blob(large.sha256, true), ErrorCode::kNotFound);
  ASSERT_OK(wtx->commit());
}

TEST_P(StoreControls, EvidenceRoundTripsCountsAndValidity) {
  Control c = make_control("Backups");
  Control other = make_control("Other");
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_control(&c));
    ASSERT_OK(tx->insert_control(&other));
    ASSERT_OK(tx->commit());
  }
  Evidence file;
  file.id = new_id();
  file.control_id = c.id;
  file.title = "Restore test report";
  file.description = "Quarterly restore, all green";
  file.kind = EvidenceKind::kFile;
  file.sha256 = sha256_hex("report");
  file.file_name = "restore-2026-Q1.pdf";
  file.media_type = "application/pdf";
  file.size = 12345;
  file.valid_from = "2026-01-15";
  file.valid_until = "2026-12-31";
  file.created_by = "user:u1";
  file.version = 3;
  file.created_at = kT2;
  Evidence open_ended = make_link(c.id, "wiki", "2025-01-01", std::nullopt, kT1);
  Evidence expired = make_link(c.id, "old", "2025-01-01", "2026-02-28", kT1);
  Evidence future = make_link(c.id, "next", "2026-03-02", std::nullopt, kT1);
  Evidence edge = make_link(c.id, "edge", kToday, std::string(kToday), kT1);  // valid today
  Evidence gone = make_link(c.id, "gone", "2025-01-01", std::nullopt, kT1);
  gone.archived_at = kT2;
  {
    auto tx = write_tx();
    for (const Evidence* e : {&file, &open_ended, &expired, &future, &edge, &gone}) {
      ASSERT_OK(tx->insert_evidence(*e));
    }
    EXPECT_CODE(tx->insert_evidence(file), ErrorCode::kConflict);
    Evidence stray = make_link("no-such-control", "stray");
    auto refused = tx->insert_evidence(stray);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(refused.error().field, "control_id");
    ASSERT_OK(tx->commit());
  }
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(Evidence got, tx->get_evidence(file.id));
  expect_same(got, file);
  EXPECT_CODE(tx->get_evidence("nope"), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(Control control, tx->get_control(c.id, kToday));
  EXPECT_EQ(control.evidence_count, 5);        // not archived
  EXPECT_EQ(control.valid_evidence_count, 3);  // file, open_ended, edge
  ASSERT_OK_AND_ASSIGN(control, tx->get_control(c.id, "2027-01-01"));
  EXPECT_EQ(control.valid_evidence_count, 2);  // open_ended, future (file and edge expired)
  ControlQuery q;
  ASSERT_OK_AND_ASSIGN(ControlPage page, tx->list_controls(q, kToday));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, c.id);
  EXPECT_EQ(page.items[0].evidence_count, 5);
  EXPECT_EQ(page.items[0].valid_evidence_count, 3);
  EXPECT_EQ(page.items[1].evidence_count, 0);

  // Newest first; archived only when asked.
  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_evidence(c.id, false));
  ASSERT_EQ(listed.size(), 5u);
  EXPECT_EQ(listed.front().id, file.id);  // kT2
  for (const auto& e : listed) EXPECT_NE(e.id, gone.id);
  ASSERT_OK_AND_ASSIGN(listed, tx->list_evidence(c.id, true));
  EXPECT_EQ(listed.size(), 6u);
  ASSERT_OK_AND_ASSIGN(listed, tx->list_evidence(other.id, true));
  EXPECT_TRUE(listed.empty());

  // update_evidence writes only its fields, under the version.
  Evidence changed = file;
  changed.title = "Restore test report (final)";
  changed.description = "";
  changed.valid_from = "2026-01-01";
  changed.valid_until = std::nullopt;
  changed.archived_at = kT2;
  changed.version = 4;
  changed.url = "https://ignored.example";
  changed.sha256 = "ignored";
  changed.size = 1;
  EXPECT_CODE(tx->update_evidence(changed, 2), ErrorCode::kConflict);
  ASSERT_OK(tx->update_evidence(changed, 3));
  ASSERT_OK_AND_ASSIGN(got, tx->get_evidence(file.id));
  Evidence want = file;
  want.title = changed.title;
  want.description = "";
  want.valid_from = "2026-01-01";
  want.valid_until = std::nullopt;
  want.archived_at = kT2;
  want.version = 4;
  expect_same(got, want);
  Evidence missing = make_link(c.id, "missing");
  EXPECT_CODE(tx->update_evidence(missing, 1), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(control, tx->get_control(c.id, kToday));
  EXPECT_EQ(control.evidence_count, 4);
  EXPECT_EQ(control.valid_evidence_count, 2);
  ASSERT_OK(tx->commit());
}

// --- Requirements and risks -------------------------------------------------------------

TEST_P(StoreControls, RequirementControlsAndRiskLinks) {
  Control a = make_control("A");
  a.status = ControlStatus::kImplemented;
  a.requirement_keys = {"iso27001-2022:A.5.1", "nis2-2024-2690:1.1"};
  Control b = make_control("B", Classification::kConfidential);
  b.requirement_keys = {"iso27001-2022:A.5.1"};
  Control archived = make_control("Archived");
  archived.requirement_keys = {"iso27001-2022:A.5.1"};
  archived.archived_at = kT2;
  Control none = make_control("None");
  std::vector<Risk> risks;
  {
    auto tx = write_tx();
    for (Control* c : {&a, &b, &archived, &none}) ASSERT_OK(tx->insert_control(c));
    ASSERT_OK(tx->insert_evidence(make_link(a.id, "valid")));
    ASSERT_OK(tx->insert_evidence(make_link(a.id, "expired", "2025-01-01", "2025-12-31")));
    risks.push_back(add_risk(tx.get(), {a.id, b.id}));
    risks.push_back(add_risk(tx.get(), {a.id}));
    risks.push_back(add_risk(tx.get(), {a.id, archived.id}, /*archived=*/true));
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto all, tx->requirement_controls("", kToday));
  ASSERT_EQ(all.size(), 3u);  // archived control left out
  EXPECT_EQ(all[0].requirement_key, "iso27001-2022:A.5.1");
  EXPECT_EQ(all[0].control_id, a.id);
  EXPECT_EQ(all[0].control_ref, a.ref);
  EXPECT_EQ(all[0].status, ControlStatus::kImplemented);
  EXPECT_EQ(all[0].evidence_count, 2);
  EXPECT_EQ(all[0].valid_evidence_count, 1);
  std::vector<std::string> a_risks = {risks[0].id, risks[1].id};  // not the archived risk
  std::sort(a_risks.begin(), a_risks.end());
  EXPECT_EQ(all[0].risk_ids, a_risks);
  EXPECT_EQ(all[1].requirement_key, "iso27001-2022:A.5.1");
  EXPECT_EQ(all[1].control_id, b.id);  // confidential ones too: the SoA counts them
  EXPECT_EQ(all[1].risk_ids, std::vector<std::string>{risks[0].id});
  EXPECT_EQ(all[1].evidence_count, 0);
  EXPECT_EQ(all[2].requirement_key, "nis2-2024-2690:1.1");
  EXPECT_EQ(all[2].control_id, a.id);
  ASSERT_OK_AND_ASSIGN(auto nis, tx->requirement_controls("nis2-2024-2690", kToday));
  ASSERT_EQ(nis.size(), 1u);
  EXPECT_EQ(nis[0].control_id, a.id);
  ASSERT_OK_AND_ASSIGN(auto unknown, tx->requirement_controls("other", kToday));
  EXPECT_TRUE(unknown.empty());

  ASSERT_OK_AND_ASSIGN(Control got, tx->get_control(a.id, kToday));
  EXPECT_EQ(got.risk_ids, a_risks);
  ASSERT_OK_AND_ASSIGN(got, tx->get_control(archived.id, kToday));
  EXPECT_TRUE(got.risk_ids.empty());  // its only risk is archived
  ControlQuery q;
  q.include_confidential = true;
  q.risk_id = risks[0].id;
  q.with_total = true;
  ASSERT_OK_AND_ASSIGN(ControlPage page, tx->list_controls(q, kToday));
  EXPECT_EQ(ids_of(page.items), (std::vector<std::string>{a.id, b.id}));
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(page.items[0].risk_ids, a_risks);
  q.include_confidential = false;  // b is confidential
  ASSERT_OK_AND_ASSIGN(page, tx->list_controls(q, kToday));
  EXPECT_EQ(ids_of(page.items), std::vector<std::string>{a.id});
  EXPECT_EQ(page.total, 1);
}

// --- Statement of Applicability ---------------------------------------------------------

Applicability make_line(const std::string& framework_id, const std::string& ref_id) {
  Applicability a;
  a.framework_id = framework_id;
  a.ref_id = ref_id;
  a.applicable = Applicable::kYes;
  a.reasons = {InclusionReason::kRiskTreatment, InclusionReason::kLegal};
  a.justification = "Needed – \"really\"";
  a.implementation = ImplementationStatus::kPartial;
  a.updated_by = "user:ciso";
  a.updated_at = kT1;
  a.version = 1;
  return a;
}

TEST_P(StoreControls, SoaLinesInsertUpdateAndStaleConflicts) {
  {
    auto tx = write_tx();
    ASSERT_OK(tx->upsert_framework(make_framework("iso27001-2022")));
    ASSERT_OK(tx->upsert_requirements({make_requirement("iso27001-2022", "A.5.10", 10),
                                       make_requirement("iso27001-2022", "A.5.2", 2),
                                       make_requirement("iso27001-2022", "A.5.1", 1)}));
    ASSERT_OK(tx->commit());
  }
  Applicability l10 = make_line("iso27001-2022", "A.5.10");
  Applicability l1 = make_line("iso27001-2022", "A.5.1");
  l1.applicable = Applicable::kNo;
  l1.reasons = {};
  l1.implementation = ImplementationStatus::kNotStarted;
  Applicability gone = make_line("iso27001-2022", "A.9.9");  // not in the catalogue
  Applicability nis = make_line("nis2-2024-2690", "1.1");
  auto tx = write_tx();
  for (const auto* l : {&l10, &l1, &gone, &nis}) ASSERT_OK(tx->put_applicability(*l, 0));
  EXPECT_CODE(tx->put_applicability(l1, 0), ErrorCode::kConflict);  // exists
  ASSERT_OK_AND_ASSIGN(auto lines, tx->list_applicability("iso27001-2022"));
  ASSERT_EQ(lines.size(), 3u);
  // Catalogue position order (A.5.1 at 1, A.5.10 at 10), then lines of deleted ones.
  EXPECT_EQ(lines[0].ref_id, "A.5.1");
  EXPECT_EQ(lines[0].title, "Title A.5.1");
  EXPECT_EQ(lines[1].ref_id, "A.5.10");
  EXPECT_EQ(lines[2].ref_id, "A.9.9");
  EXPECT_EQ(lines[2].title, "");
  Applicability want = l10;
  want.title = "Title A.5.10";
  EXPECT_EQ(lines[1], want);
  want = l1;
  want.title = "Title A.5.1";
  EXPECT_EQ(lines[0], want);

  Applicability changed = l10;
  changed.applicable = Applicable::kUndecided;
  changed.reasons = {InclusionReason::kBusinessNeed, InclusionReason::kContractual};
  changed.justification = "";
  changed.implementation = ImplementationStatus::kImplemented;
  changed.updated_by = "user:other";
  changed.updated_at = kT2;
  changed.version = 2;
  EXPECT_CODE(tx->put_applicability(changed, 2), ErrorCode::kConflict);  // stale
  ASSERT_OK(tx->put_applicability(changed, 1));
  EXPECT_CODE(tx->put_applicability(changed, 1), ErrorCode::kConflict);
  EXPECT_CODE(tx->put_applicability(make_line("iso27001-2022", "A.5.2"), 1), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(lines, tx->list_applicability("iso27001-2022"));
  ASSERT_EQ(lines.size(), 3u);
  changed.title = "Title A.5.10";
  EXPECT_EQ(lines[1], changed);
  ASSERT_OK_AND_ASSIGN(lines, tx->list_applicability("nis2-2024-2690"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].title, "");
  ASSERT_OK(tx->commit());
}

TEST_P(StoreControls, SoaVersionsAreFrozenWithTheirLines) {
  Person ciso = make_person("Cecilia CISO", "ciso@example.com");
  Soa first;
  first.id = new_id();
  first.number = 1;
  first.framework_ids = {"iso27001-2022", "nis2-2024-2690"};
  first.approved_by_person_id = ciso.id;
  first.approved_at = kT1;
  first.note = "Initial SoA";
  Applicability l1 = make_line("iso27001-2022", "A.5.1");
  l1.title = "Policies";
  l1.control_ids = {"c2", "c1"};
  l1.control_refs = {"C-0002", "C-0001"};
  l1.risk_ids = {"r1"};
  l1.evidence_count = 4;
  l1.valid_evidence_count = 3;
  l1.implementation = ImplementationStatus::kImplemented;
  Applicability l2 = make_line("iso27001-2022", "A.5.2");
  l2.applicable = Applicable::kNo;
  l2.reasons = {};
  l2.implementation = ImplementationStatus::kNotStarted;
  Applicability l3 = make_line("nis2-2024-2690", "1.1");
  l3.applicable = Applicable::kUndecided;
  l3.version = 0;
  first.lines = {l1, l2, l3};
  Soa second = first;
  second.id = new_id();
  second.number = 2;
  second.approved_at = kT2;
  second.note = "";
  second.approved_by_person_id = "someone-unknown";
  second.lines = {l1};
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(ciso));
    ASSERT_OK(tx->insert_soa(first));
    ASSERT_OK(tx->insert_soa(second));
    Soa dup = second;
    dup.id = new_id();
    EXPECT_CODE(tx->insert_soa(dup), ErrorCode::kConflict);  // number 2 again
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(Soa got, tx->get_soa(first.id));
  EXPECT_EQ(got.id, first.id);
  EXPECT_EQ(got.number, 1);
  EXPECT_EQ(got.framework_ids, first.framework_ids);
  EXPECT_EQ(got.approved_by_person_id, ciso.id);
  EXPECT_EQ(got.approved_by_name, "Cecilia CISO");
  EXPECT_EQ(got.approved_at, kT1);
  EXPECT_EQ(got.note, "Initial SoA");
  ASSERT_EQ(got.lines.size(), 3u);
  EXPECT_EQ(got.lines[0], l1);  // derived fields frozen as given, lists in their order
  EXPECT_EQ(got.lines[1], l2);
  EXPECT_EQ(got.lines[2], l3);
  EXPECT_EQ(got.totals.lines, 3);
  EXPECT_EQ(got.totals.applicable, 1);
  EXPECT_EQ(got.totals.not_applicable, 1);
  EXPECT_EQ(got.totals.undecided, 1);
  EXPECT_CODE(tx->get_soa("nope"), ErrorCode::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_soas());
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second.id);  // newest first
  EXPECT_EQ(listed[0].approved_by_name, "");
  EXPECT_TRUE(listed[0].lines.empty());
  EXPECT_EQ(listed[0].totals.lines, 1);
  EXPECT_EQ(listed[1].id, first.id);
  EXPECT_TRUE(listed[1].lines.empty());
  EXPECT_EQ(listed[1].totals.lines, 3);
  EXPECT_EQ(listed[1].totals.applicable, soa_totals(first.lines).applicable);
}

// --- Key rotation -----------------------------------------------------------------------

TEST_P(StoreControls, SealedValuesIncludeControlsAndSealedEvidenceFiles) {
  Asset asset = make_asset("Vault");
  asset.description = "";
  asset.description_sealed = "v1.k.asset";
  Control sealed1 = make_control("S1", Classification::kConfidential);
  sealed1.description = "";
  sealed1.description_sealed = "v1.k.control1";
  Control sealed2 = sealed1;
  sealed2.id = new_id();
  sealed2.description_sealed = "v1.k.control2";
  Control plain = make_control("Plain");
  EvidenceBlob blob_a{sha256_hex("a"), true, "text/plain", 1, "v1.k.blob-a"};
  EvidenceBlob blob_b{sha256_hex("b"), true, "text/plain", 1, "v1.k.blob-b"};
  EvidenceBlob blob_plain{sha256_hex("c"), false, "text/plain", 1, "c"};
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_asset(asset));
    for (Control* c : {&sealed1, &sealed2, &plain}) ASSERT_OK(tx->insert_control(c));
    for (const auto* b : {&blob_a, &blob_b, &blob_plain}) ASSERT_OK(tx->put_evidence_blob(*b));
    ASSERT_OK(tx->commit());
  }
  std::vector<std::pair<std::string, std::string>> controls = {
      {sealed1.id, sealed1.description_sealed}, {sealed2.id, sealed2.description_sealed}};
  std::sort(controls.begin(), controls.end());
  std::vector<std::pair<std::string, std::string>> blobs = {{blob_a.sha256, blob_a.content},
                                                            {blob_b.sha256, blob_b.content}};
  std::sort(blobs.begin(), blobs.end());
  std::vector<SealedValue> want = {
      {"assets", "description_sealed", asset.id, asset.description_sealed},
      {"controls", "description_sealed", controls[0].first, controls[0].second},
      {"controls", "description_sealed", controls[1].first, controls[1].second},
      {"evidence_blobs", "content", blobs[0].first, blobs[0].second},
      {"evidence_blobs", "content", blobs[1].first, blobs[1].second},
  };
  auto tx = write_tx();
  // Walk in pages of 2: the (table, column, row_id) order carries across tables.
  std::vector<SealedValue> walked;
  std::optional<SealedValue> after;
  for (int guard = 0; guard < 10; ++guard) {
    ASSERT_OK_AND_ASSIGN(auto page, tx->list_sealed_values(after, 2));
    walked.insert(walked.end(), page.begin(), page.end());
    if (page.size() < 2) break;
    after = page.back();
  }
  ASSERT_EQ(walked.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(walked[i].table, want[i].table);
    EXPECT_EQ(walked[i].column, want[i].column);
    EXPECT_EQ(walked[i].row_id, want[i].row_id);
    EXPECT_EQ(walked[i].sealed, want[i].sealed);
  }
  // Rewriting in place.
  ASSERT_OK(tx->update_sealed_value({"controls", "description_sealed", sealed1.id, "v2.k.new"}));
  ASSERT_OK(tx->update_sealed_value({"evidence_blobs", "content", blob_a.sha256, "v2.k.blob"}));
  EXPECT_CODE(tx->update_sealed_value({"evidence_blobs", "content", blob_plain.sha256, "v2.x"}),
              ErrorCode::kNotFound);  // a plain file holds no sealed value
  EXPECT_CODE(tx->update_sealed_value({"controls", "description_sealed", "nope", "v2.x"}),
              ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(Control got, tx->get_control(sealed1.id, kToday));
  EXPECT_EQ(got.description_sealed, "v2.k.new");
  EXPECT_EQ(got.version, 1);  // rotation is not an edit
  ASSERT_OK_AND_ASSIGN(EvidenceBlob blob, tx->get_evidence_blob(blob_a.sha256, true));
  EXPECT_EQ(blob.content, "v2.k.blob");
  ASSERT_OK_AND_ASSIGN(blob, tx->get_evidence_blob(blob_plain.sha256, false));
  EXPECT_EQ(blob.content, "c");
  ASSERT_OK(tx->commit());
}

// --- Migration 7 ------------------------------------------------------------------------

TEST_P(StoreControls, MigratesVersion5DatabaseWithData) {
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
  Person anna = make_person("Anna", "anna@example.com");
  Asset asset = make_asset("Mail server");
  asset.owner_id = anna.id;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_asset(asset));
    ASSERT_OK(tx->upsert_framework(make_framework("iso27001-2022")));
    ASSERT_OK(tx->upsert_requirements({make_requirement("iso27001-2022", "A.5.1", 1)}));
    ASSERT_OK(tx->commit());
  }
  store_testing::clear_extra_migrations();
  ASSERT_OK_AND_ASSIGN(MigrationReport report, store_->migrate());
  EXPECT_EQ(report.from_version, 5);
  EXPECT_EQ(report.to_version, Store::latest_schema_version());
  EXPECT_EQ(report.to_version, 8);

  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(Asset a, tx->get_asset(asset.id));
  EXPECT_EQ(a.owner_name, "Anna");
  Control c = make_control("Policies");
  c.owner_id = anna.id;
  c.requirement_keys = {"iso27001-2022:A.5.1"};
  ASSERT_OK(tx->insert_control(&c));
  EXPECT_EQ(c.ref, "C-0001");
  ASSERT_OK(tx->put_applicability(make_line("iso27001-2022", "A.5.1"), 0));
  ASSERT_OK_AND_ASSIGN(auto lines, tx->list_applicability("iso27001-2022"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].title, "Title A.5.1");
  ASSERT_OK_AND_ASSIGN(auto rcs, tx->requirement_controls("iso27001-2022", kToday));
  ASSERT_EQ(rcs.size(), 1u);
  EXPECT_EQ(rcs[0].control_ref, "C-0001");
  ControlQuery q;
  q.sort = ControlSort::kOwnerName;
  ASSERT_OK_AND_ASSIGN(ControlPage page, tx->list_controls(q, kToday));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].owner_name, "Anna");
  ASSERT_OK(tx->commit());
}

// Benchmark (disabled; --gtest_also_run_disabled_tests): requirement_controls over 5,000
// controls naming 3 requirements each, with 2 evidence items each and 1,000 risks.
TEST_P(StoreControls, DISABLED_RequirementControlsPerf) {
  constexpr int kControls = 5000;
  {
    auto tx = write_tx();
    std::vector<std::string> ids;
    for (int i = 0; i < kControls; ++i) {
      Control c = make_control("Control " + std::to_string(i));
      c.requirement_keys = {"iso27001-2022:A.5." + std::to_string(i % 37),
                            "iso27001-2022:A.8." + std::to_string(i % 34),
                            "nis2-2024-2690:" + std::to_string(i % 13) + ".1"};
      std::sort(c.requirement_keys.begin(), c.requirement_keys.end());
      ASSERT_OK(tx->insert_control(&c));
      ASSERT_OK(tx->insert_evidence(make_link(c.id, "a")));
      ASSERT_OK(tx->insert_evidence(make_link(c.id, "b", "2025-01-01", "2025-12-31")));
      ids.push_back(c.id);
    }
    for (int i = 0; i < 1000; ++i) add_risk(tx.get(), {ids[static_cast<size_t>(i * 5)]});
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  for (const char* framework : {"", "iso27001-2022"}) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu = std::clock();
    ASSERT_OK_AND_ASSIGN(auto rows, tx->requirement_controls(framework, kToday));
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    EXPECT_EQ(rows.size(), framework[0] ? 2u * kControls : 3u * kControls);
    std::cout << engine() << " requirement_controls('" << framework << "'): " << rows.size()
              << " rows in " << ms.count() << " ms (" << cpu_ms << " ms CPU in this process)\n";
  }
  ControlQuery q;
  q.limit = 500;
  q.with_total = true;
  auto start = std::chrono::steady_clock::now();
  ASSERT_OK_AND_ASSIGN(ControlPage page, tx->list_controls(q, kToday));
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  EXPECT_EQ(page.items.size(), 500u);
  std::cout << engine() << " list_controls(500 of " << *page.total << "): " << ms.count()
            << " ms\n";
}

}  // namespace
}  // namespace isms::store_test
