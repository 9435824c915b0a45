// API tokens: list, create (secret shown once), revoke.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"

namespace isms::http {
namespace {

ClientInfo client_of(const Request& req) { return ClientInfo{req.remote_address, ""}; }

Json token_json(const ApiToken& t, const std::string& now) {
  Json j = api_token_to_json(t);
  j["active"] = !t.revoked_at && t.expires_at > now;
  return j;
}

Result<TokenRequest> decode_token_request(const Json& body) {
  ISMS_TRY(only_fields(body, {"name", "scope", "registers", "expires_in_days"}));
  TokenRequest r;
  std::vector<FieldError> problems;
  auto name = string_field(body, "name", true);
  if (name.ok()) {
    r.name = *name;
  } else {
    problems.push_back({"name", "is required (a string)"});
  }
  auto scope_text = string_field(body, "scope", true);
  std::optional<TokenScope> scope;
  if (scope_text.ok()) scope = parse_token_scope(*scope_text);
  if (scope) {
    r.scope = *scope;
  } else {
    problems.push_back({"scope", "must be \"read\" or \"read_write\""});
  }
  if (body.contains("registers")) {
    const Json& regs = body["registers"];
    if (!regs.is_array() || regs.size() > 20) {
      problems.push_back({"registers", "must be an array of register names"});
    } else {
      for (const Json& reg : regs) {
        if (!reg.is_string()) {
          problems.push_back({"registers", "must contain only register names (strings)"});
          break;
        }
        r.registers.push_back(reg.get<std::string>());
      }
    }
  }
  if (!body.contains("expires_in_days") || !body["expires_in_days"].is_number_integer() ||
      body["expires_in_days"].get<int64_t>() < 1 || body["expires_in_days"].get<int64_t>() > 365) {
    problems.push_back({"expires_in_days", "must be a whole number of days from 1 to 365"});
  } else {
    r.expires_in_seconds = body["expires_in_days"].get<int64_t>() * 86400;
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return r;
}

}  // namespace

void add_token_routes(Router& router, const ServiceContext& ctx, const AuthService& auth) {
  const AuthService* a = &auth;
  const Clock* clock = ctx.clock;
  router.add(
      "GET", "/api/v1/tokens",
      [a, clock](const Request& req) -> Result<Response> {
        const std::string* all = req.query_param("all");
        if (all != nullptr && *all != "true" && *all != "false") {
          return Error::malformed("all must be true or false", "all");
        }
        ISMS_ASSIGN(std::vector<ApiToken> tokens,
                    a->list_tokens(req.principal, all != nullptr && *all == "true"));
        std::string now = clock->now_utc();
        Json items = Json::array();
        for (const auto& t : tokens) items.push_back(token_json(t, now));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listTokens",
               .summary = "API tokens of the caller (all users' with all=true)",
               .tag = "tokens",
               .response_schema = "ApiTokenList",
               .query = {{"all", "true: every user's tokens (tokens:manage_all)",
                          Json{{"type", "string"}, {"enum", {"true", "false"}}}}},
               .errors = {400, 401, 403},
               .access = authenticated_access()});
  router.add(
      "POST", "/api/v1/tokens",
      [a, clock](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(TokenRequest request, decode_token_request(body));
        ISMS_ASSIGN(CreatedToken created, a->create_token(req.principal, request, client_of(req)));
        return json_response(201, Json{{"token", token_json(created.token, clock->now_utc())},
                                       {"secret", created.secret}});
      },
      RouteDoc{.operation_id = "createToken",
               .summary = "Create an API token (the secret is shown only in this response)",
               .tag = "tokens",
               .request_schema = "TokenCreate",
               .status = 201,
               .response_schema = "CreatedToken",
               .errors = {401, 403, 422},
               .access = authenticated_access()});
  router.add(
      "POST", "/api/v1/tokens/{id}/revoke",
      [a, clock](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, true));
        ISMS_TRY(only_fields(body, {}));
        ISMS_ASSIGN(ApiToken t,
                    a->revoke_token(req.principal, req.path_param("id"), client_of(req)));
        return json_response(200, token_json(t, clock->now_utc()));
      },
      RouteDoc{.operation_id = "revokeToken",
               .summary = "Revoke an API token",
               .tag = "tokens",
               .request_body_required = false,
               .response_schema = "ApiToken",
               .errors = {401, 404, 409},
               .access = authenticated_access()});
}

}  // namespace isms::http
