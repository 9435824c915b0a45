// Multi-row INSERTs for PostgreSQL: a batch of n rows becomes ceil(n / kBatchRows)
// statements "head ($1, .., $k), ($k+1, ..) .. tail" instead of n round trips (a library's
// 1,000 requirements: 2 statements instead of 1,000 round trips). In an INSERT,
// PostgreSQL coerces each VALUES row to the target columns, so untyped text parameters
// take the columns' types as in a one-row INSERT.
#pragma once

#include <algorithm>
#include <string>

#include "base/error.h"
#include "store/postgres/pg_conn.h"

namespace isms::postgres {

// Rows per statement: at most 12 parameters per row here, so far below PostgreSQL's
// limit of 65535 parameters per statement.
inline constexpr size_t kBatchRows = 500;

// Inserts rows 0..count-1, row(i) giving the parameters of row i (each the same number).
// The statements vary in length, so they are not kept prepared.
template <typename RowParams>
Status insert_rows(PgConn& conn, const std::string& head, const std::string& tail, size_t count,
                   const RowParams& row) {
  for (size_t start = 0; start < count; start += kBatchRows) {
    size_t end = std::min(count, start + kBatchRows);
    store_detail::SqlParams params;
    std::string sql = head;
    for (size_t i = start; i < end; ++i) {
      store_detail::SqlParams values = row(i);
      sql += i > start ? ", (" : "(";
      for (size_t k = 0; k < values.size(); ++k) {
        params.push_back(std::move(values[k]));
        sql += (k > 0 ? ", $" : "$") + std::to_string(params.size());
      }
      sql += ")";
    }
    ISMS_TRY(conn.exec(sql + tail, params, false));
  }
  return ok_status();
}

}  // namespace isms::postgres
