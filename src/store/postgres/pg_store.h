// PgStore: the PostgreSQL engine. A pool of up to kPoolSize libpq connections; several
// isms processes may share one database (writers serialize on an advisory lock, see
// pg_tx.h). Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "store/postgres/pg_tx.h"
#include "store/store.h"

namespace isms::postgres {

class PgStore final : public Store {
 public:
  static constexpr size_t kPoolSize = 10;
  // Rows fetched per round trip by scan_ledger.
  static constexpr int kScanBatch = 1000;

  // Connects once to check the URL and the server. kInvalid for a malformed URL,
  // kUnavailable when the server cannot be reached; no password in messages.
  static Result<std::unique_ptr<Store>> open(const std::string& url);

  std::string engine() const override { return "postgresql"; }
  Result<MigrationReport> migrate() override;
  Result<int> schema_version() override;
  Result<std::unique_ptr<StoreTx>> begin_read() override;
  Result<std::unique_ptr<StoreTx>> begin_write() override;
  Status scan_ledger(const std::function<bool(const ledger::Entry&)>& visit) override;
  Result<std::vector<ledger::Checkpoint>> list_checkpoints() override;
  Status ping() override;

 private:
  explicit PgStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {}
  // A pooled connection on which `first_sql` (statements without parameters, typically
  // BEGIN ...) has run. Pooled connections die silently when the server restarts; one that
  // turns out dead here is closed and the next tried, which is safe because nothing has
  // happened on it yet. Other failures are returned, with the connection rolled back.
  Result<PgPool::Lease> acquire_and_run(const std::string& first_sql);
  std::shared_ptr<PgPool> pool_;
};

}  // namespace isms::postgres
