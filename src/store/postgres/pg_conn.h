// PgConn: one libpq connection with a cache of prepared statements. Used by one thread at
// a time (the pool hands it to one transaction). Every value travels as a parameter
// ($1, $2, ...) in text format; SQL text never contains values.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/error.h"
#include "store/row.h"

namespace isms::postgres {

using store_detail::RowFn;
using store_detail::SqlParams;

// Removes the password from a libpq URL (and from text quoting it) for messages.
std::string redact_url(const std::string& url);

class PgConn {
 public:
  // Connects to `url` (libpq URI). kInvalid for a malformed URL, kUnavailable when the
  // server cannot be reached or refuses; messages never contain the password.
  static Result<std::unique_ptr<PgConn>> connect(const std::string& url);
  ~PgConn();
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Runs one or more statements without parameters over the simple protocol.
  Status exec_script(const std::string& sql);
  // Like exec_script, calling on_row for the rows of the (last) result (FETCH).
  Status query_script(const std::string& sql, const RowFn& on_row);
  // Runs one statement; returns the number of rows it changed. `prepare` keeps the
  // statement prepared on this connection (for fixed SQL; built SQL plans per call).
  Result<int64_t> exec(std::string_view sql, const SqlParams& params, bool prepare = true);
  Status query(std::string_view sql, const SqlParams& params, const RowFn& on_row,
               bool prepare = true);

  PGTransactionStatusType transaction_status() const { return PQtransactionStatus(conn_); }
  bool connected() const { return PQstatus(conn_) == CONNECTION_OK; }
  // Connected and outside any transaction: fit to go back to the pool.
  bool reusable() const {
    return PQstatus(conn_) == CONNECTION_OK && transaction_status() == PQTRANS_IDLE;
  }

  static constexpr size_t kMaxPreparedStatements = 128;
  PGconn* raw_for_testing() const { return conn_; }

 private:
  using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  Result<ResultPtr> run(std::string_view sql, const SqlParams& params, bool prepare);
  Result<ResultPtr> check(PGresult* res);
  Error error_from(const PGresult* res) const;

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

}  // namespace isms::postgres
