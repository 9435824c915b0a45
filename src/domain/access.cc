#include "domain/access.h"

#include <algorithm>

namespace isms {
namespace {

// The catalogue. Register permissions are "<register>:<verb>"; the rest are
// organization-wide. Descriptions are what the role editor shows.
const std::vector<PermissionInfo> kPermissions = {
    {"organization:read", "See the organization and the dashboard"},
    {"assets:read", "Read the IT Systems Registry (public and internal assets)"},
    {"assets:write", "Create, change and archive any asset the holder can read"},
    {"assets:write_own", "Change assets the holder owns"},
    {"people:read", "Read the people of the organization"},
    {"people:write", "Add people and change their details, roles and employment"},
    {"roles:read", "Read roles and their permissions"},
    {"roles:manage", "Create, change and delete custom roles"},
    {"groups:read", "Read working groups"},
    {"groups:manage", "Create working groups and change their members"},
    {"grants:manage", "Authorize persons on objects the holder can read"},
    {"confidential:read", "Read confidential objects without being in their working group"},
    {"users:manage", "Create login accounts, disable, unlock and reset them"},
    {"settings:manage", "Change organization settings (MFA, session timeouts)"},
    {"tokens:manage_all", "See and revoke every user's API tokens"},
    {"auth_events:read", "Read authentication events (logins, failures, lock-outs)"},
    {"ledger:read", "Read and verify the ledger"},
    {"access:review", "Review and clear access flagged after a change of employment"},
    {"demo:load", "Load the demo organization into an empty registry"},
    {"catalogue:read", "Browse the requirements catalogue, traceability and gap reports"},
    {"catalogue:manage", "Import requirement libraries (CISO Assistant, OSCAL)"},
    {"documents:read", "Read policies, standards and procedures"},
    {"documents:write", "Write drafts, submit, publish and import documents"},
    {"policies:approve", "Approve documents whose information owner the holder is"},
    {"policies:accept", "Read and accept published policies"},
    {"risks:read", "Read the risk method, threats, vulnerabilities, risks and risk cycles"},
    {"risks:write", "Register and rate risks, hold risk cycles, edit threats and vulnerabilities"},
    {"risks:method", "Change the risk method (scales, levels, appetite)"},
    {"risks:accept", "Accept residual risks above the appetite (top management)"},
    {"controls:read", "Read controls and their evidence"},
    {"controls:write", "Create and change controls, add and archive evidence"},
    {"soa:read", "Read the Statement of Applicability and its approved versions"},
    {"soa:write", "Decide applicability, justification and status of SoA lines; import a SoA"},
    {"soa:approve", "Approve the Statement of Applicability into a frozen version"},
    {"events:report", "Report security events to the CISO"},
    {"calendar:read", "See the ISMS calendar: recurring activities, occurrences, review dates"},
    {"calendar:write", "Plan recurring activities and complete any occurrence"},
    {"objectives:read", "Read information security objectives, indicators and measurements"},
    {"objectives:write", "Set objectives and indicators, record measurements"},
    {"audits:read", "Read the audit programme, audits, findings and corrective actions"},
    {"audits:write", "Plan and perform audits, record findings and corrective actions"},
    {"reviews:read", "Read management reviews and their minutes"},
    {"reviews:write", "Prepare and record management reviews"},
    {"reviews:approve", "Approve management review minutes (top management)"},
    {"exceptions:read", "Read every policy and control exception"},
    {"exceptions:request", "Request an exception from a policy or control"},
    {"exceptions:approve", "Approve or reject exception requests"},
    {"incidents:read", "Read reported events, incidents and their regulatory reports"},
    {"incidents:write", "Triage events, handle incidents, assess significance, file reports"},
    {"notifications:manage", "Configure e-mail and webhook reminders and see deliveries"},
};

// Built-in roles after the policy's section 3. The administrator runs accounts and
// settings but gets no implicit access to confidential content (no confidential:read).
const std::vector<std::pair<std::string, std::vector<std::string>>> kBuiltin = {
    {"ceo", {"organization:read",  "assets:read",       "people:read",     "roles:read",
             "groups:read",        "confidential:read", "ledger:read",     "catalogue:read",
             "documents:read",     "policies:approve",  "policies:accept", "risks:accept",
             "events:report",      "risks:read",        "controls:read",   "soa:read",
             "soa:approve",        "calendar:read",     "objectives:read", "audits:read",
             "reviews:read",       "reviews:approve",   "exceptions:read", "exceptions:request",
             "exceptions:approve", "incidents:read"}},
    {"ciso", {"organization:read",   "assets:read",        "assets:write",     "people:read",
              "people:write",        "roles:read",         "groups:read",      "groups:manage",
              "grants:manage",       "confidential:read",  "auth_events:read", "ledger:read",
              "access:review",       "demo:load",          "policies:accept",  "events:report",
              "catalogue:read",      "catalogue:manage",   "documents:read",   "documents:write",
              "risks:read",          "risks:write",        "risks:method",     "controls:read",
              "controls:write",      "soa:read",           "soa:write",        "calendar:read",
              "calendar:write",      "objectives:read",    "objectives:write", "audits:read",
              "audits:write",        "reviews:read",       "reviews:write",    "exceptions:read",
              "exceptions:request",  "exceptions:approve", "incidents:read",   "incidents:write",
              "notifications:manage"}},
    {"employee",
     {"organization:read", "assets:read", "assets:write_own", "people:read", "roles:read",
      "groups:read", "policies:accept", "events:report", "catalogue:read", "documents:read",
      "calendar:read", "exceptions:request"}},
    {"contractor",
     {"organization:read", "assets:read", "policies:accept", "events:report", "documents:read",
      "exceptions:request"}},
    {"auditor",
     {"organization:read", "assets:read", "people:read", "roles:read", "groups:read",
      "confidential:read", "auth_events:read", "ledger:read", "catalogue:read", "documents:read",
      "risks:read", "controls:read", "soa:read", "calendar:read", "objectives:read", "audits:read",
      "reviews:read", "exceptions:read", "incidents:read"}},
    {"administrator",
     {"organization:read", "assets:read", "people:read", "people:write", "roles:read",
      "roles:manage", "groups:read", "users:manage", "settings:manage", "tokens:manage_all",
      "auth_events:read", "demo:load", "events:report", "policies:accept", "catalogue:read",
      "documents:read", "notifications:manage"}},
};

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

const std::vector<PermissionInfo>& all_permissions() { return kPermissions; }

bool is_known_permission(std::string_view name) {
  return std::any_of(kPermissions.begin(), kPermissions.end(),
                     [&](const PermissionInfo& p) { return p.name == name; });
}

bool is_read_permission(std::string_view name) {
  constexpr std::string_view kSuffix = ":read";
  return name.size() > kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix;
}

std::string permission_register(std::string_view name) {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return "";
  std::string_view area = name.substr(0, colon);
  // Registers whose objects a token can be limited to.
  for (std::string_view reg : {"assets", "people", "groups", "roles", "documents", "catalogue",
                               "risks", "controls", "soa"}) {
    if (area == reg) return std::string(area);
  }
  return "";
}

std::vector<std::string> builtin_role_permissions(std::string_view role_key) {
  for (const auto& [key, perms] : kBuiltin) {
    if (key == role_key) {
      std::vector<std::string> sorted = perms;
      std::sort(sorted.begin(), sorted.end());
      return sorted;
    }
  }
  return {};
}

bool Principal::has(std::string_view permission) const {
  if (operator_access) return true;
  return permissions.find(std::string(permission)) != permissions.end();
}

Principal operator_principal(std::string actor) {
  Principal p;
  p.operator_access = true;
  p.username = "operator";
  p.actor = std::move(actor);
  for (const auto& info : kPermissions) p.permissions.insert(info.name);
  return p;
}

std::set<std::string> apply_token_scope(const std::set<std::string>& permissions, TokenScope scope,
                                        const std::vector<std::string>& registers) {
  std::set<std::string> out;
  for (const auto& perm : permissions) {
    if (scope == TokenScope::kRead && !is_read_permission(perm)) continue;
    if (!registers.empty() && perm != "organization:read" &&
        !contains(registers, permission_register(perm))) {
      continue;
    }
    out.insert(perm);
  }
  return out;
}

bool can_read_object(const Principal& p, const ObjectAccess& object) {
  if (p.operator_access) return true;
  bool granted = !p.person_id.empty() && contains(object.granted_person_ids, p.person_id);
  switch (object.classification) {
    case Classification::kPublic:
    case Classification::kInternal:
      return true;
    case Classification::kConfidential: {
      if (granted || p.has("confidential:read")) return true;
      if (!p.person_id.empty() && object.owner_id == p.person_id) return true;
      return std::any_of(object.group_ids.begin(), object.group_ids.end(),
                         [&](const std::string& g) { return contains(p.group_ids, g); });
    }
    case Classification::kCustomerData:
      return granted;
  }
  return false;
}

bool can_write_object(const Principal& p, const ObjectAccess& object,
                      std::string_view register_name) {
  if (!can_read_object(p, object)) return false;
  std::string reg(register_name);
  if (p.has(reg + ":write")) return true;
  return p.has(reg + ":write_own") && !p.person_id.empty() && object.owner_id == p.person_id;
}

ReadScope read_scope(const Principal& p) {
  ReadScope scope;
  scope.all = p.operator_access;
  scope.person_id = p.person_id;
  scope.confidential_by_role = p.has("confidential:read");
  return scope;
}

bool read_is_recorded(Classification c) {
  return c == Classification::kConfidential || c == Classification::kCustomerData;
}

}  // namespace isms
