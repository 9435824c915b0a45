#include "service/user_admin_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"

namespace isms {

namespace {

constexpr size_t kOneTimePasswordLength = 20;
constexpr size_t kUsernameMin = 3;
constexpr size_t kUsernameMax = 64;

Json optional_text(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

bool valid_username(const std::string& name) {
  if (name.size() < kUsernameMin || name.size() > kUsernameMax) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

Result<User> find_user(StoreTx* tx, const std::string& id) {
  ISMS_ASSIGN(std::optional<User> user, tx->get_user(id));
  if (!user) return Error::not_found("user " + id + " not found");
  return *user;
}

Result<std::string> person_name_of(StoreTx* tx, const std::string& person_id) {
  auto person = tx->get_person(person_id);
  if (auto e = admin::unless_not_found(person)) return *e;
  return person ? person->name : std::string();
}

Result<UserView> view_of(StoreTx* tx, const User& user) {
  ISMS_ASSIGN(std::string name, person_name_of(tx, user.person_id));
  return UserView{user, name};
}

Result<bool> person_is_auditor(StoreTx* tx, const Person& person) {
  ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
  for (const Role& r : roles) {
    if (r.key == "auditor" &&
        std::find(person.role_ids.begin(), person.role_ids.end(), r.id) != person.role_ids.end()) {
      return true;
    }
  }
  return false;
}

// The ledger record of a user: what an auditor may see (no hashes, no secrets).
Json user_ledger_json(const User& u) {
  Json j = user_to_json(u, "");
  j.erase("person_name");
  return j;
}

// Checks the request against the stored data (person, username, auditor rule); returns
// the person the user will belong to and the normalized access end.
struct CheckedRequest {
  Person person;
  std::optional<std::string> expires;
};

Result<CheckedRequest> check_create(StoreTx* tx, const UserCreateRequest& request,
                                    const std::optional<Person>& new_person,
                                    const std::string& now) {
  std::vector<FieldError> errors;
  if (!valid_username(request.username)) {
    errors.push_back({"username", "must be 3 to 64 of a-z, 0-9, '.', '_' and '-'"});
  }
  std::optional<std::string> expires;
  if (request.access_expires_at) {
    expires = admin::normalize_timestamp(*request.access_expires_at);
    if (!expires) {
      errors.push_back(
          {"access_expires_at", "must be an RFC 3339 UTC time, e.g. 2026-12-31T23:59:59Z"});
    } else if (*expires <= now) {
      errors.push_back({"access_expires_at", "must be in the future"});
    }
  }
  std::optional<Person> person = new_person;
  if (!person) {
    if (request.person_id.empty()) {
      errors.push_back({"person_id", "is required"});
    } else {
      auto found = tx->get_person(request.person_id);
      if (auto e = admin::unless_not_found(found)) return *e;
      if (!found) {
        errors.push_back({"person_id", "no person with id \"" + request.person_id + "\""});
      } else {
        person = *found;
      }
    }
  }
  if (person) {
    if (person->employment_status == EmploymentStatus::kEnded) {
      errors.push_back({"person_id", "the employment of " + person->name + " has ended"});
    }
    ISMS_ASSIGN(bool auditor, person_is_auditor(tx, *person));
    if (auditor && !request.access_expires_at) {
      errors.push_back({"access_expires_at", "is required: " + person->name +
                                                 " holds the auditor role, whose access must end"});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(std::optional<User> taken, tx->find_user(request.username));
  if (taken) return Error::conflict("the username " + request.username + " is taken");
  return CheckedRequest{*person, expires};
}

// Checks the request again (inside the write transaction) and inserts the user with its
// ledger entry. The password hash is computed by the caller outside the write
// transaction: argon2id takes a while and writers serialize.
Result<User> create_user_in(StoreTx* tx, LedgerRecorder* ledger, const UserCreateRequest& request,
                            const std::optional<Person>& new_person, const std::string& now,
                            const std::string& password_hash) {
  ISMS_ASSIGN(CheckedRequest checked, check_create(tx, request, new_person, now));
  User user;
  user.id = new_id();
  user.username = request.username;
  user.person_id = checked.person.id;
  user.password_hash = password_hash;
  user.must_change_password = true;
  user.created_at = now;
  user.password_changed_at = now;
  user.access_expires_at = checked.expires;
  user.version = 1;
  ISMS_TRY(tx->insert_user(user));
  ISMS_TRY(ledger->record("user.create", "user", user.id, user_ledger_json(user)));
  return user;
}

Result<std::pair<std::string, std::string>> new_one_time_password() {
  std::string password = random_password(kOneTimePasswordLength);
  std::string hash = hash_password(password);
  if (hash.empty()) return Error::internal("argon2id: out of memory");
  return std::make_pair(password, hash);
}

bool access_over(const User& u, const std::string& now) {
  return u.disabled || (u.access_expires_at && *u.access_expires_at <= now);
}

}  // namespace

Json user_to_json(const User& u, const std::string& person_name) {
  return Json{{"id", u.id},
              {"username", u.username},
              {"person_id", u.person_id},
              {"person_name", person_name},
              {"disabled", u.disabled},
              {"access_expires_at", optional_text(u.access_expires_at)},
              {"must_change_password", u.must_change_password},
              {"mfa_enabled", u.totp_enabled},
              {"locked_until", optional_text(u.locked_until)},
              {"failed_logins", u.failed_logins},
              {"password_changed_at", u.password_changed_at},
              {"created_at", u.created_at},
              {"version", u.version}};
}

Result<UserCreateRequest> user_create_from_json(const Json& body) {
  admin::BodyReader reader(body);
  UserCreateRequest request;
  auto username = reader.string("username");
  auto person_id = reader.string("person_id");
  auto expires = reader.nullable_string("access_expires_at");
  if (body.is_object()) {
    if (!body.contains("username")) reader.add("username", "is required");
    if (!body.contains("person_id")) reader.add("person_id", "is required");
  }
  for (const char* read_only :
       {"id", "person_name", "disabled", "must_change_password", "mfa_enabled", "locked_until",
        "failed_logins", "password_changed_at", "created_at", "version"}) {
    reader.reject(read_only, "not accepted when creating");
  }
  reader.reject("password", "not accepted: a one-time password is generated");
  ISMS_TRY(reader.finish());
  request.username = *username;
  request.person_id = *person_id;
  if (expires && *expires) request.access_expires_at = **expires;
  return request;
}

Result<UserUpdate> user_update_from_json(const Json& body) {
  admin::BodyReader reader(body);
  UserUpdate update;
  update.disabled = reader.boolean("disabled");
  update.access_expires_at = reader.nullable_string("access_expires_at");
  update.version = reader.integer("version", 1, INT64_MAX);
  for (const char* read_only :
       {"id", "username", "person_id", "person_name", "must_change_password", "mfa_enabled",
        "locked_until", "failed_logins", "password_changed_at", "created_at"}) {
    reader.reject(read_only, "cannot be changed here");
  }
  ISMS_TRY(reader.finish());
  return update;
}

Result<std::vector<UserView>> UserAdminService::list(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::vector<User> users, tx->list_users());
  ISMS_ASSIGN(std::vector<Person> persons, tx->list_persons());
  std::vector<UserView> out;
  out.reserve(users.size());
  for (auto& u : users) {
    std::string name;
    for (const auto& person : persons) {
      if (person.id == u.person_id) name = person.name;
    }
    out.push_back(UserView{std::move(u), std::move(name)});
  }
  return out;
}

Result<UserView> UserAdminService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(User user, find_user(tx.get(), id));
  return view_of(tx.get(), user);
}

Result<UserView> UserAdminService::find_by_username(const Principal& p,
                                                    const std::string& username) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::optional<User> user, tx->find_user(username));
  if (!user) return Error::not_found("no user named " + username);
  return view_of(tx.get(), *user);
}

Result<CreatedUser> UserAdminService::create(const Principal& p,
                                             const UserCreateRequest& request) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  {
    // Refuse bad requests before spending an argon2id hash on them.
    ISMS_ASSIGN(auto read, ctx_.store->begin_read());
    ISMS_TRY(check_create(read.get(), request, std::nullopt, ctx_.clock->now_utc()));
  }
  ISMS_ASSIGN(auto password, new_one_time_password());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(User user, create_user_in(tx.get(), &ledger, request, std::nullopt,
                                        ctx_.clock->now_utc(), password.second));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(UserView view, view_of(tx.get(), user));
  ISMS_TRY(tx->commit());
  return CreatedUser{std::move(view), password.first};
}

