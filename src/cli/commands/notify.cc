// isms notify: reminders by e-mail and webhook (docs/api.md "Notifications"): show or change
// the settings, add/list/disable webhooks, list deliveries, retry one, send a test e-mail,
// and run the reminders once (what `isms serve` does every --reminder-interval seconds).
// Every verb works locally (as the operator) and remotely (notifications:manage).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/notification.h"
#include "service/notification_service.h"

namespace isms::cli {

namespace {

// --- settings ---

struct SettingsOptions {
  std::string smtp_url, from, username, password, starttls, offsets;
  std::string overdue_notice, digest, digest_weekday, digest_hour, email, webhook;
  bool clear_password = false;
};

Result<bool> on_off(const std::string& field, const std::string& value) {
  if (value == "on" || value == "true" || value == "yes") return true;
  if (value == "off" || value == "false" || value == "no") return false;
  return Error::invalid(field, "must be on or off");
}

// The settings change as the API takes it; empty when no option was given (show only).
Result<Json> settings_change(const SettingsOptions& o) {
  Json body = Json::object();
  Json smtp = Json::object();
  if (!o.smtp_url.empty()) smtp["url"] = o.smtp_url == "none" ? "" : o.smtp_url;
  if (!o.from.empty()) smtp["from"] = o.from;
  if (!o.username.empty()) smtp["username"] = o.username == "none" ? "" : o.username;
  if (!o.password.empty()) smtp["password"] = o.password;
  if (o.clear_password) smtp["password"] = nullptr;
  if (!o.starttls.empty()) smtp["starttls"] = o.starttls;
  if (!smtp.empty()) body["smtp"] = smtp;
  if (!o.offsets.empty()) {
    Json offsets = Json::array();
    if (o.offsets != "none") {
      std::stringstream in(o.offsets);
      std::string part;
      while (std::getline(in, part, ',')) {
        ISMS_ASSIGN(int64_t n, parse_integer("offsets", part, 0, kOffsetMaxDays));
        offsets.push_back(n);
      }
    }
    body["offsets"] = offsets;
  }
  if (!o.overdue_notice.empty()) {
    ISMS_ASSIGN(body["overdue_notice"], on_off("overdue-notice", o.overdue_notice));
  }
  Json digest = Json::object();
  if (!o.digest.empty()) {
    ISMS_ASSIGN(digest["enabled"], on_off("digest", o.digest));
  }
  if (!o.digest_weekday.empty()) {
    ISMS_ASSIGN(digest["weekday"], parse_integer("digest-weekday", o.digest_weekday, 1, 7));
  }
  if (!o.digest_hour.empty()) {
    ISMS_ASSIGN(digest["hour"], parse_integer("digest-hour", o.digest_hour, 0, 23));
  }
  if (!digest.empty()) body["digest"] = digest;
  Json channels = Json::object();
  if (!o.email.empty()) {
    ISMS_ASSIGN(channels["email"], on_off("email", o.email));
  }
  if (!o.webhook.empty()) {
    ISMS_ASSIGN(channels["webhook"], on_off("webhook", o.webhook));
  }
  if (!channels.empty()) body["channels"] = channels;
  return body;
}

std::string offsets_text(const Json& offsets) {
  std::string out;
  for (const auto& o : offsets) out += (out.empty() ? "" : ", ") + std::to_string(o.get<int>());
  return out.empty() ? "none" : out + " day(s) before";
}

int print_settings(const Json& s) {
  static const char* kDays[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                "Thursday", "Friday", "Saturday", "Sunday"};
  const Json& smtp = member_of(s, "smtp");
  const Json& digest = member_of(s, "digest");
  const Json& channels = member_of(s, "channels");
  Details d;
  d.add("smtp url", or_dash(text_of(smtp, "url")));
  d.add("from", or_dash(text_of(smtp, "from")));
  d.add("username", or_dash(text_of(smtp, "username")));
  d.add("password", bool_of(smtp, "password_set") ? "set" : "not set");
  d.add("starttls", text_of(smtp, "starttls"));
  d.add("reminders", offsets_text(array_of(s, "offsets")));
  d.add("overdue notice", bool_of(s, "overdue_notice") ? "on" : "off");
  int64_t weekday = int_of(digest, "weekday");
  d.add("weekly digest", bool_of(digest, "enabled")
                             ? std::string(kDays[weekday >= 1 && weekday <= 7 ? weekday : 0]) +
                                   " from " + std::to_string(int_of(digest, "hour")) + ":00"
                             : "off");
  d.add("channels", std::string("email ") + (bool_of(channels, "email") ? "on" : "off") +
                        ", webhook " + (bool_of(channels, "webhook") ? "on" : "off"));
  d.add("version", std::to_string(int_of(s, "version")));
  d.print(std::cout);
  return kExitOk;
}

void add_settings(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<SettingsOptions>();
  CLI::App* command = add_command(
      parent, "settings", "Show the notification settings, or change those given", invocation);
  command->add_option("--smtp-url", o->smtp_url, "smtp://host:port or smtps://host:port; none")
      ->type_name("URL");
  command->add_option("--from", o->from, "Sender address")->type_name("ADDRESS");
  command->add_option("--username", o->username, "SMTP user name; none")->type_name("NAME");
  command->add_option("--password", o->password, "SMTP password (stored sealed)")
      ->type_name("TEXT");
  command->add_flag("--clear-password", o->clear_password, "Remove the SMTP password");
  command->add_option("--starttls", o->starttls, "none, opportunistic or required")
      ->type_name("MODE");
  command->add_option("--offsets", o->offsets, "Reminder days before due, e.g. 30,7,1; none")
      ->type_name("LIST");
  command->add_option("--overdue-notice", o->overdue_notice, "on or off")->type_name("on|off");
  command->add_option("--digest", o->digest, "Weekly digest on or off")->type_name("on|off");
  command->add_option("--digest-weekday", o->digest_weekday, "1 = Monday .. 7 = Sunday")
      ->type_name("N");
  command->add_option("--digest-hour", o->digest_hour, "0-23, organization time")->type_name("H");
  command->add_option("--email", o->email, "E-mail channel on or off")->type_name("on|off");
  command->add_option("--webhook", o->webhook, "Webhook channel on or off")->type_name("on|off");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        NotificationService service(s);
        ISMS_ASSIGN(Json change, settings_change(*o));
        if (change.empty()) {
          ISMS_ASSIGN(SettingsView v, service.settings(cli_operator()));
          return settings_to_json(v.settings, v.version);
        }
        ISMS_ASSIGN(SettingsPatch patch, settings_patch_from_json(change));
        ISMS_ASSIGN(SettingsView v, service.update_settings(cli_operator(), patch));
        return settings_to_json(v.settings, v.version);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json change, settings_change(*o));
        if (change.empty()) return c.get("/notifications/settings");
        return c.patch("/notifications/settings", change);
      },
      print_settings);
}

