#include "service/auth_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/qr_svg.h"
#include "base/secrets.h"
#include "base/totp.h"
#include "service/auth_records.h"
#include "service/ledger_recorder.h"

namespace isms {
namespace {

constexpr int64_t kMicros = 1000000;
constexpr int64_t kTouchEveryMicros = 60 * kMicros;            // last_seen_at / last_used_at
constexpr int64_t kTokenUseEventEveryMicros = 3600 * kMicros;  // one token_used per hour
constexpr size_t kUsernameMaxBytes = 200;
constexpr size_t kUserAgentMaxBytes = 200;
constexpr const char* kWrongCredentials = "wrong username or password";
constexpr const char* kNotLoggedIn = "not logged in (no session, or it has expired)";
constexpr const char* kBadToken = "invalid, expired or revoked API token";

const std::vector<std::string> kTokenRegisters = {"assets", "people", "groups", "roles"};

int64_t parse_time(const std::string& text) {
  int64_t micros = 0;
  return parse_utc_micros(text, &micros) ? micros : 0;
}

std::string totp_place(const std::string& user_id) {
  return sealed_associated_data("users", "totp_secret_sealed", user_id);
}

// A hash to check unknown usernames against, so that the time a failed login takes does
// not tell whether the account exists.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_password(24));
  return hash;
}

AuthEvent make_event(int64_t now, std::string kind, std::string username,
                     std::optional<std::string> user_id, const ClientInfo& client,
                     std::string detail) {
  AuthEvent e;
  e.at = format_utc_micros(now);
  e.kind = std::move(kind);
  e.username = std::move(username);
  e.user_id = std::move(user_id);
  e.remote_address = client.remote_address;
  e.detail = std::move(detail);
  return e;
}

bool holds_required_mfa_role(const Principal& p, const OrganizationSettings& settings) {
  return std::any_of(p.role_keys.begin(), p.role_keys.end(), [&](const std::string& key) {
    return std::find(settings.mfa_required_role_keys.begin(), settings.mfa_required_role_keys.end(),
                     key) != settings.mfa_required_role_keys.end();
  });
}

// The state a session moves to: the first step still missing (second factor unless
// mfa_done, password change, MFA enrolment a role requires), else active.
SessionState next_state(const User& user, const Principal& p, const OrganizationSettings& settings,
                        bool mfa_done) {
  if (user.totp_enabled && !mfa_done) return SessionState::kMfaRequired;
  if (user.must_change_password) return SessionState::kPasswordChangeRequired;
  if (!user.totp_enabled && holds_required_mfa_role(p, settings)) {
    return SessionState::kMfaEnrolmentRequired;
  }
  return SessionState::kActive;
}

std::string lock_message(int64_t seconds) {
  return "too many failed logins; try again in " + std::to_string(seconds) + " seconds";
}

}  // namespace

