#include "service/person_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/auth_records.h"

namespace isms {

namespace {

constexpr size_t kNameMax = 200;
constexpr size_t kEmailMax = 254;
constexpr size_t kJobTitleMax = 200;
constexpr size_t kNoteMax = 2000;
constexpr size_t kMaxRoles = 100;

bool looks_like_email(const std::string& email) {
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size()) return false;
  if (email.find('@', at + 1) != std::string::npos) return false;
  return email.find_first_of(" \t\r\n") == std::string::npos;
}

// Applies the given fields to `person` and checks them; role ids must name stored roles.
Status apply_fields(StoreTx* tx, const PersonFields& fields, Person* person) {
  if (fields.name) person->name = *fields.name;
  if (fields.email) person->email = *fields.email;
  if (fields.job_title) person->job_title = *fields.job_title;
  person->role_ids =
      admin::sorted_unique(fields.role_ids ? *fields.role_ids : std::move(person->role_ids));
  if (fields.employment_status) person->employment_status = *fields.employment_status;

  std::vector<FieldError> errors;
  admin::check_text(errors, "name", person->name, 1, kNameMax);
  admin::check_text(errors, "email", person->email, 3, kEmailMax);
  if (errors.empty() || errors.back().field != "email") {
    if (!looks_like_email(person->email)) {
      errors.push_back({"email", "must be an email address (name@domain)"});
    }
  }
  admin::check_text(errors, "job_title", person->job_title, 0, kJobTitleMax);
  if (person->role_ids.size() > kMaxRoles) {
    errors.push_back({"role_ids", "must have at most " + std::to_string(kMaxRoles) + " roles"});
  } else if (fields.role_ids) {
    ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
    for (const auto& id : person->role_ids) {
      bool known =
          std::any_of(roles.begin(), roles.end(), [&](const Role& r) { return r.id == id; });
      if (!known) {
        errors.push_back({"role_ids", "no role with id \"" + id + "\""});
        break;
      }
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

// Whether `role_ids` include the built-in auditor role.
Result<bool> holds_auditor(StoreTx* tx, const std::vector<std::string>& role_ids) {
  ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
  for (const Role& r : roles) {
    if (r.key == "auditor" && std::find(role_ids.begin(), role_ids.end(), r.id) != role_ids.end()) {
      return true;
    }
  }
  return false;
}

Result<Person> find_person(StoreTx* tx, const std::string& id) {
  auto person = tx->get_person(id);
  if (!person && person.error().code == ErrorCode::kNotFound) {
    return Error::not_found("person " + id + " not found");
  }
  return person;
}

}  // namespace

Result<PersonPatch> person_patch_from_json(const Json& body, bool allow_version) {
  admin::BodyReader reader(body);
  PersonPatch patch;
  patch.fields.name = reader.string("name");
  patch.fields.email = reader.string("email");
  patch.fields.job_title = reader.string("job_title");
  patch.fields.role_ids = reader.strings("role_ids", kMaxRoles);
  if (auto status = reader.string("employment_status")) {
    if (*status == "active") {
      patch.fields.employment_status = EmploymentStatus::kActive;
    } else if (*status == "ended") {
      patch.fields.employment_status = EmploymentStatus::kEnded;
    } else {
      reader.add("employment_status", "must be one of active, ended");
    }
  }
  if (allow_version) {
    patch.version = reader.integer("version", 1, INT64_MAX);
  } else {
    reader.reject("version", "not accepted when creating");
  }
  for (const char* read_only : {"id", "access_review_required", "created_at"}) {
    reader.reject(read_only, "is read-only");
  }
  ISMS_TRY(reader.finish());
  return patch;
}

Result<Person> create_person_in(StoreTx* tx, LedgerRecorder* ledger, const PersonFields& fields,
                                const std::string& now) {
  std::vector<FieldError> missing;
  if (!fields.name) missing.push_back({"name", "is required"});
  if (!fields.email) missing.push_back({"email", "is required"});
  if (!missing.empty()) return Error::invalid(std::move(missing));
  Person person;
  person.id = new_id();
  person.version = 1;
  person.created_at = now;
  ISMS_TRY(apply_fields(tx, fields, &person));
  ISMS_TRY(tx->insert_person(person));
  ISMS_TRY(ledger->record("person.create", "person", person.id, person_to_json(person)));
  return person;
}

Result<std::vector<Person>> PersonService::list(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "people:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_persons();
}

Result<Person> PersonService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "people:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return find_person(tx.get(), id);
}

Result<Person> PersonService::create(const Principal& p, const PersonFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "people:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(Person person, create_person_in(tx.get(), &ledger, fields, ctx_.clock->now_utc()));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return person;
}

Result<Person> PersonService::update(const Principal& p, const std::string& id,
                                     const PersonPatch& patch,
                                     const std::string& remote_address) const {
  ISMS_TRY(admin::require_permission(p, "people:write"));
  if (!patch.version) {
    return Error::invalid("version", "the version you last read is required");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Person before, find_person(tx.get(), id));
  if (before.version != *patch.version) {
    return Error::conflict("person " + id + " was changed by someone else: version " +
                           std::to_string(before.version) + " is current, the request was for " +
                           std::to_string(*patch.version));
  }
  Person after = before;
  ISMS_TRY(apply_fields(tx.get(), patch.fields, &after));

  bool roles_changed = after.role_ids != admin::sorted_unique(before.role_ids);
  if (!roles_changed) after.role_ids = before.role_ids;  // same set: keep the stored order
  bool employment_ended = before.employment_status == EmploymentStatus::kActive &&
                          after.employment_status == EmploymentStatus::kEnded;
  std::string now = ctx_.clock->now_utc();
  if (roles_changed) {
    // Auditors' access must expire (policy): an account without an end date cannot take
    // the auditor role.
    ISMS_ASSIGN(bool auditor_before, holds_auditor(tx.get(), before.role_ids));
    ISMS_ASSIGN(bool auditor_after, holds_auditor(tx.get(), after.role_ids));
    if (auditor_after && !auditor_before) {
      ISMS_ASSIGN(std::vector<User> users, tx->users_of_person(id));
      for (const User& u : users) {
        if (!u.disabled && !u.access_expires_at) {
          return Error::invalid("role_ids",
                                "the auditor role needs an access end date on every account of "
                                "the person; set access_expires_at of user " +
                                    u.username + " first");
        }
      }
    }
  }
  if (roles_changed || employment_ended) after.access_review_required = true;

  Json diff = admin::json_diff(person_to_json(before), person_to_json(after));
  if (diff.empty()) return before;  // nothing changed: no new version, no ledger entry
  after.version = before.version + 1;
  ISMS_TRY(tx->update_person(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("person.update", "person", id, diff));
  if (roles_changed || employment_ended) {
    std::string reason = employment_ended ? "employment ended" : "roles changed";
    ISMS_TRY(revoke_person_access(tx.get(), &ledger, now, id, remote_address, reason));
  }
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Person stored, tx->get_person(id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<Person> PersonService::access_review(const Principal& p, const std::string& id,
                                            const std::string& note) const {
  ISMS_TRY(admin::require_permission(p, "access:review"));
  std::vector<FieldError> errors;
  admin::check_text(errors, "note", note, 1, kNoteMax, /*multiline=*/true);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Person before, find_person(tx.get(), id));
  Person after = before;
  if (before.access_review_required) {
    after.access_review_required = false;
    after.version = before.version + 1;
    ISMS_TRY(tx->update_person(after, before.version));
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(
      "person.access_review", "person", id,
      Json{{"note", note},
           {"access_review_required", {{"from", before.access_review_required}, {"to", false}}}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Person stored, tx->get_person(id));
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
