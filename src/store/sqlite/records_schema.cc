// Migration 8 on SQLite: operational records (store.h OpRecord) — the registers of running
// the ISMS, each a versioned JSON body plus the columns lists filter and order on. Used by
// sqlite_records.cc; mirrored by postgres/records_schema.cc.
//
// - op_records: one table for every kind. Lists always name the kind, so every index
//   starts with it: (kind, archived, created_at, id), (kind, archived, due_at, id) and
//   (kind, archived, ref, id) serve the three orders with keyset paging; (parent_id, kind,
//   created_at, id) serves the children of one record (findings of an audit, timeline of
//   an incident, measurements of an indicator); (owner_id, kind, due_at) a person's duties.
//   (kind, ref) is unique for non-empty refs. No foreign keys: bodies name persons and
//   objects of other registers and the services check them when they are set.
// - op_counters: named counters for human references (INC-0001, F-0001, ...), counted in
//   the writing transaction.
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

const char* const kRecordsSchemaSql = R"sql(
CREATE TABLE op_records (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  ref        TEXT NOT NULL,
  parent_id  TEXT NOT NULL,
  status     TEXT NOT NULL,
  owner_id   TEXT NOT NULL,
  due_at     TEXT NOT NULL,
  archived   INTEGER NOT NULL CHECK (archived IN (0, 1)),
  body       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX op_records_by_created ON op_records (kind, archived, created_at, id);
CREATE INDEX op_records_by_due ON op_records (kind, archived, due_at, id);
CREATE INDEX op_records_by_ref ON op_records (kind, archived, ref, id);
CREATE INDEX op_records_by_parent ON op_records (parent_id, kind, created_at, id)
  WHERE parent_id <> '';
CREATE INDEX op_records_by_owner ON op_records (owner_id, kind, due_at) WHERE owner_id <> '';
CREATE UNIQUE INDEX op_records_unique_ref ON op_records (kind, ref) WHERE ref <> '';

CREATE TABLE op_counters (
  name TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

}  // namespace isms::sqlite