int AddressThrottle::retry_after(const std::string& address, int64_t now_seconds) const {
  std::lock_guard lock(mu_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return 0;
  auto& times = it->second;
  int64_t window_start = now_seconds - options_.address_window_seconds;
  times.erase(
      std::remove_if(times.begin(), times.end(), [&](int64_t t) { return t <= window_start; }),
      times.end());
  if (times.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(times.size()) < options_.address_max_failures) return 0;
  // Over the limit until enough old failures leave the window.
  size_t excess = times.size() - static_cast<size_t>(options_.address_max_failures);
  int64_t until = times[excess] + options_.address_window_seconds;
  return static_cast<int>(std::max<int64_t>(1, until - now_seconds));
}

void AddressThrottle::record_failure(const std::string& address, int64_t now_seconds) {
  std::lock_guard lock(mu_);
  auto& times = failures_[address];
  times.push_back(now_seconds);
  // Bounded memory: only the newest failures matter for the limit.
  size_t cap = static_cast<size_t>(options_.address_max_failures) * 4 + 8;
  if (times.size() > cap) times.erase(times.begin(), times.end() - static_cast<long>(cap));
  // And a bounded number of addresses: forget the oldest half when it grows too big.
  if (failures_.size() > 100000) failures_.clear();
}

AuthService::AuthService(const ServiceContext& ctx, AuthOptions options)
    : ctx_(ctx), options_(options), throttle_(options) {
  crypto_init();
}

namespace {

struct NewSession {
  std::string token;
  Session session;
};

NewSession make_session(const User& user, SessionState state, int64_t now,
                        const OrganizationSettings& settings, const ClientInfo& client) {
  NewSession s;
  s.token = new_session_token();
  s.session.id_hash = sha256_hex(s.token);
  s.session.user_id = user.id;
  s.session.state = state;
  s.session.csrf_token = base64url_encode(random_bytes(24));
  s.session.created_at = format_utc_micros(now);
  s.session.last_seen_at = s.session.created_at;
  s.session.expires_at =
      format_utc_micros(now + int64_t{settings.session_absolute_hours} * 3600 * kMicros);
  s.session.remote_address = client.remote_address;
  s.session.user_agent = client.user_agent.substr(0, kUserAgentMaxBytes);
  return s;
}

}  // namespace

Result<IssuedSession> AuthService::login(const std::string& username, const std::string& password,
                                         const std::string& old_token,
                                         const ClientInfo& client) const {
  int64_t now = ctx_.clock->now_micros();
  int64_t now_s = now / kMicros;
  if (int wait = throttle_.retry_after(client.remote_address, now_s); wait > 0) {
    return Error::rate_limited("too many failed logins from this address; try again in " +
                                   std::to_string(wait) + " seconds",
                               wait);
  }
  std::optional<User> user;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    if (username.size() <= kUsernameMaxBytes) {
      ISMS_ASSIGN(user, tx->find_user(username));
    }
  }
  if (user && user->locked_until && parse_time(*user->locked_until) > now) {
    int64_t wait = (parse_time(*user->locked_until) - now + kMicros - 1) / kMicros;
    return Error::rate_limited(lock_message(wait), static_cast<int>(wait));
  }
  // The slow argon2id check runs outside any transaction, so it never holds the writer lock,
  // and at most kMaxConcurrentChecks run at once: a login flood must not occupy every
  // request thread (the rest answer at once with 429 "busy").
  if (checks_in_flight_.fetch_add(1) >= kMaxConcurrentChecks) {
    checks_in_flight_.fetch_sub(1);
    return Error::rate_limited("too many logins at this moment; try again in 1 second", 1);
  }
  bool password_ok = password.size() <= kPasswordMaxBytes &&
                     verify_password(password, user ? user->password_hash : decoy_hash());
  checks_in_flight_.fetch_sub(1);
  if (!user) password_ok = false;

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{"system"});
  if (user) {
    // Re-read inside the write transaction: counters may have moved meanwhile.
    ISMS_ASSIGN(user, tx->get_user(user->id));
    if (!user) return Error::unauthenticated(kWrongCredentials);
  }
  std::string refusal;
  if (password_ok) {
    ISMS_ASSIGN(refusal, login_refusal(tx.get(), *user, format_utc_micros(now)));
  }
  if (!password_ok || !refusal.empty()) {
    std::optional<std::string> user_id;
    if (user) user_id = user->id;
    AuthEvent failed = make_event(now, "login_failed", username.substr(0, kUsernameMaxBytes),
                                  user_id, client, refusal.empty() ? "wrong password" : refusal);
    if (user && refusal.empty()) {
      user->failed_logins += 1;
      if (user->failed_logins >= options_.max_failures) {
        int over = std::min(user->failed_logins - options_.max_failures, 20);
        int64_t seconds = std::min<int64_t>(int64_t{options_.lockout_seconds} << over,
                                            options_.max_lockout_seconds);
        user->locked_until = format_utc_micros(now + seconds * kMicros);
        AuthEvent locked = make_event(now, "locked_out", user->username, user->id, client,
                                      "locked for " + std::to_string(seconds) + " s after " +
                                          std::to_string(user->failed_logins) + " failures");
        ISMS_TRY(record_auth_event(tx.get(), &ledger, &locked));
      }
      ISMS_TRY(tx->update_user(*user));
    } else if (!user) {
      failed.detail = "unknown username";
    }
    ISMS_TRY(record_auth_event(tx.get(), &ledger, &failed));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    throttle_.record_failure(client.remote_address, now_s);
    if (throttle_.retry_after(client.remote_address, now_s) > 0) {
      // Recorded once, when the address crosses the limit.
      ISMS_ASSIGN(auto tx2, ctx_.store->begin_write());
      LedgerRecorder ledger2(ctx_, tx2.get(), Actor{"system"});
      AuthEvent throttled = make_event(now, "throttled", username.substr(0, kUsernameMaxBytes),
                                       std::nullopt, client, "source address throttled");
      ISMS_TRY(record_auth_event(tx2.get(), &ledger2, &throttled));
      ISMS_TRY(ledger2.finish());
      ISMS_TRY(tx2->commit());
    }
    return Error::unauthenticated(kWrongCredentials);
  }

  user->failed_logins = 0;
  user->locked_until.reset();
  ISMS_TRY(tx->update_user(*user));
  if (!old_token.empty()) ISMS_TRY(tx->delete_session(sha256_hex(old_token)));
  ISMS_ASSIGN(Principal principal, principal_for_user(tx.get(), *user));
  ISMS_ASSIGN(OrganizationSettings settings, tx->get_settings());
  SessionState state = next_state(*user, principal, settings, false);
  NewSession fresh = make_session(*user, state, now, settings, client);
  ISMS_TRY(tx->insert_session(fresh.session));
  AuthEvent ok = make_event(now, "login_succeeded", user->username, user->id, client,
                            "password accepted; session " + std::string(session_state_name(state)));
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &ok));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Person person, tx->get_person(user->person_id));
  ISMS_TRY(tx->commit());

  IssuedSession issued;
  issued.token = fresh.token;
  principal.session_id_hash = fresh.session.id_hash;
  issued.view =
      SessionView{fresh.session,
                  *user,
                  person,
                  principal,
                  format_utc_micros(now + int64_t{settings.session_idle_minutes} * 60 * kMicros),
                  user->totp_enabled};
  return issued;
}

