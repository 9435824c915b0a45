// Migration 7 on PostgreSQL: controls, evidence (with content-addressed files) and the
// Statement of Applicability. Mirrors sqlite/controls_schema.cc (see there for what each
// table and index is for); compared and sorted text is COLLATE "C" (byte order, as on
// SQLite), booleans are boolean, file content is bytea, generated columns are STORED.
#include "store/postgres/migrations.h"

namespace isms::postgres {

const char* const kControlsSchemaSql = R"sql(
CREATE TABLE control_ref_counter (
  singleton   integer PRIMARY KEY CHECK (singleton = 1),
  last_number bigint NOT NULL
);
INSERT INTO control_ref_counter (singleton, last_number) VALUES (1, 0);

CREATE TABLE controls (
  id                    text COLLATE "C" PRIMARY KEY,
  ref                   text COLLATE "C" NOT NULL UNIQUE,
  ref_number            bigint NOT NULL,
  title                 text NOT NULL,
  title_sort            text COLLATE "C" NOT NULL,
  description           text NOT NULL,
  description_sealed    text COLLATE "C" NOT NULL,
  owner_id              text COLLATE "C" REFERENCES persons (id),
  owner_sort            text COLLATE "C" NOT NULL DEFAULT '',
  status                text COLLATE "C" NOT NULL,
  classification        integer NOT NULL CHECK (classification BETWEEN 0 AND 2),
  next_check_on         text COLLATE "C",
  last_checked_on       text COLLATE "C",
  check_interval_months integer NOT NULL,
  archived_at           text COLLATE "C",
  archive_reason        text,
  version               bigint NOT NULL,
  created_at            text COLLATE "C" NOT NULL,
  updated_at            text COLLATE "C" NOT NULL,
  search_key            text COLLATE "C" NOT NULL,
  archived              boolean GENERATED ALWAYS AS (archived_at IS NOT NULL) STORED,
  next_check_key        text COLLATE "C" GENERATED ALWAYS AS (coalesce(next_check_on, '')) STORED
);
CREATE INDEX controls_by_ref ON controls (archived, ref_number, id);
CREATE INDEX controls_by_title ON controls (archived, title_sort, id);
CREATE INDEX controls_by_status ON controls (archived, status, id);
CREATE INDEX controls_by_owner_name ON controls (archived, owner_sort, id);
CREATE INDEX controls_by_next_check ON controls (archived, next_check_key, id);
CREATE INDEX controls_by_updated_at ON controls (archived, updated_at, id);
CREATE INDEX controls_by_owner ON controls (owner_id);
CREATE INDEX controls_with_description_sealed ON controls (id) WHERE description_sealed <> '';

CREATE FUNCTION isms_controls_rename_owner_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE controls SET owner_sort = NEW.name_sort WHERE owner_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER controls_rename_owner_sort AFTER UPDATE OF name_sort ON persons
  FOR EACH ROW EXECUTE FUNCTION isms_controls_rename_owner_sort();

CREATE TABLE control_requirements (
  control_id      text COLLATE "C" NOT NULL REFERENCES controls (id),
  requirement_key text COLLATE "C" NOT NULL,
  framework_id    text COLLATE "C" NOT NULL,
  ref_id          text COLLATE "C" NOT NULL,
  PRIMARY KEY (control_id, requirement_key)
);
CREATE INDEX control_requirements_by_requirement
  ON control_requirements (framework_id, ref_id, control_id);

CREATE TABLE evidence (
  id          text COLLATE "C" PRIMARY KEY,
  control_id  text COLLATE "C" NOT NULL REFERENCES controls (id),
  title       text NOT NULL,
  description text NOT NULL,
  kind        text COLLATE "C" NOT NULL,
  url         text NOT NULL,
  sha256      text COLLATE "C" NOT NULL,
  file_name   text NOT NULL,
  media_type  text NOT NULL,
  size        bigint NOT NULL,
  valid_from  text COLLATE "C" NOT NULL,
  valid_until text COLLATE "C",
  created_by  text NOT NULL,
  archived_at text COLLATE "C",
  version     bigint NOT NULL,
  created_at  text COLLATE "C" NOT NULL
);
CREATE INDEX evidence_by_control ON evidence (control_id, created_at, id);

CREATE TABLE evidence_blobs (
  sha256     text COLLATE "C" NOT NULL,
  sealed     boolean NOT NULL,
  media_type text NOT NULL,
  size       bigint NOT NULL,
  content    bytea NOT NULL,
  PRIMARY KEY (sha256, sealed)
);

CREATE TABLE soa_lines (
  framework_id   text COLLATE "C" NOT NULL,
  ref_id         text COLLATE "C" NOT NULL,
  applicable     text COLLATE "C" NOT NULL,
  reasons        text NOT NULL,
  justification  text NOT NULL,
  implementation text COLLATE "C" NOT NULL,
  updated_by     text NOT NULL,
  updated_at     text COLLATE "C" NOT NULL,
  version        bigint NOT NULL,
  PRIMARY KEY (framework_id, ref_id)
);

CREATE TABLE soa_versions (
  id                    text COLLATE "C" PRIMARY KEY,
  number                bigint NOT NULL UNIQUE,
  framework_ids         text NOT NULL,
  approved_by_person_id text COLLATE "C" NOT NULL,
  approved_at           text COLLATE "C" NOT NULL,
  note                  text NOT NULL,
  lines                 integer NOT NULL,
  applicable            integer NOT NULL,
  not_applicable        integer NOT NULL,
  undecided             integer NOT NULL,
  implemented           integer NOT NULL,
  partial               integer NOT NULL,
  planned               integer NOT NULL,
  not_started           integer NOT NULL
);

CREATE TABLE soa_version_lines (
  soa_id               text COLLATE "C" NOT NULL REFERENCES soa_versions (id),
  ord                  integer NOT NULL,
  framework_id         text COLLATE "C" NOT NULL,
  ref_id               text COLLATE "C" NOT NULL,
  title                text NOT NULL,
  applicable           text COLLATE "C" NOT NULL,
  reasons              text NOT NULL,
  justification        text NOT NULL,
  implementation       text COLLATE "C" NOT NULL,
  updated_by           text NOT NULL,
  updated_at           text COLLATE "C" NOT NULL,
  version              bigint NOT NULL,
  control_ids          text NOT NULL,
  control_refs         text NOT NULL,
  risk_ids             text NOT NULL,
  evidence_count       integer NOT NULL,
  valid_evidence_count integer NOT NULL,
  PRIMARY KEY (soa_id, ord)
);
)sql";

}  // namespace isms::postgres
