// TEST ONLY (store/testing.h): inspecting a SQLite database behind the store's back.
#include "store/sqlite/sqlite_conn.h"
#include "store/testing.h"

namespace isms::sqlite {

Result<std::vector<std::string>> table_names_for_testing(const std::string& path) {
  ISMS_ASSIGN(auto conn, SqliteConn::open(path));
  std::vector<std::string> names;
  ISMS_TRY(conn->query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", {},
                       [&](const store_detail::Row& row) -> Status {
                         names.push_back(row.text(0));
                         return ok_status();
                       }));
  return names;
}

}  // namespace isms::sqlite