Result<SessionView> AuthService::session(const std::string& token, const ClientInfo& client) const {
  (void)client;
  if (token.empty() || token.size() > 200) return Error::unauthenticated(kNotLoggedIn);
  int64_t now = ctx_.clock->now_micros();
  std::string id_hash = sha256_hex(token);
  SessionView view;
  OrganizationSettings settings;
  bool expired = false;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(std::optional<Session> found, tx->find_session(id_hash));
    if (!found) return Error::unauthenticated(kNotLoggedIn);
    view.session = std::move(*found);
    ISMS_ASSIGN(settings, tx->get_settings());
    int64_t idle_end = parse_time(view.session.last_seen_at) +
                       int64_t{settings.session_idle_minutes} * 60 * kMicros;
    expired = parse_time(view.session.expires_at) <= now || idle_end <= now;
    if (!expired) {
      ISMS_ASSIGN(std::optional<User> user, tx->get_user(view.session.user_id));
      if (!user) return Error::unauthenticated(kNotLoggedIn);
      view.user = std::move(*user);
      ISMS_ASSIGN(std::string refusal, login_refusal(tx.get(), view.user, format_utc_micros(now)));
      if (!refusal.empty()) expired = true;
    }
    if (!expired) {
      ISMS_ASSIGN(view.person, tx->get_person(view.user.person_id));
      ISMS_ASSIGN(view.principal, principal_for_user(tx.get(), view.user));
    }
  }
  if (expired) {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    ISMS_TRY(tx->delete_session(id_hash));
    ISMS_TRY(tx->commit());
    return Error::unauthenticated(kNotLoggedIn);
  }
  if (now - parse_time(view.session.last_seen_at) >= kTouchEveryMicros) {
    // Housekeeping, not a change of records: kept out of the ledger.
    view.session.last_seen_at = format_utc_micros(now);
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    ISMS_TRY(tx->update_session(view.session));
    ISMS_TRY(tx->commit());
  }
  view.principal.session_id_hash = id_hash;
  view.mfa_enabled = view.user.totp_enabled;
  view.idle_expires_at = format_utc_micros(parse_time(view.session.last_seen_at) +
                                           int64_t{settings.session_idle_minutes} * 60 * kMicros);
  return view;
}

