// Reminders by e-mail and webhook (docs/api.md "Notifications"): settings, webhooks, the
// delivery log with retry, a test e-mail and a run on demand. Every route needs
// notifications:manage.
#include <string>
#include <vector>

#include "domain/notification.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/notification_service.h"

namespace isms::http {
namespace {

constexpr const char* kBase = "/api/v1/notifications";
const char* const kManage = "notifications:manage";

Response no_content() {
  Response res;
  res.status = 204;
  return res;
}

Result<Response> update_settings(const NotificationService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(SettingsPatch patch, settings_patch_from_json(body));
  ISMS_ASSIGN(patch.version, expected_version(req, patch.version));
  ISMS_ASSIGN(SettingsView v, service.update_settings(req.principal, patch));
  return versioned_json(200, settings_to_json(v.settings, v.version), v.version);
}

Result<Response> create_webhook(const NotificationService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(WebhookPatch patch, webhook_patch_from_json(body, /*creating=*/true));
  ISMS_ASSIGN(CreatedWebhook created, service.create_webhook(req.principal, patch));
  Json out = webhook_to_json(created.webhook);
  out["secret"] = created.secret;
  Response res = versioned_json(201, out, created.webhook.version);
  res.headers.set("Location", std::string(kBase) + "/webhooks/" + created.webhook.id);
  return res;
}

Result<Response> update_webhook(const NotificationService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(WebhookPatch patch, webhook_patch_from_json(body, /*creating=*/false));
  ISMS_ASSIGN(patch.version, expected_version(req, patch.version));
  ISMS_ASSIGN(Webhook w, service.update_webhook(req.principal, req.path_param("id"), patch));
  return versioned_json(200, webhook_to_json(w), w.version);
}

Result<Response> list_deliveries(const NotificationService& service, const Request& req) {
  DeliveryQuery q;
  std::string status = query_or(req, "status");
  if (!status.empty()) {
    q.status = parse_delivery_status(status);
    if (!q.status) {
      return Error::invalid("status", "must be pending, sent, failed or abandoned");
    }
  }
  q.channel = query_or(req, "channel");
  std::string limit = query_or(req, "limit", "50");
  if (limit.empty() || limit.size() > 3 ||
      limit.find_first_not_of("0123456789") != std::string::npos) {
    return Error::invalid("limit", "must be an integer from 1 to 500");
  }
  q.limit = std::stoi(limit);
  q.cursor = query_or(req, "cursor");
  ISMS_ASSIGN(DeliveryPage page, service.deliveries(req.principal, q));
  Json items = Json::array();
  for (const Delivery& d : page.items) items.push_back(delivery_to_json(d));
  return json_response(
      200,
      Json{{"items", std::move(items)},
           {"next_cursor", page.next_cursor.empty() ? Json(nullptr) : Json(page.next_cursor)}});
}

Result<Response> test_email(const NotificationService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  std::vector<FieldError> errors;
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() != "to") errors.push_back({it.key(), "unknown field"});
  }
  if (!body.contains("to") || !body["to"].is_string()) {
    errors.push_back({"to", "is required (an e-mail address)"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(Delivery d, service.test_email(req.principal, body["to"].get<std::string>()));
  return json_response(200, delivery_to_json(d));
}

}  // namespace

void add_notification_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)cached;  // deliveries change with every run: nothing here is cached
  NotificationService service(ctx);
  const std::string base = kBase;
  const std::string settings = base + "/settings";
  const std::string webhooks = base + "/webhooks";
  const std::string deliveries = base + "/deliveries";

