// Authentication and access records: sessions, API tokens, authentication events,
// working groups, per-object grants and organization settings. Pure value types; the
// rules that use them are in domain/access.h; persistence in store/store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace isms {

// What a session may do. A session starts in the first state that applies at login:
// kMfaRequired (the user has TOTP enabled and has not given a code yet),
// kPasswordChangeRequired (must_change_password), kMfaEnrolmentRequired (a role of the
// user requires MFA and none is enrolled), then kActive. Only kActive sessions reach the
// organization's data; the others may only finish their step, read /auth/session and log out.
enum class SessionState { kMfaRequired, kPasswordChangeRequired, kMfaEnrolmentRequired, kActive };
std::string_view session_state_name(SessionState s);  // "mfa_required", ..., "active"
std::optional<SessionState> parse_session_state(std::string_view name);

// A server-side login session. The cookie carries a 256-bit random token; only its
// SHA-256 (hex) is stored, so a database reader cannot take over sessions.
struct Session {
  std::string id_hash;  // hex SHA-256 of the cookie token; primary key
  std::string user_id;
  SessionState state = SessionState::kActive;
  std::string csrf_token;    // random; required in X-CSRF-Token on state-changing requests
  std::string created_at;    // login time
  std::string last_seen_at;  // refreshed at most once a minute (idle timeout)
  std::string expires_at;    // absolute timeout
  std::string remote_address;
  std::string user_agent;  // first 200 bytes
};

enum class TokenScope { kRead, kReadWrite };
std::string_view token_scope_name(TokenScope s);  // "read" | "read_write"
std::optional<TokenScope> parse_token_scope(std::string_view name);

// An API token for automation. The secret is shown once at creation; only its SHA-256
// is stored. Wire form of the token: "isms_<id>_<secret>" (base/secret_token.h).
struct ApiToken {
  std::string id;  // 16 lower-case hex chars, public (appears in lists and the ledger)
  std::string user_id;
  std::string name;
  std::string secret_hash;  // hex SHA-256 of the secret part
  TokenScope scope = TokenScope::kRead;
  std::vector<std::string> registers;  // register names it is limited to; empty = all
  std::string created_at;
  std::string expires_at;  // required; tokens always expire
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;  // refreshed at most once a minute
};

// An authentication event (policy 8.14): kept in auth_events and, like every change, in
// the ledger. kind: "login_succeeded", "login_failed", "locked_out", "logout",
// "session_expired", "password_changed", "mfa_enrolled", "mfa_disabled",
// "mfa_failed", "recovery_code_used", "token_created", "token_revoked", "token_used",
// "sessions_revoked", "account_unlocked", "throttled".
struct AuthEvent {
  int64_t id = 0;  // assigned by the store, increasing
  std::string at;
  std::string kind;
  std::string username;                // as typed at login (may name no user)
  std::optional<std::string> user_id;  // when it names a user
  std::string remote_address;
  std::string detail;  // short human text, never a secret
};

// A working group: persons who share access to confidential objects assigned to it.
struct WorkingGroup {
  std::string id;
  std::string name;  // unique, case-insensitive
  std::string description;
  std::vector<std::string> member_ids;  // person ids, sorted, unique
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// An explicit authorization of one person on one object (required to read customer_data
// objects; also opens a confidential object to a person outside its groups).
struct ObjectGrant {
  std::string object_type;  // "asset", later other registers
  std::string object_id;
  std::string person_id;
  std::string granted_by;  // ledger actor
  std::string granted_at;
};

// Organization-wide settings, edited by administrators.
struct OrganizationSettings {
  std::vector<std::string> mfa_required_role_keys;  // e.g. {"ciso","administrator"}
  int session_idle_minutes = 30;                    // 5 .. 1440
  int session_absolute_hours = 12;                  // 1 .. 168
  int version = 1;
};

Json session_state_json(SessionState s);
Json api_token_to_json(const ApiToken& t);  // never includes secret_hash
Json auth_event_to_json(const AuthEvent& e);
Json working_group_to_json(const WorkingGroup& g);
Json object_grant_to_json(const ObjectGrant& g);
Json settings_to_json(const OrganizationSettings& s);

}  // namespace isms
