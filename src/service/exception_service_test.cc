#include "service/exception_service.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "service/access_test_support.h"
#include "service/asset_service.h"
#include "service/review_completion.h"
#include "service/review_due.h"
#include "service/risk_service.h"

namespace isms {
namespace {

// A clock the test sets by date (noon UTC).
class DayClock final : public Clock {
 public:
  int64_t now_micros() const override { return micros_; }
  void set(const std::string& day) {
    ASSERT_TRUE(parse_utc_micros(day + "T12:00:00Z", &micros_)) << day;
  }

 private:
  int64_t micros_ = 0;
};

class ExceptionServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    if (HasFatalFailure()) return;
    day_.set("2026-03-01");
    ctx_.clock = &day_;
    employee_ = principal_of(user("emp", {"employee"}));
    ciso_ = principal_of(user("ciso", {"ciso"}));
    ceo_ = principal_of(user("ceo", {"ceo"}));
    AssetPatch ap;
    ap.fields.name = "VPN appliance";
    auto asset = AssetService(ctx_).create(op(), ap);
    ASSERT_TRUE(asset) << asset.error().message;
    asset_id_ = asset->id;
  }

  ExceptionService service() const { return ExceptionService(ctx_); }

  ExceptionFields fields(const std::string& title) const {
    ExceptionFields f;
    f.title = title;
    f.reason = "The vendor appliance cannot do MFA until the replacement in Q4";
    ExceptionScope s;
    s.section = "5.2 Remote access";
    s.asset_ids = {asset_id_};
    f.scope = s;
    CompensatingControls c;
    c.text = "Source IP allow-list and weekly log review";
    f.compensating = c;
    return f;
  }

  PolicyException request(const Principal& p, const std::string& title) {
    auto r = service().request(p, fields(title), std::nullopt);
    EXPECT_TRUE(r) << r.error().message;
    return r ? r->exception : PolicyException{};
  }

  int64_t count() {
    auto tx = store_->begin_read();
    OpRecordQuery q;
    q.kind = kExceptionKind;
    auto n = (*tx)->count_op_records(q);
    return n ? *n : -1;
  }

  DayClock day_;
  Principal employee_, ciso_, ceo_;
  std::string asset_id_;
};

TEST_F(ExceptionServiceTest, EmployeeRequestsCisoApprovesAndTheStateFollowsTheClock) {
  PolicyException e = request(employee_, "Legacy VPN without MFA");
  EXPECT_EQ(e.ref, "EX-0001");
  EXPECT_EQ(e.status, ExceptionStatus::kRequested);
  EXPECT_EQ(e.requester_id, employee_.person_id);
  EXPECT_EQ(e.requester_name, "Person emp");

  ExceptionDecision d;
  d.expires_on = "2026-06-30";
  d.note = "Until the replacement";
  d.version = e.version;
  auto approved = service().approve(ciso_, e.id, d, std::nullopt);
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->exception.status, ExceptionStatus::kApproved);
  EXPECT_EQ(approved->exception.approver_id, ciso_.person_id);
  EXPECT_EQ(exception_state(approved->exception, approved->today), "active");

  day_.set("2026-06-01");
  auto got = service().get(employee_, e.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(exception_state(got->exception, got->today), "expiring");
  ExceptionListQuery expiring;
  expiring.state = "expiring";
  auto list = service().list(ciso_, expiring);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  day_.set("2026-07-01");
  got = service().get(employee_, e.id);
  EXPECT_EQ(exception_state(got->exception, got->today), "expired");
  EXPECT_EQ(actions(e.id), (std::vector<std::string>{"exception.request", "exception.approve"}));
  EXPECT_TRUE(ledger_ok());
}

