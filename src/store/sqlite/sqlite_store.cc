#include "store/sqlite/sqlite_store.h"

#include "base/time.h"
#include "store/codec.h"
#include "store/migration.h"
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

using store_detail::Row;

namespace {

constexpr auto kWriterWait = std::chrono::milliseconds(5000);

Result<int> read_schema_version(SqliteConn& conn) {
  bool has_table = false;
  ISMS_TRY(
      conn.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
                 {}, [&](const Row&) -> Status {
                   has_table = true;
                   return ok_status();
                 }));
  if (!has_table) return 0;
  int version = 0;
  ISMS_TRY(conn.query("SELECT coalesce(max(version), 0) FROM schema_migrations", {},
                      [&](const Row& row) -> Status {
                        version = static_cast<int>(row.int64(0));
                        return ok_status();
                      }));
  return version;
}

// A migration's C++ step works on the migration transaction's connection.
class MigrationConn final : public store_detail::MigrationDb {
 public:
  explicit MigrationConn(SqliteConn& conn) : conn_(conn) {}
  Status query(const std::string& sql, const store_detail::SqlParams& params,
               const store_detail::RowFn& on_row) override {
    return conn_.query(sql, params, on_row);
  }
  Status exec(const std::string& sql, const store_detail::SqlParams& params) override {
    ISMS_TRY(conn_.exec(sql, params));
    return ok_status();
  }

 private:
  SqliteConn& conn_;
};

}  // namespace

Result<std::unique_ptr<Store>> SqliteStore::open(const std::string& path) {
  // Open one connection now so that a bad path fails here, not at the first request.
  ISMS_ASSIGN(auto first, SqliteConn::open(path));
  auto pool = SqlitePool::create([path] { return SqliteConn::open(path); }, kPoolSize,
                                 std::chrono::milliseconds(5000));
  pool->adopt(std::move(first));
  return std::unique_ptr<Store>(new SqliteStore(path, std::move(pool)));
}

Result<std::unique_lock<std::timed_mutex>> SqliteStore::lock_writer() {
  std::unique_lock<std::timed_mutex> lock(*writer_, std::defer_lock);
  if (!lock.try_lock_for(kWriterWait)) {
    return Error::unavailable("another write transaction held the database for more than 5 s");
  }
  return lock;
}

Result<std::unique_ptr<StoreTx>> SqliteStore::begin_read() {
  ISMS_ASSIGN(auto conn, pool_->acquire());
  ISMS_TRY(conn->exec("BEGIN", {}));
  return std::unique_ptr<StoreTx>(
      new SqliteTx(std::move(conn), writer_, std::unique_lock<std::timed_mutex>(), false));
}

Result<std::unique_ptr<StoreTx>> SqliteStore::begin_write() {
  ISMS_ASSIGN(auto lock, lock_writer());
  ISMS_ASSIGN(auto conn, pool_->acquire());
  ISMS_TRY(conn->exec("BEGIN IMMEDIATE", {}));
  return std::unique_ptr<StoreTx>(new SqliteTx(std::move(conn), writer_, std::move(lock), true));
}

Result<int> SqliteStore::schema_version() {
  ISMS_ASSIGN(auto conn, pool_->acquire());
  return read_schema_version(*conn);
}

Result<MigrationReport> SqliteStore::migrate() {
  ISMS_ASSIGN(auto lock, lock_writer());
  ISMS_ASSIGN(auto conn, pool_->acquire());
  ISMS_TRY(conn->exec("BEGIN IMMEDIATE", {}));
  auto fail = [&](Error e) -> Error {
    if (conn->in_transaction() && !conn->exec("ROLLBACK", {}).ok()) conn.discard();
    return e;
  };
  Status created = conn->exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT");
  if (!created.ok())
    return fail(Error::unavailable("cannot create schema_migrations: " + created.error().message));
  auto from = read_schema_version(*conn);
  if (!from.ok()) return fail(std::move(from).error());
  auto list = store_detail::migrations_for(engine(), builtin_migrations());
  int known = list.empty() ? 0 : list.back().version;
  if (*from > known) {
    return fail(Error::unavailable("the database schema version " + std::to_string(*from) +
                                   " is newer than this build of isms supports (" +
                                   std::to_string(known) + "); run a newer isms"));
  }
  MigrationReport report{*from, *from};
  SystemClock clock;
  for (const auto& m : list) {
    if (m.version <= *from) continue;
    if (m.version != report.to_version + 1) {
      return fail(Error::internal("migrations are not numbered consecutively at " +
                                  std::to_string(m.version)));
    }
    Status applied = conn->exec_script(m.sql);
    if (applied.ok() && m.backfill) {
      MigrationConn db(*conn);
      applied = m.backfill(db);
    }
    if (!applied.ok()) {
      return fail(Error::unavailable(store_detail::migration_failure(m, applied.error().message)));
    }
    auto recorded =
        conn->exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                   {int64_t{m.version}, m.name, clock.now_utc()});
    if (!recorded.ok()) {
      return fail(Error::unavailable(store_detail::migration_failure(m, recorded.error().message)));
    }
    report.to_version = m.version;
  }
  auto committed = conn->exec("COMMIT", {});
  if (!committed.ok()) {
    return fail(Error::unavailable("committing migrations failed: " + committed.error().message));
  }
  return report;
}

Status SqliteStore::scan_ledger(const std::function<bool(const ledger::Entry&)>& visit) {
  ISMS_ASSIGN(auto conn, pool_->acquire());
  // One read transaction: a consistent snapshot, stepped row by row (constant memory).
  ISMS_TRY(conn->exec("BEGIN", {}));
  bool stopped = false;
  Status s = conn->query(
      "SELECT seq, at, actor, action, object_type, object_id, change, prev_hash, hash "
      "FROM ledger_entries ORDER BY seq",
      {}, [&](const Row& row) -> Status {
        if (visit(store_detail::decode_entry(row))) return ok_status();
        stopped = true;
        return Error::internal("scan stopped");  // ends the loop; not reported
      });
  if (conn->in_transaction() && !conn->exec("ROLLBACK", {}).ok()) conn.discard();
  if (!s.ok() && !stopped) return s;
  return ok_status();
}

Result<std::vector<ledger::Checkpoint>> SqliteStore::list_checkpoints() {
  ISMS_ASSIGN(auto conn, pool_->acquire());
  std::vector<ledger::Checkpoint> out;
  ISMS_TRY(
      conn->query("SELECT seq, hash, at, key_id, signature FROM ledger_checkpoints "
                  "ORDER BY seq",
                  {}, [&](const Row& row) -> Status {
                    out.push_back(store_detail::decode_checkpoint(row));
                    return ok_status();
                  }));
  return out;
}

Status SqliteStore::ping() {
  ISMS_ASSIGN(auto conn, pool_->acquire());
  return conn->query("SELECT 1", {}, [](const Row&) { return ok_status(); });
}

}  // namespace isms::sqlite
