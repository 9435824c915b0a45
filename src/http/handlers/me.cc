// "My access": the caller's account, roles, permissions, groups, grants, sessions, tokens.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/user_admin_service.h"

namespace isms::http {

void add_me_routes(Router& router, const ServiceContext& ctx, const AuthService& auth) {
  const AuthService* a = &auth;
  const Clock* clock = ctx.clock;
  router.add(
      "GET", "/api/v1/me",
      [a, clock](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(MyAccess me, a->my_access(req.principal));
        std::string now = clock->now_utc();
        Json roles = Json::array(), groups = Json::array(), grants = Json::array(),
             sessions = Json::array(), tokens = Json::array(), permissions = Json::array();
        for (const auto& r : me.roles) roles.push_back(role_to_json(r));
        for (const auto& g : me.groups) groups.push_back(working_group_to_json(g));
        for (const auto& g : me.grants) {
          Json j = object_grant_to_json(g);
          j["person_name"] = me.person.name;  // the grants of "me" are all the caller's
          grants.push_back(std::move(j));
        }
        for (const auto& s : me.sessions) {
          sessions.push_back(Json{{"created_at", s.created_at},
                                  {"last_seen_at", s.last_seen_at},
                                  {"remote_address", s.remote_address},
                                  {"user_agent", s.user_agent},
                                  {"current", s.id_hash == req.principal.session_id_hash}});
        }
        for (const auto& t : me.tokens) {
          Json j = api_token_to_json(t);
          j["active"] = !t.revoked_at && t.expires_at > now;
          tokens.push_back(std::move(j));
        }
        for (const auto& p : req.principal.permissions) permissions.push_back(p);
        Json user = user_to_json(me.user, me.person.name);
        return json_response(200, Json{{"user", std::move(user)},
                                       {"person", person_to_json(me.person)},
                                       {"roles", std::move(roles)},
                                       {"permissions", std::move(permissions)},
                                       {"groups", std::move(groups)},
                                       {"grants", std::move(grants)},
                                       {"sessions", std::move(sessions)},
                                       {"tokens", std::move(tokens)},
                                       {"recovery_codes_left", me.recovery_codes_left},
                                       {"via_token", !req.principal.token_id.empty()}});
      },
      RouteDoc{.operation_id = "getMyAccess",
               .summary = "The caller's own access: roles, permissions, groups, grants, "
                          "sessions, tokens",
               .tag = "auth",
               .response_schema = "MyAccess",
               .errors = {401},
               .access = authenticated_access()});
}

}  // namespace isms::http