Status AuthService::logout(const std::string& token, const ClientInfo& client) const {
  ISMS_ASSIGN(SessionView view, session(token, client));
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{view.principal.actor});
  ISMS_TRY(tx->delete_session(view.session.id_hash));
  AuthEvent e = make_event(now, "logout", view.user.username, view.user.id, client, "");
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

Result<IssuedSession> AuthService::verify_mfa(const std::string& token, const std::string& code,
                                              const std::string& recovery_code,
                                              const ClientInfo& client) const {
  ISMS_ASSIGN(SessionView view, session(token, client));
  if (view.session.state != SessionState::kMfaRequired) {
    return Error::conflict("this session is not waiting for a second factor");
  }
  if (code.empty() == recovery_code.empty()) {
    return Error::invalid("code", "give either code or recovery_code");
  }
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{"system"});
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(view.user.id));
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  bool ok = false;
  std::string how;
  if (!code.empty()) {
    ISMS_ASSIGN(std::string secret,
                ctx_.keyring->open(user->totp_secret_sealed, totp_place(user->id)));
    std::optional<int64_t> step = totp_verify(secret, code, now / kMicros, user->totp_last_step);
    if (step) {
      user->totp_last_step = *step;
      ok = true;
      how = "TOTP code";
    }
  } else {
    ISMS_ASSIGN(
        ok, tx->consume_recovery_code(user->id, sha256_hex(normalize_recovery_code(recovery_code)),
                                      format_utc_micros(now)));
    how = "recovery code";
    if (ok) {
      AuthEvent used = make_event(now, "recovery_code_used", user->username, user->id, client, "");
      ISMS_TRY(record_auth_event(tx.get(), &ledger, &used));
    }
  }
  if (!ok) {
    user->failed_logins += 1;
    if (user->failed_logins >= options_.max_failures) {
      int over = std::min(user->failed_logins - options_.max_failures, 20);
      int64_t seconds = std::min<int64_t>(int64_t{options_.lockout_seconds} << over,
                                          options_.max_lockout_seconds);
      user->locked_until = format_utc_micros(now + seconds * kMicros);
      // A locked account also loses its half-finished session.
      ISMS_TRY(tx->delete_session(view.session.id_hash));
    }
    ISMS_TRY(tx->update_user(*user));
    AuthEvent failed =
        make_event(now, "mfa_failed", user->username, user->id, client, "wrong or reused " + how);
    ISMS_TRY(record_auth_event(tx.get(), &ledger, &failed));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    throttle_.record_failure(client.remote_address, now / kMicros);
    return Error::unauthenticated("wrong or already used code");
  }
  user->failed_logins = 0;
  user->locked_until.reset();
  ISMS_TRY(tx->update_user(*user));
  ISMS_ASSIGN(OrganizationSettings settings, tx->get_settings());
  SessionState state = next_state(*user, view.principal, settings, true);
  // A new session id at every step up (session fixation); the absolute timeout stays.
  ISMS_TRY(tx->delete_session(view.session.id_hash));
  NewSession fresh = make_session(*user, state, now, settings, client);
  fresh.session.created_at = view.session.created_at;
  fresh.session.expires_at = view.session.expires_at;
  ISMS_TRY(tx->insert_session(fresh.session));
  AuthEvent e = make_event(
      now, "login_succeeded", user->username, user->id, client,
      "second factor accepted (" + how + "); session " + std::string(session_state_name(state)));
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  IssuedSession issued;
  issued.token = fresh.token;
  view.session = fresh.session;
  view.user = *user;
  view.principal.session_id_hash = fresh.session.id_hash;
  view.mfa_enabled = true;
  issued.view = std::move(view);
  return issued;
}

