#include "domain/people.h"

#include "domain/access.h"

namespace isms {

std::string_view employment_status_name(EmploymentStatus s) {
  return s == EmploymentStatus::kActive ? "active" : "ended";
}

const std::vector<Role>& seed_roles() {
  // Titles and duties follow section 3 of the information security policy.
  static const std::vector<Role> kRoles = [] {
    auto role = [](const char* key, const char* name, const char* description) {
      Role r;
      r.key = key;
      r.name = name;
      r.description = description;
      r.permissions = builtin_role_permissions(key);
      r.builtin = true;
      return r;
    };
    return std::vector<Role>{
        role("ceo", "CEO (top management)",
             "Approves the information security policy and risk acceptance; owns the ISMS."),
        role("ciso", "CISO",
             "Runs the ISMS: risk assessment, policies, awareness, incident handling and "
             "reporting."),
        role("employee", "Employee",
             "Follows the policies, protects information and reports security events to the "
             "CISO."),
        role("contractor", "Contractor",
             "Works for the organization under contract; bound by the same policies as "
             "employees."),
        role("auditor", "Auditor",
             "Reads the ISMS and its ledger for an audit, until the account's access expires."),
        role("administrator", "Administrator",
             "Manages users and settings of isms; no implicit access to confidential content."),
    };
  }();
  return kRoles;
}

Json organization_to_json(const Organization& o) {
  return Json{{"id", o.id}, {"name", o.name}, {"created_at", o.created_at}};
}

Json person_to_json(const Person& p) {
  return Json{{"id", p.id},
              {"name", p.name},
              {"email", p.email},
              {"job_title", p.job_title},
              {"role_ids", p.role_ids},
              {"employment_status", employment_status_name(p.employment_status)},
              {"access_review_required", p.access_review_required},
              {"version", p.version},
              {"created_at", p.created_at}};
}

Json role_to_json(const Role& r) {
  return Json{{"id", r.id},
              {"key", r.key},
              {"name", r.name},
              {"description", r.description},
              {"permissions", r.permissions},
              {"builtin", r.builtin}};
}

}  // namespace isms
