// Login accounts, as administrators manage them (users:manage).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/user_admin_service.h"

namespace isms::http {
namespace {

constexpr const char* kUsersPath = "/api/v1/users";

Result<Response> list_users(const UserAdminService& service, const Request& req) {
  ISMS_ASSIGN(std::vector<UserView> users, service.list(req.principal));
  Json items = Json::array();
  for (const auto& u : users) items.push_back(user_view_to_json(u));
  return json_response(200, Json{{"items", std::move(items)}});
}

Result<Response> create_user(const UserAdminService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(UserCreateRequest request, user_create_from_json(body));
  ISMS_ASSIGN(CreatedUser created, service.create(req.principal, request));
  Response res = json_response(201, Json{{"user", user_view_to_json(created.user)},
                                         {"one_time_password", created.one_time_password}});
  res.headers.set("Location", std::string(kUsersPath) + "/" + created.user.user.id);
  return res;
}

Result<Response> update_user(const UserAdminService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(UserUpdate update, user_update_from_json(body));
  ISMS_ASSIGN(UserView user,
              service.update(req.principal, req.path_param("id"), update, req.remote_address));
  return json_response(200, user_view_to_json(user));
}

}  // namespace

void add_user_routes(Router& router, const ServiceContext& ctx) {
  UserAdminService service(ctx);
  const std::string item = std::string(kUsersPath) + "/{id}";
  const AccessRule access = needs("users:manage");

  router.add(
      "GET", kUsersPath, [service](const Request& req) { return list_users(service, req); },
      RouteDoc{.operation_id = "listUsers",
               .summary = "All login accounts, by username",
               .tag = "users",
               .response_schema = "UserList",
               .errors = {401, 403, 503},
               .access = access});
  router.add(
      "POST", kUsersPath, [service](const Request& req) { return create_user(service, req); },
      RouteDoc{.operation_id = "createUser",
               .summary = "Create a login account with a one-time password (shown once)",
               .tag = "users",
               .request_schema = "UserCreate",
               .status = 201,
               .response_schema = "UserCreated",
               .response_headers = {"Location"},
               .errors = {401, 403, 409, 422, 503},
               .access = access});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(UserView user, service.get(req.principal, req.path_param("id")));
        return json_response(200, user_view_to_json(user));
      },
      RouteDoc{.operation_id = "getUser",
               .summary = "Read one login account",
               .tag = "users",
               .response_schema = "User",
               .errors = {401, 403, 404, 503},
               .access = access});
  router.add(
      "PATCH", item, [service](const Request& req) { return update_user(service, req); },
      RouteDoc{.operation_id = "updateUser",
               .summary = "Disable/enable an account or set its access end date (version required)",
               .tag = "users",
               .request_schema = "UserUpdate",
               .response_schema = "User",
               .errors = {401, 403, 404, 409, 422, 503},
               .access = access});
  router.add(
      "POST", item + "/reset-password",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(CreatedUser reset, service.reset_password(req.principal, req.path_param("id"),
                                                              req.remote_address));
        return json_response(200, Json{{"one_time_password", reset.one_time_password}});
      },
      RouteDoc{.operation_id = "resetUserPassword",
               .summary = "Set a new one-time password; ends the user's sessions and tokens",
               .tag = "users",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "OneTimePassword",
               .errors = {401, 403, 404, 422, 503},
               .access = access});
  router.add(
      "POST", item + "/unlock",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(UserView user,
                    service.unlock(req.principal, req.path_param("id"), req.remote_address));
        return json_response(200, user_view_to_json(user));
      },
      RouteDoc{.operation_id = "unlockUser",
               .summary = "End a lock-out after failed logins",
               .tag = "users",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "User",
               .errors = {401, 403, 404, 422, 503},
               .access = access});
  router.add(
      "POST", item + "/reset-mfa",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(UserView user,
                    service.reset_mfa(req.principal, req.path_param("id"), req.remote_address));
        return json_response(200, user_view_to_json(user));
      },
      RouteDoc{.operation_id = "resetUserMfa",
               .summary = "Turn the user's MFA off and delete its recovery codes",
               .tag = "users",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "User",
               .errors = {401, 403, 404, 422, 503},
               .access = access});
  router.add(
      "POST", item + "/revoke-sessions",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(
            RevokedAccess revoked,
            service.revoke_sessions(req.principal, req.path_param("id"), req.remote_address));
        return json_response(200, Json{{"sessions", revoked.sessions}, {"tokens", revoked.tokens}});
      },
      RouteDoc{.operation_id = "revokeUserSessions",
               .summary = "End every session and revoke every token of the user",
               .tag = "users",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "RevokedAccess",
               .errors = {401, 403, 404, 422, 503},
               .access = access});
}

}  // namespace isms::http
