// Migration 6 on SQLite: the risk register (domain/risk_method.h, threat.h, risk.h,
// risk_cycle.h). Used by sqlite_risks.cc and sqlite_risk_cycles.cc; mirrored by
// postgres/risks_schema.cc. Row order and parameters: store/risk_codec.h.
//
// - risk_methods: immutable versions keyed by number; the scales, levels and grid are
//   read only whole, so the method is one JSON text (body).
// - risk_sources: threats and vulnerabilities. name_key = fold_case(name) is unique per
//   kind (case-insensitive names, store/text.h); name_sort = sort_key(name) orders lists.
//   key (a shipped default's stable key) is unique per kind when not empty.
// - risk_ref_counter: one row, the last ref number handed out. insert_risk increments it
//   under the writer lock, so refs are gapless, in creation order and never reused.
// - risks: a column for everything list_risks filters, sorts or groups on. title_sort and
//   owner_sort are sort keys like assets.name_sort/owner_sort (owner_sort copies the
//   owner's persons.name_sort, on write and by the rename trigger below); review_sort is
//   next_review_on or '' (risks without a date sort first). *_impact is the rating's
//   impact (the highest of the four properties), stored for the heat map. The acceptance
//   is present when acceptance_person_id is not NULL. search_text = fold_case of ref,
//   title and description separated by U+001F, matched by LIKE ... ESCAPE '\'. Searches of
//   3+ characters take their candidates from risks_search, an FTS5 trigram index over
//   search_text like assets_search (migration 2), keyed by ref_number: an integer of our
//   own that never changes, so VACUUM cannot detach the index. Indexes: (archived, sort
//   key, id) per sort for keyset pages; owner, treatment, threat and vulnerability
//   filters; the heat map and owner summary are served by covering indexes led by
//   archived (GROUP BY without reading the table).
// - risk_assets (risk_id, asset_id): a risk's assets; asset filter via (asset_id, risk_id).
// - risk_controls (risk_id TEXT NOT NULL, control_id TEXT NOT NULL, PRIMARY KEY (risk_id,
//   control_id); index risk_controls_by_control (control_id, risk_id)): the controls a
//   risk names (Risk::control_ids, written by insert_risk/update_risk). control_id has no
//   foreign key: the controls table comes with migration 7, and the service checks ids.
//   The controls store reads it for Control::risk_ids and requirement_controls ("risks
//   not archived naming the control": JOIN risks r ON r.id = rc.risk_id WHERE
//   r.archived = 0).
// - risk_cycles: one row per forum sitting; attendee_ids and decisions are JSON text.
//   risk_cycles_one_open (a partial unique index on status) lets at most one be open.
//   snapshot_written marks that the closing snapshot exists (it may have no rows).
// - risk_reviews: one per (cycle, risk), replaced on a second review.
// - risk_cycle_snapshots: the frozen register of a closed cycle, one row per risk.
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

const char* const kRisksSchemaSql = R"sql(
CREATE TABLE risk_methods (
  number     INTEGER PRIMARY KEY CHECK (number >= 1),
  body       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE risk_sources (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('threat', 'vulnerability')),
  key         TEXT NOT NULL,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  description TEXT NOT NULL,
  properties  TEXT NOT NULL,
  archived_at TEXT,
  version     INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  name_sort   TEXT NOT NULL,
  UNIQUE (kind, name_key)
) STRICT;
CREATE UNIQUE INDEX risk_sources_by_key ON risk_sources (kind, key) WHERE key <> '';
CREATE INDEX risk_sources_by_name ON risk_sources (kind, name_sort, id);

CREATE TABLE risk_ref_counter (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_number INTEGER NOT NULL
) STRICT;
INSERT INTO risk_ref_counter (singleton, last_number) VALUES (1, 0);

CREATE TABLE risks (
  id                        TEXT PRIMARY KEY,
  ref_number                INTEGER NOT NULL CHECK (ref_number >= 1),
  title                     TEXT NOT NULL,
  description               TEXT NOT NULL,
  threat_id                 TEXT NOT NULL REFERENCES risk_sources (id),
  vulnerability_id          TEXT NOT NULL REFERENCES risk_sources (id),
  owner_id                  TEXT REFERENCES persons (id),
  method_number             INTEGER NOT NULL,
  inherent_likelihood       INTEGER NOT NULL,
  inherent_confidentiality  INTEGER NOT NULL,
  inherent_integrity        INTEGER NOT NULL,
  inherent_availability     INTEGER NOT NULL,
  inherent_authenticity     INTEGER NOT NULL,
  residual_likelihood       INTEGER NOT NULL,
  residual_confidentiality  INTEGER NOT NULL,
  residual_integrity        INTEGER NOT NULL,
  residual_availability     INTEGER NOT NULL,
  residual_authenticity     INTEGER NOT NULL,
  inherent_impact           INTEGER NOT NULL,
  residual_impact           INTEGER NOT NULL,
  inherent_level            INTEGER NOT NULL,
  residual_level            INTEGER NOT NULL,
  treatment                 TEXT NOT NULL,
  treatment_plan            TEXT NOT NULL,
  acceptance_person_id      TEXT,
  acceptance_role           TEXT,
  accepted_at               TEXT,
  acceptance_expires_on     TEXT,
  acceptance_justification  TEXT,
  acceptance_level          INTEGER,
  acceptance_method_number  INTEGER,
  next_review_on            TEXT,
  archived_at               TEXT,
  archive_reason            TEXT,
  version                   INTEGER NOT NULL,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  title_sort                TEXT NOT NULL,
  search_text               TEXT NOT NULL,
  owner_sort                TEXT NOT NULL DEFAULT '',
  archived                  INTEGER GENERATED ALWAYS AS (archived_at IS NOT NULL) VIRTUAL,
  review_sort               TEXT GENERATED ALWAYS AS (coalesce(next_review_on, '')) VIRTUAL
) STRICT;
CREATE UNIQUE INDEX risks_by_ref_number ON risks (ref_number);
CREATE INDEX risks_by_ref ON risks (archived, ref_number, id);
CREATE INDEX risks_by_title ON risks (archived, title_sort, id);
CREATE INDEX risks_by_inherent_level ON risks (archived, inherent_level, id);
CREATE INDEX risks_by_residual_level ON risks (archived, residual_level, id);
CREATE INDEX risks_by_owner_name ON risks (archived, owner_sort, id);
CREATE INDEX risks_by_next_review ON risks (archived, review_sort, id);
CREATE INDEX risks_by_updated_at ON risks (archived, updated_at, id);
CREATE INDEX risks_by_owner ON risks (archived, owner_id, residual_level);
CREATE INDEX risks_by_treatment ON risks (treatment, archived);
CREATE INDEX risks_by_threat ON risks (threat_id);
CREATE INDEX risks_by_vulnerability ON risks (vulnerability_id);
CREATE INDEX risks_residual_cells
  ON risks (archived, method_number, residual_likelihood, residual_impact);
