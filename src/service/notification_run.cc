// The reminder run: plan deliveries from the agenda (one write transaction), then send each
// pending delivery outside any transaction and record its outcome in its own.
#include <algorithm>
#include <map>

#include "base/crypto.h"
#include "base/time_zone.h"
#include "service/admin_common.h"
#include "service/calendar_agenda.h"
#include "service/ledger_recorder.h"
#include "service/notification_plan.h"
#include "service/notification_records.h"
#include "service/notification_service.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace notify_internal;

namespace {

// Deliveries sent per run; the rest wait for the next run (a minute later by default).
constexpr int kSendBatch = 100;

Json person_json(const std::string& id, const std::string& name, const std::string& email) {
  return Json{{"id", id}, {"name", name}, {"email", email}};
}

Json plan_ledger_view(const Delivery& d) {
  return Json{{"channel", d.channel}, {"target", d.target},
              {"event", d.event},     {"person_id", d.person_id},
              {"status", "pending"},  {"next_attempt_at", d.next_attempt_at}};
}

}  // namespace

Result<RunReport> NotificationService::run_due(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "notifications:manage"));
  return run(actor_of(p));
}

Result<RunReport> NotificationService::run_due_as_system() const { return run(Actor{"system"}); }

Result<RunReport> NotificationService::run(const Actor& actor) const {
  RunReport report;
  ISMS_TRY(plan(actor, &report));
  ISMS_TRY(send_pending(actor, &report));
  return report;
}

Status NotificationService::plan(const Actor& actor, RunReport* report) const {
  int64_t now = ctx_.clock->now_micros();
  std::string now_text = format_utc_micros(now);
  NotificationSettings settings;
  std::vector<Webhook> webhooks;
  std::map<std::string, Person> persons;
  std::string zone;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(auto loaded, load_settings(*tx));
    settings = std::move(loaded.first);
    ISMS_ASSIGN(webhooks, notify_internal::list_webhooks(*tx));
    ISMS_ASSIGN(std::vector<Person> all, tx->list_persons());
    for (auto& person : all) persons.emplace(person.id, std::move(person));
    ISMS_ASSIGN(zone, organization_time_zone(*tx));
  }
  bool email = settings.email_enabled && !settings.smtp.url.empty();
  bool any_webhook =
      settings.webhook_enabled &&
      std::any_of(webhooks.begin(), webhooks.end(), [](const Webhook& w) { return w.active; });
  if (!email && !any_webhook) return ok_status();

  PlanInput input;
  ISMS_ASSIGN(input.today, local_date(now, zone));
  ISMS_ASSIGN(std::string local, format_local_time(now, zone));
  input.local_hour = std::stoi(local.substr(11, 2));
  ISMS_ASSIGN(int weekday, iso_weekday(input.today));
  input.local_weekday = weekday + 1;
  ISMS_ASSIGN(input.week_key, iso_week_key(input.today));

  int horizon = 7;
  for (int d : settings.offsets) horizon = std::max(horizon, d);
  AgendaQuery query;
  ISMS_ASSIGN(query.from, add_days(input.today, -1));
  ISMS_ASSIGN(query.to, add_days(input.today, horizon));
  query.include_overdue_before_from = true;
  ISMS_ASSIGN(std::vector<AgendaItem> agenda,
              calendar_agenda(ctx_, operator_principal("system"), query));
  std::vector<PlannedMessage> messages = plan_messages(agenda, settings, input);

  std::vector<Delivery> candidates;
  for (const PlannedMessage& m : messages) {
    auto person = persons.find(m.person_id);
    std::string address = person == persons.end() ? "" : person->second.email;
    Delivery base;
    base.event = m.event;
    base.person_id = m.person_id;
    base.subject = m.subject;
    base.text = m.text;
    base.status = DeliveryStatus::kPending;
    base.next_attempt_at = now_text;
    base.created_at = base.updated_at = now_text;
    if (email) {
      if (address.empty()) {
        ++report->skipped;
      } else {
        Delivery d = base;
        d.channel = "email";
        d.target = address;
        d.key = reminder_key("email", address, m.source, m.object_id, m.due_on, m.event, m.offset);
        d.id = delivery_id_for_key(d.key);
        candidates.push_back(std::move(d));
      }
    }
    if (!any_webhook) continue;
    Json items = Json::array();
    for (const auto& item : m.items) items.push_back(webhook_item_json(item));
    for (const Webhook& w : webhooks) {
      if (!w.active || std::find(w.events.begin(), w.events.end(), m.event) == w.events.end()) {
        continue;
      }
      Delivery d = base;
      d.channel = "webhook";
      d.target = w.id;
      d.payload =
          Json{{"items", items}, {"person", person_json(m.person_id, m.person_name, address)}};
      d.key = reminder_key("webhook", w.id, m.source, m.object_id, m.due_on, m.event, m.offset);
      d.id = delivery_id_for_key(d.key);
      candidates.push_back(std::move(d));
    }
  }
  if (candidates.empty()) return ok_status();

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  int planned = 0;
  for (const Delivery& d : candidates) {
    auto existing = tx->get_op_record(kDeliveryKind, d.id);
    if (existing.ok()) continue;  // planned before: never twice
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
    ISMS_TRY(tx->insert_op_record(delivery_record(d)));
    ISMS_TRY(ledger.record("delivery.plan", kDeliveryKind, d.id, plan_ledger_view(d)));
    ++planned;
  }
  if (planned == 0) return ok_status();  // the transaction rolls back: nothing changed
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  report->planned += planned;
  return ok_status();
}

