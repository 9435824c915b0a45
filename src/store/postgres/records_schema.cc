// Migration 8 on PostgreSQL: operational records. Mirrors sqlite/records_schema.cc (see
// there for what each table and index is for); compared and sorted text is COLLATE "C"
// (byte order, as on SQLite); archived is an integer 0/1 so that both engines run the same
// statements (store/op_record_sql.cc).
#include "store/postgres/migrations.h"

namespace isms::postgres {

const char* const kRecordsSchemaSql = R"sql(
CREATE TABLE op_records (
  id         text COLLATE "C" PRIMARY KEY,
  kind       text COLLATE "C" NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  ref        text COLLATE "C" NOT NULL,
  parent_id  text COLLATE "C" NOT NULL,
  status     text COLLATE "C" NOT NULL,
  owner_id   text COLLATE "C" NOT NULL,
  due_at     text COLLATE "C" NOT NULL,
  archived   integer NOT NULL CHECK (archived IN (0, 1)),
  body       text NOT NULL,
  version    bigint NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX op_records_by_created ON op_records (kind, archived, created_at, id);
CREATE INDEX op_records_by_due ON op_records (kind, archived, due_at, id);
CREATE INDEX op_records_by_ref ON op_records (kind, archived, ref, id);
CREATE INDEX op_records_by_parent ON op_records (parent_id, kind, created_at, id)
  WHERE parent_id <> '';
CREATE INDEX op_records_by_owner ON op_records (owner_id, kind, due_at) WHERE owner_id <> '';
CREATE UNIQUE INDEX op_records_unique_ref ON op_records (kind, ref) WHERE ref <> '';

CREATE TABLE op_counters (
  name text COLLATE "C" PRIMARY KEY,
  last bigint NOT NULL
);
)sql";

}  // namespace isms::postgres
