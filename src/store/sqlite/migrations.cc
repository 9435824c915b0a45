// SQLite schema. Tables are STRICT (types enforced). Text sorts by bytes (BINARY).
// Times are RFC 3339 UTC text with microseconds, which sorts in time order.
#include "store/sqlite/migrations.h"

namespace isms::sqlite {

namespace {

// v1: organization, people, assets, ledger.
constexpr const char* kV1 = R"sql(
CREATE TABLE organizations (
  id         TEXT PRIMARY KEY,
  singleton  INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE roles (
  id          TEXT PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  ordinal     INTEGER NOT NULL UNIQUE
) STRICT;

-- email_key: the case-folded email (store/text.h), unique.
CREATE TABLE persons (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  email             TEXT NOT NULL,
  email_key         TEXT NOT NULL UNIQUE,
  job_title         TEXT NOT NULL,
  employment_status TEXT NOT NULL,
  created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX persons_by_name ON persons (name, id);

CREATE TABLE person_roles (
  person_id TEXT NOT NULL REFERENCES persons (id),
  role_id   TEXT NOT NULL REFERENCES roles (id),
  position  INTEGER NOT NULL,
  PRIMARY KEY (person_id, role_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_roles_by_role ON person_roles (role_id);

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,
  person_id            TEXT NOT NULL REFERENCES persons (id),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
  created_at           TEXT NOT NULL
) STRICT;
CREATE INDEX users_by_person ON users (person_id);

-- classification: rank 0 public .. 3 customer_data, so it sorts by sensitivity.
-- owner_sort: the owner's name ('' without owner), kept by the store and the trigger
-- below, so the owner_name sort runs on an index.
-- search_text: case-folded name, description and business function (store/text.h).
CREATE TABLE assets (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  type              TEXT NOT NULL,
  description       TEXT NOT NULL,
  owner_id          TEXT REFERENCES persons (id),
  owner_sort        TEXT NOT NULL DEFAULT '',
  business_function TEXT NOT NULL,
  classification    INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 3),
  confidentiality   INTEGER NOT NULL CHECK (confidentiality BETWEEN 1 AND 4),
  integrity         INTEGER NOT NULL CHECK (integrity BETWEEN 1 AND 4),
  availability      INTEGER NOT NULL CHECK (availability BETWEEN 1 AND 4),
  authenticity      INTEGER NOT NULL CHECK (authenticity BETWEEN 1 AND 4),
  lifecycle_status  TEXT NOT NULL,
  archived_at       TEXT,
  archive_reason    TEXT,
  archived          INTEGER GENERATED ALWAYS AS (archived_at IS NOT NULL) VIRTUAL,
  version           INTEGER NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  search_text       TEXT NOT NULL
) STRICT;
-- One index per sort: (archived, sort column, id) serves keyset pages in both directions.
CREATE INDEX assets_by_name ON assets (archived, name, id);
CREATE INDEX assets_by_type ON assets (archived, type, id);
CREATE INDEX assets_by_classification ON assets (archived, classification, id);
CREATE INDEX assets_by_lifecycle_status ON assets (archived, lifecycle_status, id);
CREATE INDEX assets_by_owner_name ON assets (archived, owner_sort, id);
CREATE INDEX assets_by_created_at ON assets (archived, created_at, id);
CREATE INDEX assets_by_updated_at ON assets (archived, updated_at, id);
CREATE INDEX assets_by_owner ON assets (owner_id, archived);

CREATE TRIGGER persons_rename_owner_sort AFTER UPDATE OF name ON persons
BEGIN
  UPDATE assets SET owner_sort = NEW.name WHERE owner_id = NEW.id;
END;

CREATE TABLE asset_dependencies (
  asset_id      TEXT NOT NULL REFERENCES assets (id),
  depends_on_id TEXT NOT NULL REFERENCES assets (id),
  PRIMARY KEY (asset_id, depends_on_id),
  CHECK (asset_id <> depends_on_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_dependencies_by_target ON asset_dependencies (depends_on_id);

-- seq is the rowid: storage order is seq order.
CREATE TABLE ledger_entries (
  seq         INTEGER PRIMARY KEY CHECK (seq > 0),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  change      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_entries_by_object ON ledger_entries (object_id, seq);

CREATE TABLE ledger_checkpoints (
  seq       INTEGER PRIMARY KEY REFERENCES ledger_entries (seq),
  hash      TEXT NOT NULL,
  at        TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
) STRICT;
)sql";

}  // namespace

const std::vector<store_detail::Migration>& builtin_migrations() {
  static const std::vector<store_detail::Migration> kMigrations = {
      {1, "initial_schema", kV1},
  };
  return kMigrations;
}

}  // namespace isms::sqlite
