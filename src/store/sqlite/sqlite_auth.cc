// SqliteTx: users, recovery codes, sessions, API tokens and authentication events.
#include <cstdint>

#include "store/codec.h"
#include "store/sqlite/sqlite_tx.h"

namespace isms::sqlite {

using store_detail::Row;
using store_detail::SqlParams;

namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, person_id, password_hash, must_change_password, created_at, disabled, "
    "access_expires_at, failed_logins, locked_until, totp_secret_sealed, totp_enabled, "
    "totp_last_step, password_changed_at, version FROM users ";
constexpr const char* kSessionColumns =
    "SELECT id_hash, user_id, state, csrf_token, created_at, last_seen_at, expires_at, "
    "remote_address, user_agent FROM sessions ";
constexpr const char* kTokenColumns =
    "SELECT id, user_id, name, secret_hash, scope, registers, created_at, expires_at, "
    "revoked_at, last_used_at FROM api_tokens ";
constexpr const char* kEventColumns =
    "SELECT id, at, kind, username, user_id, remote_address, detail FROM auth_events ";

constexpr int kMaxAuthEvents = 500;

// A failed insert of a row referencing users(id): kInvalid naming user_id.
Status user_reference(Result<int64_t>& inserted, const std::string& user_id) {
  if (!inserted.ok()) {
    if (inserted.error().code == ErrorCode::kInvalid) {
      return Error::invalid("user_id", "no user with id " + user_id);
    }
    return std::move(inserted).error();
  }
  return ok_status();
}

}  // namespace

// --- Users ----------------------------------------------------------------------------

Result<std::vector<User>> SqliteTx::query_users(const std::string& where_and_order,
                                                const SqlParams& params) {
  ISMS_TRY(usable());
  std::vector<User> users;
  ISMS_TRY(conn_->query(kUserColumns + where_and_order, params, [&](const Row& row) -> Status {
    users.push_back(store_detail::decode_user(row));
    return ok_status();
  }));
  return users;
}

Status SqliteTx::insert_user(const User& u) {
  ISMS_TRY(writable());
  auto inserted = conn_->exec(
      "INSERT INTO users (id, username, person_id, password_hash, must_change_password, "
      "created_at, disabled, access_expires_at, failed_logins, locked_until, totp_secret_sealed, "
      "totp_enabled, totp_last_step, password_changed_at, version) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) ON CONFLICT DO NOTHING",
      store_detail::user_params(u));
  if (!inserted.ok()) {
    if (inserted.error().code == ErrorCode::kInvalid) {
      return Error::invalid("person_id", "no person with id " + u.person_id);
    }
    return std::move(inserted).error();
  }
  if (*inserted == 0) {
    return Error::conflict("a user with username " + u.username + " or id " + u.id + " exists");
  }
  return ok_status();
}

Result<std::optional<User>> SqliteTx::find_user(const std::string& username) {
  ISMS_ASSIGN(auto users, query_users("WHERE username = ?1", {username}));
  if (users.empty()) return std::optional<User>();
  return std::optional<User>(std::move(users.front()));
}

Result<std::optional<User>> SqliteTx::get_user(const std::string& id) {
  ISMS_ASSIGN(auto users, query_users("WHERE id = ?1", {id}));
  if (users.empty()) return std::optional<User>();
  return std::optional<User>(std::move(users.front()));
}

Result<std::vector<User>> SqliteTx::list_users() { return query_users("ORDER BY username", {}); }

Result<std::vector<User>> SqliteTx::users_of_person(const std::string& person_id) {
  return query_users("WHERE person_id = ?1 ORDER BY username", {person_id});
}

Status SqliteTx::update_user(const User& u) {
  ISMS_TRY(writable());
  // Parameters as user_params (codec.h); id, username, person_id and created_at stay.
  ISMS_ASSIGN(int64_t n,
              conn_->exec("UPDATE users SET password_hash = ?4, must_change_password = ?5, "
                          "disabled = ?7, access_expires_at = ?8, failed_logins = ?9, "
                          "locked_until = ?10, totp_secret_sealed = ?11, totp_enabled = ?12, "
                          "totp_last_step = ?13, password_changed_at = ?14, version = ?15 "
                          "WHERE id = ?1",
                          store_detail::user_params(u)));
  if (n == 0) return Error::not_found("no user with id " + u.id);
  return ok_status();
}

