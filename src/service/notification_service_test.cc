#include "service/notification_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "service/access_test_support.h"
#include "service/ledger_service.h"
#include "service/notification_plan.h"

namespace isms {
namespace {

class ManualClock final : public Clock {
 public:
  int64_t now_micros() const override { return micros_.load(); }
  void set(const std::string& rfc3339) {
    int64_t m = 0;
    ASSERT_TRUE(parse_utc_micros(rfc3339, &m));
    micros_ = m;
  }
  void advance_seconds(int64_t s) { micros_ += s * 1000000; }

 private:
  std::atomic<int64_t> micros_{0};
};

// Records what would have been sent; fails while `down` is set.
class FakeTransport final : public DeliveryTransport {
 public:
  Status send_email(const SmtpConfig& smtp, const std::string& to,
                    const std::string& message) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (down) return Error::unavailable("Couldn't connect to server");
    mails.push_back({to, message});
    last_password = smtp.password;
    return ok_status();
  }
  Status post_webhook(const WebhookRequest& request) const override {
    std::lock_guard<std::mutex> lock(mu_);
    if (down) return Error::unavailable("HTTP 503");
    hooks.push_back(request);
    return ok_status();
  }
  bool down = false;
  mutable std::vector<std::pair<std::string, std::string>> mails;
  mutable std::vector<WebhookRequest> hooks;
  mutable std::string last_password;

 private:
  mutable std::mutex mu_;
};

AgendaItem item(const std::string& id, const std::string& owner, const std::string& due_on) {
  AgendaItem i;
  i.source = "occurrence";
  i.object_type = "activity";
  i.object_id = id;
  i.ref = "ACT-" + id;
  i.title = "Activity " + id;
  i.owner_id = owner;
  i.owner_name = "Owner " + owner;
  i.due_on = due_on;
  i.state = "upcoming";
  return i;
}

TEST(NotificationPlan, RemindersAtOffsetsOverdueAndDigest) {
  NotificationSettings s;
  PlanInput in;
  in.today = "2026-11-30";  // a Monday
  in.local_weekday = 1;
  in.local_hour = 6;  // before the digest hour
  in.week_key = "2026-W49";
  std::vector<AgendaItem> agenda = {item("1", "p1", "2026-12-30"),   // 30 days
                                    item("2", "p1", "2026-12-06"),   // 6 days: the 7-day reminder
                                    item("3", "p2", "2026-12-01"),   // 1 day
                                    item("4", "p2", "2026-11-29"),   // overdue by 1
                                    item("5", "", "2026-12-01"),     // nobody's
                                    item("6", "p1", "2027-01-30")};  // not yet
  auto planned = plan_messages(agenda, s, in);
  std::vector<std::string> seen;
  for (const auto& m : planned) {
    seen.push_back(m.person_id + ":" + m.event + ":" + m.object_id + ":" +
                   std::to_string(m.offset));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"p1:reminder:2:7", "p1:reminder:1:30", "p2:overdue:4:0",
                                            "p2:reminder:3:1"}));
  EXPECT_EQ(planned[1].subject, "Reminder: ACT-1 Activity 1 is due in 30 days (2026-12-30)");
  EXPECT_EQ(planned[2].subject, "Overdue: ACT-4 Activity 4 was due on 2026-11-29");

  in.local_hour = 7;  // the digest hour has come: one per person with this week's items
  planned = plan_messages(agenda, s, in);
  std::vector<const PlannedMessage*> digests;
  for (const auto& m : planned) {
    if (m.event == "digest") digests.push_back(&m);
  }
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_EQ(digests[0]->person_id, "p1");
  EXPECT_EQ(digests[0]->items.size(), 1u);  // only item 2 is within the 7 days
  EXPECT_EQ(digests[1]->items.size(), 2u);  // item 3 and the overdue item 4
  EXPECT_EQ(digests[1]->subject, "Your ISMS week 2026-W49: 2 item(s), 1 overdue");
  EXPECT_EQ(digests[1]->due_on, "2026-W49");

  s.overdue_notice = false;
  s.digest.enabled = false;
  planned = plan_messages(agenda, s, in);
  for (const auto& m : planned) EXPECT_EQ(m.event, "reminder");
}

