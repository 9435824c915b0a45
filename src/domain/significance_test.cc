#include "domain/significance.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

std::vector<std::string> codes(const SignificanceResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.criteria_met) out.push_back(c.code);
  return out;
}

SignificanceFacts cloud() {
  SignificanceFacts f;
  f.entity_types = {"cloud_computing_service_provider"};
  return f;
}

TEST(Significance, NothingMetIsNotSignificant) {
  auto r = assess_significance(SignificanceFacts{});
  EXPECT_FALSE(r.significant);
  EXPECT_TRUE(r.criteria_met.empty());
  EXPECT_NE(r.reasoning.find("not significant"), std::string::npos);
  EXPECT_NE(r.reasoning.find("no entity type"), std::string::npos);
}

TEST(Significance, FinancialLossUsesTheLowerOfFiveHundredThousandAndFivePercent) {
  // Turnover unknown: EUR 500 000 applies; "exceeds" means strictly more.
  EXPECT_FALSE(exceeds_financial_threshold(500000, 0));
  EXPECT_TRUE(exceeds_financial_threshold(500001, 0));
  // Turnover EUR 4 000 000: 5 % = 200 000 is lower.
  EXPECT_FALSE(exceeds_financial_threshold(200000, 4000000));
  EXPECT_TRUE(exceeds_financial_threshold(200001, 4000000));
  // Turnover EUR 100 000 000: 5 % = 5 000 000, so EUR 500 000 is lower.
  EXPECT_FALSE(exceeds_financial_threshold(500000, 100000000));
  EXPECT_TRUE(exceeds_financial_threshold(500001, 100000000));
  // Exactly 10 000 000: both thresholds are 500 000.
  EXPECT_FALSE(exceeds_financial_threshold(500000, 10000000));
  EXPECT_TRUE(exceeds_financial_threshold(500001, 10000000));
  EXPECT_FALSE(exceeds_financial_threshold(0, 0));

  SignificanceFacts f;
  f.financial_loss_eur = 200001;
  f.annual_turnover_eur = 4000000;
  auto r = assess_significance(f);
  EXPECT_TRUE(r.significant);
  EXPECT_EQ(codes(r), std::vector<std::string>{"art3_1_a"});
  EXPECT_EQ(r.criteria_met[0].basis, "Implementing Regulation (EU) 2024/2690 Art. 3(1)(a)");
  EXPECT_NE(r.criteria_met[0].text.find("5 % of the annual turnover of EUR 4000000"),
            std::string::npos);
}

TEST(Significance, EachGeneralCriterionAlone) {
  struct Case {
    bool SignificanceFacts::*flag;
    const char* code;
  } cases[] = {
      {&SignificanceFacts::trade_secrets_exfiltrated, "art3_1_b"},
      {&SignificanceFacts::death, "art3_1_c"},
      {&SignificanceFacts::health_damage, "art3_1_d"},
      {&SignificanceFacts::malicious_access_severe_disruption, "art3_1_e"},
  };
  for (const auto& c : cases) {
    SignificanceFacts f;
    f.*(c.flag) = true;
    auto r = assess_significance(f);
    EXPECT_TRUE(r.significant) << c.code;
    EXPECT_EQ(codes(r), std::vector<std::string>{c.code});
  }
}

TEST(Significance, RecurringIncidentsNeedTwoAndCollectiveLoss) {
  SignificanceFacts f;
  f.recurring_count = 1;
  f.recurring_financial_loss_eur = 900000;
  EXPECT_FALSE(assess_significance(f).significant);
  f.recurring_count = 2;
  f.recurring_financial_loss_eur = 500000;
  EXPECT_FALSE(assess_significance(f).significant);
  f.recurring_financial_loss_eur = 500001;
  auto r = assess_significance(f);
  EXPECT_EQ(codes(r), std::vector<std::string>{"art4"});
  EXPECT_EQ(r.criteria_met[0].basis,
            "Implementing Regulation (EU) 2024/2690 Art. 3(1)(f) and Art. 4");
}

TEST(Significance, CloudCompleteUnavailabilityMoreThanThirtyMinutes) {
  auto f = cloud();
  f.complete_unavailability_minutes = 30;
  EXPECT_FALSE(assess_significance(f).significant);
  f.complete_unavailability_minutes = 31;
  EXPECT_EQ(codes(assess_significance(f)), std::vector<std::string>{"art7_1"});
  // Without the entity type the service criteria do not apply.
  f.entity_types.clear();
  EXPECT_FALSE(assess_significance(f).significant);
}