Status NotificationService::send_pending(const Actor& actor, RunReport* report) const {
  int64_t now = ctx_.clock->now_micros();
  std::vector<Delivery> due;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    OpRecordQuery q;
    q.kind = kDeliveryKind;
    q.statuses = {"pending", "failed"};
    q.due_before = format_utc_micros(now + 1);
    q.order = OpRecordOrder::kDue;
    q.limit = kSendBatch;
    ISMS_ASSIGN(std::vector<OpRecord> records, tx->list_op_records(q));
    for (const auto& r : records) {
      ISMS_ASSIGN(Delivery d, delivery_of(r));
      due.push_back(std::move(d));
    }
  }
  for (const Delivery& d : due) {
    ISMS_ASSIGN(Delivery after, attempt(actor, d, report));
    (void)after;
  }
  return ok_status();
}

Result<Delivery> NotificationService::attempt(const Actor& actor, const Delivery& d,
                                              RunReport* report) const {
  // Gather what sending needs, then send with no transaction open.
  Status sent = ok_status();
  {
    std::optional<Status> refused;
    NotificationSettings settings;
    std::optional<Webhook> webhook;
    {
      ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
      ISMS_ASSIGN(auto loaded, load_settings(*tx));
      settings = std::move(loaded.first);
      if (d.channel == "webhook") {
        auto w = load_webhook(*tx, d.target);
        if (w.ok()) {
          webhook = std::move(*w);
        } else if (w.error().code != ErrorCode::kNotFound) {
          return w.error();
        }
      }
    }
    int64_t now = ctx_.clock->now_micros();
    if (d.channel == "email") {
      if (settings.smtp.url.empty()) {
        refused = Error::unavailable("SMTP is not configured (notification settings smtp.url)");
      } else {
        ISMS_ASSIGN(std::string password, open_password(ctx_, settings));
        SmtpConfig smtp{settings.smtp.url, settings.smtp.from, settings.smtp.username, password,
                        settings.smtp.starttls};
        sent = transport_->send_email(smtp, d.target,
                                      email_message(settings.smtp.from, d.target, d, now));
      }
    } else if (!webhook) {
      refused = Error::unavailable("webhook " + d.target + " was deleted");
    } else if (!webhook->active) {
      refused = Error::unavailable("webhook " + d.target + " is disabled");
    } else {
      ISMS_ASSIGN(std::string secret, open_secret(ctx_, *webhook));
      sent = transport_->post_webhook(webhook_request(webhook->url, secret, d, now));
    }
    if (refused) sent = *refused;
  }

  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Delivery after, load_delivery(*tx, d.id));
  // Changed meanwhile (retried by hand, or sent by another process): its outcome stands.
  if (after.version != d.version) return after;
  record_attempt(&after, now, sent.ok(), sent.ok() ? "" : sent.error().message);
  int64_t expected = after.version;
  after.version = expected + 1;
  after.updated_at = format_utc_micros(now);
  ISMS_TRY(tx->update_op_record(delivery_record(after), expected));
  std::string verb(delivery_status_name(after.status));
  Json change{{"status", {{"from", delivery_status_name(d.status)}, {"to", verb}}},
              {"attempts", after.attempts}};
  if (!sent.ok()) change["error"] = after.last_error;
  if (!after.next_attempt_at.empty()) change["next_attempt_at"] = after.next_attempt_at;
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  ISMS_TRY(ledger.record("delivery." + verb, kDeliveryKind, d.id, change));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  if (after.status == DeliveryStatus::kSent) ++report->sent;
  if (after.status == DeliveryStatus::kFailed) ++report->failed;
  if (after.status == DeliveryStatus::kAbandoned) ++report->abandoned;
  return after;
}

Result<Delivery> NotificationService::test_email(const Principal& p, const std::string& to) const {
  ISMS_TRY(admin::require_permission(p, "notifications:manage"));
  if (!is_email_address(to)) return Error::invalid("to", "must be an e-mail address");
  std::string now = ctx_.clock->now_utc();
  Delivery d;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    ISMS_ASSIGN(auto loaded, load_settings(*tx));
    if (loaded.first.smtp.url.empty()) {
      return Error::invalid("smtp.url", "is not configured: save the SMTP settings first");
    }
    d.id = "dlv-" + hex_encode(random_bytes(16));
    d.key = "test|" + d.id;
    d.channel = "email";
    d.target = to;
    d.event = "test";
    d.person_id = p.person_id;
    d.subject = "ISMS test e-mail";
    d.text = "This is a test e-mail from the ISMS, sent at " + now +
             ".\nReminders and weekly digests will arrive like this one.\n";
    d.status = DeliveryStatus::kPending;
    d.next_attempt_at = now;
    d.created_at = d.updated_at = now;
    ISMS_TRY(tx->insert_op_record(delivery_record(d)));
    LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
    ISMS_TRY(ledger.record("delivery.plan", kDeliveryKind, d.id, plan_ledger_view(d)));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
  }
  RunReport ignored;
  return attempt(actor_of(p), d, &ignored);
}

}  // namespace isms