Result<IssuedSession> AuthService::change_password(const std::string& token,
                                                   const std::string& current,
                                                   const std::string& next,
                                                   const ClientInfo& client) const {
  ISMS_ASSIGN(SessionView view, session(token, client));
  if (view.session.state == SessionState::kMfaRequired) {
    return Error::unauthenticated("finish the second factor first");
  }
  if (current.size() > kPasswordMaxBytes || !verify_password(current, view.user.password_hash)) {
    return Error::invalid("current_password", "is not the current password");
  }
  std::vector<std::string> problems =
      password_problems(next, view.user.username, view.person.email);
  if (next == current) problems.push_back("must differ from the current password");
  if (!problems.empty()) {
    std::vector<FieldError> details;
    for (auto& p : problems) details.push_back({"new_password", std::move(p)});
    return Error::invalid(std::move(details));
  }
  std::string hash = hash_password(next);
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{view.principal.actor});
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(view.user.id));
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  user->password_hash = hash;
  user->must_change_password = false;
  user->password_changed_at = format_utc_micros(now);
  user->version += 1;
  ISMS_TRY(tx->update_user(*user));
  // Every other session of the user ends: whoever knew the old password is out.
  ISMS_TRY(tx->delete_sessions_of_user(user->id));
  ISMS_ASSIGN(OrganizationSettings settings, tx->get_settings());
  SessionState state = next_state(*user, view.principal, settings, true);
  NewSession fresh = make_session(*user, state, now, settings, client);
  ISMS_TRY(tx->insert_session(fresh.session));
  AuthEvent e =
      make_event(now, "password_changed", user->username, user->id, client, "other sessions ended");
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  IssuedSession issued;
  issued.token = fresh.token;
  view.session = fresh.session;
  view.user = *user;
  view.principal.session_id_hash = fresh.session.id_hash;
  issued.view = std::move(view);
  return issued;
}

Result<MfaEnrolment> AuthService::start_enrolment(const std::string& token) const {
  ISMS_ASSIGN(SessionView view, session(token, ClientInfo{}));
  if (view.session.state != SessionState::kActive &&
      view.session.state != SessionState::kMfaEnrolmentRequired) {
    return Error::unauthenticated("finish logging in first");
  }
  if (view.user.totp_enabled) {
    return Error::conflict("two-factor authentication is already enabled; disable it first");
  }
  std::string secret = new_totp_secret();
  MfaEnrolment out;
  out.secret_base32 = base32_encode(secret);
  out.otpauth_uri = otpauth_uri(options_.issuer, view.user.username, secret);
  ISMS_ASSIGN(out.qr_svg, qr_svg(out.otpauth_uri));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{view.principal.actor});
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(view.user.id));
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  user->totp_secret_sealed = ctx_.keyring->seal(secret, totp_place(user->id));
  user->totp_last_step = 0;
  user->version += 1;
  ISMS_TRY(tx->update_user(*user));
  ISMS_TRY(ledger.record("user.mfa_enrolment_started", "user", user->id, Json::object()));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return out;
}

