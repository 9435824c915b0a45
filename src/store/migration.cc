#include "store/migration.h"

#include <mutex>

namespace isms::store_detail {

namespace {

struct Extra {
  std::string engine;
  Migration migration;
};

std::mutex& extras_mutex() {
  static std::mutex mu;
  return mu;
}

std::vector<Extra>& extras() {
  static std::vector<Extra> list;  // guarded by extras_mutex()
  return list;
}

}  // namespace

std::vector<Migration> migrations_for(const std::string& engine,
                                      const std::vector<Migration>& builtin) {
  std::vector<Migration> all = builtin;
  std::lock_guard<std::mutex> lock(extras_mutex());
  for (const auto& e : extras()) {
    if (e.engine == engine) all.push_back(e.migration);
  }
  return all;
}

std::string migration_failure(const Migration& m, const std::string& db_message) {
  return "migration " + std::to_string(m.version) + " (" + m.name + ") failed: " + db_message +
         "; no migration was applied, the database is unchanged";
}

}  // namespace isms::store_detail

namespace isms::store_testing {

void add_extra_migration(const std::string& engine, int version, std::string name,
                         std::string sql) {
  std::lock_guard<std::mutex> lock(store_detail::extras_mutex());
  store_detail::extras().push_back(
      {engine, store_detail::Migration{version, std::move(name), std::move(sql)}});
}

void clear_extra_migrations() {
  std::lock_guard<std::mutex> lock(store_detail::extras_mutex());
  store_detail::extras().clear();
}

}  // namespace isms::store_testing
