#include "service/calendar_service.h"

#include <gtest/gtest.h>

#include "base/time_zone.h"
#include "service/access_test_support.h"
#include "service/calendar_agenda.h"
#include "service/ledger_recorder.h"
#include "service/operations_defaults.h"

namespace isms {
namespace {

class CalendarServiceTest : public testing::AccessFixture {
 protected:
  CalendarService calendar() const { return CalendarService(ctx_); }

  std::string today() const { return *local_date(clock_.now_micros(), "UTC"); }
  std::string days(int n) const { return *add_days(today(), n); }

  ActivityView create(const std::string& title, const std::string& cadence,
                      const std::string& anchor, const std::string& owner = "") {
    auto fields = activity_fields_from_json(Json{{"title", title},
                                                 {"cadence", Json::parse(cadence)},
                                                 {"anchor_on", anchor},
                                                 {"owner_id", owner}});
    EXPECT_TRUE(fields) << fields.error().message;
    auto v = calendar().create(op(), *fields);
    EXPECT_TRUE(v) << v.error().message;
    return v ? *v : ActivityView{};
  }
};

TEST_F(CalendarServiceTest, DefaultCalendarIsCreatedOnceAndKeepsEdits) {
  auto list = calendar().list(op(), {});
  ASSERT_TRUE(list) << list.error().message;
  int defaults = 0;
  std::string risk_id;
  for (const auto& v : *list) {
    if (!v.activity.default_key.empty()) ++defaults;
    if (v.activity.default_key == "risk_assessment") risk_id = v.activity.id;
  }
  EXPECT_EQ(defaults, 12);
  ASSERT_FALSE(risk_id.empty());
  // Archive one default, then run the defaults again: nothing is recreated.
  ASSERT_TRUE(calendar().archive(op(), risk_id, std::nullopt));
  {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    LedgerRecorder ledger(ctx_, tx->get(), actor_);
    ASSERT_TRUE(ensure_default_calendar(ctx_, tx->get(), &ledger));
    ASSERT_TRUE(ledger.finish());
    ASSERT_TRUE((*tx)->commit());
  }
  auto again = calendar().list(op(), {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), list->size() - 1);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(CalendarServiceTest, CompleteByOwnerRequirementsAndNextDue) {
  User owner = user("owner");
  User stranger = user("stranger");
  auto v = create("Log review", R"({"kind":"custom","every":7,"unit":"days"})", days(-14),
                  owner.person_id);
  ASSERT_FALSE(v.activity.id.empty());
  EXPECT_EQ(v.next_due, days(-14));
  EXPECT_EQ(v.next_state, "overdue");
  auto fields = activity_fields_from_json(
      Json{{"requires", {"notes", "decision"}}, {"version", v.activity.version}});
  ASSERT_TRUE(fields);
  ASSERT_TRUE(calendar().update(op(), v.activity.id, *fields));

  Completion c;
  c.notes = "looked at the SIEM";
  auto missing = calendar().complete(principal_of(owner), v.activity.id, days(-14), c, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "decision");
  c.decision = "no action";
  auto forbidden = calendar().complete(principal_of(stranger), v.activity.id, days(-14), c, {});
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
  auto not_occurrence = calendar().complete(principal_of(owner), v.activity.id, days(-13), c, {});
  ASSERT_FALSE(not_occurrence);
  EXPECT_EQ(not_occurrence.error().field, "date");
  auto done = calendar().complete(principal_of(owner), v.activity.id, days(-14), c, {});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->state, "done");
  EXPECT_EQ(done->completed_by, owner.person_id);
  auto twice = calendar().complete(principal_of(owner), v.activity.id, days(-14), c, {});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  // The operator completes for a named person only.
  auto nobody = calendar().complete(op(), v.activity.id, days(-7), c, {});
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().field, "completed_by");
  ASSERT_TRUE(calendar().complete(op(), v.activity.id, days(-7), c, owner.person_id));
  auto after = calendar().get(op(), v.activity.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->next_due, today());
  EXPECT_EQ(after->next_state, "due");
  auto acts = actions(v.activity.id + "@" + days(-14));
  EXPECT_EQ(acts, (std::vector<std::string>{"occurrence.complete"}));
  EXPECT_EQ(actions(v.activity.id),
            (std::vector<std::string>{"activity.create", "activity.update"}));
  EXPECT_TRUE(ledger_ok());
}

TEST_F(CalendarServiceTest, AgendaVisibilityRangeAndOtherKinds) {
  User owner = user("agenda-owner", {"contractor"});
  auto v = create("Badge audit", R"({"kind":"custom","every":10,"unit":"days"})", days(-5),
                  owner.person_id);
  // An approved exception of the exceptions module, read by the README's columns.
  {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    OpRecord r;
    r.kind = "exception";
    r.id = new_id();
    r.ref = "EX-0001";
    r.status = "approved";
    r.owner_id = owner.person_id;
    r.due_at = days(3);
    r.body = R"({"title":"USB ports open on lab PCs"})";
    r.created_at = r.updated_at = clock_.now_utc();
    ASSERT_TRUE((*tx)->insert_op_record(r));
    ASSERT_TRUE((*tx)->commit());
  }
  AgendaQuery q;
  q.from = today();
  q.to = days(20);
  auto mine = calendar_agenda(ctx_, principal_of(owner), q);
  ASSERT_TRUE(mine) << mine.error().message;
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& i : *mine) got.emplace_back(i.source, i.due_on + " " + i.state);
  // The overdue occurrence before `from` leads; defaults (unassigned) are not the
  // contractor's.
  std::vector<std::pair<std::string, std::string>> want = {{"occurrence", days(-5) + " overdue"},
                                                           {"exception_expiry", days(3) + " due"},
                                                           {"occurrence", days(5) + " due"},
                                                           {"occurrence", days(15) + " upcoming"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ((*mine)[1].title, "USB ports open on lab PCs");
  EXPECT_EQ((*mine)[1].owner_name, "Person agenda-owner");
  q.to = days(401);
  auto too_long = calendar_agenda(ctx_, op(), q);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "to");
  (void)v;
}

}  // namespace
}  // namespace isms
