#include "service/asset_service.h"

#include "base/crypto.h"
#include "service/asset_content.h"
#include "service/asset_cursor.h"
#include "service/ledger_recorder.h"

#include <algorithm>

namespace isms {

namespace {

constexpr size_t kArchiveReasonMax = 2000;

// Owner and dependencies must name stored objects; errors name the field.
Status check_references(StoreTx& tx, const Asset& asset, const Asset* before) {
  std::vector<FieldError> errors;
  bool owner_changed = !before || before->owner_id != asset.owner_id;
  if (owner_changed && asset.owner_id) {
    auto person = tx.get_person(*asset.owner_id);
    if (!person) {
      if (person.error().code != ErrorCode::kNotFound) return std::move(person).error();
      errors.push_back({"owner_id", "no person with id \"" + *asset.owner_id + "\""});
    }
  }
  bool deps_changed = !before || before->depends_on != asset.depends_on;
  if (deps_changed && !asset.depends_on.empty()) {
    ISMS_ASSIGN(auto found, tx.existing_asset_ids(asset.depends_on));
    for (const auto& id : asset.depends_on) {
      if (std::find(found.begin(), found.end(), id) == found.end()) {
        errors.push_back({"depends_on", "no asset with id \"" + id + "\""});
        break;
      }
    }
  }
  if (asset.working_group_ids !=
      (before ? before->working_group_ids : std::vector<std::string>{})) {
    ISMS_ASSIGN(std::vector<WorkingGroup> groups, tx.list_groups());
    for (const auto& id : asset.working_group_ids) {
      bool known = std::any_of(groups.begin(), groups.end(),
                               [&](const WorkingGroup& g) { return g.id == id; });
      if (!known) {
        errors.push_back({"working_group_ids", "no working group with id \"" + id + "\""});
        break;
      }
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

bool sealed_class(Classification c) { return asset_content_sealed(c); }

Asset to_stored(const ServiceContext& ctx, Asset asset) {
  return to_stored_asset(ctx, std::move(asset));
}

Result<Asset> from_stored(const ServiceContext& ctx, Asset asset) {
  return from_stored_asset(ctx, std::move(asset));
}

Result<ObjectAccess> access_of(StoreTx& tx, const Asset& asset) {
  ObjectAccess access;
  access.classification = asset.classification;
  access.owner_id = asset.owner_id;
  access.group_ids = asset.working_group_ids;
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, tx.list_grants("asset", asset.id));
  for (const auto& g : grants) access.granted_person_ids.push_back(g.person_id);
  return access;
}

Error not_found(const std::string& id) { return Error::not_found("asset " + id + " not found"); }

// The asset as the caller may change it: kNotFound when unreadable, kForbidden when
// read-only for them.
Result<Asset> load_for_write(StoreTx& tx, const Principal& p, const std::string& id) {
  auto found = tx.get_asset(id);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::kNotFound) return not_found(id);
    return std::move(found).error();
  }
  ISMS_ASSIGN(ObjectAccess access, access_of(tx, *found));
  if (!can_read_object(p, access)) return not_found(id);
  if (!can_write_object(p, access, "assets")) {
    return Error::forbidden("you may read asset " + id + " but not change it");
  }
  return std::move(found).value();
}

// Grants the caller on a customer_data asset when it is not already granted.
Status keep_access(StoreTx& tx, const ServiceContext& ctx, const Principal& p, const Asset& a,
                   LedgerRecorder& ledger) {
  if (a.classification != Classification::kCustomerData || p.person_id.empty()) {
    return ok_status();
  }
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, tx.list_grants("asset", a.id));
  for (const auto& g : grants) {
    if (g.person_id == p.person_id) return ok_status();
  }
  ObjectGrant grant{"asset", a.id, p.person_id, p.actor, ctx.clock->now_utc()};
  ISMS_TRY(tx.insert_grant(grant));
  return ledger.record("asset.grant", "asset", a.id, object_grant_to_json(grant));
}

Status check_version(const Asset& current, std::optional<int64_t> expected) {
  if (expected && *expected != current.version) {
    return Error::conflict("asset " + current.id + " was changed by someone else: version " +
                           std::to_string(current.version) + " is current, the request was for " +
                           std::to_string(*expected));
  }
  return ok_status();
}

}  // namespace

