// Shared fixture of the risk register's store conformance tests (store_risks_test.cc,
// store_risk_lists_test.cc): builders of methods, sources, risks and cycles, field-by-field
// comparisons, and StoreRisks, which seeds persons, assets and sources on both engines.
#pragma once

#include <string>
#include <vector>

#include "store/store_test_fixture.h"
#include "store/text.h"

namespace isms::store_test::risks {

inline constexpr const char* kT1 = "2026-01-01T01:00:00.000000Z";
inline constexpr const char* kT2 = "2026-01-02T02:00:00.000000Z";

inline RiskMethod make_method(int64_t number) {
  RiskMethod m;
  m.number = number;
  m.name = "Method " + std::to_string(number);
  for (int i = 1; i <= 3 + static_cast<int>(number % 2); ++i) {
    m.likelihood.push_back({i, "L" + std::to_string(i), "likelihood \"" + std::to_string(i)});
  }
  for (int i = 1; i <= 4; ++i) {
    m.impact.push_back({i, "I" + std::to_string(i), "impact ü " + std::to_string(i)});
  }
  m.levels = {{0, "low", "Low", "#00ff00"}, {1, "high", "High", "#ff0000"}};
  for (size_t l = 0; l < m.likelihood.size(); ++l) {
    std::vector<int> row;
    for (size_t i = 0; i < m.impact.size(); ++i) row.push_back(l + i >= 4 ? 1 : 0);
    m.grid.push_back(row);
  }
  m.appetite_rank = 0;
  m.acceptance_role_key = "ceo";
  m.acceptance_validity_months = 6 + static_cast<int>(number);
  m.change_note = number == 1 ? "" : "scales changed";
  m.created_by = "user:u1";
  m.created_at = kT1;
  return m;
}

inline RiskSource make_source(RiskSourceKind kind, const std::string& name) {
  RiskSource s;
  s.id = new_id();
  s.kind = kind;
  s.name = name;
  s.category = "technical";
  s.description = "about " + name;
  s.created_at = kT1;
  s.updated_at = kT1;
  return s;
}

inline void expect_same_source(const RiskSource& got, const RiskSource& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.key, want.key);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.category, want.category);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.properties, want.properties);
  EXPECT_EQ(got.archived_at, want.archived_at);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

// Every stored field (joined names excluded: compared separately).
inline void expect_same_risk(const Risk& got, const Risk& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.ref, want.ref);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.asset_ids, want.asset_ids);
  EXPECT_EQ(got.threat_id, want.threat_id);
  EXPECT_EQ(got.vulnerability_id, want.vulnerability_id);
  EXPECT_EQ(got.owner_id, want.owner_id);
  EXPECT_EQ(got.method_number, want.method_number);
  EXPECT_EQ(got.inherent, want.inherent);
  EXPECT_EQ(got.residual, want.residual);
  EXPECT_EQ(got.inherent_level, want.inherent_level);
  EXPECT_EQ(got.residual_level, want.residual_level);
  EXPECT_EQ(got.treatment, want.treatment);
  EXPECT_EQ(got.treatment_plan, want.treatment_plan);
  EXPECT_EQ(got.control_ids, want.control_ids);
  ASSERT_EQ(got.acceptance.has_value(), want.acceptance.has_value());
  if (want.acceptance) {
    RiskAcceptance a = *got.acceptance;
    a.accepted_by_name = want.acceptance->accepted_by_name;
    EXPECT_EQ(a, *want.acceptance);
  }
  EXPECT_EQ(got.next_review_on, want.next_review_on);
  EXPECT_EQ(got.archived_at, want.archived_at);
  EXPECT_EQ(got.archive_reason, want.archive_reason);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

inline RiskCycle make_cycle(const std::string& title, const std::string& opened_on) {
  RiskCycle c;
  c.id = new_id();
  c.title = title;
  c.opened_on = opened_on;
  c.created_at = kT1;
  c.updated_at = kT1;
  return c;
}

class StoreRisks : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
    ASSERT_NO_FATAL_FAILURE(add_fixtures());
  }

  void add_fixtures() {
    anna_ = make_person("anna", "anna@example.com");
    bob_ = make_person("Bob", "bob@example.com");
    carl_ = make_person("Álvaro", "alvaro@example.com");
    for (const char* name : {"Mail server", "Web shop", "HR files"}) {
      assets_.push_back(make_asset(name));
    }
    threat_ = make_source(RiskSourceKind::kThreat, "Malware");
    threat2_ = make_source(RiskSourceKind::kThreat, "Fire");
    vuln_ = make_source(RiskSourceKind::kVulnerability, "Unpatched software");
    vuln2_ = make_source(RiskSourceKind::kVulnerability, "Weak passwords");
    auto tx = write_tx();
    for (const auto* p : {&anna_, &bob_, &carl_}) ASSERT_OK(tx->insert_person(*p));
    for (const auto& a : assets_) ASSERT_OK(tx->insert_asset(a));
    for (const auto* s : {&threat_, &threat2_, &vuln_, &vuln2_})
      ASSERT_OK(tx->insert_risk_source(*s));
    ASSERT_OK(tx->commit());
  }

  Risk make_risk(const std::string& title) {
    Risk r;
    r.id = new_id();
    r.title = title;
    r.description = "description of " + title;
    r.asset_ids = {assets_[0].id};
    r.threat_id = threat_.id;
    r.vulnerability_id = vuln_.id;
    r.inherent = {3, 2, 0, 4, 0};
    r.residual = {2, 1, 0, 2, 0};
    r.inherent_level = 2;
    r.residual_level = 1;
    r.created_at = kT1;
    r.updated_at = kT1;
    return r;
  }

  Person anna_, bob_, carl_;
  std::vector<Asset> assets_;
  RiskSource threat_, threat2_, vuln_, vuln2_;
};

}  // namespace isms::store_test::risks