// --- webhooks ---

int print_webhooks(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No webhooks.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("URL", 50);
  table.add_column("EVENTS");
  table.add_column("ACTIVE");
  for (const Json& w : items) {
    std::string events;
    for (const auto& e : array_of(w, "events"))
      events += (events.empty() ? "" : ",") + e.get<std::string>();
    table.add_row(
        {text_of(w, "id"), text_of(w, "url"), events, bool_of(w, "active") ? "yes" : "no"});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_created_webhook(const Json& w) {
  std::cout << "Webhook " << text_of(w, "id") << " added for " << text_of(w, "url") << "\n"
            << "Signing secret (shown only now; verify X-Isms-Signature with it):\n  "
            << text_of(w, "secret") << "\n";
  return kExitOk;
}

void add_webhook(CLI::App* parent, Invocation* invocation) {
  CLI::App* webhook = add_command(parent, "webhook", "Webhooks that receive reminders", invocation);
  webhook->require_subcommand(1);

  auto url = std::make_shared<std::string>();
  auto events = std::make_shared<std::string>();
  auto description = std::make_shared<std::string>();
  CLI::App* add = add_command(webhook, "add", "Add a webhook (prints its secret once)", invocation);
  add->add_option("--url", *url, "http:// or https:// URL")->required()->type_name("URL");
  add->add_option("--events", *events, "reminder,overdue,digest (default all)")->type_name("LIST");
  add->add_option("--description", *description, "What receives it")->type_name("TEXT");
  add_json_flag(add, invocation);
  auto create_body = [url, events, description]() {
    Json body{{"url", *url}};
    if (!description->empty()) body["description"] = *description;
    if (!events->empty()) {
      Json list = Json::array();
      std::stringstream in(*events);
      std::string part;
      while (std::getline(in, part, ',')) list.push_back(part);
      body["events"] = list;
    }
    return body;
  };
  set_json_action(
      add, invocation,
      [create_body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(WebhookPatch patch, webhook_patch_from_json(create_body(), true));
        ISMS_ASSIGN(CreatedWebhook created,
                    NotificationService(s).create_webhook(cli_operator(), patch));
        Json out = webhook_to_json(created.webhook);
        out["secret"] = created.secret;
        return out;
      },
      [create_body](ApiClient& c) { return c.post("/notifications/webhooks", create_body()); },
      print_created_webhook);

  CLI::App* list = add_command(webhook, "list", "List webhooks", invocation);
  add_json_flag(list, invocation);
  set_json_action(
      list, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto hooks, NotificationService(s).list_webhooks(cli_operator()));
        return items_of(hooks, webhook_to_json);
      },
      [](ApiClient& c) { return c.get("/notifications/webhooks"); }, print_webhooks);

  for (bool enable : {false, true}) {
    auto id = std::make_shared<std::string>();
    CLI::App* toggle = add_command(webhook, enable ? "enable" : "disable",
                                   enable ? "Enable a webhook" : "Disable a webhook", invocation);
    toggle->add_option("id", *id, "Webhook id")->required();
    add_json_flag(toggle, invocation);
    set_json_action(
        toggle, invocation,
        [id, enable](const ServiceContext& s) -> Result<Json> {
          NotificationService service(s);
          ISMS_ASSIGN(auto hooks, service.list_webhooks(cli_operator()));
          for (const Webhook& w : hooks) {
            if (w.id != *id) continue;
            WebhookPatch patch;
            patch.active = enable;
            patch.version = w.version;
            ISMS_ASSIGN(Webhook after, service.update_webhook(cli_operator(), *id, patch));
            return webhook_to_json(after);
          }
          return Error::not_found("webhook " + *id + " not found");
        },
        [id, enable](ApiClient& c) -> Result<Json> {
          ISMS_ASSIGN(Json hooks, c.get("/notifications/webhooks"));
          for (const Json& w : array_of(hooks, "items")) {
            if (text_of(w, "id") != *id) continue;
            return c.patch("/notifications/webhooks/" + ApiClient::segment(*id),
                           Json{{"active", enable}, {"version", int_of(w, "version")}});
          }
          return Error::not_found("webhook " + *id + " not found");
        },
        [enable](const Json& w) {
          std::cout << "Webhook " << text_of(w, "id") << (enable ? " enabled" : " disabled")
                    << ".\n";
          return kExitOk;
        });
  }
}

