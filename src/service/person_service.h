// PersonService: the people of the organization (docs/api.md "People"). Each call is one
// transaction; each change writes its ledger entry in that transaction. Ending a person's
// employment or changing their roles ends their users' sessions and revokes their tokens
// at once (policy 8.3) and flags the person for an access review. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/people.h"
#include "service/context.h"
#include "service/ledger_recorder.h"

namespace isms {

// The writable fields of a person, each optional: a create request (missing = default)
// or a partial update (missing = unchanged).
struct PersonFields {
  std::optional<std::string> name;                   // 1..200 characters; required on create
  std::optional<std::string> email;                  // required on create; unique, case-insensitive
  std::optional<std::string> job_title;              // 0..200 characters
  std::optional<std::vector<std::string>> role_ids;  // existing roles
  std::optional<EmploymentStatus> employment_status;
};

struct PersonPatch {
  PersonFields fields;
  std::optional<int64_t> version;  // required by update
};

// Decodes a create (allow_version = false) or update body: unknown or read-only members
// and wrong types are kInvalid naming every bad field.
Result<PersonPatch> person_patch_from_json(const Json& body, bool allow_version);

// Creates a person inside the caller's write transaction (for use cases that create a
// person together with something else, e.g. a user). Validates fields and role ids and
// appends "person.create".
Result<Person> create_person_in(StoreTx* tx, LedgerRecorder* ledger, const PersonFields& fields,
                                const std::string& now);

class PersonService {
 public:
  explicit PersonService(const ServiceContext& ctx) : ctx_(ctx) {}

  // people:read.
  Result<std::vector<Person>> list(const Principal& p) const;
  Result<Person> get(const Principal& p, const std::string& id) const;
  // people:write. kInvalid per field; kConflict when the email is taken.
  Result<Person> create(const Principal& p, const PersonFields& fields) const;
  // people:write. REQUIRES patch.version (else kInvalid "version"); kConflict when stale.
  // remote_address goes into the "sessions_revoked" auth events.
  Result<Person> update(const Principal& p, const std::string& id, const PersonPatch& patch,
                        const std::string& remote_address = "") const;
  // access:review. Records the review (note required) and clears access_review_required.
  Result<Person> access_review(const Principal& p, const std::string& id,
                               const std::string& note) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
