// Migration 6 on PostgreSQL: the risk register. Mirrors sqlite/risks_schema.cc (see there
// for what each table and index is for, and for the columns of risk_controls, which the
// controls store reads); compared and sorted text is COLLATE "C". Differences:
// - risks.archived is an integer (0/1) generated column, as on SQLite, so the same
//   predicates (archived = 0) serve both engines' SQL; generated columns are STORED.
// - search_text has a pg_trgm GIN index (as assets.search_text, migration 2; the
//   extension is installed there), which the planner uses for LIKE '%...%' of 3+
//   characters. On SQLite the search scans.
// - The owner-name trigger is a plpgsql function.
#include "store/postgres/migrations.h"

namespace isms::postgres {

const char* const kRisksSchemaSql = R"sql(
CREATE TABLE risk_methods (
  number     bigint PRIMARY KEY CHECK (number >= 1),
  body       text NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL
);

CREATE TABLE risk_sources (
  id          text COLLATE "C" PRIMARY KEY,
  kind        text COLLATE "C" NOT NULL CHECK (kind IN ('threat', 'vulnerability')),
  key         text COLLATE "C" NOT NULL,
  name        text COLLATE "C" NOT NULL,
  category    text NOT NULL,
  description text NOT NULL,
  properties  text NOT NULL,
  archived_at text COLLATE "C",
  version     bigint NOT NULL,
  created_at  text COLLATE "C" NOT NULL,
  updated_at  text COLLATE "C" NOT NULL,
  name_key    text COLLATE "C" NOT NULL,
  name_sort   text COLLATE "C" NOT NULL,
  UNIQUE (kind, name_key)
);
CREATE UNIQUE INDEX risk_sources_by_key ON risk_sources (kind, key) WHERE key <> '';
CREATE INDEX risk_sources_by_name ON risk_sources (kind, name_sort, id);

CREATE TABLE risk_ref_counter (
  singleton   integer PRIMARY KEY CHECK (singleton = 1),
  last_number bigint NOT NULL
);
INSERT INTO risk_ref_counter (singleton, last_number) VALUES (1, 0);

CREATE TABLE risks (
  id                        text COLLATE "C" PRIMARY KEY,
  ref_number                bigint NOT NULL UNIQUE CHECK (ref_number >= 1),
  title                     text NOT NULL,
  description               text NOT NULL,
  threat_id                 text COLLATE "C" NOT NULL REFERENCES risk_sources (id),
  vulnerability_id          text COLLATE "C" NOT NULL REFERENCES risk_sources (id),
  owner_id                  text COLLATE "C" REFERENCES persons (id),
  method_number             bigint NOT NULL,
  inherent_likelihood       integer NOT NULL,
  inherent_confidentiality  integer NOT NULL,
  inherent_integrity        integer NOT NULL,
  inherent_availability     integer NOT NULL,
  inherent_authenticity     integer NOT NULL,
  residual_likelihood       integer NOT NULL,
  residual_confidentiality  integer NOT NULL,
  residual_integrity        integer NOT NULL,
  residual_availability     integer NOT NULL,
  residual_authenticity     integer NOT NULL,
  inherent_impact           integer NOT NULL,
  residual_impact           integer NOT NULL,
  inherent_level            integer NOT NULL,
  residual_level            integer NOT NULL,
  treatment                 text COLLATE "C" NOT NULL,
  treatment_plan            text NOT NULL,
  acceptance_person_id      text COLLATE "C",
  acceptance_role           text COLLATE "C",
  accepted_at               text COLLATE "C",
  acceptance_expires_on     text COLLATE "C",
  acceptance_justification  text,
  acceptance_level          integer,
  acceptance_method_number  bigint,
  next_review_on            text COLLATE "C",
  archived_at               text COLLATE "C",
  archive_reason            text,
  version                   bigint NOT NULL,
  created_at                text COLLATE "C" NOT NULL,
  updated_at                text COLLATE "C" NOT NULL,
  title_sort                text COLLATE "C" NOT NULL,
  search_text               text COLLATE "C" NOT NULL,
  owner_sort                text COLLATE "C" NOT NULL DEFAULT '',
  archived                  integer GENERATED ALWAYS AS
                              (CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END) STORED,
  review_sort               text COLLATE "C" GENERATED ALWAYS AS
                              (coalesce(next_review_on, '')) STORED
);
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

CREATE FUNCTION isms_persons_rename_risk_owner_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE risks SET owner_sort = NEW.name_sort WHERE owner_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER persons_rename_risk_owner_sort AFTER UPDATE OF name_sort ON persons
  FOR EACH ROW EXECUTE FUNCTION isms_persons_rename_risk_owner_sort();

DO $$
DECLARE
  trgm text := (SELECT n.nspname FROM pg_extension e
                JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm');
BEGIN
  EXECUTE format('CREATE INDEX risks_search_trgm ON risks USING gin (search_text %I.gin_trgm_ops)',
                 trgm);
END
$$;

CREATE TABLE risk_assets (
  risk_id  text COLLATE "C" NOT NULL REFERENCES risks (id),
  asset_id text COLLATE "C" NOT NULL REFERENCES assets (id),
  PRIMARY KEY (risk_id, asset_id)
);
CREATE INDEX risk_assets_by_asset ON risk_assets (asset_id, risk_id);

CREATE TABLE risk_controls (
  risk_id    text COLLATE "C" NOT NULL REFERENCES risks (id),
  control_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (risk_id, control_id)
);
CREATE INDEX risk_controls_by_control ON risk_controls (control_id, risk_id);

CREATE TABLE risk_cycles (
  id               text COLLATE "C" PRIMARY KEY,
  title            text NOT NULL,
  opened_on        text COLLATE "C" NOT NULL,
  closed_at        text COLLATE "C",
  status           text COLLATE "C" NOT NULL CHECK (status IN ('open', 'closed')),
  method_number    bigint NOT NULL,
  attendee_ids     text NOT NULL,
  decisions        text NOT NULL,
  minutes          text NOT NULL,
  interval_months  integer NOT NULL,
  version          bigint NOT NULL,
  created_at       text COLLATE "C" NOT NULL,
  updated_at       text COLLATE "C" NOT NULL,
  snapshot_written integer NOT NULL DEFAULT 0 CHECK (snapshot_written IN (0, 1))
);
CREATE UNIQUE INDEX risk_cycles_one_open ON risk_cycles (status) WHERE status = 'open';
CREATE INDEX risk_cycles_by_opened ON risk_cycles (opened_on, id);

CREATE TABLE risk_reviews (
  cycle_id              text COLLATE "C" NOT NULL REFERENCES risk_cycles (id),
  risk_id               text COLLATE "C" NOT NULL REFERENCES risks (id),
  outcome               text COLLATE "C" NOT NULL,
  reviewed_by           text COLLATE "C" NOT NULL,
  reviewed_at           text COLLATE "C" NOT NULL,
  note                  text NOT NULL,
  inherent_level_before integer NOT NULL,
  residual_level_before integer NOT NULL,
  inherent_level_after  integer NOT NULL,
  residual_level_after  integer NOT NULL,
  PRIMARY KEY (cycle_id, risk_id)
);
CREATE INDEX risk_reviews_by_risk ON risk_reviews (risk_id);

CREATE TABLE risk_cycle_snapshots (
  cycle_id            text COLLATE "C" NOT NULL REFERENCES risk_cycles (id),
  risk_id             text COLLATE "C" NOT NULL,
  ref                 text COLLATE "C" NOT NULL,
  title               text NOT NULL,
  owner_name          text NOT NULL,
  method_number       bigint NOT NULL,
  inherent_likelihood integer NOT NULL,
  inherent_impact     integer NOT NULL,
  inherent_level      integer NOT NULL,
  residual_likelihood integer NOT NULL,
  residual_impact     integer NOT NULL,
  residual_level      integer NOT NULL,
  treatment           text COLLATE "C" NOT NULL,
  archived            integer NOT NULL CHECK (archived IN (0, 1)),
  PRIMARY KEY (cycle_id, risk_id)
);
)sql";

}  // namespace isms::postgres