Result<AssetListResult> AssetService::list(const Principal& p,
                                           const AssetListRequest& request) const {
  AssetQuery query = request.query;
  query.after.reset();
  query.scope = read_scope(p);
  if (!request.cursor.empty()) {
    query.after = decode_asset_cursor(request.cursor, query.sort, query.descending);
    if (!query.after) {
      return Error::malformed("cursor is not valid for this list and sort order", "cursor");
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(AssetPage page, tx->list_assets(query));
  AssetListResult result;
  result.items = std::move(page.items);
  for (Asset& a : result.items) {
    // Lists never carry sealed content; reading the asset shows it (and records that).
    if (sealed_class(a.classification)) {
      a.content_hidden = true;
      a.description.clear();
      a.description_sealed.clear();
    }
  }
  if (page.next) result.next_cursor = encode_asset_cursor(*page.next, query.sort, query.descending);
  result.total = page.total;
  return result;
}

Result<Asset> AssetService::get(const Principal& p, const std::string& id) const {
  Asset asset;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    auto found = tx->get_asset(id);
    if (!found.ok()) {
      if (found.error().code == ErrorCode::kNotFound) return not_found(id);
      return std::move(found).error();
    }
    ISMS_ASSIGN(ObjectAccess access, access_of(*tx, *found));
    if (!can_read_object(p, access)) return not_found(id);
    asset = std::move(found).value();
  }
  if (read_is_recorded(asset.classification)) {
    // Who read which confidential content, and when (policy 8.3): a ledger entry.
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
    ISMS_TRY(ledger.record("asset.read", "asset", id,
                           Json{{"classification", classification_name(asset.classification)},
                                {"version", asset.version}}));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
  }
  return from_stored(ctx_, std::move(asset));
}

Result<Asset> AssetService::create(const Principal& p, const AssetPatch& patch) const {
  Asset asset;
  asset.id = new_id();
  apply_asset_fields(patch.fields, &asset);
  if (!patch.fields.name) {
    return Error::invalid("name", "is required");
  }
  auto errors = validate_asset(asset);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  asset.version = 1;
  asset.created_at = asset.updated_at = ctx_.clock->now_utc();

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(check_references(*tx, asset, nullptr));
  ISMS_TRY(tx->insert_asset(to_stored(ctx_, asset)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("asset.create", "asset", asset.id, asset_ledger_record(asset)));
  ISMS_TRY(keep_access(*tx, ctx_, p, asset, ledger));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Asset stored, tx->get_asset(asset.id));
  ISMS_TRY(tx->commit());
  return from_stored(ctx_, std::move(stored));
}

Result<Asset> AssetService::update(const Principal& p, const std::string& id,
                                   const AssetPatch& patch) const {
  if (!patch.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Asset stored_before, load_for_write(*tx, p, id));
  ISMS_ASSIGN(Asset before, from_stored(ctx_, std::move(stored_before)));
  ISMS_TRY(check_version(before, patch.version));
  Asset after = before;
  apply_asset_fields(patch.fields, &after);
  ISMS_TRY(check_asset_update(before, after, patch.justification));
  Json diff = asset_diff(before, after, "");
  if (diff.empty()) return before;  // nothing changed: no new version, no ledger entry
  if (!patch.justification.empty()) diff["justification"] = patch.justification;
  ISMS_TRY(check_references(*tx, after, &before));
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_asset(to_stored(ctx_, after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("asset.update", "asset", id, diff));
  ISMS_TRY(keep_access(*tx, ctx_, p, after, ledger));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Asset stored, tx->get_asset(id));
  ISMS_TRY(tx->commit());
  return from_stored(ctx_, std::move(stored));
}

Result<Asset> AssetService::archive(const Principal& p, const std::string& id,
                                    const std::string& reason,
                                    std::optional<int64_t> version) const {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::invalid("reason", "is required: say why the asset is archived");
  }
  if (!is_valid_utf8(reason)) return Error::invalid("reason", "must be valid UTF-8");
  if (reason.size() > kArchiveReasonMax) {
    return Error::invalid("reason", "must be at most 2000 characters");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Asset stored_before, load_for_write(*tx, p, id));
  ISMS_ASSIGN(Asset before, from_stored(ctx_, std::move(stored_before)));
  ISMS_TRY(check_version(before, version));
  if (before.archived()) return Error::conflict("asset " + id + " is already archived");
  Asset after = before;
  after.archived_at = ctx_.clock->now_utc();
  after.archive_reason = reason;
  after.version = before.version + 1;
  after.updated_at = *after.archived_at;
  ISMS_TRY(tx->update_asset(to_stored(ctx_, after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("asset.archive", "asset", id, asset_diff(before, after, "")));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Asset stored, tx->get_asset(id));
  ISMS_TRY(tx->commit());
  return from_stored(ctx_, std::move(stored));
}

}  // namespace isms
