// SqliteStore: the embedded engine. One database file in WAL mode, a pool of up to
// kPoolSize connections (readers run concurrently; one writer at a time), thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/sqlite/sqlite_tx.h"
#include "store/store.h"

namespace isms::sqlite {

class SqliteStore final : public Store {
 public:
  static constexpr size_t kPoolSize = 16;

  // Opens or creates the database file at `path` (its directory must exist).
  // kUnavailable when it cannot be opened or is not a SQLite database.
  static Result<std::unique_ptr<Store>> open(const std::string& path);

  std::string engine() const override { return "sqlite"; }
  Result<MigrationReport> migrate() override;
  Result<int> schema_version() override;
  Result<std::unique_ptr<StoreTx>> begin_read() override;
  Result<std::unique_ptr<StoreTx>> begin_write() override;
  Status scan_ledger(const std::function<bool(const ledger::Entry&)>& visit) override;
  Result<std::vector<ledger::Checkpoint>> list_checkpoints() override;
  Status ping() override;

 private:
  SqliteStore(std::string path, std::shared_ptr<SqlitePool> pool)
      : path_(std::move(path)), pool_(std::move(pool)) {}
  // Takes the in-process writer mutex (waiting at most as long as SQLite's busy timeout).
  Result<std::unique_lock<std::timed_mutex>> lock_writer();

  std::string path_;
  std::shared_ptr<SqlitePool> pool_;
  std::shared_ptr<std::timed_mutex> writer_ = std::make_shared<std::timed_mutex>();
};

}  // namespace isms::sqlite