Result<std::pair<std::vector<std::string>, SessionView>> AuthService::confirm_enrolment(
    const std::string& token, const std::string& code, const ClientInfo& client) const {
  ISMS_ASSIGN(SessionView view, session(token, client));
  if (view.session.state != SessionState::kActive &&
      view.session.state != SessionState::kMfaEnrolmentRequired) {
    return Error::unauthenticated("finish logging in first");
  }
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{view.principal.actor});
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(view.user.id));
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  if (user->totp_enabled) return Error::conflict("two-factor authentication is already enabled");
  if (user->totp_secret_sealed.empty()) {
    return Error::conflict("start the enrolment first (POST /api/v1/auth/mfa/enrolment)");
  }
  ISMS_ASSIGN(std::string secret,
              ctx_.keyring->open(user->totp_secret_sealed, totp_place(user->id)));
  std::optional<int64_t> step = totp_verify(secret, code, now / kMicros, user->totp_last_step);
  if (!step) return Error::invalid("code", "is not the current code of the authenticator app");
  user->totp_enabled = true;
  user->totp_last_step = *step;
  user->version += 1;
  ISMS_TRY(tx->update_user(*user));
  std::vector<std::string> codes = isms::new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(sha256_hex(normalize_recovery_code(c)));
  ISMS_TRY(tx->replace_recovery_codes(user->id, hashes));
  if (view.session.state == SessionState::kMfaEnrolmentRequired) {
    view.session.state = SessionState::kActive;
    ISMS_TRY(tx->update_session(view.session));
  }
  AuthEvent e = make_event(now, "mfa_enrolled", user->username, user->id, client,
                           "TOTP enabled, 10 recovery codes issued");
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  view.user = *user;
  view.mfa_enabled = true;
  return std::make_pair(std::move(codes), std::move(view));
}

Result<std::vector<std::string>> AuthService::new_recovery_codes(const Principal& p,
                                                                 const std::string& password,
                                                                 const ClientInfo& client) const {
  if (!p.token_id.empty()) return Error::forbidden("recovery codes cannot be managed with a token");
  std::optional<User> user;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(user, tx->get_user(p.user_id));
  }
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  if (password.size() > kPasswordMaxBytes || !verify_password(password, user->password_hash)) {
    return Error::invalid("password", "is not the current password");
  }
  if (!user->totp_enabled) return Error::conflict("two-factor authentication is not enabled");
  int64_t now = ctx_.clock->now_micros();
  std::vector<std::string> codes = isms::new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(sha256_hex(normalize_recovery_code(c)));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{p.actor});
  ISMS_TRY(tx->replace_recovery_codes(user->id, hashes));
  AuthEvent e =
      make_event(now, "mfa_enrolled", user->username, user->id, client, "recovery codes replaced");
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return codes;
}

Result<SessionView> AuthService::disable_mfa(const std::string& token, const std::string& password,
                                             const ClientInfo& client) const {
  ISMS_ASSIGN(SessionView view, session(token, client));
  if (view.session.state != SessionState::kActive) {
    return Error::unauthenticated("finish logging in first");
  }
  if (password.size() > kPasswordMaxBytes || !verify_password(password, view.user.password_hash)) {
    return Error::invalid("password", "is not the current password");
  }
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{view.principal.actor});
  ISMS_ASSIGN(OrganizationSettings settings, tx->get_settings());
  if (holds_required_mfa_role(view.principal, settings)) {
    return Error::invalid("password",
                          "two-factor authentication is required for one of your roles and "
                          "cannot be disabled");
  }
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(view.user.id));
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  if (!user->totp_enabled) return Error::conflict("two-factor authentication is not enabled");
  user->totp_enabled = false;
  user->totp_secret_sealed.clear();
  user->version += 1;
  ISMS_TRY(tx->update_user(*user));
  ISMS_TRY(tx->replace_recovery_codes(user->id, {}));
  AuthEvent e = make_event(now, "mfa_disabled", user->username, user->id, client, "by the user");
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  view.user = *user;
  view.mfa_enabled = false;
  return view;
}