TEST_F(ExceptionServiceTest, NobodyDecidesTheirOwnRequest) {
  PolicyException e = request(ciso_, "Shared admin account on the backup server");
  ExceptionDecision d;
  d.note = "ok";
  auto own = service().approve(ciso_, e.id, d, std::nullopt);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kForbidden);
  EXPECT_NE(own.error().message.find("requester"), std::string::npos);
  EXPECT_EQ(service().reject(ciso_, e.id, d, std::nullopt).error().code, ErrorCode::kForbidden);
  // The employee holds no exceptions:approve.
  EXPECT_EQ(service().approve(employee_, e.id, d, std::nullopt).error().code,
            ErrorCode::kForbidden);
  auto by_ceo = service().approve(ceo_, e.id, d, std::nullopt);
  ASSERT_TRUE(by_ceo) << by_ceo.error().message;
  // No expiry asked for: 12 months from the approval.
  EXPECT_EQ(by_ceo->exception.expires_on, "2027-03-01");
}

TEST_F(ExceptionServiceTest, RequestersSeeOnlyTheirOwn) {
  PolicyException mine = request(employee_, "Mine");
  PolicyException other = request(ciso_, "Other");
  auto list = service().list(employee_, {});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].id, mine.id);
  EXPECT_EQ(service().get(employee_, other.id).error().code, ErrorCode::kNotFound);
  auto all = service().list(ceo_, {});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->items.size(), 2u);
  EXPECT_EQ(all->items[0].ref, "EX-0002");  // newest first
}

TEST_F(ExceptionServiceTest, BadInputWritesNothing) {
  ExceptionFields f = fields("x");
  f.scope = ExceptionScope{};
  auto no_scope = service().request(employee_, f, std::nullopt);
  ASSERT_FALSE(no_scope);
  EXPECT_EQ(no_scope.error().details.at(0).field, "scope");

  f = fields("x");
  f.scope->control_ids = {"no-such-control"};
  f.scope->requirement_keys = {"nonsense"};
  f.risk = ExceptionRisk{"no-such-risk", ""};
  auto refs = service().request(employee_, f, std::nullopt);
  ASSERT_FALSE(refs);
  ASSERT_EQ(refs.error().details.size(), 3u);
  EXPECT_EQ(refs.error().details[0].field, "scope.control_ids");

  f = fields("x");
  f.requested_expires_on = "2027-03-02";  // 12 months + 1 day
  auto too_long = service().request(employee_, f, std::nullopt);
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().details.at(0).message.find("2027-03-01"), std::string::npos);

  // The operator must name a person.
  auto op_request = service().request(op(), fields("x"), std::nullopt);
  ASSERT_FALSE(op_request);
  EXPECT_EQ(op_request.error().details.at(0).field, "as_person");
  EXPECT_EQ(count(), 0);

  PolicyException e = request(employee_, "ok");
  ExceptionDecision d;
  d.expires_on = "2027-03-02";
  EXPECT_EQ(service().approve(ciso_, e.id, d, std::nullopt).error().code, ErrorCode::kInvalid);
  ExceptionDecision no_note;
  EXPECT_EQ(service().reject(ciso_, e.id, no_note, std::nullopt).error().details.at(0).field,
            "note");
  ExceptionDecision stale;
  stale.version = 7;
  EXPECT_EQ(service().approve(ciso_, e.id, stale, std::nullopt).error().code, ErrorCode::kConflict);
  EXPECT_EQ(service().get(ciso_, e.id)->exception.status, ExceptionStatus::kRequested);
}

