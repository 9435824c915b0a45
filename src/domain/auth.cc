#include "domain/auth.h"

#include <array>
#include <utility>

namespace isms {
namespace {

constexpr std::array<std::pair<SessionState, std::string_view>, 4> kStates = {{
    {SessionState::kMfaRequired, "mfa_required"},
    {SessionState::kPasswordChangeRequired, "password_change_required"},
    {SessionState::kMfaEnrolmentRequired, "mfa_enrolment_required"},
    {SessionState::kActive, "active"},
}};

Json optional_text(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

std::string_view session_state_name(SessionState s) {
  for (const auto& [state, name] : kStates) {
    if (state == s) return name;
  }
  return "active";
}

std::optional<SessionState> parse_session_state(std::string_view name) {
  for (const auto& [state, n] : kStates) {
    if (n == name) return state;
  }
  return std::nullopt;
}

std::string_view token_scope_name(TokenScope s) {
  return s == TokenScope::kRead ? "read" : "read_write";
}

std::optional<TokenScope> parse_token_scope(std::string_view name) {
  if (name == "read") return TokenScope::kRead;
  if (name == "read_write") return TokenScope::kReadWrite;
  return std::nullopt;
}

Json session_state_json(SessionState s) { return Json(std::string(session_state_name(s))); }

Json api_token_to_json(const ApiToken& t) {
  return Json{{"id", t.id},
              {"user_id", t.user_id},
              {"name", t.name},
              {"scope", std::string(token_scope_name(t.scope))},
              {"registers", t.registers},
              {"created_at", t.created_at},
              {"expires_at", t.expires_at},
              {"revoked_at", optional_text(t.revoked_at)},
              {"last_used_at", optional_text(t.last_used_at)}};
}

Json auth_event_to_json(const AuthEvent& e) {
  return Json{{"id", e.id},
              {"at", e.at},
              {"kind", e.kind},
              {"username", e.username},
              {"user_id", optional_text(e.user_id)},
              {"remote_address", e.remote_address},
              {"detail", e.detail}};
}

Json working_group_to_json(const WorkingGroup& g) {
  return Json{{"id", g.id},
              {"name", g.name},
              {"description", g.description},
              {"member_ids", g.member_ids},
              {"version", g.version},
              {"created_at", g.created_at},
              {"updated_at", g.updated_at}};
}

Json object_grant_to_json(const ObjectGrant& g) {
  return Json{{"object_type", g.object_type},
              {"object_id", g.object_id},
              {"person_id", g.person_id},
              {"granted_by", g.granted_by},
              {"granted_at", g.granted_at}};
}

Json settings_to_json(const OrganizationSettings& s) {
  return Json{{"mfa_required_role_keys", s.mfa_required_role_keys},
              {"session_idle_minutes", s.session_idle_minutes},
              {"session_absolute_hours", s.session_absolute_hours},
              {"version", s.version}};
}

}  // namespace isms