Result<CreatedPersonAndUser> UserAdminService::create_with_person(
    const Principal& p, const PersonFields& person_fields, const UserCreateRequest& request) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_TRY(admin::require_permission(p, "people:write"));
  ISMS_ASSIGN(auto password, new_one_time_password());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  std::string now = ctx_.clock->now_utc();
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(Person person, create_person_in(tx.get(), &ledger, person_fields, now));
  ISMS_ASSIGN(User user, create_user_in(tx.get(), &ledger, request, person, now, password.second));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return CreatedPersonAndUser{person, CreatedUser{UserView{user, person.name}, password.first}};
}

Result<UserView> UserAdminService::update(const Principal& p, const std::string& id,
                                          const UserUpdate& update,
                                          const std::string& remote_address) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  if (!update.version) return Error::invalid("version", "the version you last read is required");
  std::optional<std::optional<std::string>> expires;
  if (update.access_expires_at) {
    if (*update.access_expires_at) {
      auto normalized = admin::normalize_timestamp(**update.access_expires_at);
      if (!normalized) {
        return Error::invalid("access_expires_at",
                              "must be an RFC 3339 UTC time, e.g. 2026-12-31T23:59:59Z");
      }
      expires = std::optional<std::string>(*normalized);
    } else {
      expires = std::optional<std::string>();
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(User before, find_user(tx.get(), id));
  if (before.version != *update.version) {
    return Error::conflict("user " + before.username + " was changed by someone else: version " +
                           std::to_string(before.version) + " is current, the request was for " +
                           std::to_string(*update.version));
  }
  User after = before;
  if (update.disabled) after.disabled = *update.disabled;
  if (expires) after.access_expires_at = *expires;
  if (before.access_expires_at && !after.access_expires_at) {
    ISMS_ASSIGN(Person person, tx->get_person(before.person_id));
    ISMS_ASSIGN(bool auditor, person_is_auditor(tx.get(), person));
    if (auditor) {
      return Error::invalid("access_expires_at", "is required: " + person.name +
                                                     " holds the auditor role, whose access must "
                                                     "end");
    }
  }
  Json diff = admin::json_diff(user_ledger_json(before), user_ledger_json(after));
  if (diff.empty()) return view_of(tx.get(), before);
  after.version = before.version + 1;
  ISMS_TRY(tx->update_user(after));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("user.update", "user", id, diff));
  std::string now = ctx_.clock->now_utc();
  if (access_over(after, now)) {
    std::string reason = after.disabled ? "account disabled" : "access expired";
    ISMS_TRY(revoke_user_access(tx.get(), &ledger, now, after, remote_address, reason));
  }
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(User stored, find_user(tx.get(), id));
  ISMS_ASSIGN(UserView view, view_of(tx.get(), stored));
  ISMS_TRY(tx->commit());
  return view;
}

