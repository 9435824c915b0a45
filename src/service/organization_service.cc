#include "service/organization_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "service/catalogue_service.h"
#include "service/ledger_recorder.h"
#include "service/operations_defaults.h"
#include "service/risk_service.h"
#include "service/traceability_service.h"

namespace isms {

namespace {
constexpr size_t kOneTimePasswordLength = 20;
constexpr size_t kOrganizationNameMax = 200;
}  // namespace

Result<InitResult> OrganizationService::initialize(const Actor& actor,
                                                   const std::string& organization_name) const {
  if (organization_name.find_first_not_of(" \t") == std::string::npos ||
      organization_name.size() > kOrganizationNameMax || !is_valid_utf8(organization_name)) {
    return Error::invalid("organization", "name must be 1 to 200 characters of valid UTF-8");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(auto existing, tx->get_organization());
  InitResult result;
  if (existing) {
    result.organization = *existing;
    // Built-in roles added by later versions (e.g. auditor) appear in older databases.
    ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
    LedgerRecorder ledger(ctx_, tx.get(), actor);
    for (Role role : seed_roles()) {
      bool present =
          std::any_of(roles.begin(), roles.end(), [&](const Role& r) { return r.key == role.key; });
      if (present) continue;
      role.id = new_id();
      ISMS_TRY(tx->insert_role(role));
      ISMS_TRY(ledger.record("role.create", "role", role.id, role_to_json(role)));
    }
    // The built-in catalogue of this version (a no-op when it is already stored); serve runs
    // initialize at every start, so upgrades bring new reference data.
    ISMS_TRY(CatalogueService::ensure_builtin(ctx_, tx.get(), &ledger));
    ISMS_TRY(RiskService::ensure_defaults(ctx_, tx.get(), &ledger));
    ISMS_TRY(ensure_default_calendar(ctx_, tx.get(), &ledger));
    ISMS_TRY(ensure_default_objectives(ctx_, tx.get(), &ledger));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    return result;
  }
  std::string now = ctx_.clock->now_utc();
  LedgerRecorder ledger(ctx_, tx.get(), actor);

  Organization org{new_id(), organization_name, now};
  ISMS_TRY(tx->insert_organization(org));
  ISMS_TRY(ledger.record("organization.create", "organization", org.id, organization_to_json(org)));

  std::string admin_role_id;
  for (Role role : seed_roles()) {
    role.id = new_id();
    if (role.key == "administrator") admin_role_id = role.id;
    ISMS_TRY(tx->insert_role(role));
    ISMS_TRY(ledger.record("role.create", "role", role.id, role_to_json(role)));
  }

  Person admin;
  admin.id = new_id();
  admin.name = "Administrator";
  admin.email = "admin@localhost";
  admin.job_title = "isms administrator";
  admin.role_ids = {admin_role_id};
  admin.created_at = now;
  ISMS_TRY(tx->insert_person(admin));
  ISMS_TRY(ledger.record("person.create", "person", admin.id, person_to_json(admin)));

  std::string password = random_password(kOneTimePasswordLength);
  User user;
  user.id = new_id();
  user.username = "admin";
  user.person_id = admin.id;
  user.password_hash = hash_password(password);
  if (user.password_hash.empty()) return Error::internal("argon2id: out of memory");
  user.must_change_password = true;
  user.created_at = now;
  user.password_changed_at = now;
  ISMS_TRY(tx->insert_user(user));
  // The hash stays out of the ledger: the ledger is readable by auditors.
  ISMS_TRY(ledger.record("user.create", "user", user.id,
                         Json{{"username", user.username},
                              {"person_id", user.person_id},
                              {"must_change_password", true}}));
  ISMS_TRY(CatalogueService::ensure_builtin(ctx_, tx.get(), &ledger));
  ISMS_TRY(RiskService::ensure_defaults(ctx_, tx.get(), &ledger));
  ISMS_TRY(ensure_default_calendar(ctx_, tx.get(), &ledger));
  ISMS_TRY(ensure_default_objectives(ctx_, tx.get(), &ledger));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());

  result.created = true;
  result.organization = org;
  result.admin_username = user.username;
  result.admin_one_time_password = password;
  return result;
}

Result<Organization> OrganizationService::organization() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(auto org, tx->get_organization());
  if (!org) return Error::not_found("the organization is not initialized yet (run isms init)");
  return *org;
}

Result<std::vector<Person>> OrganizationService::persons() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_persons();
}

Result<std::vector<Role>> OrganizationService::roles() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_roles();
}

Result<Dashboard> OrganizationService::dashboard(const Principal& p) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  Dashboard d;
  ISMS_ASSIGN(auto org, tx->get_organization());
  if (!org) return Error::not_found("the organization is not initialized yet (run isms init)");
  d.organization = *org;
  ISMS_ASSIGN(d.assets, tx->count_assets(read_scope(p)));
  ISMS_ASSIGN(d.persons, tx->count_persons());
  ISMS_ASSIGN(d.ledger, tx->ledger_head());
  tx.reset();  // coverage reads in a transaction of its own
  if (p.has("catalogue:read") && p.has("documents:read")) {
    ISMS_ASSIGN(d.coverage, TraceabilityService(ctx_).coverage(p));
  }
  return d;
}

}  // namespace isms
