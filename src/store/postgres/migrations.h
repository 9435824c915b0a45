// The PostgreSQL schema migrations, numbered like sqlite/migrations.h.
#pragma once

#include <vector>

#include "store/migration.h"

namespace isms::postgres {

// Built-in migrations 1..kLatestSchemaVersion, in order.
const std::vector<store_detail::Migration>& builtin_migrations();

}  // namespace isms::postgres
