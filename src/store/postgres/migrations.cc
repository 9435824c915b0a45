// PostgreSQL schema. Text columns that are compared or sorted use COLLATE "C" so that
// ordering is by bytes, exactly as on SQLite, whatever the database's locale; user text
// sorts through folded key columns (v2). Times are
// RFC 3339 UTC text with microseconds, which sorts in time order.
#include "store/postgres/migrations.h"

#include <algorithm>

#include "domain/access.h"
#include "store/codec.h"
#include "store/text.h"

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

// v2: case-insensitive sorting and indexed search. Mirrors sqlite/migrations.cc v2.
// - name_sort (assets, persons) and owner_sort hold store/text.h sort_key() values,
//   computed in C++: lower() folds by the database's locale, not like text.cc. The C++
//   step below fills them, then builds the indexes (cheaper than updating them per row).
// - The rename trigger copies persons.name_sort; a rename that leaves it behind is refused.
// - pg_trgm (contrib, shipped with Debian's postgresql-15, a trusted extension since
//   PostgreSQL 13) gives a GIN index that serves search_text LIKE '%...%' (recheck on the
//   row, so results are exactly the LIKE's). It is installed in schema public unless
//   already installed elsewhere: not in the isms schema, whose lifetime may differ from
//   the database's. Its operator class is named through the schema it lives in.
constexpr const char* kV2 = R"sql(
ALTER TABLE persons ADD COLUMN name_sort text COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX persons_by_name;
ALTER TABLE assets ADD COLUMN name_sort text COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX assets_by_name;

CREATE OR REPLACE FUNCTION isms_persons_rename_owner_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assets SET owner_sort = NEW.name_sort WHERE owner_id = NEW.id;
  RETURN NULL;
END
$$;
DROP TRIGGER persons_rename_owner_sort ON persons;
CREATE TRIGGER persons_rename_owner_sort AFTER UPDATE OF name_sort ON persons
  FOR EACH ROW EXECUTE FUNCTION isms_persons_rename_owner_sort();
CREATE FUNCTION isms_persons_rename_needs_name_sort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'persons.name changed without persons.name_sort (store/text.h sort_key)';
END
$$;
CREATE TRIGGER persons_rename_needs_name_sort BEFORE UPDATE OF name ON persons
  FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name
                     AND NEW.name_sort IS NOT DISTINCT FROM OLD.name_sort)
  EXECUTE FUNCTION isms_persons_rename_needs_name_sort();

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE EXTENSION pg_trgm SCHEMA public;
  END IF;
END
$$;
)sql";

// Run after the backfill: building an index once is cheaper than maintaining it per row.
constexpr const char* kV2Indexes[] = {
    "CREATE INDEX persons_by_name ON persons (name_sort, id)",
    "CREATE INDEX assets_by_name ON assets (archived, name_sort, id)",
    R"sql(DO $$
DECLARE
  trgm text := (SELECT n.nspname FROM pg_extension e
                JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm');
BEGIN
  EXECUTE format('CREATE INDEX assets_search_trgm ON assets USING gin (search_text %I.gin_trgm_ops)',
                 trgm);
END
$$)sql",
};

// Rows per UPDATE in the backfill: one round trip per batch instead of per row.
constexpr size_t kBatch = 500;

// Fills the v2 sort keys of existing rows. Persons first: the rename trigger then copies
// each owner's key into assets.owner_sort.
Status backfill_v2(store_detail::MigrationDb& db) {
  for (const char* table : {"persons", "assets"}) {
    std::vector<std::pair<std::string, std::string>> rows;  // id, name
    ISMS_TRY(db.query(std::string("SELECT id, name FROM ") + table, {},
                      [&](const store_detail::Row& row) -> Status {
                        rows.emplace_back(row.text(0), row.text(1));
                        return ok_status();
                      }));
    for (size_t start = 0; start < rows.size(); start += kBatch) {
      size_t end = std::min(rows.size(), start + kBatch);
      store_detail::SqlParams params;
      std::string values;
      for (size_t i = start; i < end; ++i) {
        params.emplace_back(rows[i].first);
        params.emplace_back(store_detail::sort_key(rows[i].second));
        values += (i > start ? ", ($" : "($") + std::to_string(params.size() - 1) + ", $" +
                  std::to_string(params.size()) + ")";
      }
      ISMS_TRY(db.exec(std::string("UPDATE ") + table + " AS t SET name_sort = v.k FROM (VALUES " +
                           values + ") AS v (id, k) WHERE t.id = v.id",
                       params));
    }
  }
  for (const char* sql : kV2Indexes) ISMS_TRY(db.exec(sql, {}));
  return ok_status();
}

// v3: access control and authentication. Mirrors sqlite/migrations.cc v3 (see there for
// what each table is for); booleans are boolean, auth_events.id an identity column
// (increasing; a sequence never goes back, even after a rollback, so ids may skip).
// The tables are new or gain columns with constant defaults (no table rewrite), so the
// indexes are created right away.
constexpr const char* kV3 = R"sql(
ALTER TABLE persons ADD COLUMN access_review_required boolean NOT NULL DEFAULT false;
ALTER TABLE persons ADD COLUMN version bigint NOT NULL DEFAULT 1;

ALTER TABLE roles ADD COLUMN permissions text NOT NULL DEFAULT '[]';
ALTER TABLE roles ADD COLUMN builtin boolean NOT NULL DEFAULT false;
UPDATE roles SET builtin = true;

ALTER TABLE users ADD COLUMN disabled boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN access_expires_at text COLLATE "C";
ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until text COLLATE "C";
ALTER TABLE users ADD COLUMN totp_secret_sealed text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 1;
UPDATE users SET password_changed_at = created_at;
CREATE INDEX users_with_totp_secret ON users (id) WHERE totp_secret_sealed <> '';

