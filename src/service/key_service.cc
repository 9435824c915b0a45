#include "service/key_service.h"

#include <optional>

#include "service/ledger_recorder.h"

namespace isms {
namespace {

constexpr int kBatch = 200;  // values per transaction: short writer locks

std::string place_of(const SealedValue& v) {
  return sealed_associated_data(v.table, v.column, v.row_id);
}

}  // namespace

Result<KeyStatus> KeyService::status() const {
  KeyStatus status;
  status.active_key_id = ctx_.keyring->active_key_id();
  status.key_ids = ctx_.keyring->key_ids();
  for (const auto& id : status.key_ids) status.values_by_key[id] = 0;
  std::optional<SealedValue> after;
  while (true) {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(std::vector<SealedValue> batch, tx->list_sealed_values(after, 1000));
    for (const auto& v : batch) {
      auto key = ContentKeyring::key_id_of(v.sealed);
      status.values_by_key[key.ok() ? *key : "unreadable"] += 1;
    }
    if (batch.size() < 1000) break;
    after = batch.back();
  }
  return status;
}

Result<RotationReport> KeyService::rotate(const Actor& actor) const {
  if (ctx_.keyring->file_path().empty()) {
    return Error::invalid("key",
                          "the content key comes from ISMS_CONTENT_KEY; rotation needs "
                          "the key file <data>/content-keys");
  }
  RotationReport report;
  report.old_key_id = ctx_.keyring->active_key_id();
  ISMS_ASSIGN(ContentKey fresh, add_content_key(ctx_.keyring->file_path()));
  ISMS_TRY(ctx_.keyring->reload());
  report.new_key_id = fresh.id;
  if (ctx_.keyring->active_key_id() != fresh.id) {
    return Error::internal("the new key did not become active after reloading the key file");
  }
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor);
    ISMS_TRY(ledger.record("key.rotate_started", "content_key", fresh.id,
                           Json{{"old_key_id", report.old_key_id}, {"new_key_id", fresh.id}}));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
  }
  std::optional<SealedValue> after;
  while (true) {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    ISMS_ASSIGN(std::vector<SealedValue> batch, tx->list_sealed_values(after, kBatch));
    for (SealedValue v : batch) {
      ISMS_ASSIGN(std::string key_id, ContentKeyring::key_id_of(v.sealed));
      if (key_id == fresh.id) continue;
      ISMS_ASSIGN(std::string plain, ctx_.keyring->open(v.sealed, place_of(v)));
      v.sealed = ctx_.keyring->seal(plain, place_of(v));
      ISMS_TRY(tx->update_sealed_value(v));
      ++report.reencrypted;
    }
    ISMS_TRY(tx->commit());
    if (static_cast<int>(batch.size()) < kBatch) break;
    after = batch.back();
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  ISMS_TRY(ledger.record("key.rotate", "content_key", fresh.id,
                         Json{{"old_key_id", report.old_key_id},
                              {"new_key_id", fresh.id},
                              {"reencrypted", report.reencrypted}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return report;
}

Result<std::vector<std::string>> KeyService::prune(const Actor& actor) const {
  if (ctx_.keyring->file_path().empty()) {
    return Error::invalid("key", "the content key comes from ISMS_CONTENT_KEY; nothing to prune");
  }
  ISMS_ASSIGN(KeyStatus status, this->status());
  std::vector<std::string> keep, removed;
  for (const auto& id : status.key_ids) {
    if (id == status.active_key_id || status.values_by_key[id] > 0) {
      keep.push_back(id);
    } else {
      removed.push_back(id);
    }
  }
  if (removed.empty()) return removed;
  ISMS_TRY(prune_content_keys(ctx_.keyring->file_path(), keep));
  ISMS_TRY(ctx_.keyring->reload());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor);
  ISMS_TRY(
      ledger.record("key.prune", "content_key", status.active_key_id, Json{{"removed", removed}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return removed;
}

}  // namespace isms
