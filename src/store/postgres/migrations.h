// The PostgreSQL schema migrations, numbered like sqlite/migrations.h.
#pragma once

#include <vector>

#include "store/migration.h"

namespace isms::postgres {

// Built-in migrations 1..kLatestSchemaVersion, in order.
const std::vector<store_detail::Migration>& builtin_migrations();

// Schema of later migrations, each beside the store methods that use it:
// v4 requirements catalogue (catalogue_schema.cc), v5 documents (documents_schema.cc),
// v6 risk method, threats, vulnerabilities, risks, risk cycles (risks_schema.cc),
// v7 controls, evidence, Statement of Applicability (controls_schema.cc), v8 operational
// records of running the ISMS (records_schema.cc).
extern const char* const kCatalogueSchemaSql;
extern const char* const kDocumentsSchemaSql;
extern const char* const kRisksSchemaSql;
extern const char* const kControlsSchemaSql;
extern const char* const kRecordsSchemaSql;

}  // namespace isms::postgres