Result<Principal> AuthService::authenticate_token(const std::string& token_text,
                                                  const ClientInfo& client) const {
  std::optional<TokenParts> parts = parse_api_token(token_text);
  if (!parts) return Error::unauthenticated(kBadToken);
  int64_t now = ctx_.clock->now_micros();
  std::string now_text = format_utc_micros(now);
  ApiToken token;
  User user;
  Principal principal;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(std::optional<ApiToken> found, tx->find_api_token(parts->id));
    if (!found || !secure_equals(sha256_hex(parts->secret), found->secret_hash) ||
        found->revoked_at || found->expires_at <= now_text) {
      return Error::unauthenticated(kBadToken);
    }
    token = std::move(*found);
    ISMS_ASSIGN(std::optional<User> owner, tx->get_user(token.user_id));
    if (!owner) return Error::unauthenticated(kBadToken);
    user = std::move(*owner);
    ISMS_ASSIGN(std::string refusal, login_refusal(tx.get(), user, now_text));
    if (!refusal.empty()) return Error::unauthenticated(kBadToken);
    ISMS_ASSIGN(principal, principal_for_user(tx.get(), user));
  }
  principal.permissions = apply_token_scope(principal.permissions, token.scope, token.registers);
  principal.token_id = token.id;
  principal.actor = "user:" + user.id + "/token:" + token.id;
  int64_t last_used = token.last_used_at ? parse_time(*token.last_used_at) : 0;
  if (now - last_used >= kTouchEveryMicros) {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), Actor{principal.actor});
    token.last_used_at = now_text;
    ISMS_TRY(tx->update_api_token(token));
    if (now - last_used >= kTokenUseEventEveryMicros) {
      AuthEvent e = make_event(now, "token_used", user.username, user.id, client,
                               "token " + token.id + " (" + token.name + ")");
      ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
      ISMS_TRY(ledger.finish());
    }
    ISMS_TRY(tx->commit());
  }
  return principal;
}

