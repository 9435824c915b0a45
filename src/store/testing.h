// TEST ONLY helpers for the store conformance suite; production code never calls these.
// (The extra-migration hook lives in store/migration.h.)
#pragma once

#include <string>
#include <vector>

#include "base/error.h"

namespace isms::store_testing {

// The names of all tables in the database named by `url` (as open_store takes it),
// sorted, read over a separate connection.
Result<std::vector<std::string>> table_names(const std::string& url);

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
}  // namespace isms::sqlite

namespace isms::postgres {
Result<std::vector<std::string>> table_names_for_testing(const std::string& url);
}  // namespace isms::postgres