// --- Recovery codes -------------------------------------------------------------------

Status SqliteTx::replace_recovery_codes(const std::string& user_id,
                                        const std::vector<std::string>& code_hashes) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_TRY(conn_->exec("DELETE FROM recovery_codes WHERE user_id = ?1", {user_id}));
    for (const auto& hash : code_hashes) {
      auto inserted = conn_->exec(
          "INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES (?1, ?2, NULL) "
          "ON CONFLICT DO NOTHING",
          {user_id, hash});
      ISMS_TRY(user_reference(inserted, user_id));
    }
    return ok_status();
  });
}

Result<bool> SqliteTx::consume_recovery_code(const std::string& user_id,
                                             const std::string& code_hash, const std::string& at) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(int64_t n, conn_->exec("UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 "
                                     "AND code_hash = ?2 AND used_at IS NULL",
                                     {user_id, code_hash, at}));
  return n > 0;
}

Result<int64_t> SqliteTx::count_unused_recovery_codes(const std::string& user_id) {
  ISMS_TRY(usable());
  int64_t n = 0;
  ISMS_TRY(
      conn_->query("SELECT count(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
                   {user_id}, [&](const Row& row) -> Status {
                     n = row.int64(0);
                     return ok_status();
                   }));
  return n;
}

// --- Sessions -------------------------------------------------------------------------

Status SqliteTx::insert_session(const Session& s) {
  ISMS_TRY(writable());
  auto inserted = conn_->exec(
      "INSERT INTO sessions (id_hash, user_id, state, csrf_token, created_at, last_seen_at, "
      "expires_at, remote_address, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT DO NOTHING",
      store_detail::session_params(s));
  ISMS_TRY(user_reference(inserted, s.user_id));
  if (*inserted == 0) return Error::conflict("the session exists");
  return ok_status();
}

Result<std::optional<Session>> SqliteTx::find_session(const std::string& id_hash) {
  ISMS_TRY(usable());
  std::optional<Session> found;
  ISMS_TRY(conn_->query(std::string(kSessionColumns) + "WHERE id_hash = ?1", {id_hash},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(found, store_detail::decode_session(row));
                          return ok_status();
                        }));
  return found;
}

Status SqliteTx::update_session(const Session& s) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(int64_t n, conn_->exec("UPDATE sessions SET state = ?2, csrf_token = ?3, "
                                     "last_seen_at = ?4, expires_at = ?5 WHERE id_hash = ?1",
                                     {s.id_hash, std::string(session_state_name(s.state)),
                                      s.csrf_token, s.last_seen_at, s.expires_at}));
  if (n == 0) return Error::not_found("no such session");
  return ok_status();
}

Status SqliteTx::delete_session(const std::string& id_hash) {
  ISMS_TRY(writable());
  ISMS_TRY(conn_->exec("DELETE FROM sessions WHERE id_hash = ?1", {id_hash}));
  return ok_status();
}

Result<int64_t> SqliteTx::delete_sessions_of_user(const std::string& user_id) {
  ISMS_TRY(writable());
  return conn_->exec("DELETE FROM sessions WHERE user_id = ?1", {user_id});
}

Result<std::vector<Session>> SqliteTx::list_sessions_of_user(const std::string& user_id) {
  ISMS_TRY(usable());
  std::vector<Session> sessions;
  ISMS_TRY(conn_->query(
      std::string(kSessionColumns) + "WHERE user_id = ?1 ORDER BY created_at DESC, id_hash",
      {user_id}, [&](const Row& row) -> Status {
        ISMS_ASSIGN(Session s, store_detail::decode_session(row));
        sessions.push_back(std::move(s));
        return ok_status();
      }));
  return sessions;
}

Result<int64_t> SqliteTx::delete_expired_sessions(const std::string& now) {
  ISMS_TRY(writable());
  return conn_->exec("DELETE FROM sessions WHERE expires_at <= ?1", {now});
}

