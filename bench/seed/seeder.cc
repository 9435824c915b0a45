#include "seeder.h"

#include <algorithm>
#include <iostream>

#include "ledger/entry.h"
#include "service/asset_content.h"
#include "service/ledger_recorder.h"

namespace isms::bench {

namespace {

// Prints a progress line about every `every` objects, on stderr so stdout stays the summary.
void progress(const char* what, int64_t done, int64_t total, int64_t every) {
  if (done % every == 0 || done == total) {
    std::cerr << "  " << what << " " << done << " / " << total << "\n";
  }
}

}  // namespace

Seeder::Seeder(const ServiceContext& ctx, Generator* generator, Actor actor, int batch)
    : ctx_(ctx), generator_(generator), actor_(std::move(actor)), batch_(batch) {}

Status Seeder::load_existing() {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(auto persons, tx->list_persons());
  owner_ids_.clear();
  for (const auto& p : persons) {
    // The administrator is a technical account, not an asset owner.
    if (p.email != "admin@localhost") owner_ids_.push_back(p.id);
  }
  // Page through every asset by the list API's keyset pagination; 100k ids are ~4 MB.
  asset_ids_.clear();
  AssetQuery query;
  query.archived = ArchivedFilter::kAll;
  query.sort = AssetSort::kCreatedAt;
  query.limit = 500;
  while (true) {
    ISMS_ASSIGN(AssetPage page, tx->list_assets(query));
    for (const auto& a : page.items) asset_ids_.push_back(a.id);
    if (!page.next) break;
    query.after = page.next;
  }
  return ok_status();
}

Result<int64_t> Seeder::ensure_persons(int count) {
  const int missing = count - static_cast<int>(owner_ids_.size());
  if (missing <= 0) return 0;
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(auto roles, tx->list_roles());
  std::string employee, ciso;
  for (const auto& r : roles) {
    if (r.key == "employee") employee = r.id;
    if (r.key == "ciso") ciso = r.id;
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_);
  const int first = static_cast<int>(owner_ids_.size());
  for (int i = first; i < count; ++i) {
    std::vector<std::string> role_ids;
    if (!employee.empty()) role_ids.push_back(employee);
    if (i == 0 && !ciso.empty()) role_ids.push_back(ciso);
    Person p = generator_->person(i, std::move(role_ids));
    ISMS_TRY(tx->insert_person(p));
    ISMS_TRY(ledger.record("person.create", "person", p.id, person_to_json(p)));
    owner_ids_.push_back(p.id);
  }
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return missing;
}

Status Seeder::write_asset_batch(int64_t first_number, int64_t n) {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor_);
  for (int64_t k = 0; k < n; ++k) {
    Asset asset = generator_->asset(first_number + k, owner_ids_, asset_ids_);
    auto errors = validate_asset(asset);
    if (!errors.empty()) {
      return Error::internal("generated asset is invalid: " + errors.front().field + ": " +
                             errors.front().message);
    }
    // As AssetService::create does: confidential content is stored sealed.
    ISMS_TRY(tx->insert_asset(to_stored_asset(ctx_, asset)));
    ISMS_TRY(ledger.record("asset.create", "asset", asset.id, asset_ledger_record(asset)));
    if (generator_->should_archive()) {
      // As AssetService::archive does: a new version and an asset.archive entry.
      Asset after = asset;
      after.archived_at = after.updated_at;
      after.archive_reason = generator_->archive_reason();
      after.version = asset.version + 1;
      ISMS_TRY(tx->update_asset(to_stored_asset(ctx_, after), asset.version));
      ISMS_TRY(ledger.record("asset.archive", "asset", asset.id, asset_diff(asset, after, "")));
    }
    asset_ids_.push_back(asset.id);
  }
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

Result<int64_t> Seeder::ensure_assets(int64_t count) {
  const int64_t start = static_cast<int64_t>(asset_ids_.size());
  for (int64_t done = start; done < count;) {
    const int64_t n = std::min<int64_t>(batch_, count - done);
    ISMS_TRY(write_asset_batch(done + 1, n));
    done += n;
    progress("assets", done, count, 10000);
  }
  return std::max<int64_t>(0, count - start);
}

Result<int64_t> Seeder::ensure_ledger_entries(int64_t count) {
  if (asset_ids_.empty()) return Error::invalid("assets", "seed assets before ledger entries");
  int64_t head = 0;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(LedgerHead h, tx->ledger_head());
    head = h.seq;
  }
  const int64_t start = head;
  while (head < count) {
    const int64_t n = std::min<int64_t>(batch_, count - head);
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_);
    for (int64_t k = 0; k < n; ++k) {
      const std::string& id = asset_ids_[(head + k) * 7919 % asset_ids_.size()];
      Json change = generator_->asset_update_change(owner_ids_);
      change_bytes_ += static_cast<int64_t>(ledger::canonical_json(change).size());
      ISMS_TRY(ledger.record("asset.update", "asset", id, change));
    }
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    head += n;
    progress("ledger entries", head, count, 100000);
  }
  return head - start;
}

}  // namespace isms::bench
