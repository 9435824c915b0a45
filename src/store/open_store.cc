// open_store(): picks the engine from the URL scheme. Also the engine-neutral pieces of
// store.h (asset_sort_value, Store::latest_schema_version).
#include "store/migration.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "store/testing.h"

namespace isms {

namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// "sqlite:/a/b.db", "sqlite:relative.db" or "sqlite:///a/b.db" -> the file path.
Result<std::string> sqlite_path(const std::string& url) {
  std::string path = url.substr(std::string_view("sqlite:").size());
  if (starts_with(path, "//")) path = path.substr(2);
  if (path.empty()) return Error::invalid("url", "sqlite: URL names no file");
  if (path == ":memory:" || starts_with(path, "file:")) {
    // Every pooled connection would get its own database.
    return Error::invalid("url", "sqlite: URL must name a file, not " + path);
  }
  return path;
}

bool is_postgres(const std::string& url) {
  return starts_with(url, "postgresql://") || starts_with(url, "postgres://");
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  if (starts_with(url, "sqlite:")) {
    ISMS_ASSIGN(std::string path, sqlite_path(url));
    return sqlite::SqliteStore::open(path);
  }
  if (is_postgres(url)) return postgres::PgStore::open(url);
  std::string scheme = url.substr(0, url.find(':'));
  return Error::invalid("url", "unknown database URL scheme '" + scheme +
                                   "' (use sqlite:/path/to/file.db or postgresql://...)");
}

int Store::latest_schema_version() { return store_detail::kLatestSchemaVersion; }

std::string asset_sort_value(const Asset& asset, AssetSort sort) {
  switch (sort) {
    case AssetSort::kName:
      return asset.name;
    case AssetSort::kType:
      return std::string(asset_type_name(asset.type));
    case AssetSort::kClassification:
      return std::to_string(classification_rank(asset.classification));
    case AssetSort::kLifecycleStatus:
      return std::string(lifecycle_status_name(asset.lifecycle_status));
    case AssetSort::kOwnerName:
      return asset.owner_name.value_or("");
    case AssetSort::kCreatedAt:
      return asset.created_at;
    case AssetSort::kUpdatedAt:
      return asset.updated_at;
  }
  return asset.name;
}

namespace store_testing {

Result<std::vector<std::string>> table_names(const std::string& url) {
  if (starts_with(url, "sqlite:")) {
    ISMS_ASSIGN(std::string path, sqlite_path(url));
    return sqlite::table_names_for_testing(path);
  }
  if (is_postgres(url)) return postgres::table_names_for_testing(url);
  return Error::invalid("url", "unknown database URL scheme");
}

Status insert_v1_rows(const std::string& url, const std::vector<Person>& persons,
                      const std::vector<Asset>& assets) {
  if (starts_with(url, "sqlite:")) {
    ISMS_ASSIGN(std::string path, sqlite_path(url));
    return sqlite::insert_v1_rows_for_testing(path, persons, assets);
  }
  if (is_postgres(url)) return postgres::insert_v1_rows_for_testing(url, persons, assets);
  return Error::invalid("url", "unknown database URL scheme");
}

Status insert_v2_rows(const std::string& url, const std::vector<Role>& roles,
                      const std::vector<Person>& persons, const std::vector<User>& users,
                      const std::vector<Asset>& assets) {
  if (starts_with(url, "sqlite:")) {
    ISMS_ASSIGN(std::string path, sqlite_path(url));
    return sqlite::insert_v2_rows_for_testing(path, roles, persons, users, assets);
  }
  if (is_postgres(url)) {
    return postgres::insert_v2_rows_for_testing(url, roles, persons, users, assets);
  }
  return Error::invalid("url", "unknown database URL scheme");
}

Status rename_person(const std::string& url, const std::string& person_id, const std::string& name,
                     bool with_sort_key) {
  if (starts_with(url, "sqlite:")) {
    ISMS_ASSIGN(std::string path, sqlite_path(url));
    return sqlite::rename_person_for_testing(path, person_id, name, with_sort_key);
  }
  if (is_postgres(url)) {
    return postgres::rename_person_for_testing(url, person_id, name, with_sort_key);
  }
  return Error::invalid("url", "unknown database URL scheme");
}

Status check_search_index(const std::string& url) {
  if (!starts_with(url, "sqlite:")) return ok_status();
  ISMS_ASSIGN(std::string path, sqlite_path(url));
  return sqlite::check_search_index_for_testing(path);
}

}  // namespace store_testing

}  // namespace isms
