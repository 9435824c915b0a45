// AuthService: authentication use cases — login with lock-out and throttling, sessions
// (idle and absolute timeouts, rotation at every step up), TOTP second factor with
// recovery codes, password changes, API tokens, and the authentication event log.
// Every change (and every authentication event) is written with its ledger entry in one
// transaction. Thread-safe; the per-address throttle is in memory (per process).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/auth.h"
#include "service/context.h"

namespace isms {

struct AuthOptions {
  int max_failures = 5;           // consecutive failures before an account is locked
  int lockout_seconds = 60;       // first lock; doubles per further failure
  int max_lockout_seconds = 900;  // the cap: locks are always temporary
  int address_max_failures = 20;  // failures per source address per window
  int address_window_seconds = 300;
  std::string issuer = "isms";  // shown by authenticator apps
};

// Counts failed logins per source address in a sliding window (in memory).
class AddressThrottle {
 public:
  explicit AddressThrottle(AuthOptions options) : options_(options) {}
  // Seconds to wait when the address is over the limit, else 0.
  int retry_after(const std::string& address, int64_t now_seconds) const;
  void record_failure(const std::string& address, int64_t now_seconds);

 private:
  AuthOptions options_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::vector<int64_t>> failures_;
};

struct ClientInfo {
  std::string remote_address;
  std::string user_agent;
};

// A resolved session: what /auth/session returns and what App needs per request.
struct SessionView {
  Session session;
  User user;
  Person person;
  Principal principal;
  std::string idle_expires_at;
  bool mfa_enabled = false;
};

// A new or rotated session: the cookie value (shown once) and the session.
struct IssuedSession {
  std::string token;
  SessionView view;
};

struct MfaEnrolment {
  std::string secret_base32;
  std::string otpauth_uri;
  std::string qr_svg;
};

struct CreatedToken {
  ApiToken token;
  std::string secret;  // "isms_<id>_<secret>", shown once
};

struct TokenRequest {
  std::string name;  // 1..100 characters
  TokenScope scope = TokenScope::kRead;
  std::vector<std::string> registers;         // known registers; empty = all
  int64_t expires_in_seconds = 30LL * 86400;  // 1 s .. 365 days (API: whole days)
};

// Everything about the caller's own access ("my access" page).
struct MyAccess {
  User user;
  Person person;
  std::vector<Role> roles;
  std::vector<WorkingGroup> groups;
  std::vector<ObjectGrant> grants;
  std::vector<Session> sessions;
  std::vector<ApiToken> tokens;
  int64_t recovery_codes_left = 0;
};

struct AuthEventPage {
  std::vector<AuthEvent> items;
  std::optional<int64_t> next_before;
};

class AuthService {
 public:
  AuthService(const ServiceContext& ctx, AuthOptions options);

  // Checks the password (argon2id) unless the account or address is locked (kRateLimited,
  // no hash computed). Wrong/unknown → kUnauthenticated "wrong username or password".
  // old_token: a session cookie sent with the request; that session is ended.
  Result<IssuedSession> login(const std::string& username, const std::string& password,
                              const std::string& old_token, const ClientInfo& client) const;
  // The session of a cookie token, any state. kUnauthenticated when unknown, idle or past
  // its absolute timeout (then deleted), or when its user may no longer log in.
  // Refreshes last_seen_at at most once a minute.
  Result<SessionView> session(const std::string& token, const ClientInfo& client) const;
  Status logout(const std::string& token, const ClientInfo& client) const;
  // Second factor: a TOTP code or a recovery code. Rotates the session id.
  Result<IssuedSession> verify_mfa(const std::string& token, const std::string& code,
                                   const std::string& recovery_code,
                                   const ClientInfo& client) const;
  // Rotates the session id; ends the user's other sessions.
  Result<IssuedSession> change_password(const std::string& token, const std::string& current,
                                        const std::string& next, const ClientInfo& client) const;
  Result<MfaEnrolment> start_enrolment(const std::string& token) const;
  // Returns the recovery codes (shown once) and the session after enrolment.
  Result<std::pair<std::vector<std::string>, SessionView>> confirm_enrolment(
      const std::string& token, const std::string& code, const ClientInfo& client) const;
  Result<std::vector<std::string>> new_recovery_codes(const Principal& p,
                                                      const std::string& password,
                                                      const ClientInfo& client) const;
  Result<SessionView> disable_mfa(const std::string& token, const std::string& password,
                                  const ClientInfo& client) const;

  // "Bearer" credentials → the token's principal (scope applied). kUnauthenticated for
  // malformed, unknown, wrong secret, expired, revoked, or a user who may not log in.
  Result<Principal> authenticate_token(const std::string& token_text,
                                       const ClientInfo& client) const;
  // Tokens of p's user; all users' with all=true (needs tokens:manage_all).
  Result<std::vector<ApiToken>> list_tokens(const Principal& p, bool all) const;
  // For p's own user (API), or for `username` (operator; CLI). A token cannot create
  // tokens (kForbidden); read_write needs a write permission.
  Result<CreatedToken> create_token(const Principal& p, const TokenRequest& request,
                                    const ClientInfo& client,
                                    const std::string& for_username = "") const;
  Result<ApiToken> revoke_token(const Principal& p, const std::string& token_id,
                                const ClientInfo& client) const;

  // kUnauthenticated for the operator (no user).
  Result<MyAccess> my_access(const Principal& p) const;

  Result<AuthEventPage> events(int64_t before_id, int limit, const std::string& user_id) const;

  // Ends sessions past their timeouts (housekeeping; also done lazily per request).
  Result<int64_t> purge_expired_sessions() const;

  const AuthOptions& options() const { return options_; }

 private:
  const ServiceContext& ctx_;
  AuthOptions options_;
  mutable AddressThrottle throttle_;
  static constexpr int kMaxConcurrentChecks = 2;  // argon2id checks at once (per process)
  mutable std::atomic<int> checks_in_flight_{0};
};

}  // namespace isms