// --- deliveries, retry, run, test e-mail ---

int print_deliveries(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No deliveries.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("CREATED");
  table.add_column("CHANNEL");
  table.add_column("TARGET", 30);
  table.add_column("STATUS");
  table.add_column("TRIES");
  table.add_column("SUBJECT", 50);
  table.add_column("LAST ERROR", 50);
  for (const Json& d : items) {
    table.add_row({text_of(d, "id"), text_of(d, "created_at").substr(0, 16), text_of(d, "channel"),
                   text_of(d, "target"), text_of(d, "status"),
                   std::to_string(int_of(d, "attempts")), text_of(d, "subject"),
                   or_dash(text_of(d, "last_error"))});
  }
  table.print(std::cout);
  if (!text_of(answer, "next_cursor").empty()) std::cout << "(more: --limit)\n";
  return kExitOk;
}

int print_delivery(const Json& d) {
  Details out;
  out.add("id", text_of(d, "id"));
  out.add("channel", text_of(d, "channel") + " to " + text_of(d, "target"));
  out.add("event", text_of(d, "event"));
  out.add("subject", text_of(d, "subject"));
  out.add("status", text_of(d, "status"));
  out.add("attempts", std::to_string(int_of(d, "attempts")));
  out.add("next attempt", or_dash(text_of(d, "next_attempt_at")));
  out.add("last error", or_dash(text_of(d, "last_error")));
  out.print(std::cout);
  return kExitOk;
}

