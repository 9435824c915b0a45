// Schema migrations: forward-only, numbered 1, 2, 3, ... identically on both engines.
//
// Each engine keeps its own SQL for every version (sqlite/migrations.cc,
// postgres/migrations.cc). Store::migrate() applies the pending ones in ONE transaction
// and records each in schema_migrations(version, name, applied_at). Failure of any
// migration rolls everything back and returns kUnavailable naming the migration and the
// database's message: the server must not start on a half-migrated database. A database
// whose schema version is newer than this build also gets kUnavailable.
#pragma once

#include <string>
#include <vector>

namespace isms::store_detail {

// The newest schema version of this build. Both engines' lists end at this version.
inline constexpr int kLatestSchemaVersion = 1;

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // one or more statements, no parameters
};

// The engine's built-in migrations followed by any test-only extras for it.
// `engine` is "sqlite" or "postgresql".
std::vector<Migration> migrations_for(const std::string& engine,
                                      const std::vector<Migration>& builtin);

// The message for a failed migration, e.g. "migration 2 (add_suppliers) failed: ...".
std::string migration_failure(const Migration& m, const std::string& db_message);

}  // namespace isms::store_detail

namespace isms::store_testing {

// TEST ONLY. Appends a migration to `engine`'s list (after the built-in ones) for every
// Store opened afterwards in this process, e.g. a failing one to prove that migrate() is
// atomic. Thread-safe. Not for production code.
void add_extra_migration(const std::string& engine, int version, std::string name, std::string sql);
void clear_extra_migrations();

}  // namespace isms::store_testing
