#include "domain/threat.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void check_catalogue(const std::vector<RiskSource>& entries, RiskSourceKind kind,
                     const std::set<std::string>& categories) {
  EXPECT_GE(entries.size(), 28u);
  std::set<std::string> keys, names;
  for (const auto& s : entries) {
    EXPECT_EQ(s.kind, kind);
    EXPECT_TRUE(s.id.empty());
    EXPECT_TRUE(validate_risk_source(s).empty()) << s.key;
    EXPECT_FALSE(s.description.empty()) << s.key;
    EXPECT_FALSE(s.properties.empty()) << s.key;
    EXPECT_TRUE(categories.count(s.category)) << s.key << " " << s.category;
    EXPECT_TRUE(keys.insert(s.key).second) << "duplicate key " << s.key;
    EXPECT_TRUE(names.insert(lower(s.name)).second) << "duplicate name " << s.name;
  }
}

TEST(RiskSourceDefaults, ThirtyOrSoOfEachWithUniqueKeysAndNames) {
  check_catalogue(
      default_threats(), RiskSourceKind::kThreat,
      {"human_deliberate", "human_accidental", "technical", "environmental", "organizational"});
  check_catalogue(default_vulnerabilities(), RiskSourceKind::kVulnerability,
                  {"technical", "organizational", "physical", "human"});
  bool ransomware = false;
  for (const auto& t : default_threats()) ransomware = ransomware || t.key == "ransomware";
  EXPECT_TRUE(ransomware);
}

TEST(RiskSourceJson, DecodesAndRefusesStrictly) {
  auto f = risk_source_fields_from_json(Json::parse(
      R"({"name":"Drone surveillance","category":"human_deliberate",
          "properties":["integrity","confidentiality","integrity"],"version":2})"));
  ASSERT_TRUE(f) << f.error().message;
  RiskSource s;
  apply_risk_source_fields(*f, &s);
  EXPECT_EQ(s.name, "Drone surveillance");
  EXPECT_EQ(s.properties, (std::vector<SecurityProperty>{SecurityProperty::kConfidentiality,
                                                         SecurityProperty::kIntegrity}));
  EXPECT_EQ(f->version, 2);

  auto bad = risk_source_fields_from_json(
      Json::parse(R"({"name":"","key":"x","properties":["secrecy"],"colour":1})"));
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& e : bad.error().details) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "key", "properties", "colour"}));

  Json j = risk_source_to_json(default_threats()[0]);
  EXPECT_EQ(j["kind"], "threat");
  EXPECT_EQ(j["key"], "malware");
  EXPECT_EQ(j["properties"][0], "confidentiality");
  EXPECT_EQ(j["archived"], false);
  EXPECT_EQ(risk_source_kind_name(RiskSourceKind::kVulnerability), "vulnerability");
  EXPECT_EQ(parse_security_property("authenticity"), SecurityProperty::kAuthenticity);
}

}  // namespace
}  // namespace isms