void add_deliveries(CLI::App* parent, Invocation* invocation) {
  auto status = std::make_shared<std::string>();
  auto channel = std::make_shared<std::string>();
  auto limit = std::make_shared<std::string>("50");
  CLI::App* command =
      add_command(parent, "deliveries", "List deliveries, newest first", invocation);
  command->add_option("--status", *status, "pending, sent, failed or abandoned");
  command->add_option("--channel", *channel, "email or webhook");
  command->add_option("--limit", *limit, "At most this many (1-500)")->capture_default_str();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [status, channel, limit](const ServiceContext& s) -> Result<Json> {
        DeliveryQuery q;
        if (!status->empty()) {
          q.status = parse_delivery_status(*status);
          if (!q.status)
            return Error::invalid("status", "must be pending, sent, failed or abandoned");
        }
        q.channel = *channel;
        ISMS_ASSIGN(int64_t n, parse_integer("limit", *limit, 1, 500));
        q.limit = static_cast<int>(n);
        ISMS_ASSIGN(DeliveryPage page, NotificationService(s).deliveries(cli_operator(), q));
        Json out = items_of(page.items, delivery_to_json);
        out["next_cursor"] = page.next_cursor.empty() ? Json(nullptr) : Json(page.next_cursor);
        return out;
      },
      [status, channel, limit](ApiClient& c) {
        QueryList q{{"limit", *limit}};
        if (!status->empty()) q.push_back({"status", *status});
        if (!channel->empty()) q.push_back({"channel", *channel});
        return c.get("/notifications/deliveries", q);
      },
      print_deliveries);
}

void add_retry(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "retry",
                                  "Put a failed or abandoned delivery back to pending", invocation);
  command->add_option("id", *id, "Delivery id")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Delivery d, NotificationService(s).retry(cli_operator(), *id));
        return delivery_to_json(d);
      },
      [id](ApiClient& c) {
        return c.post("/notifications/deliveries/" + ApiClient::segment(*id) + "/retry",
                      Json::object());
      },
      print_delivery);
}

void add_run(CLI::App* parent, Invocation* invocation) {
  CLI::App* command = add_command(
      parent, "run", "Plan the reminders due now and send pending deliveries, once", invocation);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(RunReport r, NotificationService(s).run_due(cli_operator()));
        return run_report_to_json(r);
      },
      [](ApiClient& c) { return c.post("/notifications/run", Json::object()); },
      [](const Json& r) {
        std::cout << int_of(r, "planned") << " planned, " << int_of(r, "sent") << " sent, "
                  << int_of(r, "failed") << " failed, " << int_of(r, "abandoned") << " abandoned, "
                  << int_of(r, "skipped") << " skipped\n";
        return kExitOk;
      });
}

void add_test_email(CLI::App* parent, Invocation* invocation) {
  auto to = std::make_shared<std::string>();
  CLI::App* command =
      add_command(parent, "test-email", "Send a test e-mail through the SMTP settings", invocation);
  command->add_option("--to", *to, "Recipient address")->required()->type_name("ADDRESS");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [to](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Delivery d, NotificationService(s).test_email(cli_operator(), *to));
        return delivery_to_json(d);
      },
      [to](ApiClient& c) {
        return c.post("/notifications/test-email", Json{{"to", *to}});
      },
      [](const Json& d) {
        print_delivery(d);
        return text_of(d, "status") == "sent" ? kExitOk : kExitError;
      });
}

}  // namespace

void add_notification_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* notify = add_command(root, "notify", "Reminders by e-mail and webhook", invocation);
  notify->require_subcommand(1);
  add_settings(notify, invocation);
  add_webhook(notify, invocation);
  add_deliveries(notify, invocation);
  add_retry(notify, invocation);
  add_run(notify, invocation);
  add_test_email(notify, invocation);
}

}  // namespace isms::cli
