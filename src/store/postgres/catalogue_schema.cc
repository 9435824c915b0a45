// Migration 4 on PostgreSQL: the requirements catalogue. Mirrors
// sqlite/catalogue_schema.cc (see there for what each table and index is for); compared
// and sorted text is COLLATE "C" (byte order, as on SQLite), booleans are boolean.
#include "store/postgres/migrations.h"

namespace isms::postgres {

const char* const kCatalogueSchemaSql = R"sql(
CREATE TABLE frameworks (
  id          text COLLATE "C" PRIMARY KEY,
  urn         text COLLATE "C" NOT NULL,
  ref_id      text NOT NULL,
  name        text NOT NULL,
  description text NOT NULL,
  version     text NOT NULL,
  provider    text NOT NULL,
  source      text NOT NULL,
  copyright   text NOT NULL,
  updated_at  text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX frameworks_by_urn ON frameworks (urn) WHERE urn <> '';

CREATE TABLE requirements (
  framework_id  text COLLATE "C" NOT NULL REFERENCES frameworks (id),
  ref_id        text COLLATE "C" NOT NULL,
  parent_ref_id text COLLATE "C" NOT NULL,
  title         text NOT NULL,
  description   text NOT NULL,
  kind          text NOT NULL,
  assessable    boolean NOT NULL,
  position      integer NOT NULL,
  urn           text NOT NULL,
  notes         text NOT NULL,
  search_key    text COLLATE "C" NOT NULL,
  PRIMARY KEY (framework_id, ref_id)
);
CREATE INDEX requirements_by_position ON requirements (framework_id, position, ref_id);

CREATE TABLE requirement_mappings (
  source_framework_id text COLLATE "C" NOT NULL,
  source_ref_id       text COLLATE "C" NOT NULL,
  target_framework_id text COLLATE "C" NOT NULL,
  target_ref_id       text COLLATE "C" NOT NULL,
  relationship        text NOT NULL,
  origin              text COLLATE "C" NOT NULL,
  notes               text NOT NULL,
  PRIMARY KEY (source_framework_id, source_ref_id, target_framework_id, target_ref_id, origin)
);
CREATE INDEX requirement_mappings_by_target
  ON requirement_mappings (target_framework_id, target_ref_id);
CREATE INDEX requirement_mappings_by_set
  ON requirement_mappings (source_framework_id, target_framework_id, origin);
)sql";

}  // namespace isms::postgres
