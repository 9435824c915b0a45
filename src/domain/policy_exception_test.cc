#include "domain/policy_exception.h"

#include <gtest/gtest.h>

namespace isms {
namespace {

PolicyException approved(const std::string& expires_on) {
  PolicyException e;
  e.status = ExceptionStatus::kApproved;
  e.title = "Legacy VPN without MFA";
  e.reason = "Vendor appliance cannot do MFA";
  e.scope.section = "5.2 Remote access";
  e.expires_on = expires_on;
  return e;
}

bool has_field(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(PolicyExceptionTransitions, OnlyRequestedOnesAreDecidedChangedOrWithdrawn) {
  for (auto a : {ExceptionAction::kUpdate, ExceptionAction::kApprove, ExceptionAction::kReject,
                 ExceptionAction::kWithdraw}) {
    EXPECT_TRUE(check_exception_transition(ExceptionStatus::kRequested, a).ok());
    for (auto s : {ExceptionStatus::kApproved, ExceptionStatus::kRejected,
                   ExceptionStatus::kWithdrawn, ExceptionStatus::kRevoked}) {
      auto st = check_exception_transition(s, a);
      ASSERT_FALSE(st.ok());
      EXPECT_EQ(st.error().code, ErrorCode::kConflict);
    }
  }
}

TEST(PolicyExceptionTransitions, OnlyApprovedOnesAreRevokedOrRenewed) {
  for (auto a : {ExceptionAction::kRevoke, ExceptionAction::kRenew}) {
    EXPECT_TRUE(check_exception_transition(ExceptionStatus::kApproved, a).ok());
    auto st = check_exception_transition(ExceptionStatus::kRequested, a);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("requested"), std::string::npos);
    EXPECT_FALSE(check_exception_transition(ExceptionStatus::kRevoked, a).ok());
  }
}

TEST(PolicyExceptionState, ActiveExpiringExpired) {
  auto e = approved("2026-12-31");
  EXPECT_EQ(exception_state(e, "2026-11-30"), "active");  // 31 days left
  EXPECT_EQ(exception_state(e, "2026-12-01"), "expiring");
  EXPECT_EQ(*exception_days_left(e, "2026-12-01"), 30);
  EXPECT_EQ(exception_state(e, "2026-12-31"), "expiring");  // its last day
  EXPECT_EQ(exception_state(e, "2027-01-01"), "expired");
  EXPECT_EQ(*exception_days_left(e, "2027-01-01"), -1);
  e.status = ExceptionStatus::kRevoked;
  EXPECT_EQ(exception_state(e, "2026-11-30"), "revoked");
  EXPECT_FALSE(exception_days_left(e, "2026-11-30").has_value());
}

TEST(PolicyExceptionExpiry, AtMostTwelveMonthsAndAfterToday) {
  EXPECT_EQ(exception_latest_expiry("2026-02-28"), "2027-02-28");
  EXPECT_EQ(exception_latest_expiry("2028-02-29"), "2029-02-28");
  EXPECT_TRUE(check_exception_expiry("expires_on", "2027-02-28", "2026-02-28").ok());
  auto too_late = check_exception_expiry("expires_on", "2027-03-01", "2026-02-28");
  ASSERT_FALSE(too_late.ok());
  EXPECT_EQ(too_late.error().details.at(0).field, "expires_on");
  EXPECT_NE(too_late.error().details.at(0).message.find("12 months"), std::string::npos);
  EXPECT_FALSE(check_exception_expiry("expires_on", "2026-02-28", "2026-02-28").ok());
  EXPECT_FALSE(check_exception_expiry("expires_on", "2026-02-30", "2026-01-01").ok());
}

TEST(PolicyExceptionValidation, ScopeTitleAndReasonAreRequired) {
  PolicyException e;
  auto errors = validate_exception(e);
  EXPECT_TRUE(has_field(errors, "title"));
  EXPECT_TRUE(has_field(errors, "reason"));
  EXPECT_TRUE(has_field(errors, "scope"));
  e = approved("2027-01-01");
  EXPECT_TRUE(validate_exception(e).empty());
  e.scope = ExceptionScope{};
  e.scope.asset_ids = {"a1"};
  EXPECT_TRUE(validate_exception(e).empty());
}

TEST(PolicyExceptionJson, FieldsAreReadStrictly) {
  auto ok = exception_fields_from_json(Json::parse(
      R"({"title":"T","reason":"R","scope":{"control_ids":["c2","c1","c2"],"section":"5"},
          "compensating_controls":{"control_ids":[],"text":"extra logging"},
          "risk":{"risk_id":null,"statement":"account takeover"},
          "requested_expires_on":"2027-01-31"})"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->scope->control_ids, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(ok->risk->statement, "account takeover");

  auto bad = exception_fields_from_json(Json::parse(
      R"({"title":5,"scope":{"colour":"red"},"status":"approved","extra":1,
          "requested_expires_on":"2027-02-30"})"));
  ASSERT_FALSE(bad.ok());
  const auto& d = bad.error().details;
  EXPECT_TRUE(has_field(d, "title"));
  EXPECT_TRUE(has_field(d, "scope.colour"));
  EXPECT_TRUE(has_field(d, "status"));
  EXPECT_TRUE(has_field(d, "extra"));
  EXPECT_TRUE(has_field(d, "requested_expires_on"));
  EXPECT_FALSE(exception_fields_from_json(Json::array()).ok());
}

TEST(PolicyExceptionJson, BodyRoundTrips) {
  auto e = approved("2027-01-01");
  e.scope.control_ids = {"c1"};
  e.compensating.text = "weekly log review";
  e.risk.risk_id = "r1";
  e.approver_id = "p2";
  e.renews_id = "x0";
  PolicyException back;
  ASSERT_TRUE(exception_from_body(exception_body(e), &back).ok());
  EXPECT_EQ(back.scope, e.scope);
  EXPECT_EQ(back.compensating, e.compensating);
  EXPECT_EQ(back.risk, e.risk);
  EXPECT_EQ(back.expires_on, "2027-01-01");
  EXPECT_EQ(back.renews_id, "x0");
  Json body = exception_body(e);
  body["surprise"] = true;
  EXPECT_FALSE(exception_from_body(body, &back).ok());

  Json wire = exception_to_json(e, "2026-12-15");
  EXPECT_EQ(wire["state"], "expiring");
  EXPECT_EQ(wire["days_left"], 17);
  EXPECT_EQ(wire["status"], "approved");
  EXPECT_TRUE(wire["withdrawn_at"].is_null());
}

}  // namespace
}  // namespace isms
