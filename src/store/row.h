// Engine-neutral building blocks shared by the SQLite and PostgreSQL engines: a bound
// parameter value and a read-only view of one result row. No SQL lives here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/error.h"

namespace isms::store_detail {

// Binary data for a BLOB (SQLite) / bytea (PostgreSQL) column: the one kind of parameter
// that may contain NUL (evidence file content).
struct SqlBytes {
  std::string bytes;
};

// A statement parameter: NULL, an integer, text or bytes. Values always travel as
// parameters, never inside SQL text.
using SqlValue = std::variant<std::monostate, int64_t, std::string, SqlBytes>;
using SqlParams = std::vector<SqlValue>;

inline SqlValue sql_opt(const std::optional<std::string>& v) {
  if (!v) return std::monostate{};
  return *v;
}

// One row of a result, valid only inside the callback that receives it. Columns are
// 0-based. Both engines return text for text columns and decimal integers for integer
// columns, so the decoders in codec.h work on either.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool is_null(int col) const = 0;
  virtual std::string text(int col) const = 0;  // "" for NULL
  virtual int64_t int64(int col) const = 0;     // 0 for NULL
  std::optional<std::string> opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
  }
};

// Called once per row; a non-ok Status stops the query and is returned by it.
using RowFn = std::function<Status(const Row&)>;

// Rejects text parameters containing NUL: PostgreSQL cannot store them and C string APIs
// would silently truncate them, so both engines refuse them the same way.
Status check_params(const SqlParams& params);

}  // namespace isms::store_detail
