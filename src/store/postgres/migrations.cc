// PostgreSQL schema. Text columns that are compared or sorted use COLLATE "C" so that
// ordering is by bytes, exactly as on SQLite, whatever the database's locale. Times are
// RFC 3339 UTC text with microseconds, which sorts in time order.
#include "store/postgres/migrations.h"

namespace isms::postgres {

namespace {

// v1: organization, people, assets, ledger. Mirrors sqlite/migrations.cc v1.
constexpr const char* kV1 = R"sql(
CREATE TABLE organizations (
  id         text COLLATE "C" PRIMARY KEY,
  singleton  integer NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  name       text NOT NULL,
  created_at text COLLATE "C" NOT NULL
);

CREATE TABLE roles (
  id          text COLLATE "C" PRIMARY KEY,
  key         text COLLATE "C" NOT NULL UNIQUE,
  name        text NOT NULL,
  description text NOT NULL,
  ordinal     bigint NOT NULL UNIQUE
);

-- email_key: the case-folded email (store/text.h), unique.
CREATE TABLE persons (
  id                text COLLATE "C" PRIMARY KEY,
  name              text COLLATE "C" NOT NULL,
  email             text NOT NULL,
  email_key         text COLLATE "C" NOT NULL UNIQUE,
  job_title         text NOT NULL,
  employment_status text NOT NULL,
  created_at        text COLLATE "C" NOT NULL
);
CREATE INDEX persons_by_name ON persons (name, id);

CREATE TABLE person_roles (
  person_id text COLLATE "C" NOT NULL REFERENCES persons (id),
  role_id   text COLLATE "C" NOT NULL REFERENCES roles (id),
  position  bigint NOT NULL,
  PRIMARY KEY (person_id, role_id)
);
CREATE INDEX person_roles_by_role ON person_roles (role_id);

CREATE TABLE users (
  id                   text COLLATE "C" PRIMARY KEY,
  username             text COLLATE "C" NOT NULL UNIQUE,
  person_id            text COLLATE "C" NOT NULL REFERENCES persons (id),
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL,
  created_at           text COLLATE "C" NOT NULL
);
CREATE INDEX users_by_person ON users (person_id);

-- classification: rank 0 public .. 3 customer_data, so it sorts by sensitivity.
-- owner_sort: the owner's name ('' without owner), kept by the store and the trigger
-- below, so the owner_name sort runs on an index.
-- search_text: case-folded name, description and business function (store/text.h).
CREATE TABLE assets (
  id                text COLLATE "C" PRIMARY KEY,
  name              text COLLATE "C" NOT NULL,
  type              text COLLATE "C" NOT NULL,
  description       text NOT NULL,
  owner_id          text COLLATE "C" REFERENCES persons (id),
  owner_sort        text COLLATE "C" NOT NULL DEFAULT '',
  business_function text NOT NULL,
  classification    integer NOT NULL CHECK (classification BETWEEN 0 AND 3),
  confidentiality   integer NOT NULL CHECK (confidentiality BETWEEN 1 AND 4),
  integrity         integer NOT NULL CHECK (integrity BETWEEN 1 AND 4),
  availability      integer NOT NULL CHECK (availability BETWEEN 1 AND 4),
  authenticity      integer NOT NULL CHECK (authenticity BETWEEN 1 AND 4),
  lifecycle_status  text COLLATE "C" NOT NULL,
  archived_at       text COLLATE "C",
  archive_reason    text,
  archived          boolean GENERATED ALWAYS AS (archived_at IS NOT NULL) STORED,
  version           bigint NOT NULL,
  created_at        text COLLATE "C" NOT NULL,
  updated_at        text COLLATE "C" NOT NULL,
  search_text       text COLLATE "C" NOT NULL
);
-- One index per sort: (archived, sort column, id) serves keyset pages in both directions.
CREATE INDEX assets_by_name ON assets (archived, name, id);
CREATE INDEX assets_by_type ON assets (archived, type, id);
CREATE INDEX assets_by_classification ON assets (archived, classification, id);
CREATE INDEX assets_by_lifecycle_status ON assets (archived, lifecycle_status, id);
CREATE INDEX assets_by_owner_name ON assets (archived, owner_sort, id);
CREATE INDEX assets_by_created_at ON assets (archived, created_at, id);
CREATE INDEX assets_by_updated_at ON assets (archived, updated_at, id);
CREATE INDEX assets_by_owner ON assets (owner_id, archived);

CREATE FUNCTION isms_persons_rename_owner_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assets SET owner_sort = NEW.name WHERE owner_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER persons_rename_owner_sort AFTER UPDATE OF name ON persons
  FOR EACH ROW EXECUTE FUNCTION isms_persons_rename_owner_sort();

CREATE TABLE asset_dependencies (
  asset_id      text COLLATE "C" NOT NULL REFERENCES assets (id),
  depends_on_id text COLLATE "C" NOT NULL REFERENCES assets (id),
  PRIMARY KEY (asset_id, depends_on_id),
  CHECK (asset_id <> depends_on_id)
);
CREATE INDEX asset_dependencies_by_target ON asset_dependencies (depends_on_id);

CREATE TABLE ledger_entries (
  seq         bigint PRIMARY KEY CHECK (seq > 0),
  at          text COLLATE "C" NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,
  object_type text NOT NULL,
  object_id   text COLLATE "C" NOT NULL,
  change      text NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX ledger_entries_by_object ON ledger_entries (object_id, seq);

CREATE TABLE ledger_checkpoints (
  seq       bigint PRIMARY KEY REFERENCES ledger_entries (seq),
  hash      text NOT NULL,
  at        text COLLATE "C" NOT NULL,
  key_id    text NOT NULL,
  signature text NOT NULL
);
)sql";

}  // namespace

const std::vector<store_detail::Migration>& builtin_migrations() {
  static const std::vector<store_detail::Migration> kMigrations = {
      {1, "initial_schema", kV1},
  };
  return kMigrations;
}

}  // namespace isms::postgres
