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

int& last_builtin() {
  static int version = kLatestSchemaVersion;  // guarded by extras_mutex()
  return version;
}

}  // namespace

std::vector<Migration> migrations_for(const std::string& engine,
                                      const std::vector<Migration>& builtin) {
  std::lock_guard<std::mutex> lock(extras_mutex());
  std::vector<Migration> all;
  for (const auto& m : builtin) {
    if (m.version <= last_builtin()) all.push_back(m);
  }
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

void stop_migrations_after(int version) {
  std::lock_guard<std::mutex> lock(store_detail::extras_mutex());
  store_detail::last_builtin() = version;
}

void clear_extra_migrations() {
  std::lock_guard<std::mutex> lock(store_detail::extras_mutex());
  store_detail::extras().clear();
  store_detail::last_builtin() = store_detail::kLatestSchemaVersion;
}

}  // namespace isms::store_testing
