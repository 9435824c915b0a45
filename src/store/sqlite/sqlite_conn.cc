#include "store/sqlite/sqlite_conn.h"

#include <utility>

namespace isms::sqlite {

namespace {

class StmtRow final : public store_detail::Row {
 public:
  explicit StmtRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (p == nullptr) return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int64_t int64(int col) const override { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_;
};

Error make_error(ErrorCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return e;
}

}  // namespace

// A prepared statement borrowed from the cache (or owned, when not cached). Resets the
// statement and clears its bindings when done so the next user starts clean.
class SqliteConn::Statement {
 public:
  Statement(sqlite3_stmt* stmt, Cached* cached) : stmt_(stmt), cached_(cached) {}
  Statement(Statement&& o) noexcept
      : stmt_(std::exchange(o.stmt_, nullptr)), cached_(std::exchange(o.cached_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (stmt_ == nullptr) return;
    if (cached_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
      cached_->in_use = false;
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
  Cached* cached_;
};

Result<std::unique_ptr<SqliteConn>> SqliteConn::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error::unavailable("cannot open SQLite database " + path + ": " + msg);
  }
  std::unique_ptr<SqliteConn> conn(new SqliteConn(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  // journal_mode is persistent in the file; the others are per connection. Memory-mapped
  // reads (shared by all connections through the OS page cache) avoid a read() call per
  // page on scans. Reading the schema here also proves the file is a database.
  Status s = conn->exec_script(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
      "PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"
      "SELECT count(*) FROM sqlite_schema;");
  if (!s.ok()) {
    return Error::unavailable("cannot open SQLite database " + path + ": " + s.error().message);
  }
  return conn;
}

SqliteConn::~SqliteConn() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Error SqliteConn::error(int rc, std::string_view what) const {
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db_);
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error::conflict(msg);
      }
      return make_error(ErrorCode::kInvalid, msg);
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return make_error(ErrorCode::kInvalid, msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::unavailable(msg + " (another writer held the database for more than 5 s)");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error::corruption(msg);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return Error::unavailable(msg);
    default:
      return Error::internal(msg);
  }
}

Status SqliteConn::exec_script(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  std::string detail = err != nullptr ? err : "";
  sqlite3_free(err);
  if (rc != SQLITE_OK) {
    Error e = error(sqlite3_extended_errcode(db_), "sqlite");
    e.message = "sqlite: " + (detail.empty() ? std::string(sqlite3_errstr(rc)) : detail);
    return e;
  }
  return ok_status();
}

Result<SqliteConn::Statement> SqliteConn::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(it->second.stmt, &it->second);
  }
  bool cache = it == cache_.end() && cache_.size() < kMaxCachedStatements;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error(rc, "prepare");
  }
  if (!cache) return Statement(stmt, nullptr);
  Cached& slot = cache_[std::string(sql)];
  slot.stmt = stmt;
  slot.in_use = true;
  return Statement(stmt, &slot);
}

Status SqliteConn::bind(sqlite3_stmt* stmt, const SqlParams& params) {
  ISMS_TRY(store_detail::check_params(params));
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    int rc = SQLITE_OK;
    const auto& p = params[i];
    if (std::holds_alternative<std::monostate>(p)) {
      rc = sqlite3_bind_null(stmt, idx);
    } else if (const auto* n = std::get_if<int64_t>(&p)) {
      rc = sqlite3_bind_int64(stmt, idx, *n);
    } else if (const auto* b = std::get_if<store_detail::SqlBytes>(&p)) {
      rc = sqlite3_bind_blob64(stmt, idx, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    } else {
      const auto& s = std::get<std::string>(p);
      rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return error(rc, "bind");
  }
  return ok_status();
}

Result<int64_t> SqliteConn::exec(std::string_view sql, const SqlParams& params) {
  ISMS_ASSIGN(Statement stmt, prepare(sql));
  ISMS_TRY(bind(stmt.get(), params));
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) return error(rc, "sqlite");
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConn::query(std::string_view sql, const SqlParams& params, const RowFn& on_row) {
  ISMS_ASSIGN(Statement stmt, prepare(sql));
  ISMS_TRY(bind(stmt.get(), params));
  StmtRow row(stmt.get());
  int rc;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    ISMS_TRY(on_row(row));
  }
  if (rc != SQLITE_DONE) return error(rc, "sqlite");
  return ok_status();
}

}  // namespace isms::sqlite
