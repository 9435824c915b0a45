#include "service/demo_service.h"

#include "service/asset_content.h"

#include <map>
#include <set>

#include "base/crypto.h"
#include "domain/asset.h"
#include "service/demo_data.h"
#include "service/ledger_recorder.h"

namespace isms {

namespace {

Result<Asset> demo_asset(const demo::DemoAsset& d, const std::string& id,
                         const std::map<std::string, std::string, std::less<>>& person_by_email,
                         const std::map<std::string, std::string, std::less<>>& id_by_name,
                         const std::string& now) {
  Asset a;
  a.id = id;
  a.name = d.name;
  a.type = parse_asset_type(d.type).value_or(AssetType::kOther);
  a.description = d.description;
  if (auto it = person_by_email.find(d.owner_email); it != person_by_email.end()) {
    a.owner_id = it->second;
  }
  a.business_function = d.business_function;
  a.classification = parse_classification(d.classification).value_or(Classification::kInternal);
  a.confidentiality = d.c;
  a.integrity = d.i;
  a.availability = d.a;
  a.authenticity = d.au;
  a.lifecycle_status =
      parse_lifecycle_status(d.lifecycle_status).value_or(LifecycleStatus::kActive);
  for (auto dep : d.depends_on) {
    auto it = id_by_name.find(dep);
    if (it == id_by_name.end()) return Error::internal("demo data: unknown dependency");
    a.depends_on.push_back(it->second);
  }
  std::sort(a.depends_on.begin(), a.depends_on.end());
  a.created_at = a.updated_at = now;
  auto errors = validate_asset(a);
  if (!errors.empty()) return Error::internal("demo data is invalid: " + errors.front().message);
  return a;
}

}  // namespace

Result<DemoResult> DemoService::load(const Principal& loader) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(auto org, tx->get_organization());
  if (!org) return Error::conflict("initialize the organization first (isms init)");
  AssetQuery any;
  any.archived = ArchivedFilter::kAll;
  any.limit = 1;
  any.scope.all = true;  // "empty" means empty, not "nothing the loader may see"
  ISMS_ASSIGN(auto page, tx->list_assets(any));
  if (!page.items.empty()) {
    return Error::conflict("the demo loads into an empty registry, and this one holds assets");
  }

  std::string now = ctx_.clock->now_utc();
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(loader));
  DemoResult result;

  ISMS_ASSIGN(auto roles, tx->list_roles());
  std::map<std::string, std::string, std::less<>> role_by_key;
  for (const auto& r : roles) role_by_key[r.key] = r.id;
  ISMS_ASSIGN(auto existing, tx->list_persons());
  std::map<std::string, std::string, std::less<>> person_by_email;
  for (const auto& p : existing) person_by_email[p.email] = p.id;

  for (const auto& d : demo::persons()) {
    if (person_by_email.count(d.email)) continue;  // someone entered this person already
    Person p;
    p.id = new_id();
    p.name = d.name;
    p.email = d.email;
    p.job_title = d.job_title;
    if (auto it = role_by_key.find(d.role_key); it != role_by_key.end()) p.role_ids = {it->second};
    p.created_at = now;
    ISMS_TRY(tx->insert_person(p));
    ISMS_TRY(ledger.record("person.create", "person", p.id, person_to_json(p)));
    person_by_email[p.email] = p.id;
    ++result.persons;
  }

  // Ids first, so dependencies resolve whatever order the data lists them in; then insert
  // each asset after the ones it depends on.
  std::map<std::string, std::string, std::less<>> id_by_name;
  for (const auto& d : demo::assets()) id_by_name[std::string(d.name)] = new_id();
  std::set<std::string, std::less<>> inserted;  // names
  for (size_t pass = 0; pass < demo::assets().size(); ++pass) {
    for (const auto& d : demo::assets()) {
      if (inserted.count(d.name)) continue;
      bool ready = std::all_of(d.depends_on.begin(), d.depends_on.end(),
                               [&](std::string_view dep) { return inserted.count(dep) > 0; });
      if (!ready) continue;
      ISMS_ASSIGN(Asset a,
                  demo_asset(d, id_by_name[std::string(d.name)], person_by_email, id_by_name, now));
      ISMS_TRY(tx->insert_asset(to_stored_asset(ctx_, a)));
      ISMS_TRY(ledger.record("asset.create", "asset", a.id, asset_ledger_record(a)));
      if (a.classification == Classification::kCustomerData) {
        // Customer data is readable only by persons authorized on it: the demo authorizes
        // its owner and whoever loads the demo, so the demo shows what it holds.
        std::set<std::string> persons;
        if (a.owner_id) persons.insert(*a.owner_id);
        if (!loader.person_id.empty()) persons.insert(loader.person_id);
        for (const auto& person_id : persons) {
          ObjectGrant grant{"asset", a.id, person_id, loader.actor, now};
          ISMS_TRY(tx->insert_grant(grant));
          ISMS_TRY(ledger.record("asset.grant", "asset", a.id, object_grant_to_json(grant)));
        }
      }
      inserted.emplace(d.name);
      ++result.assets;
    }
  }
  if (result.assets != static_cast<int>(demo::assets().size())) {
    return Error::internal("demo data has a dependency cycle");
  }
  ISMS_TRY(ledger.record("demo.load", "organization", org->id,
                         Json{{"persons", result.persons}, {"assets", result.assets}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return result;
}

}  // namespace isms
