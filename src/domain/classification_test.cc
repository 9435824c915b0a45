#include "domain/classification.h"

#include <gtest/gtest.h>

namespace isms {
namespace {

TEST(Classification, ParsesAndNamesRoundTrip) {
  for (auto name : {"public", "internal", "confidential", "customer_data"}) {
    auto c = parse_classification(name);
    ASSERT_TRUE(c.has_value()) << name;
    EXPECT_EQ(classification_name(*c), name);
  }
  EXPECT_FALSE(parse_classification("secret").has_value());
  EXPECT_FALSE(parse_classification("").has_value());
  EXPECT_FALSE(parse_classification("Public").has_value());
}

TEST(Classification, RaisingNeedsNothing) {
  EXPECT_TRUE(check_reclassification(Classification::kPublic, Classification::kCustomerData, ""));
  EXPECT_TRUE(check_reclassification(Classification::kInternal, Classification::kInternal, ""));
}

TEST(Classification, CustomerDataIsNeverLowered) {
  auto s = check_reclassification(Classification::kCustomerData, Classification::kConfidential,
                                  "we really mean it");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(s.error().field, "classification");
  EXPECT_NE(s.error().message.find("customer_data_never_downgraded"), std::string::npos);
}

TEST(Classification, LoweringNeedsAJustification) {
  auto s = check_reclassification(Classification::kConfidential, Classification::kPublic, "  \n");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "justification");
  EXPECT_TRUE(check_reclassification(Classification::kConfidential, Classification::kPublic,
                                     "published in the annual report"));
}

}  // namespace
}  // namespace isms
