#include "service/grant_service.h"

#include "service/admin_common.h"
#include "service/ledger_recorder.h"

namespace isms {

namespace {

constexpr const char* kAsset = "asset";

Error asset_not_found(const std::string& id) {
  return Error::not_found("asset " + id + " not found");
}

// The asset's grants, after checking that p may manage them (see the header).
Result<std::vector<ObjectGrant>> manageable_asset_grants(StoreTx* tx, const Principal& p,
                                                         const std::string& asset_id) {
  ISMS_TRY(admin::require_permission(p, "assets:read"));
  auto asset = tx->get_asset(asset_id);
  if (!asset) {
    if (asset.error().code == ErrorCode::kNotFound) return asset_not_found(asset_id);
    return std::move(asset).error();
  }
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, tx->list_grants(kAsset, asset_id));
  ObjectAccess access;
  access.classification = asset->classification;
  access.owner_id = asset->owner_id;
  access.group_ids = asset->working_group_ids;
  for (const auto& g : grants) access.granted_person_ids.push_back(g.person_id);
  if (!can_read_object(p, access)) return asset_not_found(asset_id);
  bool owns = !p.person_id.empty() && asset->owner_id == p.person_id;
  if (!p.operator_access && !owns && !p.has("grants:manage")) {
    return Error::forbidden(
        "managing grants on an asset needs the permission grants:manage or owning the asset");
  }
  return grants;
}

Result<GrantView> view_of(StoreTx* tx, const ObjectGrant& grant) {
  GrantView view{grant, ""};
  auto person = tx->get_person(grant.person_id);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (person) view.person_name = person->name;
  return view;
}

}  // namespace

Json grant_view_to_json(const GrantView& g) {
  Json j = object_grant_to_json(g.grant);
  j["person_name"] = g.person_name;
  return j;
}

Result<std::vector<GrantView>> GrantService::list_asset_grants(const Principal& p,
                                                               const std::string& asset_id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, manageable_asset_grants(tx.get(), p, asset_id));
  std::vector<GrantView> out;
  out.reserve(grants.size());
  for (const auto& g : grants) {
    ISMS_ASSIGN(GrantView view, view_of(tx.get(), g));
    out.push_back(std::move(view));
  }
  return out;
}

Result<GrantView> GrantService::add_asset_grant(const Principal& p, const std::string& asset_id,
                                                const std::string& person_id) const {
  if (person_id.empty()) return Error::invalid("person_id", "is required");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, manageable_asset_grants(tx.get(), p, asset_id));
  auto person = tx->get_person(person_id);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (!person) return Error::invalid("person_id", "no person with id \"" + person_id + "\"");
  for (const auto& g : grants) {
    if (g.person_id == person_id) {
      return Error::conflict(person->name + " already holds a grant on asset " + asset_id);
    }
  }
  ObjectGrant grant{kAsset, asset_id, person_id, actor_of(p).id, ctx_.clock->now_utc()};
  ISMS_TRY(tx->insert_grant(grant));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("asset.grant", kAsset, asset_id,
                         Json{{"person_id", person_id}, {"person_name", person->name}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return GrantView{grant, person->name};
}

Status GrantService::remove_asset_grant(const Principal& p, const std::string& asset_id,
                                        const std::string& person_id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, manageable_asset_grants(tx.get(), p, asset_id));
  bool held = false;
  for (const auto& g : grants) held = held || g.person_id == person_id;
  if (!held) {
    return Error::not_found("person " + person_id + " holds no grant on asset " + asset_id);
  }
  ISMS_TRY(tx->delete_grant(kAsset, asset_id, person_id));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("asset.revoke_grant", kAsset, asset_id, Json{{"person_id", person_id}}));
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

}  // namespace isms