TEST(NotificationTransport, SignatureMatchesAnIndependentHmac) {
  // python3: hmac.new(b'whsec_test-key', b'1796022000.{"event":"reminder"}', sha256)
  EXPECT_EQ(webhook_signature("whsec_test-key", "1796022000", R"({"event":"reminder"})"),
            "sha256=92231c7e4b2af4c3ecf71853a75f5f8053463dcf6c8a42341608ed9f24c28398");
  Delivery d;
  d.id = "dlv-1";
  d.event = "digest";
  d.payload = Json{{"items", Json::array()}};
  WebhookRequest r = webhook_request("http://h/x", "k", d, 1796022000LL * 1000000);
  Json body = parse_json(r.body).value();
  EXPECT_EQ(body["event"], "digest");
  EXPECT_EQ(body["delivery_id"], "dlv-1");
  EXPECT_EQ(body["sent_at"], "2026-11-30T07:00:00.000000Z");
  std::string sig;
  for (const auto& [name, value] : r.headers) {
    if (name == "X-Isms-Signature") sig = value;
  }
  EXPECT_EQ(sig, webhook_signature("k", "1796022000", r.body));
}

TEST(NotificationTransport, EmailMessageHeadersAndBase64Body) {
  Delivery d;
  d.id = "dlv-2";
  d.event = "reminder";
  d.subject = "Reminder: Übung";
  d.text = "Line one\nLine two\n";
  std::string m = email_message("isms@example.com", "a@example.com", d, 1796022000LL * 1000000);
  EXPECT_NE(m.find("From: isms@example.com\r\n"), std::string::npos);
  EXPECT_NE(m.find("To: a@example.com\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m.find("Date: Mon, 30 Nov 2026 07:00:00 +0000\r\n"), std::string::npos);
  // base64 of "Line one\r\nLine two\r\n"
  EXPECT_NE(m.find("\r\n\r\nTGluZSBvbmUNCkxpbmUgdHdvDQo=\r\n"), std::string::npos);
}

class NotificationServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    if (HasFatalFailure()) return;
    manual_.set("2026-11-30T07:00:00Z");
    ctx_.clock = &manual_;
  }
  NotificationService service() const { return NotificationService(ctx_, &transport_); }

  void configure_smtp() {
    auto patch = settings_patch_from_json(Json{{"smtp",
                                                {{"url", "smtp://127.0.0.1:2525"},
                                                 {"from", "isms@example.com"},
                                                 {"password", "s3cret"}}}});
    ASSERT_TRUE(patch.ok());
    auto saved = service().update_settings(op(), *patch);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }

  std::vector<ledger::Entry> ledger_entries(const std::string& object_id) {
    auto entries = LedgerService(ctx_).list(0, 1000, object_id);
    EXPECT_TRUE(entries) << entries.error().message;
    return entries ? *entries : std::vector<ledger::Entry>{};
  }

  ManualClock manual_;
  FakeTransport transport_;
};

TEST_F(NotificationServiceTest, SettingsSealThePasswordAndRefuseStaleVersions) {
  auto fresh = service().settings(op());
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->version, 0);
  EXPECT_EQ(fresh->settings.offsets, (std::vector<int>{30, 7, 1}));
  configure_smtp();
  auto saved = service().settings(op());
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->version, 1);
  EXPECT_NE(saved->settings.smtp.password_sealed, "");
  EXPECT_EQ(saved->settings.smtp.password_sealed.find("s3cret"), std::string::npos);
  SettingsPatch stale;
  stale.version = 7;
  stale.overdue_notice = false;
  auto refused = service().update_settings(op(), stale);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  // The ledger shows that the password changed, never the password.
  auto entries = ledger_entries(kNotificationSettingsId);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].change.find("s3cret"), std::string::npos);
  EXPECT_NE(entries[0].change.find("changed"), std::string::npos);

  Principal employee = principal_of(user("emma"));
  auto forbidden = service().settings(employee);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
}

