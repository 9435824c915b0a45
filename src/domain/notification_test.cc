#include "domain/notification.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace isms {
namespace {

bool has_field(const Error& e, const std::string& field) {
  for (const auto& d : e.details) {
    if (d.field == field) return true;
  }
  return false;
}

TEST(NotificationOffsets, SmallestOffsetThatHasCome) {
  std::vector<int> offsets{30, 7, 1};
  EXPECT_EQ(applicable_offset(offsets, 31), std::nullopt);
  EXPECT_EQ(applicable_offset(offsets, 30), 30);
  EXPECT_EQ(applicable_offset(offsets, 10), 30);  // appeared late: the 30-day one, once
  EXPECT_EQ(applicable_offset(offsets, 7), 7);
  EXPECT_EQ(applicable_offset(offsets, 2), 7);
  EXPECT_EQ(applicable_offset(offsets, 1), 1);
  EXPECT_EQ(applicable_offset(offsets, 0), 1);  // due today: the 1-day one if it was missed
  EXPECT_EQ(applicable_offset(offsets, -1), std::nullopt);
  EXPECT_EQ(applicable_offset({0}, 0), 0);
  EXPECT_EQ(applicable_offset({}, 0), std::nullopt);
}

TEST(NotificationDigest, IsoWeekKeys) {
  EXPECT_EQ(*iso_week_key("2026-11-30"), "2026-W49");  // a Monday
  EXPECT_EQ(*iso_week_key("2026-12-06"), "2026-W49");  // its Sunday
  EXPECT_EQ(*iso_week_key("2027-01-01"), "2026-W53");  // 2026 has 53 ISO weeks
  EXPECT_EQ(*iso_week_key("2027-01-04"), "2027-W01");
  EXPECT_EQ(*iso_week_key("2024-12-30"), "2025-W01");  // Monday of week 1 of 2025
  EXPECT_EQ(*iso_week_key("2021-01-03"), "2020-W53");
  EXPECT_FALSE(iso_week_key("2026-13-01").ok());
}

TEST(NotificationDigest, DueOnWeekdayFromHourAndLaterThatWeek) {
  DigestSettings d;  // Monday 07:00
  EXPECT_FALSE(digest_due(d, 1, 6));
  EXPECT_TRUE(digest_due(d, 1, 7));
  EXPECT_TRUE(digest_due(d, 3, 0));  // a missed Monday catches up
  d.weekday = 5;
  EXPECT_FALSE(digest_due(d, 4, 23));
  d.enabled = false;
  EXPECT_FALSE(digest_due(d, 7, 23));
}

TEST(NotificationBackoff, OneFiveThirtyMinutesTwoTwelveHoursThenAbandoned) {
  EXPECT_EQ(retry_delay_seconds(1), 60);
  EXPECT_EQ(retry_delay_seconds(2), 300);
  EXPECT_EQ(retry_delay_seconds(3), 1800);
  EXPECT_EQ(retry_delay_seconds(4), 7200);
  EXPECT_EQ(retry_delay_seconds(5), 43200);
  EXPECT_EQ(retry_delay_seconds(6), std::nullopt);

  Delivery d;
  int64_t now = 0;
  ASSERT_TRUE(parse_utc_micros("2026-11-30T07:00:00Z", &now));
  record_attempt(&d, now, false, "Couldn't connect to server");
  EXPECT_EQ(d.status, DeliveryStatus::kFailed);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.next_attempt_at, "2026-11-30T07:01:00.000000Z");
  EXPECT_EQ(d.last_error, "Couldn't connect to server");
  for (int i = 2; i <= 5; ++i) record_attempt(&d, now, false, "again");
  EXPECT_EQ(d.status, DeliveryStatus::kFailed);
  EXPECT_EQ(d.next_attempt_at, "2026-11-30T19:00:00.000000Z");
  record_attempt(&d, now, false, "again");
  EXPECT_EQ(d.status, DeliveryStatus::kAbandoned);
  EXPECT_EQ(d.attempts, 6);
  EXPECT_EQ(d.next_attempt_at, "");
  ASSERT_EQ(d.history.size(), 6u);
  EXPECT_EQ(d.history.back().outcome, "abandoned");

  Delivery ok;
  record_attempt(&ok, now, true, "");
  EXPECT_EQ(ok.status, DeliveryStatus::kSent);
  EXPECT_EQ(ok.history.back().outcome, "sent");
}

TEST(NotificationKeys, DeterministicAndDistinct) {
  std::string a =
      reminder_key("email", "a@example.com", "occurrence", "act1", "2026-12-31", "reminder", 7);
  EXPECT_EQ(a, "email|a@example.com|occurrence|act1|2026-12-31|reminder|7");
  EXPECT_EQ(delivery_id_for_key(a), delivery_id_for_key(a));
  EXPECT_EQ(delivery_id_for_key(a).size(), 36u);
  EXPECT_NE(delivery_id_for_key(a),
            delivery_id_for_key(reminder_key("email", "a@example.com", "occurrence", "act1",
                                             "2026-12-31", "reminder", 1)));
}