TEST(Significance, UsersThresholdIsTheSmallerOfFivePercentAndOneMillion) {
  // 10 000 users: 5 % = 500.
  EXPECT_FALSE(exceeds_users_threshold(500, 10000));
  EXPECT_TRUE(exceeds_users_threshold(501, 10000));
  // 100 million users: 1 million is smaller than 5 million.
  EXPECT_FALSE(exceeds_users_threshold(1000000, 100000000));
  EXPECT_TRUE(exceeds_users_threshold(1000001, 100000000));
  // Unknown total: only the 1 million applies.
  EXPECT_FALSE(exceeds_users_threshold(1000000, 0));
  EXPECT_TRUE(exceeds_users_threshold(1000001, 0));
  EXPECT_FALSE(exceeds_users_threshold(0, 10));
}

TEST(Significance, CloudLimitedAvailabilityNeedsMoreThanAnHourAndEnoughUsers) {
  auto f = cloud();
  f.service_users_union = 10000;
  f.users_limited_availability = 501;
  f.limited_availability_minutes = 60;
  EXPECT_FALSE(assess_significance(f).significant);
  f.limited_availability_minutes = 61;
  EXPECT_EQ(codes(assess_significance(f)), std::vector<std::string>{"art7_2"});
  f.users_limited_availability = 500;
  EXPECT_FALSE(assess_significance(f).significant);
}

TEST(Significance, CloudDataCompromise) {
  auto f = cloud();
  f.data_compromised_malicious = true;
  EXPECT_EQ(codes(assess_significance(f)), std::vector<std::string>{"art7_3"});
  f.data_compromised_malicious = false;
  f.service_users_union = 2000;
  f.users_data_compromised = 101;
  auto r = assess_significance(f);
  EXPECT_EQ(codes(r), std::vector<std::string>{"art7_4"});
  EXPECT_NE(r.criteria_met[0].text.find("5 % of 2000 users"), std::string::npos);
  f.users_data_compromised = 100;
  EXPECT_FALSE(assess_significance(f).significant);
}

TEST(Significance, ManagedServiceProvidersUseArticleTen) {
  SignificanceFacts f;
  f.entity_types = {"managed_service_provider"};
  f.complete_unavailability_minutes = 45;
  f.data_compromised_malicious = true;
  EXPECT_EQ(codes(assess_significance(f)), (std::vector<std::string>{"art10_1", "art10_3"}));
  // Both types: both articles are cited.
  f.entity_types = {"cloud_computing_service_provider", "managed_security_service_provider"};
  EXPECT_EQ(codes(assess_significance(f)),
            (std::vector<std::string>{"art7_1", "art7_3", "art10_1", "art10_3"}));
}

TEST(Significance, ScheduledMaintenanceDoesNotCountAvailability) {
  auto f = cloud();
  f.scheduled_maintenance = true;
  f.complete_unavailability_minutes = 240;
  auto r = assess_significance(f);
  EXPECT_FALSE(r.significant);
  EXPECT_NE(r.reasoning.find("Art. 3(2)"), std::string::npos);
  // A malicious compromise during maintenance still counts.
  f.data_compromised_malicious = true;
  EXPECT_EQ(codes(assess_significance(f)), std::vector<std::string>{"art7_3"});
}

TEST(Significance, ReasoningNamesEveryCriterion) {
  auto f = cloud();
  f.death = true;
  f.complete_unavailability_minutes = 31;
  auto r = assess_significance(f);
  EXPECT_NE(r.reasoning.find("Art. 3(1)(c)"), std::string::npos);
  EXPECT_NE(r.reasoning.find("Art. 7, point 1"), std::string::npos);
  EXPECT_NE(r.reasoning.find("31 minutes"), std::string::npos);
}

TEST(Significance, FactsJsonIsStrict) {
  auto ok = significance_facts_from_json(
      Json{{"entity_types", {"managed_service_provider", "cloud_computing_service_provider"}},
           {"financial_loss_eur", 10},
           {"death", false}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->entity_types, (std::vector<std::string>{"cloud_computing_service_provider",
                                                        "managed_service_provider"}));
  auto back = significance_facts_from_json(significance_facts_to_json(*ok));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *ok);

  auto bad = significance_facts_from_json(Json{{"death", "yes"},
                                               {"financial_loss_eur", -1},
                                               {"users_data_compromised", 1.5},
                                               {"entity_types", {"bank"}},
                                               {"colour", 1}});
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& e : bad.error().details) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"facts.death", "facts.financial_loss_eur",
                                           "facts.users_data_compromised", "facts.entity_types",
                                           "facts.colour"}));
  EXPECT_FALSE(significance_facts_from_json(Json::array()).ok());
  EXPECT_FALSE(significance_facts_from_json(Json{{"financial_loss_eur", 1000000000000001LL}}).ok());
}

}  // namespace
}  // namespace isms
