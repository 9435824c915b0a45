#include "store/postgres/pg_store.h"

#include "base/time.h"
#include "store/codec.h"
#include "store/migration.h"
#include "store/postgres/migrations.h"

namespace isms::postgres {

using store_detail::Row;

namespace {

constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// Writers take a transaction-scoped advisory lock with a fixed key ("isms" "writ" as a
// 64-bit integer), the same in every isms process sharing the database. One round trip;
// the lock wait is bounded like SQLite's busy timeout.
constexpr const char* kBeginWrite =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '5s'; "
    "SELECT pg_advisory_xact_lock(7598537338996812148)";
// The same lock without a timeout, for migrations (DDL may wait for running readers).
constexpr const char* kBeginMigrate = "BEGIN; SELECT pg_advisory_xact_lock(7598537338996812148)";

Result<int> read_schema_version(PgConn& conn) {
  bool has_table = false;
  ISMS_TRY(conn.query("SELECT (to_regclass('schema_migrations') IS NOT NULL)::integer", {},
                      [&](const Row& row) -> Status {
                        has_table = row.int64(0) == 1;
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

// Ends whatever transaction `conn` is in; a connection that cannot is not reused.
void roll_back(PgPool::Lease& conn) {
  if (conn->transaction_status() != PQTRANS_IDLE) (void)conn->exec_script("ROLLBACK");
  if (!conn->reusable()) conn.discard();
}

}  // namespace

Result<std::unique_ptr<Store>> PgStore::open(const std::string& url) {
  ISMS_ASSIGN(auto first, PgConn::connect(url));
  auto pool = PgPool::create([url] { return PgConn::connect(url); }, kPoolSize,
                             std::chrono::milliseconds(5000));
  pool->adopt(std::move(first));
  return std::unique_ptr<Store>(new PgStore(std::move(pool)));
}

Result<PgPool::Lease> PgStore::acquire_and_run(const std::string& first_sql) {
  for (size_t attempt = 0;; ++attempt) {
    ISMS_ASSIGN(auto conn, pool_->acquire());
    Status s = conn->exec_script(first_sql);
    if (s.ok()) return conn;
    bool dead = !conn->connected();
    roll_back(conn);
    if (!dead || attempt > kPoolSize) return std::move(s).error();
  }
}

Result<std::unique_ptr<StoreTx>> PgStore::begin_read() {
  ISMS_ASSIGN(auto conn, acquire_and_run(kBeginRead));
  return std::unique_ptr<StoreTx>(new PgTx(std::move(conn), false));
}

Result<std::unique_ptr<StoreTx>> PgStore::begin_write() {
  auto conn = acquire_and_run(kBeginWrite);
  if (!conn.ok()) {
    Error e = std::move(conn).error();
    if (e.code == ErrorCode::kUnavailable && e.message.find("55P03") != std::string::npos) {
      e.message = "another write transaction held the database for more than 5 s";
    }
    return e;
  }
  return std::unique_ptr<StoreTx>(new PgTx(std::move(conn).value(), true));
}

Result<int> PgStore::schema_version() {
  ISMS_ASSIGN(auto conn, acquire_and_run(kBeginRead));
  auto version = read_schema_version(*conn);
  roll_back(conn);
  return version;
}

namespace {

// A migration's C++ step works on the migration transaction's connection. Statements are
// not kept prepared: they run once.
class MigrationConn final : public store_detail::MigrationDb {
 public:
  explicit MigrationConn(PgConn& conn) : conn_(conn) {}
  Status query(const std::string& sql, const store_detail::SqlParams& params,
               const store_detail::RowFn& on_row) override {
    return conn_.query(sql, params, on_row, false);
  }
  Status exec(const std::string& sql, const store_detail::SqlParams& params) override {
    ISMS_TRY(conn_.exec(sql, params, false));
    return ok_status();
  }

 private:
  PgConn& conn_;
};

}  // namespace

Result<MigrationReport> PgStore::migrate() {
  // The writers' lock also serializes isms processes migrating the same database at once.
  ISMS_ASSIGN(auto conn, acquire_and_run(kBeginMigrate));
  auto fail = [&](Error e) -> Error {
    roll_back(conn);
    return e;
  };
  Status created = conn->exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
      "name text NOT NULL, applied_at text NOT NULL)");
  if (!created.ok()) {
    return fail(Error::unavailable("cannot create schema_migrations: " + created.error().message));
  }
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
        conn->exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                   {int64_t{m.version}, m.name, clock.now_utc()}, false);
    if (!recorded.ok()) {
      return fail(Error::unavailable(store_detail::migration_failure(m, recorded.error().message)));
    }
    report.to_version = m.version;
  }
  Status committed = conn->exec_script("COMMIT");
  if (!committed.ok() || conn->transaction_status() != PQTRANS_IDLE) {
    return fail(Error::unavailable("committing migrations failed" +
                                   (committed.ok() ? "" : ": " + committed.error().message)));
  }
  return report;
}

Status PgStore::scan_ledger(const std::function<bool(const ledger::Entry&)>& visit) {
  // A cursor inside one snapshot, fetched in batches: constant memory at any ledger size.
  ISMS_ASSIGN(auto conn,
              acquire_and_run(std::string(kBeginRead) +
                              "; DECLARE isms_ledger_scan NO SCROLL CURSOR FOR SELECT seq, at, "
                              "actor, action, object_type, object_id, change, prev_hash, hash "
                              "FROM ledger_entries ORDER BY seq"));
  const std::string fetch =
      "FETCH FORWARD " + std::to_string(kScanBatch) + " FROM isms_ledger_scan";
  Status s;
  bool more = true;
  while (more) {
    int rows = 0;
    s = conn->query_script(fetch, [&](const Row& row) -> Status {
      ++rows;
      if (more) more = visit(store_detail::decode_entry(row));
      return ok_status();
    });
    if (!s.ok() || rows < kScanBatch) more = false;
  }
  roll_back(conn);
  return s;
}

Result<std::vector<ledger::Checkpoint>> PgStore::list_checkpoints() {
  ISMS_ASSIGN(auto conn, acquire_and_run(kBeginRead));
  std::vector<ledger::Checkpoint> out;
  Status s =
      conn->query("SELECT seq, hash, at, key_id, signature FROM ledger_checkpoints ORDER BY seq",
                  {}, [&](const Row& row) -> Status {
                    out.push_back(store_detail::decode_checkpoint(row));
                    return ok_status();
                  });
  roll_back(conn);
  if (!s.ok()) return std::move(s).error();
  return out;
}

Status PgStore::ping() {
  ISMS_ASSIGN(auto conn, acquire_and_run("SELECT 1"));
  roll_back(conn);
  return ok_status();
}

}  // namespace isms::postgres