CREATE TABLE recovery_codes (
  user_id   text COLLATE "C" NOT NULL REFERENCES users (id),
  code_hash text COLLATE "C" NOT NULL,
  used_at   text COLLATE "C",
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
  id_hash        text COLLATE "C" PRIMARY KEY,
  user_id        text COLLATE "C" NOT NULL REFERENCES users (id),
  state          text COLLATE "C" NOT NULL,
  csrf_token     text NOT NULL,
  created_at     text COLLATE "C" NOT NULL,
  last_seen_at   text COLLATE "C" NOT NULL,
  expires_at     text COLLATE "C" NOT NULL,
  remote_address text NOT NULL,
  user_agent     text NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           text COLLATE "C" PRIMARY KEY,
  user_id      text COLLATE "C" NOT NULL REFERENCES users (id),
  name         text NOT NULL,
  secret_hash  text NOT NULL,
  scope        text COLLATE "C" NOT NULL,
  registers    text NOT NULL,
  created_at   text COLLATE "C" NOT NULL,
  expires_at   text COLLATE "C" NOT NULL,
  revoked_at   text COLLATE "C",
  last_used_at text COLLATE "C"
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
CREATE INDEX api_tokens_by_created_at ON api_tokens (created_at, id);

CREATE TABLE auth_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             text COLLATE "C" NOT NULL,
  kind           text COLLATE "C" NOT NULL,
  username       text NOT NULL,
  user_id        text COLLATE "C",
  remote_address text NOT NULL,
  detail         text NOT NULL
);
CREATE INDEX auth_events_by_user ON auth_events (user_id, id);

CREATE TABLE working_groups (
  id          text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  name_key    text COLLATE "C" NOT NULL UNIQUE,
  name_sort   text COLLATE "C" NOT NULL,
  description text NOT NULL,
  version     bigint NOT NULL,
  created_at  text COLLATE "C" NOT NULL,
  updated_at  text COLLATE "C" NOT NULL
);
CREATE INDEX working_groups_by_name ON working_groups (name_sort, id);

CREATE TABLE working_group_members (
  group_id  text COLLATE "C" NOT NULL REFERENCES working_groups (id),
  person_id text COLLATE "C" NOT NULL REFERENCES persons (id),
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX working_group_members_by_person ON working_group_members (person_id, group_id);

CREATE TABLE asset_groups (
  asset_id text COLLATE "C" NOT NULL REFERENCES assets (id),
  group_id text COLLATE "C" NOT NULL REFERENCES working_groups (id),
  PRIMARY KEY (asset_id, group_id)
);
CREATE INDEX asset_groups_by_group ON asset_groups (group_id, asset_id);

CREATE TABLE object_grants (
  object_type text COLLATE "C" NOT NULL,
  object_id   text COLLATE "C" NOT NULL,
  person_id   text COLLATE "C" NOT NULL REFERENCES persons (id),
  granted_by  text NOT NULL,
  granted_at  text COLLATE "C" NOT NULL,
  PRIMARY KEY (object_type, object_id, person_id)
);
CREATE INDEX object_grants_by_person ON object_grants (person_id, object_type, object_id);

CREATE TABLE organization_settings (
  singleton              integer PRIMARY KEY CHECK (singleton = 1),
  mfa_required_role_keys text NOT NULL,
  session_idle_minutes   integer NOT NULL,
  session_absolute_hours integer NOT NULL,
  version                bigint NOT NULL
);

ALTER TABLE assets ADD COLUMN description_sealed text NOT NULL DEFAULT '';
CREATE INDEX assets_with_description_sealed ON assets (id) WHERE description_sealed <> '';
)sql";

// Fills the permissions of the built-in roles from builtin_role_permissions (v3: every role
// then existing was seeded and built in; v5 runs it again for the new permissions).
Status backfill_v3(store_detail::MigrationDb& db) {
  std::vector<std::pair<std::string, std::string>> roles;  // id, key
  ISMS_TRY(db.query("SELECT id, key FROM roles WHERE builtin", {},
                    [&](const store_detail::Row& row) -> Status {
                      roles.emplace_back(row.text(0), row.text(1));
                      return ok_status();
                    }));
  for (const auto& [id, key] : roles) {
    std::vector<std::string> permissions = builtin_role_permissions(key);
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    ISMS_TRY(db.exec("UPDATE roles SET permissions = $2 WHERE id = $1",
                     {id, store_detail::encode_string_list(permissions)}));
  }
  return ok_status();
}

}  // namespace

const std::vector<store_detail::Migration>& builtin_migrations() {
  static const std::vector<store_detail::Migration> kMigrations = {
      {1, "initial_schema", kV1},
      {2, "folded_sort_keys_and_trigram_search", kV2, backfill_v2},
      {3, "access_control_and_authentication", kV3, backfill_v3},
      {4, "requirements_catalogue", kCatalogueSchemaSql},
      // Built-in roles gain the documents and catalogue permissions: recomputed as in v3.
      {5, "documents", kDocumentsSchemaSql, backfill_v3},
      // Built-in roles gain the risk, control and SoA permissions: recomputed as in v3.
      {6, "risks", kRisksSchemaSql, backfill_v3},
      {7, "controls_evidence_soa", kControlsSchemaSql},
      // Built-in roles gain the calendar, objective, audit, review, exception, incident and
      // notification permissions: recomputed as in v3.
      {8, "operational_records", kRecordsSchemaSql, backfill_v3},
  };
  return kMigrations;
}

}  // namespace isms::postgres