  router.add(
      "GET", settings,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(SettingsView v, service.settings(req.principal));
        return versioned_json(200, settings_to_json(v.settings, v.version),
                              std::max<int64_t>(v.version, 0));
      },
      RouteDoc{.operation_id = "getNotificationSettings",
               .summary = "SMTP, reminder offsets, overdue notice, weekly digest and channels "
                          "(the SMTP password is never returned, only password_set)",
               .tag = "notifications",
               .response_schema = "NotificationSettings",
               .response_headers = {"ETag"},
               .errors = {401, 403, 503},
               .access = needs(kManage)});
  for (const char* method : {"PUT", "PATCH"}) {
    router.add(
        method, settings, [service](const Request& req) { return update_settings(service, req); },
        RouteDoc{.operation_id = std::string(method) == "PUT" ? "putNotificationSettings"
                                                              : "patchNotificationSettings",
                 .summary = "Change the notification settings; members left out stay as they "
                            "are (smtp.password: a string sets it, null removes it)",
                 .tag = "notifications",
                 .request_schema = "NotificationSettingsUpdate",
                 .response_schema = "NotificationSettings",
                 .response_headers = {"ETag"},
                 .errors = {401, 403, 409, 422, 503},
                 .if_match = true,
                 .access = needs(kManage)});
  }
  router.add(
      "POST", base + "/test-email",
      [service](const Request& req) { return test_email(service, req); },
      RouteDoc{.operation_id = "sendTestEmail",
               .summary = "Send a test e-mail now; answers its delivery (sent or failed with "
                          "the SMTP error)",
               .tag = "notifications",
               .request_schema = "TestEmailRequest",
               .response_schema = "Delivery",
               .errors = {401, 403, 422, 503},
               .access = needs(kManage)});
  router.add(
      "POST", base + "/run",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(RunReport r, service.run_due(req.principal));
        return json_response(200, run_report_to_json(r));
      },
      RouteDoc{.operation_id = "runNotifications",
               .summary = "Plan the reminders due now and send pending deliveries",
               .tag = "notifications",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "NotificationRun",
               .errors = {401, 403, 503},
               .access = needs(kManage)});
  router.add(
      "GET", webhooks,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<Webhook> list, service.list_webhooks(req.principal));
        Json items = Json::array();
        for (const Webhook& w : list) items.push_back(webhook_to_json(w));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listWebhooks",
               .summary = "Webhooks (their secrets are never shown again)",
               .tag = "notifications",
               .response_schema = "WebhookList",
               .errors = {401, 403, 503},
               .access = needs(kManage)});
  router.add(
      "POST", webhooks, [service](const Request& req) { return create_webhook(service, req); },
      RouteDoc{.operation_id = "createWebhook",
               .summary = "Add a webhook; the answer holds its signing secret, shown only once",
               .tag = "notifications",
               .request_schema = "WebhookCreate",
               .status = 201,
               .response_schema = "CreatedWebhook",
               .response_headers = {"ETag", "Location"},
               .errors = {401, 403, 422, 503},
               .access = needs(kManage)});
  router.add(
      "PATCH", webhooks + "/{id}",
      [service](const Request& req) { return update_webhook(service, req); },
      RouteDoc{.operation_id = "updateWebhook",
               .summary = "Change a webhook's url, events, description or active flag",
               .tag = "notifications",
               .request_schema = "WebhookUpdate",
               .response_schema = "Webhook",
               .response_headers = {"ETag"},
               .errors = {401, 403, 404, 409, 422, 503},
               .if_match = true,
               .access = needs(kManage)});
  router.add(
      "DELETE", webhooks + "/{id}",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(service.delete_webhook(req.principal, req.path_param("id")));
        return no_content();
      },
      RouteDoc{.operation_id = "deleteWebhook",
               .summary = "Remove a webhook (its pending deliveries then fail)",
               .tag = "notifications",
               .status = 204,
               .errors = {401, 403, 404, 503},
               .access = needs(kManage)});
  router.add(
      "GET", deliveries, [service](const Request& req) { return list_deliveries(service, req); },
      RouteDoc{.operation_id = "listDeliveries",
               .summary = "Deliveries, newest first, with attempts and the last error",
               .tag = "notifications",
               .response_schema = "DeliveryPage",
               .query = {enum_param_doc("status", "Only deliveries in this state.",
                                        {"pending", "sent", "failed", "abandoned"}),
                         enum_param_doc("channel", "Only this channel.", {"email", "webhook"}),
                         limit_param_doc(), cursor_param_doc()},
               .errors = {400, 401, 403, 422, 503},
               .access = needs(kManage)});
  router.add(
      "GET", deliveries + "/{id}",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Delivery d, service.delivery(req.principal, req.path_param("id")));
        return json_response(200, delivery_to_json(d));
      },
      RouteDoc{.operation_id = "getDelivery",
               .summary = "One delivery with its history of attempts",
               .tag = "notifications",
               .response_schema = "Delivery",
               .errors = {401, 403, 404, 503},
               .access = needs(kManage)});
  router.add(
      "POST", deliveries + "/{id}/retry",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(Delivery d, service.retry(req.principal, req.path_param("id")));
        return json_response(200, delivery_to_json(d));
      },
      RouteDoc{.operation_id = "retryDelivery",
               .summary = "Put a failed or abandoned delivery back to pending, due now",
               .tag = "notifications",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "Delivery",
               .errors = {401, 403, 404, 409, 503},
               .access = needs(kManage)});
}

}  // namespace isms::http
