// Migration 5 on PostgreSQL: documents, versions and acknowledgements. Mirrors
// sqlite/documents_schema.cc (see there for what each table and index is for); compared
// and sorted text is COLLATE "C", booleans are boolean, and the column names avoid SQL
// keywords (ord, start_offset, end_offset).
#include "store/postgres/migrations.h"

namespace isms::postgres {

const char* const kDocumentsSchemaSql = R"sql(
CREATE TABLE documents (
  id                   text COLLATE "C" PRIMARY KEY,
  kind                 text COLLATE "C" NOT NULL,
  title                text NOT NULL,
  title_sort           text COLLATE "C" NOT NULL,
  search_key           text COLLATE "C" NOT NULL,
  classification       integer NOT NULL CHECK (classification BETWEEN 0 AND 3),
  information_owner    text NOT NULL,
  owner_role_key       text COLLATE "C",
  owner_person_id      text COLLATE "C" REFERENCES persons (id),
  latest_version_id    text COLLATE "C",
  published_version_id text COLLATE "C",
  published_label      text,
  next_review_date     text COLLATE "C",
  archived_at          text COLLATE "C",
  version              bigint NOT NULL,
  created_at           text COLLATE "C" NOT NULL,
  updated_at           text COLLATE "C" NOT NULL
);
CREATE INDEX documents_by_title ON documents (title_sort, id);
CREATE INDEX documents_by_owner ON documents (owner_person_id);

CREATE TABLE document_groups (
  document_id text COLLATE "C" NOT NULL REFERENCES documents (id),
  group_id    text COLLATE "C" NOT NULL REFERENCES working_groups (id),
  PRIMARY KEY (document_id, group_id)
);
CREATE INDEX document_groups_by_group ON document_groups (group_id, document_id);

CREATE TABLE document_versions (
  id                       text COLLATE "C" PRIMARY KEY,
  document_id              text COLLATE "C" NOT NULL REFERENCES documents (id),
  number                   integer NOT NULL CHECK (number >= 1),
  status                   text COLLATE "C" NOT NULL,
  title                    text NOT NULL,
  classification           integer NOT NULL CHECK (classification BETWEEN 0 AND 3),
  label                    text NOT NULL,
  last_update              text COLLATE "C",
  author                   text NOT NULL,
  information_owner        text NOT NULL,
  approver                 text NOT NULL,
  change_log               text NOT NULL,
  review_interval_months   integer NOT NULL,
  requires_acknowledgement boolean NOT NULL,
  body                     text NOT NULL,
  warnings                 text NOT NULL,
  created_by               text NOT NULL,
  created_at               text COLLATE "C" NOT NULL,
  updated_at               text COLLATE "C" NOT NULL,
  submitted_by             text,
  submitted_at             text COLLATE "C",
  approved_by              text,
  approved_at              text COLLATE "C",
  published_by             text,
  published_at             text COLLATE "C",
  superseded_at            text COLLATE "C",
  review_comment           text NOT NULL,
  version                  bigint NOT NULL,
  UNIQUE (document_id, number)
);
CREATE INDEX document_versions_by_status ON document_versions (status, document_id);

CREATE TABLE document_sections (
  version_id   text COLLATE "C" NOT NULL REFERENCES document_versions (id),
  ord          integer NOT NULL,
  number       text COLLATE "C" NOT NULL,
  title        text NOT NULL,
  level        integer NOT NULL,
  start_offset bigint NOT NULL,
  end_offset   bigint NOT NULL,
  anchor       text COLLATE "C" NOT NULL,
  PRIMARY KEY (version_id, ord)
);
CREATE INDEX document_sections_by_anchor ON document_sections (version_id, anchor);

CREATE TABLE document_citations (
  version_id     text COLLATE "C" NOT NULL REFERENCES document_versions (id),
  ord            integer NOT NULL,
  framework_id   text COLLATE "C" NOT NULL,
  ref_id         text COLLATE "C" NOT NULL,
  raw            text NOT NULL,
  start_offset   bigint NOT NULL,
  length         bigint NOT NULL,
  bracket_offset bigint NOT NULL,
  bracket_length bigint NOT NULL,
  from_range     boolean NOT NULL,
  section_number text COLLATE "C" NOT NULL,
  section_anchor text COLLATE "C" NOT NULL,
  PRIMARY KEY (version_id, ord)
);
CREATE INDEX document_citations_by_requirement
  ON document_citations (framework_id, ref_id, version_id);

CREATE TABLE acknowledgements (
  version_id       text COLLATE "C" NOT NULL REFERENCES document_versions (id),
  person_id        text COLLATE "C" NOT NULL REFERENCES persons (id),
  acknowledged_at  text COLLATE "C",
  last_reminded_at text COLLATE "C",
  reminder_count   integer NOT NULL,
  PRIMARY KEY (version_id, person_id)
);
CREATE INDEX acknowledgements_by_person ON acknowledgements (person_id, version_id);
)sql";

}  // namespace isms::postgres