CREATE INDEX risks_inherent_cells
  ON risks (archived, method_number, inherent_likelihood, inherent_impact);

CREATE VIRTUAL TABLE risks_search USING fts5(
  search_text, content = 'risks', content_rowid = 'ref_number',
  tokenize = 'trigram case_sensitive 1');
CREATE TRIGGER risks_search_insert AFTER INSERT ON risks
BEGIN
  INSERT INTO risks_search (rowid, search_text) VALUES (NEW.ref_number, NEW.search_text);
END;
CREATE TRIGGER risks_search_update AFTER UPDATE OF search_text, ref_number ON risks
  WHEN NEW.search_text IS NOT OLD.search_text OR NEW.ref_number IS NOT OLD.ref_number
BEGIN
  INSERT INTO risks_search (risks_search, rowid, search_text)
    VALUES ('delete', OLD.ref_number, OLD.search_text);
  INSERT INTO risks_search (rowid, search_text) VALUES (NEW.ref_number, NEW.search_text);
END;
CREATE TRIGGER risks_search_delete AFTER DELETE ON risks
BEGIN
  INSERT INTO risks_search (risks_search, rowid, search_text)
    VALUES ('delete', OLD.ref_number, OLD.search_text);
END;

CREATE TRIGGER persons_rename_risk_owner_sort AFTER UPDATE OF name_sort ON persons
BEGIN
  UPDATE risks SET owner_sort = NEW.name_sort WHERE owner_id = NEW.id;
END;

CREATE TABLE risk_assets (
  risk_id  TEXT NOT NULL REFERENCES risks (id),
  asset_id TEXT NOT NULL REFERENCES assets (id),
  PRIMARY KEY (risk_id, asset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX risk_assets_by_asset ON risk_assets (asset_id, risk_id);

CREATE TABLE risk_controls (
  risk_id    TEXT NOT NULL REFERENCES risks (id),
  control_id TEXT NOT NULL,
  PRIMARY KEY (risk_id, control_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX risk_controls_by_control ON risk_controls (control_id, risk_id);

CREATE TABLE risk_cycles (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL,
  opened_on        TEXT NOT NULL,
  closed_at        TEXT,
  status           TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  method_number    INTEGER NOT NULL,
  attendee_ids     TEXT NOT NULL,
  decisions        TEXT NOT NULL,
  minutes          TEXT NOT NULL,
  interval_months  INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  snapshot_written INTEGER NOT NULL DEFAULT 0 CHECK (snapshot_written IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX risk_cycles_one_open ON risk_cycles (status) WHERE status = 'open';
CREATE INDEX risk_cycles_by_opened ON risk_cycles (opened_on, id);

CREATE TABLE risk_reviews (
  cycle_id              TEXT NOT NULL REFERENCES risk_cycles (id),
  risk_id               TEXT NOT NULL REFERENCES risks (id),
  outcome               TEXT NOT NULL,
  reviewed_by           TEXT NOT NULL,
  reviewed_at           TEXT NOT NULL,
  note                  TEXT NOT NULL,
  inherent_level_before INTEGER NOT NULL,
  residual_level_before INTEGER NOT NULL,
  inherent_level_after  INTEGER NOT NULL,
  residual_level_after  INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, risk_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX risk_reviews_by_risk ON risk_reviews (risk_id);

CREATE TABLE risk_cycle_snapshots (
  cycle_id            TEXT NOT NULL REFERENCES risk_cycles (id),
  risk_id             TEXT NOT NULL,
  ref                 TEXT NOT NULL,
  title               TEXT NOT NULL,
  owner_name          TEXT NOT NULL,
  method_number       INTEGER NOT NULL,
  inherent_likelihood INTEGER NOT NULL,
  inherent_impact     INTEGER NOT NULL,
  inherent_level      INTEGER NOT NULL,
  residual_likelihood INTEGER NOT NULL,
  residual_impact     INTEGER NOT NULL,
  residual_level      INTEGER NOT NULL,
  treatment           TEXT NOT NULL,
  archived            INTEGER NOT NULL CHECK (archived IN (0, 1)),
  PRIMARY KEY (cycle_id, risk_id)
) STRICT, WITHOUT ROWID;
)sql";

}  // namespace isms::sqlite
