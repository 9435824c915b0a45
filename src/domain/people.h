// Organization, Person, Role and User: who the ISMS belongs to and who acts in it.
// Pure value types; no I/O.
#pragma once

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
  std::string created_at;
};

// A role a person holds in the ISMS. Seed roles follow the policy's section 3.
struct Role {
  std::string id;
  std::string key;  // stable machine name: "ceo", "ciso", "employee", "contractor", "administrator"
  std::string name;
  std::string description;
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
};

Json organization_to_json(const Organization& o);
Json person_to_json(const Person& p);
Json role_to_json(const Role& r);

}  // namespace isms