TEST_F(NotificationServiceTest, FailedDeliveriesBackOffThenSendOrAreAbandoned) {
  configure_smtp();
  transport_.down = true;
  auto d = service().test_email(op(), "ciso@example.com");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->status, DeliveryStatus::kFailed);
  EXPECT_EQ(d->last_error, "Couldn't connect to server");
  EXPECT_EQ(d->next_attempt_at, "2026-11-30T07:01:00.000000Z");

  // Not yet due: nothing is attempted.
  auto early = service().run_due(op());
  ASSERT_TRUE(early.ok()) << early.error().message;
  EXPECT_EQ(early->failed, 0);
  manual_.advance_seconds(60);
  auto second = service().run_due(op());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->failed, 1);

  transport_.down = false;
  manual_.advance_seconds(300);
  auto third = service().run_due(op());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->sent, 1);
  ASSERT_EQ(transport_.mails.size(), 1u);
  EXPECT_EQ(transport_.mails[0].first, "ciso@example.com");
  EXPECT_EQ(transport_.last_password, "s3cret");
  auto stored = service().delivery(op(), d->id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, DeliveryStatus::kSent);
  EXPECT_EQ(stored->attempts, 3);

  // Six failures abandon a delivery; a manual retry puts it back.
  transport_.down = true;
  auto doomed = service().test_email(op(), "ceo@example.com");
  ASSERT_TRUE(doomed.ok());
  for (int64_t wait : {60, 300, 1800, 7200, 43200}) {
    manual_.advance_seconds(wait);
    ASSERT_TRUE(service().run_due(op()).ok());
  }
  auto abandoned = service().delivery(op(), doomed->id);
  ASSERT_TRUE(abandoned.ok());
  EXPECT_EQ(abandoned->status, DeliveryStatus::kAbandoned);
  EXPECT_EQ(abandoned->attempts, 6);
  auto not_failed = service().retry(op(), d->id);
  ASSERT_FALSE(not_failed.ok());
  EXPECT_EQ(not_failed.error().code, ErrorCode::kConflict);
  transport_.down = false;
  ASSERT_TRUE(service().retry(op(), doomed->id).ok());
  auto after = service().run_due(op());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->sent, 1);

  DeliveryQuery q;
  q.limit = 1;
  auto page = service().deliveries(op(), q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, doomed->id);  // newest first
  q.cursor = page->next_cursor;
  auto next = service().deliveries(op(), q);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->items.size(), 1u);
  EXPECT_EQ(next->items[0].id, d->id);
  EXPECT_EQ(next->next_cursor, "");
}

TEST_F(NotificationServiceTest, WebhooksKeepTheirSecretSealedAndVersioned) {
  auto patch = webhook_patch_from_json(Json{{"url", "https://hooks.example.com/isms"}}, true);
  ASSERT_TRUE(patch.ok());
  auto created = service().create_webhook(op(), *patch);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->secret.size(), 6u + 64u);
  EXPECT_EQ(created->webhook.events, (std::vector<std::string>{"digest", "overdue", "reminder"}));
  EXPECT_EQ(created->webhook.secret_sealed.find(created->secret), std::string::npos);
  WebhookPatch disable;
  disable.active = false;
  disable.version = 1;
  auto updated = service().update_webhook(op(), created->webhook.id, disable);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_FALSE(updated->active);
  auto stale = service().update_webhook(op(), created->webhook.id, disable);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(service().delete_webhook(op(), created->webhook.id).ok());
  auto listed = service().list_webhooks(op());
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  for (const auto& e : ledger_entries(created->webhook.id)) {
    EXPECT_EQ(e.change.find(created->secret), std::string::npos);
  }
}

}  // namespace
}  // namespace isms