TEST(NotificationSettingsParse, AcceptsAPartialChange) {
  Json body = parse_json(R"({"smtp":{"url":"smtp://127.0.0.1:2525","from":"isms@example.com",
    "password":"pw","starttls":"none"},"offsets":[1,30,7],"digest":{"weekday":3,"hour":8},
    "channels":{"webhook":false}})")
                  .value();
  auto p = settings_patch_from_json(body);
  ASSERT_TRUE(p.ok()) << p.error().message;
  NotificationSettings s;
  ASSERT_TRUE(apply_settings_patch(*p, &s).ok());
  EXPECT_EQ(s.offsets, (std::vector<int>{30, 7, 1}));
  EXPECT_EQ(s.smtp.starttls, StartTls::kNone);
  EXPECT_EQ(p->smtp_password, "pw");
  EXPECT_EQ(s.digest.weekday, 3);
  EXPECT_FALSE(s.webhook_enabled);
  EXPECT_TRUE(s.email_enabled);
  // The stored body round-trips; clients never see the sealed password.
  s.smtp.password_sealed = "v1.sealed";
  auto back = settings_from_body(settings_to_body(s));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->smtp.password_sealed, "v1.sealed");
  EXPECT_EQ(back->offsets, s.offsets);
  Json shown = settings_to_json(s, 3);
  EXPECT_FALSE(shown["smtp"].contains("password_sealed"));
  EXPECT_TRUE(shown["smtp"]["password_set"].get<bool>());
}

TEST(NotificationSettingsParse, RefusesBadValuesNamingEachField) {
  Json body = parse_json(R"({"smtp":{"url":"http://mail","colour":1},"offsets":[400,7,7],
    "digest":{"hour":24},"extra":true})")
                  .value();
  auto p = settings_patch_from_json(body);
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(has_field(p.error(), "smtp.colour"));
  EXPECT_TRUE(has_field(p.error(), "offsets[0]"));
  EXPECT_TRUE(has_field(p.error(), "offsets[2]"));
  EXPECT_TRUE(has_field(p.error(), "digest.hour"));
  EXPECT_TRUE(has_field(p.error(), "extra"));

  auto bad_url = settings_patch_from_json(Json{{"smtp", {{"url", "http://mail"}}}});
  ASSERT_TRUE(bad_url.ok());
  NotificationSettings s;
  auto applied = apply_settings_patch(*bad_url, &s);
  ASSERT_FALSE(applied.ok());
  EXPECT_TRUE(has_field(applied.error(), "smtp.url"));
  EXPECT_TRUE(has_field(applied.error(), "smtp.from"));
  auto eleven = settings_patch_from_json(Json{{"offsets", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}});
  ASSERT_FALSE(eleven.ok());
  EXPECT_EQ(eleven.error().details.front().field, "offsets");
}

TEST(NotificationUrls, SmtpAndWebhookRules) {
  EXPECT_EQ(check_smtp_url("smtp://mail.example.com:587"), "");
  EXPECT_EQ(check_smtp_url("smtps://[::1]:465/"), "");
  EXPECT_NE(check_smtp_url("smtp://user:pw@mail:25"), "");
  EXPECT_NE(check_smtp_url("smtp://mail:99999"), "");
  EXPECT_NE(check_smtp_url("smtp://mail/path"), "");
  EXPECT_NE(check_smtp_url("ftp://mail"), "");
  EXPECT_EQ(check_webhook_url("https://hooks.example.com/isms?x=1"), "");
  EXPECT_EQ(check_webhook_url("http://127.0.0.1:9000/hook"), "");
  EXPECT_NE(check_webhook_url("file:///etc/passwd"), "");
  EXPECT_NE(check_webhook_url("https://"), "");
  EXPECT_NE(check_webhook_url("https://a b/"), "");
  EXPECT_NE(check_webhook_url("https://x/" + std::string(kUrlMax, 'a')), "");
  EXPECT_TRUE(is_email_address("ciso@example.com"));
  EXPECT_FALSE(is_email_address("ciso"));
  EXPECT_FALSE(is_email_address("a b@example.com"));
  EXPECT_FALSE(is_email_address("<a@example.com>"));
}

TEST(NotificationWebhooks, ParseAndApply) {
  auto p = webhook_patch_from_json(
      Json{{"url", "https://hooks.example.com/x"}, {"events", {"digest", "reminder", "digest"}}},
      true);
  ASSERT_TRUE(p.ok()) << p.error().message;
  Webhook w;
  ASSERT_TRUE(apply_webhook_patch(*p, &w).ok());
  EXPECT_EQ(w.events, (std::vector<std::string>{"digest", "reminder"}));
  auto bad = webhook_patch_from_json(Json{{"events", {"sms"}}, {"active", false}}, true);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(has_field(bad.error(), "events[0]"));
  EXPECT_TRUE(has_field(bad.error(), "active"));
  EXPECT_TRUE(has_field(bad.error(), "url"));
}

}  // namespace
}  // namespace isms
