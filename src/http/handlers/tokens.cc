// API tokens: list, create (secret shown once), revoke.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/admin_common.h"

namespace isms::http {

using admin::BodyReader;
namespace {

Json token_json(const ApiToken& t, const std::string& now) {
  Json j = api_token_to_json(t);
  j["active"] = !t.revoked_at && t.expires_at > now;
  return j;
}

Result<TokenRequest> decode_token_request(const Json& body) {
  BodyReader r(body);
  TokenRequest request;
  request.name = r.required_string("name").value_or("");
  std::optional<std::string> scope = r.required_string("scope");
  if (scope) {
    if (auto parsed = parse_token_scope(*scope)) {
      request.scope = *parsed;
    } else {
      r.add("scope", "must be \"read\" or \"read_write\"");
    }
  }
  request.registers = r.strings("registers", 20).value_or(std::vector<std::string>{});
  if (auto days = r.integer("expires_in_days", 1, 365)) {
    request.expires_in_seconds = *days * 86400;
  } else if (!body.is_object() || !body.contains("expires_in_days")) {
    r.add("expires_in_days", "is required: a whole number of days from 1 to 365");
  }
  ISMS_TRY(r.finish());
  return request;
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
        ISMS_TRY(empty_body(req));
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
