#include "service/auth_records.h"

#include <algorithm>

namespace isms {

Result<Principal> principal_for_user(StoreTx* tx, const User& user) {
  Principal p;
  p.user_id = user.id;
  p.username = user.username;
  p.person_id = user.person_id;
  p.actor = "user:" + user.id;
  ISMS_ASSIGN(Person person, tx->get_person(user.person_id));
  ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
  for (const Role& role : roles) {
    if (std::find(person.role_ids.begin(), person.role_ids.end(), role.id) ==
        person.role_ids.end()) {
      continue;
    }
    p.role_keys.push_back(role.key);
    p.permissions.insert(role.permissions.begin(), role.permissions.end());
  }
  ISMS_ASSIGN(p.group_ids, tx->groups_of_person(user.person_id));
  return p;
}

Result<std::string> login_refusal(StoreTx* tx, const User& user, const std::string& now) {
  if (user.disabled) return std::string("account disabled");
  if (user.access_expires_at && *user.access_expires_at <= now) {
    return std::string("access expired");
  }
  ISMS_ASSIGN(Person person, tx->get_person(user.person_id));
  if (person.employment_status == EmploymentStatus::kEnded) {
    return std::string("employment ended");
  }
  return std::string();
}

Status record_auth_event(StoreTx* tx, LedgerRecorder* ledger, AuthEvent* event) {
  ISMS_ASSIGN(event->id, tx->insert_auth_event(*event));
  std::string object_id = event->user_id ? *event->user_id : "username:" + event->username;
  Json change = auth_event_to_json(*event);
  return ledger->record("auth." + event->kind, "user", object_id, change);
}

Result<RevokedAccess> revoke_user_access(StoreTx* tx, LedgerRecorder* ledger,
                                         const std::string& now, const User& user,
                                         const std::string& remote_address,
                                         const std::string& reason) {
  RevokedAccess revoked;
  ISMS_ASSIGN(revoked.sessions, tx->delete_sessions_of_user(user.id));
  ISMS_ASSIGN(revoked.tokens, tx->revoke_api_tokens_of_user(user.id, now));
  if (revoked.sessions + revoked.tokens == 0) return revoked;
  AuthEvent event;
  event.at = now;
  event.kind = "sessions_revoked";
  event.username = user.username;
  event.user_id = user.id;
  event.remote_address = remote_address;
  event.detail = reason + ": " + std::to_string(revoked.sessions) + " session(s), " +
                 std::to_string(revoked.tokens) + " token(s)";
  ISMS_TRY(record_auth_event(tx, ledger, &event));
  return revoked;
}

Result<RevokedAccess> revoke_person_access(StoreTx* tx, LedgerRecorder* ledger,
                                           const std::string& now, const std::string& person_id,
                                           const std::string& remote_address,
                                           const std::string& reason) {
  RevokedAccess total;
  ISMS_ASSIGN(std::vector<User> users, tx->users_of_person(person_id));
  for (const User& user : users) {
    ISMS_ASSIGN(RevokedAccess r, revoke_user_access(tx, ledger, now, user, remote_address, reason));
    total.sessions += r.sessions;
    total.tokens += r.tokens;
  }
  return total;
}

}  // namespace isms
