// SqliteConn: one SQLite connection configured for isms (WAL, foreign keys, 5 s busy
// timeout, synchronous=NORMAL) with a per-connection cache of prepared statements.
// Used by one thread at a time (the pool hands it to one transaction).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/error.h"
#include "store/row.h"

namespace isms::sqlite {

using store_detail::RowFn;
using store_detail::SqlParams;

class SqliteConn {
 public:
  // Opens (creating when absent) the database file at `path` and configures it.
  // kUnavailable when it cannot be opened or is not a database.
  static Result<std::unique_ptr<SqliteConn>> open(const std::string& path);
  ~SqliteConn();
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  // Runs one or more statements without parameters (transaction control, migrations).
  Status exec_script(const std::string& sql);
  // Runs one statement; returns the number of rows it changed.
  Result<int64_t> exec(std::string_view sql, const SqlParams& params);
  // Runs one query, calling on_row for each row.
  Status query(std::string_view sql, const SqlParams& params, const RowFn& on_row);

  // False once SQLite itself ended the transaction (it rolls back on some I/O errors).
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  // The isms Error for SQLite result code `rc` (extended codes), prefixed with `what`.
  Error error(int rc, std::string_view what) const;

  // Statements kept prepared; beyond this, statements are prepared per use.
  static constexpr size_t kMaxCachedStatements = 128;

 private:
  class Statement;
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  Result<Statement> prepare(std::string_view sql);
  Status bind(sqlite3_stmt* stmt, const SqlParams& params);

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace isms::sqlite
