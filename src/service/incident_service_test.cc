#include "service/incident_service.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "service/access_test_support.h"
#include "service/time_zone_setting.h"

namespace isms {
namespace {

// A clock the test moves.
class StepClock final : public Clock {
 public:
  int64_t now_micros() const override { return now; }
  int64_t now = 0;
};

int64_t utc(const char* text) {
  int64_t m = 0;
  EXPECT_TRUE(parse_utc_micros(text, &m)) << text;
  return m;
}

class IncidentServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    clock_.now = utc("2026-03-28T09:00:00Z");
    ctx2_ = ctx_;
    ctx2_.clock = &clock_;
  }
  IncidentService service() const { return IncidentService(ctx2_); }
  const Json* clock_of(const Json& view, const std::string& type) {
    for (const auto& c : view["clocks"]) {
      if (c["type"] == type) return &c;
    }
    ADD_FAILURE() << "no clock " << type;
    return nullptr;
  }
  int64_t ledger_count(const std::string& action) {
    auto tx = store_->begin_read();
    auto entries = (*tx)->list_ledger(0, 10000, "");
    int64_t n = 0;
    for (const auto& e : *entries) n += e.action == action ? 1 : 0;
    return n;
  }

  StepClock clock_;
  ServiceContext ctx2_{};
};

TEST_F(IncidentServiceTest, EventToIncidentToFiledReportInTheOrganizationsZone) {
  {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    LedgerRecorder ledger(ctx_, tx->get(), Actor{"test"});
    ASSERT_TRUE(set_organization_time_zone(**tx, ledger, "Europe/Stockholm", clock_.now_utc()));
    ASSERT_TRUE(ledger.finish());
    ASSERT_TRUE((*tx)->commit());
  }
  User emp = user("eve");
  Principal employee = principal_of(emp);
  User boss = user("cleo", {"ciso"});
  Principal ciso = principal_of(boss);

  auto ev = service().report_event(employee, Json{{"summary", "Phishing"}});
  ASSERT_TRUE(ev) << ev.error().message;
  EXPECT_EQ((*ev)["ref"], "EV-0001");
  EXPECT_EQ((*ev)["reporter_id"], emp.person_id);
  // The employee may not triage; the CISO may.
  std::string event_id = (*ev)["id"];
  auto denied =
      service().triage_event(employee, event_id, Json{{"action", "close"}, {"reason", "x"}});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
  auto tri = service().triage_event(ciso, event_id, Json{{"action", "incident"}});
  ASSERT_TRUE(tri) << tri.error().message;
  std::string id = (*tri)["incident_id"];

  auto assessed = service().assess(ciso, id, Json{{"facts", {{"death", true}}}});
  ASSERT_TRUE(assessed) << assessed.error().message;
  EXPECT_EQ((*assessed)["significant"], true);
  // Aware Saturday 28 March 10:00 CET; 72 h later is 11:00 CEST on Tuesday.
  const Json* n = clock_of(*assessed, "notification");
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)["due_local"], "2026-03-31T11:00:00+02:00");
  EXPECT_EQ((*assessed)["zone"], "Europe/Stockholm");

  clock_.now = utc("2026-03-31T08:00:00Z");
  auto filed = service().file_report(
      ciso, id,
      Json{{"type", "notification"}, {"recipient", "CERT-SE"}, {"fields", Json::object()}});
  ASSERT_TRUE(filed) << filed.error().message;
  EXPECT_EQ((*filed)["on_time"], true);
  auto view = service().get_incident(ciso, id);
  ASSERT_TRUE(view);
  // Filed 31 March 10:00 local -> final report due at the end of 30 April local.
  EXPECT_EQ((*clock_of(*view, "final"))["due_at"], "2026-04-30T21:59:59.999999Z");
  // Early warning was never filed: overdue, and the earliest unmet deadline.
  EXPECT_EQ((*clock_of(*view, "early_warning"))["state"], "overdue");
  EXPECT_EQ((*view)["next_deadline"], "2026-03-29T09:00:00.000000Z");
  EXPECT_EQ(ledger_count("incident.report"), 1);
  EXPECT_EQ(ledger_count("event.triage"), 1);

  std::string report_id = (*filed)["id"];
  auto json = service().report_file(ciso, id, report_id, "json");
  ASSERT_TRUE(json);
  auto frozen = parse_json(json->body);
  ASSERT_TRUE(frozen);
  EXPECT_EQ((*frozen)["report"]["type"], "notification");
  auto pdf = service().report_file(ciso, id, report_id, "pdf");
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
}

TEST_F(IncidentServiceTest, RefusedInputWritesNothing) {
  User boss = user("cleo", {"ciso"});
  Principal ciso = principal_of(boss);
  auto bad =
      service().create_incident(ciso, Json{{"title", "x"}, {"aware_at", "2099-01-01T00:00:00Z"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  auto list = service().list_incidents(ciso, IncidentFilter{});
  ASSERT_TRUE(list);
  EXPECT_TRUE((*list)["items"].empty());
  EXPECT_EQ(ledger_count("incident.create"), 0);
}

}  // namespace
}  // namespace isms
