// Organization, Person, Role and User: who the ISMS belongs to and who acts in it.
// Pure value types; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace isms {

struct Organization {
  std::string id;
  std::string name;
  std::string created_at;
};

enum class EmploymentStatus { kActive, kEnded };
std::string_view employment_status_name(EmploymentStatus s);  // "active" | "ended"

struct Person {
  std::string id;
  std::string name;
  std::string email;  // unique (case-insensitive) among persons
  std::string job_title;
  std::vector<std::string> role_ids;
  EmploymentStatus employment_status = EmploymentStatus::kActive;
  // Set when employment ends or roles change (policy 8.3): the person's access must be
  // reviewed; cleared by whoever reviews it.
  bool access_review_required = false;
  int64_t version = 1;
  std::string created_at;
};

// A role a person holds in the ISMS. Seed roles follow the policy's section 3.
struct Role {
  std::string id;
  std::string key;  // stable machine name: "ceo", "ciso", "employee", "contractor", "administrator"
  std::string name;
  std::string description;
  std::vector<std::string> permissions;  // names from domain/access.h, sorted, unique
  bool builtin = false;                  // seeded; its key and permissions cannot change
};

// The seed roles created with every organization, in display order.
const std::vector<Role>& seed_roles();  // ids empty; the service assigns them

// A login account. The password is only ever held as an argon2id hash.
struct User {
  std::string id;
  std::string username;
  std::string person_id;
  std::string password_hash;  // libsodium crypto_pwhash_str output
  bool must_change_password = true;
  std::string created_at;
  bool disabled = false;
  // Access ends at this time (required for auditors); nullopt = no end.
  std::optional<std::string> access_expires_at;
  int failed_logins = 0;                    // consecutive failures since the last success
  std::optional<std::string> locked_until;  // temporary lock-out after repeated failures
  // TOTP secret sealed with the content keyring (base/content_cipher.h), "" = none.
  std::string totp_secret_sealed;
  bool totp_enabled = false;   // false while enrolment is pending confirmation
  int64_t totp_last_step = 0;  // last accepted time step: a code is never accepted twice
  std::string password_changed_at;
  int64_t version = 1;
};

Json organization_to_json(const Organization& o);
Json person_to_json(const Person& p);
Json role_to_json(const Role& r);

}  // namespace isms
