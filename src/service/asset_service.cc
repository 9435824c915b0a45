#include "service/asset_service.h"

#include "base/crypto.h"
#include "service/asset_cursor.h"
#include "service/ledger_recorder.h"

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
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
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

Result<AssetListResult> AssetService::list(const AssetListRequest& request) const {
  AssetQuery query = request.query;
  query.after.reset();
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
  if (page.next) result.next_cursor = encode_asset_cursor(*page.next, query.sort, query.descending);
  result.total = page.total;
  return result;
}

Result<Asset> AssetService::get(const std::string& id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->get_asset(id);
}

Result<Asset> AssetService::create(const Actor& actor, const AssetPatch& patch) const {
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
  ISMS_TRY(tx->insert_asset(asset));
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  ISMS_TRY(ledger.record("asset.create", "asset", asset.id, asset_ledger_record(asset)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Asset stored, tx->get_asset(asset.id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<Asset> AssetService::update(const Actor& actor, const std::string& id,
                                   const AssetPatch& patch) const {
  if (!patch.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Asset before, tx->get_asset(id));
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
  ISMS_TRY(tx->update_asset(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  ISMS_TRY(ledger.record("asset.update", "asset", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Asset stored, tx->get_asset(id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<Asset> AssetService::archive(const Actor& actor, const std::string& id,
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
  ISMS_ASSIGN(Asset before, tx->get_asset(id));
  ISMS_TRY(check_version(before, version));
  if (before.archived()) return Error::conflict("asset " + id + " is already archived");
  Asset after = before;
  after.archived_at = ctx_.clock->now_utc();
  after.archive_reason = reason;
  after.version = before.version + 1;
  after.updated_at = *after.archived_at;
  ISMS_TRY(tx->update_asset(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  ISMS_TRY(ledger.record("asset.archive", "asset", id, asset_diff(before, after, "")));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Asset stored, tx->get_asset(id));
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