Result<CreatedUser> UserAdminService::reset_password(const Principal& p, const std::string& id,
                                                     const std::string& remote_address) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto password, new_one_time_password());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(User user, find_user(tx.get(), id));
  std::string now = ctx_.clock->now_utc();
  user.password_hash = password.second;
  user.must_change_password = true;
  user.password_changed_at = now;
  user.version += 1;
  ISMS_TRY(tx->update_user(user));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("user.reset_password", "user", id,
                         Json{{"must_change_password", true}, {"password_changed_at", now}}));
  ISMS_TRY(revoke_user_access(tx.get(), &ledger, now, user, remote_address, "password reset"));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(UserView view, view_of(tx.get(), user));
  ISMS_TRY(tx->commit());
  return CreatedUser{std::move(view), password.first};
}

Result<UserView> UserAdminService::unlock(const Principal& p, const std::string& id,
                                          const std::string& remote_address) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(User user, find_user(tx.get(), id));
  if (user.failed_logins == 0 && !user.locked_until) return view_of(tx.get(), user);
  user.failed_logins = 0;
  user.locked_until.reset();
  user.version += 1;
  ISMS_TRY(tx->update_user(user));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  AuthEvent event;
  event.at = ctx_.clock->now_utc();
  event.kind = "account_unlocked";
  event.username = user.username;
  event.user_id = user.id;
  event.remote_address = remote_address;
  event.detail = "unlocked by " + actor_of(p).id;
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &event));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(UserView view, view_of(tx.get(), user));
  ISMS_TRY(tx->commit());
  return view;
}

Result<UserView> UserAdminService::reset_mfa(const Principal& p, const std::string& id,
                                             const std::string& remote_address) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(User user, find_user(tx.get(), id));
  ISMS_ASSIGN(int64_t codes, tx->count_unused_recovery_codes(id));
  if (!user.totp_enabled && user.totp_secret_sealed.empty() && codes == 0) {
    return view_of(tx.get(), user);
  }
  user.totp_enabled = false;
  user.totp_secret_sealed.clear();
  user.version += 1;
  ISMS_TRY(tx->update_user(user));
  ISMS_TRY(tx->replace_recovery_codes(id, {}));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  AuthEvent event;
  event.at = ctx_.clock->now_utc();
  event.kind = "mfa_disabled";
  event.username = user.username;
  event.user_id = user.id;
  event.remote_address = remote_address;
  event.detail = "reset by " + actor_of(p).id;
  ISMS_TRY(record_auth_event(tx.get(), &ledger, &event));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(UserView view, view_of(tx.get(), user));
  ISMS_TRY(tx->commit());
  return view;
}

Result<RevokedAccess> UserAdminService::revoke_sessions(const Principal& p, const std::string& id,
                                                        const std::string& remote_address) const {
  ISMS_TRY(admin::require_permission(p, "users:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(User user, find_user(tx.get(), id));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(RevokedAccess revoked,
              revoke_user_access(tx.get(), &ledger, ctx_.clock->now_utc(), user, remote_address,
                                 "revoked by " + actor_of(p).id));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return revoked;
}

}  // namespace isms
