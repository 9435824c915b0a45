// Migration 5 on SQLite: documents, their versions and acknowledgements
// (domain/document.h). Used by sqlite_documents.cc; mirrored by
// postgres/documents_schema.cc.
//
// - documents: title_sort = sort_key(title) orders lists like assets.name_sort;
//   search_key = fold_case(title) is what list_documents' search matches (both computed
//   in C++, store/text.h). classification is the rank 0..3 like assets, so the read rule
//   (sqlite_documents.cc, document_access) compares it the same way. latest_version_id and
//   published_version_id carry no foreign key: a document row is written before its first
//   version (which references it) and the service keeps both in step.
// - document_groups: a document's working groups (confidential access, as asset_groups).
// - document_versions: (document_id, number) unique. change_log and warnings are JSON
//   text (only ever read whole); sections and citations are rows of their own because
//   list_published_citations joins them. approved_by and the other actors are ledger
//   actor strings or person ids as given: no foreign keys.
// - document_sections, document_citations: in body order (ord). Citations are indexed by
//   requirement for the traceability matrix; sections by anchor for its section titles.
// - acknowledgements: one row per (version, person); indexed by person for "my pending".
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

const char* const kDocumentsSchemaSql = R"sql(
CREATE TABLE documents (
  id                   TEXT PRIMARY KEY,
  kind                 TEXT NOT NULL,
  title                TEXT NOT NULL,
  title_sort           TEXT NOT NULL,
  search_key           TEXT NOT NULL,
  classification       INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 3),
  information_owner    TEXT NOT NULL,
  owner_role_key       TEXT,
  owner_person_id      TEXT REFERENCES persons (id),
  latest_version_id    TEXT,
  published_version_id TEXT,
  published_label      TEXT,
  next_review_date     TEXT,
  archived_at          TEXT,
  version              INTEGER NOT NULL,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX documents_by_title ON documents (title_sort, id);
CREATE INDEX documents_by_owner ON documents (owner_person_id);

CREATE TABLE document_groups (
  document_id TEXT NOT NULL REFERENCES documents (id),
  group_id    TEXT NOT NULL REFERENCES working_groups (id),
  PRIMARY KEY (document_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_groups_by_group ON document_groups (group_id, document_id);

CREATE TABLE document_versions (
  id                       TEXT PRIMARY KEY,
  document_id              TEXT NOT NULL REFERENCES documents (id),
  number                   INTEGER NOT NULL CHECK (number >= 1),
  status                   TEXT NOT NULL,
  title                    TEXT NOT NULL,
  classification           INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 3),
  label                    TEXT NOT NULL,
  last_update              TEXT,
  author                   TEXT NOT NULL,
  information_owner        TEXT NOT NULL,
  approver                 TEXT NOT NULL,
  change_log               TEXT NOT NULL,
  review_interval_months   INTEGER NOT NULL,
  requires_acknowledgement INTEGER NOT NULL CHECK (requires_acknowledgement IN (0, 1)),
  body                     TEXT NOT NULL,
  warnings                 TEXT NOT NULL,
  created_by               TEXT NOT NULL,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  submitted_by             TEXT,
  submitted_at             TEXT,
  approved_by              TEXT,
  approved_at              TEXT,
  published_by             TEXT,
  published_at             TEXT,
  superseded_at            TEXT,
  review_comment           TEXT NOT NULL,
  version                  INTEGER NOT NULL,
  UNIQUE (document_id, number)
) STRICT;
CREATE INDEX document_versions_by_status ON document_versions (status, document_id);

CREATE TABLE document_sections (
  version_id   TEXT NOT NULL REFERENCES document_versions (id),
  ord          INTEGER NOT NULL,
  number       TEXT NOT NULL,
  title        TEXT NOT NULL,
  level        INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  anchor       TEXT NOT NULL,
  PRIMARY KEY (version_id, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_sections_by_anchor ON document_sections (version_id, anchor);

CREATE TABLE document_citations (
  version_id     TEXT NOT NULL REFERENCES document_versions (id),
  ord            INTEGER NOT NULL,
  framework_id   TEXT NOT NULL,
  ref_id         TEXT NOT NULL,
  raw            TEXT NOT NULL,
  start_offset   INTEGER NOT NULL,
  length         INTEGER NOT NULL,
  bracket_offset INTEGER NOT NULL,
  bracket_length INTEGER NOT NULL,
  from_range     INTEGER NOT NULL CHECK (from_range IN (0, 1)),
  section_number TEXT NOT NULL,
  section_anchor TEXT NOT NULL,
  PRIMARY KEY (version_id, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_citations_by_requirement
  ON document_citations (framework_id, ref_id, version_id);

CREATE TABLE acknowledgements (
  version_id       TEXT NOT NULL REFERENCES document_versions (id),
  person_id        TEXT NOT NULL REFERENCES persons (id),
  acknowledged_at  TEXT,
  last_reminded_at TEXT,
  reminder_count   INTEGER NOT NULL,
  PRIMARY KEY (version_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX acknowledgements_by_person ON acknowledgements (person_id, version_id);
)sql";

}  // namespace isms::sqlite
