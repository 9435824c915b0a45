// The SQLite schema migrations, numbered like postgres/migrations.h.
#pragma once

#include <vector>

#include "store/migration.h"

namespace isms::sqlite {

// Built-in migrations 1..kLatestSchemaVersion, in order.
const std::vector<store_detail::Migration>& builtin_migrations();

}  // namespace isms::sqlite
