// Migration 4 on SQLite: the requirements catalogue (domain/catalogue.h). Used by
// sqlite_catalogue.cc; mirrored by postgres/catalogue_schema.cc.
//
// - frameworks: urn unique when not empty (partial unique index), so frameworks without a
//   URN (built-in, OSCAL) never collide.
// - requirements: keyed by (framework_id, ref_id); requirements_by_position serves
//   list_requirements and the search's order. search_key is fold_case of ref_id, title and
//   description separated by U+001F (store/document_codec.h), computed in C++ like
//   assets.search_text so both engines match the same rows. A catalogue holds a few
//   thousand requirements: the search scans them (~1 ms) and needs no trigram index.
//   parent_ref_id has no foreign key: a library's rows arrive in any order and the service
//   checks the tree (check_library).
// - requirement_mappings: one row per directed mapping and origin; no foreign keys on the
//   ends (a mapping set may name requirements of a framework imported later), so
//   delete_requirements removes the mappings naming what it deletes. Indexes: by source
//   (the primary key), by target, and by the (source, target, origin) set replace_mappings
//   rewrites.
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

const char* const kCatalogueSchemaSql = R"sql(
CREATE TABLE frameworks (
  id          TEXT PRIMARY KEY,
  urn         TEXT NOT NULL,
  ref_id      TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  version     TEXT NOT NULL,
  provider    TEXT NOT NULL,
  source      TEXT NOT NULL,
  copyright   TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX frameworks_by_urn ON frameworks (urn) WHERE urn <> '';

CREATE TABLE requirements (
  framework_id  TEXT NOT NULL REFERENCES frameworks (id),
  ref_id        TEXT NOT NULL,
  parent_ref_id TEXT NOT NULL,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  kind          TEXT NOT NULL,
  assessable    INTEGER NOT NULL CHECK (assessable IN (0, 1)),
  position      INTEGER NOT NULL,
  urn           TEXT NOT NULL,
  notes         TEXT NOT NULL,
  search_key    TEXT NOT NULL,
  PRIMARY KEY (framework_id, ref_id)
) STRICT;
CREATE INDEX requirements_by_position ON requirements (framework_id, position, ref_id);

CREATE TABLE requirement_mappings (
  source_framework_id TEXT NOT NULL,
  source_ref_id       TEXT NOT NULL,
  target_framework_id TEXT NOT NULL,
  target_ref_id       TEXT NOT NULL,
  relationship        TEXT NOT NULL,
  origin              TEXT NOT NULL,
  notes               TEXT NOT NULL,
  PRIMARY KEY (source_framework_id, source_ref_id, target_framework_id, target_ref_id, origin)
) STRICT, WITHOUT ROWID;
CREATE INDEX requirement_mappings_by_target
  ON requirement_mappings (target_framework_id, target_ref_id);
CREATE INDEX requirement_mappings_by_set
  ON requirement_mappings (source_framework_id, target_framework_id, origin);
)sql";

}  // namespace isms::sqlite
