// PgTx: ledger entries and checkpoints.
#include "store/codec.h"
#include "store/postgres/pg_tx.h"

namespace isms::postgres {

using store_detail::Row;

namespace {
constexpr const char* kEntryColumns =
    "SELECT seq, at, actor, action, object_type, object_id, change, prev_hash, hash "
    "FROM ledger_entries ";
constexpr const char* kCheckpointColumns =
    "SELECT seq, hash, at, key_id, signature FROM ledger_checkpoints ";
}  // namespace

Result<LedgerHead> PgTx::ledger_head() {
  ISMS_TRY(usable());
  LedgerHead head;
  ISMS_TRY(conn_->query("SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1", {},
                        [&](const Row& row) -> Status {
                          head.seq = row.int64(0);
                          head.hash = row.text(1);
                          return ok_status();
                        }));
  return head;
}

Status PgTx::append_ledger(const ledger::Entry& entry) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(int64_t n,
                conn_->exec("INSERT INTO ledger_entries (seq, at, actor, action, object_type, "
                            "object_id, change, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, "
                            "$6, $7, $8, $9) ON CONFLICT DO NOTHING",
                            store_detail::entry_params(entry)));
    if (n == 0) return Error::conflict("ledger entry " + std::to_string(entry.seq) + " exists");
    return ok_status();
  });
}

Result<std::vector<ledger::Entry>> PgTx::list_ledger(int64_t after_seq, int limit,
                                                     const std::string& object_id) {
  ISMS_TRY(usable());
  if (limit < 1) return Error::invalid("limit", "must be at least 1");
  std::vector<ledger::Entry> entries;
  auto collect = [&](const Row& row) -> Status {
    entries.push_back(store_detail::decode_entry(row));
    return ok_status();
  };
  if (object_id.empty()) {
    ISMS_TRY(conn_->query(std::string(kEntryColumns) + "WHERE seq > $1 ORDER BY seq LIMIT $2",
                          {after_seq, int64_t{limit}}, collect));
  } else {
    ISMS_TRY(conn_->query(
        std::string(kEntryColumns) + "WHERE object_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        {object_id, after_seq, int64_t{limit}}, collect));
  }
  return entries;
}

Status PgTx::insert_checkpoint(const ledger::Checkpoint& c) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto inserted = conn_->exec(
        "INSERT INTO ledger_checkpoints (seq, hash, at, key_id, signature) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        store_detail::checkpoint_params(c));
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("seq", "no ledger entry " + std::to_string(c.seq));
      }
      return std::move(inserted).error();
    }
    if (*inserted == 0) return Error::conflict("checkpoint " + std::to_string(c.seq) + " exists");
    return ok_status();
  });
}

Result<std::optional<ledger::Checkpoint>> PgTx::last_checkpoint() {
  ISMS_TRY(usable());
  std::optional<ledger::Checkpoint> last;
  ISMS_TRY(conn_->query(std::string(kCheckpointColumns) + "ORDER BY seq DESC LIMIT 1", {},
                        [&](const Row& row) -> Status {
                          last = store_detail::decode_checkpoint(row);
                          return ok_status();
                        }));
  return last;
}

}  // namespace isms::postgres
