// Migration 7 on SQLite: controls, evidence (with content-addressed files) and the
// Statement of Applicability (domain/control.h, domain/soa.h). Used by
// sqlite_controls.cc and sqlite_soa.cc; mirrored by postgres/controls_schema.cc.
//
// - control_ref_counter: one row holding the last control number handed out. Refs
//   ("C-0001") come from it, not from max(ref_number) + 1, so a number is never given
//   twice even if a control row were ever removed. Writers are serialized, so the
//   UPDATE .. RETURNING cannot race.
// - controls: ref_number orders by ref (C-9999 < C-10000); title_sort = sort_key(title)
//   and owner_sort (a copy of the owner's persons.name_sort, '' without owner; the v2
//   trigger below keeps it in step with renames) order like assets; search_key =
//   fold_case of ref, title and description (control_list.h), never of the sealed
//   description. classification is the rank 0..2 (controls are never customer_data).
//   next_check_key = next_check_on or '' so that keyset comparisons never meet NULL.
//   One (archived, sort key, id) index per sort, as for assets.
// - control_requirements: the requirement keys a control names, kept whole (the order
//   of requirement_controls) and split into framework and ref (the index serving the
//   requirement filter and requirement_controls of one framework).
//   No foreign key to requirements: a catalogue entry may be deleted later and the
//   service checks keys when they are set.
// - evidence: indexed by (control_id, created_at, id) for the newest-first list and the
//   counts. No foreign key to evidence_blobs: evidence does not know whether its file
//   was sealed (its control's classification decided), the service fetches the blob.
// - evidence_blobs: content-addressed by (sha256 of the plain content, sealed); content
//   is the plain bytes or the sealed value's text as bytes.
// - soa_lines: the working SoA, one row per decided requirement (absent = undecided).
// - soa_versions, soa_version_lines: approved SoAs, frozen with their derived fields
//   (lists as JSON text: they are only read whole) and totals.
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

const char* const kControlsSchemaSql = R"sql(
CREATE TABLE control_ref_counter (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_number INTEGER NOT NULL
) STRICT;
INSERT INTO control_ref_counter (singleton, last_number) VALUES (1, 0);

CREATE TABLE controls (
  id                    TEXT PRIMARY KEY,
  ref                   TEXT NOT NULL UNIQUE,
  ref_number            INTEGER NOT NULL,
  title                 TEXT NOT NULL,
  title_sort            TEXT NOT NULL,
  description           TEXT NOT NULL,
  description_sealed    TEXT NOT NULL,
  owner_id              TEXT REFERENCES persons (id),
  owner_sort            TEXT NOT NULL DEFAULT '',
  status                TEXT NOT NULL,
  classification        INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
  next_check_on         TEXT,
  last_checked_on       TEXT,
  check_interval_months INTEGER NOT NULL,
  archived_at           TEXT,
  archive_reason        TEXT,
  version               INTEGER NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  search_key            TEXT NOT NULL,
  archived              INTEGER GENERATED ALWAYS AS (archived_at IS NOT NULL) VIRTUAL,
  next_check_key        TEXT GENERATED ALWAYS AS (coalesce(next_check_on, '')) VIRTUAL
) STRICT;
CREATE INDEX controls_by_ref ON controls (archived, ref_number, id);
CREATE INDEX controls_by_title ON controls (archived, title_sort, id);
CREATE INDEX controls_by_status ON controls (archived, status, id);
CREATE INDEX controls_by_owner_name ON controls (archived, owner_sort, id);
CREATE INDEX controls_by_next_check ON controls (archived, next_check_key, id);
CREATE INDEX controls_by_updated_at ON controls (archived, updated_at, id);
CREATE INDEX controls_by_owner ON controls (owner_id);
CREATE INDEX controls_with_description_sealed ON controls (id) WHERE description_sealed <> '';

CREATE TRIGGER controls_rename_owner_sort AFTER UPDATE OF name_sort ON persons
BEGIN
  UPDATE controls SET owner_sort = NEW.name_sort WHERE owner_id = NEW.id;
END;

CREATE TABLE control_requirements (
  control_id      TEXT NOT NULL REFERENCES controls (id),
  requirement_key TEXT NOT NULL,
  framework_id    TEXT NOT NULL,
  ref_id          TEXT NOT NULL,
  PRIMARY KEY (control_id, requirement_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX control_requirements_by_requirement
  ON control_requirements (framework_id, ref_id, control_id);

CREATE TABLE evidence (
  id          TEXT PRIMARY KEY,
  control_id  TEXT NOT NULL REFERENCES controls (id),
  title       TEXT NOT NULL,
  description TEXT NOT NULL,
  kind        TEXT NOT NULL,
  url         TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_until TEXT,
  created_by  TEXT NOT NULL,
  archived_at TEXT,
  version     INTEGER NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_by_control ON evidence (control_id, created_at, id);

CREATE TABLE evidence_blobs (
  sha256     TEXT NOT NULL,
  sealed     INTEGER NOT NULL CHECK (sealed IN (0, 1)),
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  PRIMARY KEY (sha256, sealed)
) STRICT;

CREATE TABLE soa_lines (
  framework_id   TEXT NOT NULL,
  ref_id         TEXT NOT NULL,
  applicable     TEXT NOT NULL,
  reasons        TEXT NOT NULL,
  justification  TEXT NOT NULL,
  implementation TEXT NOT NULL,
  updated_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  version        INTEGER NOT NULL,
  PRIMARY KEY (framework_id, ref_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE soa_versions (
  id                    TEXT PRIMARY KEY,
  number                INTEGER NOT NULL UNIQUE,
  framework_ids         TEXT NOT NULL,
  approved_by_person_id TEXT NOT NULL,
  approved_at           TEXT NOT NULL,
  note                  TEXT NOT NULL,
  lines                 INTEGER NOT NULL,
  applicable            INTEGER NOT NULL,
  not_applicable        INTEGER NOT NULL,
  undecided             INTEGER NOT NULL,
  implemented           INTEGER NOT NULL,
  partial               INTEGER NOT NULL,
  planned               INTEGER NOT NULL,
  not_started           INTEGER NOT NULL
) STRICT;

CREATE TABLE soa_version_lines (
  soa_id               TEXT NOT NULL REFERENCES soa_versions (id),
  ord                  INTEGER NOT NULL,
  framework_id         TEXT NOT NULL,
  ref_id               TEXT NOT NULL,
  title                TEXT NOT NULL,
  applicable           TEXT NOT NULL,
  reasons              TEXT NOT NULL,
  justification        TEXT NOT NULL,
  implementation       TEXT NOT NULL,
  updated_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL,
  control_ids          TEXT NOT NULL,
  control_refs         TEXT NOT NULL,
  risk_ids             TEXT NOT NULL,
  evidence_count       INTEGER NOT NULL,
  valid_evidence_count INTEGER NOT NULL,
  PRIMARY KEY (soa_id, ord)
) STRICT, WITHOUT ROWID;
)sql";

}  // namespace isms::sqlite
