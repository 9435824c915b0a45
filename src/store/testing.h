// TEST ONLY helpers for the store conformance suite; production code never calls these.
// (The extra-migration hook lives in store/migration.h.)
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "domain/asset.h"
#include "domain/people.h"

namespace isms::store_testing {

// The names of all tables in the database named by `url` (as open_store takes it),
// sorted, read over a separate connection.
Result<std::vector<std::string>> table_names(const std::string& url);

// Writes `persons` and `assets` (dependencies and role ids ignored) with the SQL of
// schema version 1, into a database migrated to exactly version 1 (see
// stop_migrations_after in migration.h): the store's own writes need the newest schema.
Status insert_v1_rows(const std::string& url, const std::vector<Person>& persons,
                      const std::vector<Asset>& assets);

// Writes rows with the SQL of schema version 2, into a database migrated to exactly
// version 2: roles (id, key, name, description; ordinal in input order), persons with
// their role_ids and sort keys, users (the v2 columns) and assets (their dependencies and
// the fields v3 added are ignored).
Status insert_v2_rows(const std::string& url, const std::vector<Role>& roles,
                      const std::vector<Person>& persons, const std::vector<User>& users,
                      const std::vector<Asset>& assets);

// Renames a person behind the store's back (isms has no rename yet), setting
// persons.name_sort = sort_key(name) only when `with_sort_key`; the schema's triggers
// carry the key to assets.owner_sort, or refuse the rename without it.
Status rename_person(const std::string& url, const std::string& person_id, const std::string& name,
                     bool with_sort_key);

// Verifies the engine's search index against the assets table (SQLite FTS5
// integrity-check; PostgreSQL: nothing to check, the index is maintained by the server).
Status check_search_index(const std::string& url);

// PostgreSQL: creates an empty schema `name` ([a-z0-9_] only) in the database of
// `maintenance_url`, dropping any old one of that name, and returns a URL whose
// connections use it (search_path). Much faster than CREATE DATABASE per test.
Result<std::string> create_pg_schema(const std::string& maintenance_url, const std::string& name);
// Drops schema `name` and everything in it.
Status drop_pg_schema(const std::string& maintenance_url, const std::string& name);
// Terminates the server side of every connection opened with the URL of schema `name`
// (they carry it as application_name) and waits until they are gone.
Status terminate_pg_connections(const std::string& maintenance_url, const std::string& name);

}  // namespace isms::store_testing

namespace isms::sqlite {
Result<std::vector<std::string>> table_names_for_testing(const std::string& path);
Status insert_v1_rows_for_testing(const std::string& path, const std::vector<Person>& persons,
                                  const std::vector<Asset>& assets);
Status insert_v2_rows_for_testing(const std::string& path, const std::vector<Role>& roles,
                                  const std::vector<Person>& persons,
                                  const std::vector<User>& users, const std::vector<Asset>& assets);
Status rename_person_for_testing(const std::string& path, const std::string& person_id,
                                 const std::string& name, bool with_sort_key);
Status check_search_index_for_testing(const std::string& path);
}  // namespace isms::sqlite

namespace isms::postgres {
Result<std::vector<std::string>> table_names_for_testing(const std::string& url);
Status insert_v1_rows_for_testing(const std::string& url, const std::vector<Person>& persons,
                                  const std::vector<Asset>& assets);
Status insert_v2_rows_for_testing(const std::string& url, const std::vector<Role>& roles,
                                  const std::vector<Person>& persons,
                                  const std::vector<User>& users, const std::vector<Asset>& assets);
Status rename_person_for_testing(const std::string& url, const std::string& person_id,
                                 const std::string& name, bool with_sort_key);
}  // namespace isms::postgres
