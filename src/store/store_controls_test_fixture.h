// Shared fixture of the controls/evidence/SoA store conformance tests (store_controls_test.cc,
// store_evidence_soa_test.cc): builders, field-by-field comparisons, and StoreControls,
// which seeds persons and the catalogue requirements the controls name, on both engines.
#pragma once

#include <string>
#include <vector>

#include "store/control_list.h"
#include "store/store_test_fixture.h"

namespace isms::store_test::controls {

inline constexpr const char* kT1 = "2026-01-01T01:00:00.000000Z";
inline constexpr const char* kT2 = "2026-01-02T02:00:00.000000Z";
inline constexpr const char* kToday = "2026-03-01";

inline Control make_control(const std::string& title,
                            Classification classification = Classification::kInternal) {
  Control c;
  c.id = new_id();
  c.title = title;
  c.description = "How we do " + title;
  c.classification = classification;
  c.created_at = kT1;
  c.updated_at = kT1;
  return c;
}

inline Evidence make_link(const std::string& control_id, const std::string& title,
                          const std::string& valid_from = "2026-01-01",
                          std::optional<std::string> valid_until = std::nullopt,
                          const std::string& created_at = kT1) {
  Evidence e;
  e.id = new_id();
  e.control_id = control_id;
  e.title = title;
  e.kind = EvidenceKind::kLink;
  e.url = "https://example.com/" + title;
  e.valid_from = valid_from;
  e.valid_until = std::move(valid_until);
  e.created_by = "user:u1";
  e.created_at = created_at;
  return e;
}

inline Framework make_framework(const std::string& id) {
  Framework f;
  f.id = id;
  f.name = "Framework " + id;
  f.version = "1";
  f.source = "builtin";
  f.updated_at = kT1;
  return f;
}

inline Requirement make_requirement(const std::string& framework_id, const std::string& ref_id,
                                    int position) {
  Requirement r;
  r.framework_id = framework_id;
  r.ref_id = ref_id;
  r.title = "Title " + ref_id;
  r.kind = "control";
  r.position = position;
  return r;
}

inline void expect_same(const Control& got, const Control& want) {
  SCOPED_TRACE("control " + want.title);
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.ref, want.ref);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.owner_id, want.owner_id);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.classification, want.classification);
  EXPECT_EQ(got.requirement_keys, want.requirement_keys);
  EXPECT_EQ(got.next_check_on, want.next_check_on);
  EXPECT_EQ(got.last_checked_on, want.last_checked_on);
  EXPECT_EQ(got.check_interval_months, want.check_interval_months);
  EXPECT_EQ(got.description_sealed, want.description_sealed);
  EXPECT_EQ(got.archived_at, want.archived_at);
  EXPECT_EQ(got.archive_reason, want.archive_reason);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

inline void expect_same(const Evidence& got, const Evidence& want) {
  SCOPED_TRACE("evidence " + want.title);
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.control_id, want.control_id);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.url, want.url);
  EXPECT_EQ(got.sha256, want.sha256);
  EXPECT_EQ(got.file_name, want.file_name);
  EXPECT_EQ(got.media_type, want.media_type);
  EXPECT_EQ(got.size, want.size);
  EXPECT_EQ(got.valid_from, want.valid_from);
  EXPECT_EQ(got.valid_until, want.valid_until);
  EXPECT_EQ(got.created_by, want.created_by);
  EXPECT_EQ(got.archived_at, want.archived_at);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
}

inline std::vector<std::string> ids_of(const std::vector<Control>& controls) {
  std::vector<std::string> out;
  for (const auto& c : controls) out.push_back(c.id);
  return out;
}

class StoreControls : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }

  // Pages through the whole list with `limit` rows per page; checks the total on each.
  std::vector<Control> all_pages(ControlQuery q, int limit) {
    q.limit = limit;
    q.with_total = true;
    std::vector<Control> out;
    auto tx = read_tx();
    for (int guard = 0; guard < 100; ++guard) {
      auto page = tx->list_controls(q, kToday);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      EXPECT_LE(page->items.size(), static_cast<size_t>(limit));
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (!page->next) {
        EXPECT_EQ(page->total, static_cast<int64_t>(out.size()));
        break;
      }
      q.after = page->next;
    }
    return out;
  }

  // A risk (with its threat and vulnerability) naming `control_ids`.
  Risk add_risk(StoreTx* tx, const std::vector<std::string>& control_ids, bool archived = false) {
    RiskSource threat;
    threat.id = new_id();
    threat.kind = RiskSourceKind::kThreat;
    threat.name = "Threat " + threat.id;
    threat.created_at = threat.updated_at = kT1;
    RiskSource vulnerability = threat;
    vulnerability.id = new_id();
    vulnerability.kind = RiskSourceKind::kVulnerability;
    vulnerability.name = "Vulnerability " + vulnerability.id;
    EXPECT_OK(tx->insert_risk_source(threat));
    EXPECT_OK(tx->insert_risk_source(vulnerability));
    Risk r;
    r.id = new_id();
    r.title = "Risk " + r.id;
    r.threat_id = threat.id;
    r.vulnerability_id = vulnerability.id;
    r.control_ids = control_ids;
    std::sort(r.control_ids.begin(), r.control_ids.end());
    if (archived) r.archived_at = kT2;
    r.created_at = r.updated_at = kT1;
    EXPECT_OK(tx->insert_risk(&r));
    return r;
  }
};

}  // namespace isms::store_test::controls