// --- API tokens -----------------------------------------------------------------------

Status SqliteTx::insert_api_token(const ApiToken& t) {
  ISMS_TRY(writable());
  auto inserted = conn_->exec(
      "INSERT INTO api_tokens (id, user_id, name, secret_hash, scope, registers, created_at, "
      "expires_at, revoked_at, last_used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT DO NOTHING",
      store_detail::api_token_params(t));
  ISMS_TRY(user_reference(inserted, t.user_id));
  if (*inserted == 0) return Error::conflict("an API token with id " + t.id + " exists");
  return ok_status();
}

Result<std::optional<ApiToken>> SqliteTx::find_api_token(const std::string& id) {
  ISMS_TRY(usable());
  std::optional<ApiToken> found;
  ISMS_TRY(conn_->query(std::string(kTokenColumns) + "WHERE id = ?1", {id},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(found, store_detail::decode_api_token(row));
                          return ok_status();
                        }));
  return found;
}

Result<std::vector<ApiToken>> SqliteTx::list_api_tokens(const std::string& user_id) {
  ISMS_TRY(usable());
  std::vector<ApiToken> tokens;
  auto collect = [&](const Row& row) -> Status {
    ISMS_ASSIGN(ApiToken t, store_detail::decode_api_token(row));
    tokens.push_back(std::move(t));
    return ok_status();
  };
  if (user_id.empty()) {
    ISMS_TRY(conn_->query(std::string(kTokenColumns) + "ORDER BY created_at DESC, id DESC", {},
                          collect));
  } else {
    ISMS_TRY(conn_->query(
        std::string(kTokenColumns) + "WHERE user_id = ?1 ORDER BY created_at DESC, id DESC",
        {user_id}, collect));
  }
  return tokens;
}

Status SqliteTx::update_api_token(const ApiToken& t) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(int64_t n,
              conn_->exec("UPDATE api_tokens SET revoked_at = ?2, last_used_at = ?3 WHERE id = ?1",
                          {t.id, store_detail::sql_opt(t.revoked_at),
                           store_detail::sql_opt(t.last_used_at)}));
  if (n == 0) return Error::not_found("no API token with id " + t.id);
  return ok_status();
}

Result<int64_t> SqliteTx::revoke_api_tokens_of_user(const std::string& user_id,
                                                    const std::string& at) {
  ISMS_TRY(writable());
  return conn_->exec(
      "UPDATE api_tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL",
      {user_id, at});
}

// --- Authentication events ------------------------------------------------------------

Result<int64_t> SqliteTx::insert_auth_event(const AuthEvent& e) {
  ISMS_TRY(writable());
  int64_t id = 0;
  ISMS_TRY(
      conn_->query("INSERT INTO auth_events (at, kind, username, user_id, remote_address, detail) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                   store_detail::auth_event_params(e), [&](const Row& row) -> Status {
                     id = row.int64(0);
                     return ok_status();
                   }));
  return id;
}

Result<std::vector<AuthEvent>> SqliteTx::list_auth_events(int64_t before_id, int limit,
                                                          const std::string& user_id) {
  ISMS_TRY(usable());
  if (limit < 1 || limit > kMaxAuthEvents) {
    return Error::invalid("limit", "must be between 1 and " + std::to_string(kMaxAuthEvents));
  }
  if (before_id < 0) return Error::invalid("before", "must not be negative");
  // before_id 0 means "from the newest": every id is below the largest integer.
  int64_t before = before_id == 0 ? INT64_MAX : before_id;
  std::vector<AuthEvent> events;
  auto collect = [&](const Row& row) -> Status {
    events.push_back(store_detail::decode_auth_event(row));
    return ok_status();
  };
  if (user_id.empty()) {
    ISMS_TRY(conn_->query(std::string(kEventColumns) + "WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
                          {before, int64_t{limit}}, collect));
  } else {
    ISMS_TRY(conn_->query(
        std::string(kEventColumns) + "WHERE user_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
        {user_id, before, int64_t{limit}}, collect));
  }
  return events;
}

}  // namespace isms::sqlite