Result<std::vector<ApiToken>> AuthService::list_tokens(const Principal& p, bool all) const {
  if (all && !p.has("tokens:manage_all")) {
    return Error::forbidden("listing every user's tokens needs permission tokens:manage_all");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_api_tokens(all ? "" : p.user_id);
}

Result<CreatedToken> AuthService::create_token(const Principal& p, const TokenRequest& request,
                                               const ClientInfo& client,
                                               const std::string& for_username) const {
  if (!p.token_id.empty()) return Error::forbidden("API tokens cannot create API tokens");
  if (!for_username.empty() && !p.operator_access) {
    return Error::forbidden("only the operator creates tokens for another user");
  }
  std::vector<FieldError> problems;
  if (request.name.empty() || request.name.size() > 100) {
    problems.push_back({"name", "must be 1 to 100 characters"});
  }
  for (const auto& r : request.registers) {
    if (std::find(kTokenRegisters.begin(), kTokenRegisters.end(), r) == kTokenRegisters.end()) {
      problems.push_back({"registers", "unknown register " + r});
    }
  }
  if (request.expires_in_seconds < 1 || request.expires_in_seconds > 365LL * 86400) {
    problems.push_back({"expires_in_days", "must be from 1 to 365 days"});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{p.actor});
  User user;
  Principal owner = p;
  if (!for_username.empty()) {
    ISMS_ASSIGN(std::optional<User> found, tx->find_user(for_username));
    if (!found) return Error::not_found("user " + for_username + " not found");
    user = std::move(*found);
    ISMS_ASSIGN(owner, principal_for_user(tx.get(), user));
  } else {
    ISMS_ASSIGN(std::optional<User> found, tx->get_user(p.user_id));
    if (!found) return Error::unauthenticated(kNotLoggedIn);
    user = std::move(*found);
  }
  if (request.scope == TokenScope::kReadWrite &&
      std::none_of(owner.permissions.begin(), owner.permissions.end(),
                   [](const std::string& perm) { return !is_read_permission(perm); })) {
    return Error::invalid("scope", "read_write needs a permission to change something");
  }
  CreatedToken created;
  ApiToken& t = created.token;
  t.id = new_token_id();
  std::string secret = new_token_secret();
  t.user_id = user.id;
  t.name = request.name;
  t.secret_hash = sha256_hex(secret);
  t.scope = request.scope;
  t.registers = request.registers;
  std::sort(t.registers.begin(), t.registers.end());
  t.registers.erase(std::unique(t.registers.begin(), t.registers.end()), t.registers.end());
  t.created_at = format_utc_micros(now);
  t.expires_at = format_utc_micros(now + request.expires_in_seconds * kMicros);
  ISMS_TRY(tx->insert_api_token(t));
  AuthEvent e =
      make_event(now, "token_created", user.username, user.id, client,
                 "token " + t.id + " (" + t.name + "), " + std::string(token_scope_name(t.scope)) +
                     ", expires " + t.expires_at);
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  created.secret = format_api_token(t.id, secret);
  return created;
}

Result<ApiToken> AuthService::revoke_token(const Principal& p, const std::string& token_id,
                                           const ClientInfo& client) const {
  int64_t now = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), Actor{p.actor});
  ISMS_ASSIGN(std::optional<ApiToken> token, tx->find_api_token(token_id));
  if (!token || (token->user_id != p.user_id && !p.has("tokens:manage_all"))) {
    return Error::not_found("token " + token_id + " not found");
  }
  if (token->revoked_at) return Error::conflict("token " + token_id + " is already revoked");
  token->revoked_at = format_utc_micros(now);
  ISMS_TRY(tx->update_api_token(*token));
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(token->user_id));
  AuthEvent e = make_event(now, "token_revoked", user ? user->username : "", token->user_id, client,
                           "token " + token->id + " (" + token->name + ")");
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &e));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return *token;
}

Result<MyAccess> AuthService::my_access(const Principal& p) const {
  if (p.user_id.empty()) return Error::unauthenticated("the operator has no user account");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  MyAccess out;
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(p.user_id));
  if (!user) return Error::unauthenticated(kNotLoggedIn);
  out.user = std::move(*user);
  ISMS_ASSIGN(out.person, tx->get_person(out.user.person_id));
  ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
  for (auto& r : roles) {
    if (std::find(out.person.role_ids.begin(), out.person.role_ids.end(), r.id) !=
        out.person.role_ids.end()) {
      out.roles.push_back(std::move(r));
    }
  }
  ISMS_ASSIGN(std::vector<WorkingGroup> groups, tx->list_groups());
  for (auto& g : groups) {
    if (std::find(g.member_ids.begin(), g.member_ids.end(), out.person.id) != g.member_ids.end()) {
      out.groups.push_back(std::move(g));
    }
  }
  ISMS_ASSIGN(out.grants, tx->list_grants_of_person(out.person.id));
  ISMS_ASSIGN(out.sessions, tx->list_sessions_of_user(out.user.id));
  ISMS_ASSIGN(out.tokens, tx->list_api_tokens(out.user.id));
  ISMS_ASSIGN(out.recovery_codes_left, tx->count_unused_recovery_codes(out.user.id));
  return out;
}

Result<AuthEventPage> AuthService::events(int64_t before_id, int limit,
                                          const std::string& user_id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  AuthEventPage page;
  ISMS_ASSIGN(page.items, tx->list_auth_events(before_id, limit + 1, user_id));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<size_t>(limit));
    page.next_before = page.items.back().id;
  }
  return page;
}

Result<int64_t> AuthService::purge_expired_sessions() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(int64_t n, tx->delete_expired_sessions(ctx_.clock->now_utc()));
  ISMS_TRY(tx->commit());
  return n;
}

}  // namespace isms
