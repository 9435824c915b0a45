// Building blocks shared by the access use cases, used inside a caller's write
// transaction: the principal of a user, recording authentication events, and revoking a
// user's or person's access at once (policy 8.3: change of employment).
#pragma once

#include <string>

#include "domain/access.h"
#include "service/context.h"
#include "service/ledger_recorder.h"

namespace isms {

// The principal a user acts as: its person's roles' permissions (union), its working
// groups, actor "user:<id>". Does not check disabled/expiry (callers do: user_may_log_in).
Result<Principal> principal_for_user(StoreTx* tx, const User& user);

// Why a user may not log in or use a session/token now, or "" when it may: disabled,
// access expired, person's employment ended.
Result<std::string> login_refusal(StoreTx* tx, const User& user, const std::string& now);

// Inserts the event (fills id) and appends ledger entry "auth.<kind>" (object_type "user",
// object_id the user id or "username:<as typed>") in the same transaction.
Status record_auth_event(StoreTx* tx, LedgerRecorder* ledger, AuthEvent* event);

struct RevokedAccess {
  int64_t sessions = 0;
  int64_t tokens = 0;
};

// Ends every session and revokes every token of the user; records a "sessions_revoked"
// auth event with the reason when anything was ended.
Result<RevokedAccess> revoke_user_access(StoreTx* tx, LedgerRecorder* ledger,
                                         const std::string& now, const User& user,
                                         const std::string& remote_address,
                                         const std::string& reason);
// The same for every user of the person.
Result<RevokedAccess> revoke_person_access(StoreTx* tx, LedgerRecorder* ledger,
                                           const std::string& now, const std::string& person_id,
                                           const std::string& remote_address,
                                           const std::string& reason);

}  // namespace isms
