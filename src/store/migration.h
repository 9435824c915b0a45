// Schema migrations: forward-only, numbered 1, 2, 3, ... identically on both engines.
//
// Each engine keeps its own SQL for every version (sqlite/migrations.cc,
// postgres/migrations.cc). Store::migrate() applies the pending ones in ONE transaction
// and records each in schema_migrations(version, name, applied_at). Failure of any
// migration rolls everything back and returns kUnavailable naming the migration and the
// database's message: the server must not start on a half-migrated database. A database
// whose schema version is newer than this build also gets kUnavailable.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/row.h"

namespace isms::store_detail {

// The newest schema version of this build. Both engines' lists end at this version.
inline constexpr int kLatestSchemaVersion = 8;

// The migration transaction's connection, for a migration's C++ step.
class MigrationDb {
 public:
  virtual ~MigrationDb() = default;
  virtual Status query(const std::string& sql, const SqlParams& params, const RowFn& on_row) = 0;
  virtual Status exec(const std::string& sql, const SqlParams& params) = 0;
};

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // one or more statements, no parameters
  // Runs after `sql` in the same transaction, for values only C++ can compute (the folded
  // sort keys of text.h: SQL folds case differently on each engine). Empty for most.
  std::function<Status(MigrationDb&)> backfill = {};
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
// TEST ONLY. Leaves out the built-in migrations after `version` for Stores opened
// afterwards, so a test can build a database at an old schema version and then migrate it.
void stop_migrations_after(int version);
// Undoes add_extra_migration and stop_migrations_after.
void clear_extra_migrations();

}  // namespace isms::store_testing
