// Authentication: login, the session, logout, the second factor, password changes and
// MFA enrolment; the authentication event log. Cookies are set here only.
#include "base/cookies.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/admin_common.h"

namespace isms::http {

using admin::BodyReader;
namespace {

std::string session_cookie(const Request& req, const std::string& token) {
  CookieOptions options;
  options.secure = req.tls;
  return set_cookie_header(kSessionCookie, token, options);
}

std::string cleared_cookie(const Request& req) {
  CookieOptions options;
  options.secure = req.tls;
  options.max_age_seconds = 0;
  return set_cookie_header(kSessionCookie, "", options);
}

}  // namespace

Json session_info_json(const SessionView& v) {
  Json permissions = Json::array();
  for (const auto& p : v.principal.permissions) permissions.push_back(p);
  return Json{{"state", std::string(session_state_name(v.session.state))},
              {"csrf_token", v.session.csrf_token},
              {"expires_at", v.session.expires_at},
              {"idle_expires_at", v.idle_expires_at},
              {"user",
               {{"id", v.user.id},
                {"username", v.user.username},
                {"person_id", v.user.person_id},
                {"person_name", v.person.name}}},
              {"roles", v.principal.role_keys},
              {"permissions", std::move(permissions)},
              {"mfa_enabled", v.mfa_enabled}};
}

namespace {

Response issued_response(const Request& req, const IssuedSession& issued) {
  Response res = json_response(200, session_info_json(issued.view));
  res.headers.set("Set-Cookie", session_cookie(req, issued.token));
  return res;
}

Result<int> int_param(const Request& req, const char* name, int min, int max, int fallback) {
  const std::string* raw = req.query_param(name);
  if (raw == nullptr) return fallback;
  int64_t value = 0;
  if (raw->empty() || raw->size() > 12 ||
      raw->find_first_not_of("0123456789") != std::string::npos) {
    return Error::malformed(std::string(name) + " must be a whole number", name);
  }
  value = std::stoll(*raw);
  if (value < min || value > max) {
    return Error::malformed(
        std::string(name) + " must be from " + std::to_string(min) + " to " + std::to_string(max),
        name);
  }
  return static_cast<int>(value);
}

}  // namespace

void add_auth_routes(Router& router, const ServiceContext& ctx, const AuthService& auth) {
  (void)ctx;
  const AuthService* a = &auth;
  router.add(
      "POST", "/api/v1/auth/login",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        BodyReader r(body);
        std::string username = r.required_string("username").value_or("");
        std::string password = r.required_string("password").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(IssuedSession issued,
                    a->login(username, password, req.session_token, client_of(req)));
        return issued_response(req, issued);
      },
      RouteDoc{.operation_id = "login",
               .summary = "Log in with username and password (sets the session cookie)",
               .tag = "auth",
               .request_schema = "LoginRequest",
               .response_schema = "SessionInfo",
               .response_headers = {"Set-Cookie"},
               .errors = {401, 422, 429},
               .access = public_access()});
  router.add(
      "GET", "/api/v1/auth/session",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(SessionView view, a->session(req.session_token, client_of(req)));
        return json_response(200, session_info_json(view));
      },
      RouteDoc{.operation_id = "getSession",
               .summary = "The current session (any state)",
               .tag = "auth",
               .response_schema = "SessionInfo",
               .errors = {401},
               .access = session_access()});
  router.add(
      "POST", "/api/v1/auth/logout",
      [a](const Request& req) -> Result<Response> {
        ISMS_TRY(a->logout(req.session_token, client_of(req)));
        Response res;
        res.status = 204;
        res.headers.set("Set-Cookie", cleared_cookie(req));
        return res;
      },
      RouteDoc{.operation_id = "logout",
               .summary = "End the session",
               .tag = "auth",
               .request_body_required = false,
               .status = 204,
               .errors = {401},
               .access = session_access()});
  router.add(
      "POST", "/api/v1/auth/mfa",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        BodyReader r(body);
        std::string code = r.string("code").value_or("");
        std::string recovery = r.string("recovery_code").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(IssuedSession issued,
                    a->verify_mfa(req.session_token, code, recovery, client_of(req)));
        return issued_response(req, issued);
      },
      RouteDoc{.operation_id = "verifyMfa",
               .summary = "Second factor: a TOTP code or a recovery code",
               .tag = "auth",
               .request_schema = "MfaRequest",
               .response_schema = "SessionInfo",
               .response_headers = {"Set-Cookie"},
               .errors = {401, 409, 422},
               .access = session_access()});
  router.add(
      "POST", "/api/v1/auth/password",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        BodyReader r(body);
        std::string current = r.required_string("current_password").value_or("");
        std::string next = r.required_string("new_password").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(IssuedSession issued,
                    a->change_password(req.session_token, current, next, client_of(req)));
        return issued_response(req, issued);
      },
      RouteDoc{.operation_id = "changePassword",
               .summary = "Change the password (ends the user's other sessions)",
               .tag = "auth",
               .request_schema = "PasswordChange",
               .response_schema = "SessionInfo",
               .response_headers = {"Set-Cookie"},
               .errors = {401, 422},
               .access = session_access()});
  router.add(
      "POST", "/api/v1/auth/mfa/enrolment",
      [a](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(MfaEnrolment e, a->start_enrolment(req.session_token));
        return json_response(200, Json{{"secret", e.secret_base32},
                                       {"otpauth_uri", e.otpauth_uri},
                                       {"qr_svg", e.qr_svg}});
      },
      RouteDoc{.operation_id = "startMfaEnrolment",
               .summary = "Start TOTP enrolment: secret, otpauth URI and QR code",
               .tag = "auth",
               .request_body_required = false,
               .response_schema = "MfaEnrolment",
               .errors = {401, 409},
               .access = session_access()});
  router.add(
      "POST", "/api/v1/auth/mfa/enrolment/confirm",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        BodyReader r(body);
        std::string code = r.required_string("code").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(auto result, a->confirm_enrolment(req.session_token, code, client_of(req)));
        return json_response(200, Json{{"recovery_codes", result.first},
                                       {"session", session_info_json(result.second)}});
      },
      RouteDoc{.operation_id = "confirmMfaEnrolment",
               .summary = "Confirm TOTP enrolment with a code; returns recovery codes once",
               .tag = "auth",
               .request_schema = "MfaCode",
               .response_schema = "MfaConfirmation",
               .errors = {401, 409, 422},
               .access = session_access()});
  router.add(
      "POST", "/api/v1/auth/mfa/recovery-codes",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        BodyReader r(body);
        std::string password = r.required_string("password").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(std::vector<std::string> codes,
                    a->new_recovery_codes(req.principal, password, client_of(req)));
        return json_response(200, Json{{"recovery_codes", codes}});
      },
      RouteDoc{.operation_id = "newRecoveryCodes",
               .summary = "Replace the recovery codes (password required)",
               .tag = "auth",
               .request_schema = "PasswordConfirmation",
               .response_schema = "RecoveryCodes",
               .errors = {401, 403, 409, 422},
               .access = authenticated_access()});
  router.add(
      "POST", "/api/v1/auth/mfa/disable",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        BodyReader r(body);
        std::string password = r.required_string("password").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(SessionView view, a->disable_mfa(req.session_token, password, client_of(req)));
        return json_response(200, session_info_json(view));
      },
      RouteDoc{.operation_id = "disableMfa",
               .summary = "Turn off TOTP (password required; not when a role requires MFA)",
               .tag = "auth",
               .request_schema = "PasswordConfirmation",
               .response_schema = "SessionInfo",
               .errors = {401, 409, 422},
               .access = session_access()});
  router.add(
      "GET", "/api/v1/auth/events",
      [a](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(int limit, int_param(req, "limit", 1, 200, 50));
        ISMS_ASSIGN(int before, int_param(req, "before", 0, 2000000000, 0));
        const std::string* user = req.query_param("user_id");
        ISMS_ASSIGN(AuthEventPage page, a->events(before, limit, user ? *user : ""));
        Json items = Json::array();
        for (const auto& e : page.items) items.push_back(auth_event_to_json(e));
        return json_response(
            200, Json{{"items", std::move(items)},
                      {"next_before", page.next_before ? Json(*page.next_before) : Json(nullptr)}});
      },
      RouteDoc{.operation_id = "listAuthEvents",
               .summary = "Authentication events, newest first",
               .tag = "auth",
               .response_schema = "AuthEventList",
               .query = {{"limit", "1-200 (default 50)", Json{{"type", "string"}}},
                         {"before", "events with a smaller id (paging)", Json{{"type", "string"}}},
                         {"user_id", "only this user's events", Json{{"type", "string"}}}},
               .errors = {400, 401, 403},
               .access = needs("auth_events:read")});
}

}  // namespace isms::http
