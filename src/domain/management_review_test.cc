#include "domain/management_review.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

ManagementReview planned() {
  ManagementReview r;
  r.id = "r1";
  r.ref = "MR-0001";
  r.title = "Management review 2026";
  r.planned_on = "2026-12-01";
  r.chair_id = "p-ceo";
  r.inputs = empty_review_inputs();
  return r;
}

bool has_field(const Error& e, const std::string& field) {
  for (const auto& d : e.details) {
    if (d.field == field) return true;
  }
  return false;
}

TEST(ManagementReview, InputsFollowTheStandard) {
  std::vector<std::string> keys;
  for (const ReviewInput& in : empty_review_inputs()) keys.push_back(in.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c", "d1", "d2", "d3", "d4", "e", "f", "g",
                                            "incidents", "exceptions"}));
  EXPECT_TRUE(is_input_key("d3"));
  EXPECT_FALSE(is_input_key("d5"));
}

TEST(ManagementReview, TransitionsPlannedHeldApproved) {
  ManagementReview r = planned();
  EXPECT_TRUE(check_inputs_refreshable(r).ok());
  EXPECT_TRUE(check_review_holdable(r).ok());
  EXPECT_EQ(check_review_approvable(r).error().code, ErrorCode::kConflict);
  r.status = ReviewStatus::kHeld;
  r.held_on = "2026-12-02";
  EXPECT_EQ(check_inputs_refreshable(r).error().code, ErrorCode::kConflict);
  EXPECT_EQ(check_review_holdable(r).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(check_review_editable(r).ok());
  EXPECT_TRUE(check_review_approvable(r).ok());
  r.status = ReviewStatus::kApproved;
  Status frozen = check_review_editable(r);
  ASSERT_FALSE(frozen.ok());
  EXPECT_EQ(frozen.error().code, ErrorCode::kConflict);
  EXPECT_NE(frozen.error().message.find("MR-0001 is approved"), std::string::npos);
  EXPECT_EQ(check_review_approvable(r).error().code, ErrorCode::kConflict);
}

TEST(ManagementReview, FieldsParseStrictly) {
  auto bad = review_fields_from_json(Json{{"title", 3},
                                          {"colour", "red"},
                                          {"status", "approved"},
                                          {"comments", {{"z", "x"}}},
                                          {"actions", {{{"title", "x"}, {"prio", 1}}}}});
  ASSERT_FALSE(bad.ok());
  for (const char* f : {"title", "colour", "status", "comments.z", "actions[0].prio"}) {
    EXPECT_TRUE(has_field(bad.error(), f)) << f;
  }
  auto good = review_fields_from_json(
      Json{{"title", "T"},
           {"comments", {{"b", "New NIS2 obligations"}}},
           {"decisions", {{{"text", "Hire a SOC analyst"}, {"category", "resource_needs"}}}},
           {"version", 2}});
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(*good->title, "T");
  EXPECT_EQ(good->comments.at("b"), "New NIS2 obligations");
  EXPECT_EQ(good->decisions->at(0).category, "resource_needs");
  EXPECT_EQ(*good->version, 2);
}

TEST(ManagementReview, ValidationNamesFields) {
  ManagementReview r = planned();
  r.title = " ";
  r.planned_on = "2026-02-30";
  r.decisions = {{"Do it", "whatever"}};
  r.actions = {{"Act", "", "soon", "half", "", ""}};
  auto errors = validate_management_review(r);
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  for (const char* f : {"title", "planned_on", "decisions[0].category", "actions[0].owner_id",
                        "actions[0].due_on", "actions[0].status"}) {
    EXPECT_TRUE(fields.count(f)) << f;
  }
  EXPECT_TRUE(validate_management_review(planned()).empty());
}

TEST(ManagementReview, HeldOnOnlyOnceHeld) {
  ManagementReview r = planned();
  ReviewFields f;
  f.held_on = "2026-12-02";
  EXPECT_EQ(apply_review_fields(f, &r).error().code, ErrorCode::kInvalid);
  r.status = ReviewStatus::kHeld;
  ASSERT_TRUE(apply_review_fields(f, &r).ok());
  EXPECT_EQ(r.held_on, "2026-12-02");
  ReviewFields g;
  g.planned_on = "2026-12-09";
  EXPECT_EQ(apply_review_fields(g, &r).error().code, ErrorCode::kInvalid);
}

TEST(ManagementReview, BodyRoundTripsAndRefusesUnknownMembers) {
  ManagementReview r = planned();
  r.status = ReviewStatus::kHeld;
  r.held_on = "2026-12-02";
  r.attendee_ids = {"p1", "p2"};
  r.guests = {"External auditor"};
  r.decisions = {{"Extend MFA to contractors", "isms_change"}};
  r.actions = {{"Buy a SIEM", "p1", "2027-03-01", "open", "f1", "F-0001"}};
  r.inputs[3].facts = {{"Open findings", "2"}};
  r.inputs[3].tables = {{"Findings", {"Ref", "Grade"}, {{"F-0001", "minor_nonconformity"}}}};
  r.inputs[1].comment = "New customer requirements";
  Json body = review_body_to_json(r);
  ManagementReview back;
  ASSERT_TRUE(review_from_body(body, &back).ok());
  EXPECT_EQ(back.title, r.title);
  EXPECT_EQ(back.attendee_ids, r.attendee_ids);
  EXPECT_EQ(back.decisions, r.decisions);
  EXPECT_EQ(back.actions, r.actions);
  EXPECT_EQ(back.inputs, r.inputs);
  body["inputs"][0]["extra"] = 1;
  Status bad = review_from_body(body, &back);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(has_field(bad.error(), "body.inputs[0].extra"));
}

TEST(ManagementReview, RefreshKeepsComments) {
  std::vector<ReviewInput> old = empty_review_inputs();
  old[0].comment = "All done";
  std::vector<ReviewInput> fresh = empty_review_inputs();
  fresh[0].facts = {{"Open actions", "0"}};
  auto merged = merge_input_comments(fresh, old);
  EXPECT_EQ(merged[0].comment, "All done");
  EXPECT_EQ(merged[0].facts.size(), 1u);
}

TEST(ManagementReview, ActionOverdueAfterItsDay) {
  ReviewAction a{"Train staff", "p1", "2026-12-01", "open", "", ""};
  EXPECT_FALSE(action_overdue(a, "2026-12-01"));
  EXPECT_TRUE(action_overdue(a, "2026-12-02"));
  a.status = "done";
  EXPECT_FALSE(action_overdue(a, "2026-12-02"));
  Json j = management_review_to_json(planned(), "2026-12-02");
  EXPECT_EQ(j["status"], "planned");
  EXPECT_EQ(j["inputs"].size(), 12u);
}

}  // namespace
}  // namespace isms