TEST_F(ExceptionServiceTest, WithdrawUpdateRevokeAndRenew) {
  PolicyException e = request(employee_, "First");
  ExceptionFields change;
  change.title = "First, renamed";
  change.version = e.version;
  EXPECT_EQ(service().update(ciso_, e.id, change, std::nullopt).error().code,
            ErrorCode::kForbidden);
  auto changed = service().update(employee_, e.id, change, std::nullopt);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->exception.version, 2);
  EXPECT_EQ(service().withdraw(ciso_, e.id, std::nullopt, std::nullopt).error().code,
            ErrorCode::kForbidden);
  auto withdrawn = service().withdraw(employee_, e.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(withdrawn->exception.status, ExceptionStatus::kWithdrawn);
  ExceptionDecision d;
  d.note = "late";
  EXPECT_EQ(service().approve(ciso_, e.id, d, std::nullopt).error().code, ErrorCode::kConflict);

  PolicyException second = request(employee_, "Second");
  ASSERT_TRUE(service().approve(ciso_, second.id, d, std::nullopt));
  auto renewal = service().renew(employee_, second.id, {}, std::nullopt);
  ASSERT_TRUE(renewal) << renewal.error().message;
  EXPECT_EQ(renewal->exception.renews_id, second.id);
  EXPECT_EQ(renewal->exception.status, ExceptionStatus::kRequested);
  EXPECT_EQ(renewal->exception.title, "Second");
  EXPECT_EQ(service().get(ciso_, second.id)->exception.renewed_by_id, renewal->exception.id);
  EXPECT_EQ(service().renew(employee_, second.id, {}, std::nullopt).error().code,
            ErrorCode::kConflict);
  auto revoked = service().revoke(ciso_, second.id, d, std::nullopt);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->exception.status, ExceptionStatus::kRevoked);
  EXPECT_EQ(actions(second.id), (std::vector<std::string>{"exception.request", "exception.approve",
                                                          "exception.renew", "exception.revoke"}));
}

TEST_F(ExceptionServiceTest, ReviewsDueListAndCompletion) {
  auto t = RiskService(ctx_).sources(op(), RiskSourceKind::kThreat, ArchivedFilter::kActiveOnly);
  auto v =
      RiskService(ctx_).sources(op(), RiskSourceKind::kVulnerability, ArchivedFilter::kActiveOnly);
  ASSERT_TRUE(t && v);
  RiskPatch rp;
  rp.fields.title = "Stolen VPN credentials";
  rp.fields.asset_ids = std::vector<std::string>{asset_id_};
  rp.fields.threat_id = t->front().id;
  rp.fields.vulnerability_id = v->front().id;
  RiskRating rating;
  rating.likelihood = 3;
  rating.impact_integrity = 3;
  rp.fields.inherent = rating;
  rp.fields.next_review_on = std::optional<std::string>("2026-02-15");
  auto risk = RiskService(ctx_).create(op(), rp);
  ASSERT_TRUE(risk) << risk.error().message;

  PolicyException e = request(employee_, "Expiring soon");
  ExceptionDecision d;
  d.expires_on = "2026-03-20";
  ASSERT_TRUE(service().approve(ciso_, e.id, d, std::nullopt));

  auto due = list_reviews_due(ctx_, ciso_, "2026-03-31");
  ASSERT_TRUE(due) << due.error().message;
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].object_type, "risk");
  EXPECT_EQ((*due)[0].state, "overdue");
  EXPECT_EQ((*due)[0].source, "review_due");
  EXPECT_EQ((*due)[1].object_type, "exception");
  EXPECT_EQ((*due)[1].state, "due");
  // The employee reads no risks, but their own exception.
  auto mine = list_reviews_due(ctx_, employee_, "2026-03-31");
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].object_id, e.id);

  ReviewCompletionRequest req{"risk", risk->risk.id, "Reviewed at the forum"};
  EXPECT_EQ(complete_review(ctx_, employee_, req, std::nullopt).error().code,
            ErrorCode::kForbidden);
  auto done = complete_review(ctx_, ciso_, req, std::nullopt);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->next_review_on, "2026-06-01");
  EXPECT_EQ(actions(risk->risk.id).back(), "risk.review");
  due = list_reviews_due(ctx_, ciso_, "2026-03-31");
  ASSERT_TRUE(due);
  EXPECT_EQ(due->size(), 1u);

  auto renewal = complete_review(ctx_, employee_, {"exception", e.id, ""}, std::nullopt);
  ASSERT_TRUE(renewal) << renewal.error().message;
  EXPECT_EQ(renewal->renewal_ref, "EX-0002");
  for (const char* type : {"evidence", "soa", "spaceship"}) {
    auto refused = complete_review(ctx_, ciso_, {type, "x", ""}, std::nullopt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalid) << type;
  }
  EXPECT_FALSE(list_reviews_due(ctx_, ciso_, "2026-02-30"));
}

}  // namespace
}  // namespace isms
