// SQLite schema. Tables are STRICT (types enforced). Text sorts by bytes (BINARY); user
// text sorts through folded key columns (v2).
// Times are RFC 3339 UTC text with microseconds, which sorts in time order.
#include "store/sqlite/migrations.h"

#include <algorithm>

#include "domain/access.h"
#include "store/codec.h"
#include "store/text.h"

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

// v2: case-insensitive sorting and indexed search.
// - name_sort (assets, persons) and owner_sort hold store/text.h sort_key() values
//   (folded name, U+0001, exact name), computed in C++ because SQLite's lower() folds only
//   ASCII. The C++ step below fills them for existing rows; the sort indexes move to them.
// - persons_rename_owner_sort now copies persons.name_sort, so whoever renames a person
//   must set name_sort = sort_key(name) in the same UPDATE; the guard trigger refuses a
//   rename that leaves name_sort behind instead of letting the owner sort go stale.
// - assets_search: an FTS5 trigram index over search_text (already folded, hence
//   case_sensitive 1: the tokenizer must not fold differently from C++). External content
//   keyed by search_rowid, a stable integer of our own: the implicit rowid of a table
//   without INTEGER PRIMARY KEY may be renumbered by VACUUM or a dump and reload, which
//   would silently detach the index. Triggers keep it in step in the writing transaction.
constexpr const char* kV2 = R"sql(
ALTER TABLE persons ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';
DROP INDEX persons_by_name;
CREATE INDEX persons_by_name ON persons (name_sort, id);

ALTER TABLE assets ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN search_rowid INTEGER;
UPDATE assets SET search_rowid = rowid;
CREATE UNIQUE INDEX assets_by_search_rowid ON assets (search_rowid);
DROP INDEX assets_by_name;
CREATE INDEX assets_by_name ON assets (archived, name_sort, id);

DROP TRIGGER persons_rename_owner_sort;
CREATE TRIGGER persons_rename_owner_sort AFTER UPDATE OF name_sort ON persons
BEGIN
  UPDATE assets SET owner_sort = NEW.name_sort WHERE owner_id = NEW.id;
END;
CREATE TRIGGER persons_rename_needs_name_sort BEFORE UPDATE OF name ON persons
  WHEN NEW.name IS NOT OLD.name AND NEW.name_sort IS OLD.name_sort
BEGIN
  SELECT RAISE(ABORT, 'persons.name changed without persons.name_sort (store/text.h sort_key)');
END;

CREATE VIRTUAL TABLE assets_search USING fts5(
  search_text, content = 'assets', content_rowid = 'search_rowid',
  tokenize = 'trigram case_sensitive 1');
CREATE TRIGGER assets_search_insert AFTER INSERT ON assets
BEGIN
  INSERT INTO assets_search (rowid, search_text) VALUES (NEW.search_rowid, NEW.search_text);
END;
CREATE TRIGGER assets_search_update AFTER UPDATE OF search_text, search_rowid ON assets
  WHEN NEW.search_text IS NOT OLD.search_text OR NEW.search_rowid IS NOT OLD.search_rowid
BEGIN
  INSERT INTO assets_search (assets_search, rowid, search_text)
    VALUES ('delete', OLD.search_rowid, OLD.search_text);
  INSERT INTO assets_search (rowid, search_text) VALUES (NEW.search_rowid, NEW.search_text);
END;
CREATE TRIGGER assets_search_delete AFTER DELETE ON assets
BEGIN
  INSERT INTO assets_search (assets_search, rowid, search_text)
    VALUES ('delete', OLD.search_rowid, OLD.search_text);
END;
INSERT INTO assets_search (assets_search) VALUES ('rebuild');
)sql";

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
    std::string update = std::string("UPDATE ") + table + " SET name_sort = ?2 WHERE id = ?1";
    for (const auto& [id, name] : rows) {
      ISMS_TRY(db.exec(update, {id, store_detail::sort_key(name)}));
    }
  }
  return ok_status();
}

// v3: access control and authentication.
// - persons: version (optimistic locking), access_review_required.
// - roles: permissions (JSON array of permission names, domain/access.h) and builtin.
//   Every role that exists before v3 was seeded: builtin = 1, and the C++ step below fills
//   its permissions from builtin_role_permissions(key).
// - users: account state (disabled, expiry, lock-out), TOTP, password age, version.
//   password_changed_at of existing users starts at their created_at.
// - recovery_codes, sessions, api_tokens, auth_events: authentication records.
//   auth_events.id is AUTOINCREMENT: ids only grow, even after old events are deleted.
//   auth_events.user_id has no foreign key: an event log must never refuse an event.
// - working_groups (+ members), asset_groups, object_grants: who may read confidential and
//   customer_data assets. name_key (fold_case) makes group names unique ignoring case;
//   name_sort (sort_key) orders them like persons. The indexes serve the read predicate
//   of list_assets/count_assets (sqlite_assets.cc, access_predicate): a reader's groups'
//   assets (working_group_members by person, asset_groups by group) and a reader's grants
//   (object_grants by person) are looked up once per query, not per row.
// - organization_settings: one row (singleton), absent until first written.
// - assets_by_classification gains owner_id and lifecycle_status after id (the keyset order
//   (archived, classification, id) is unchanged): counts and totals under a read scope
//   then read only this index, never the table (~25 ms at 10^5 assets instead of ~90).
// - assets.description_sealed: encrypted description of confidential/customer_data assets.
//   The partial indexes keep key rotation's walk over sealed values cheap.
constexpr const char* kV3 = R"sql(
ALTER TABLE persons ADD COLUMN access_review_required INTEGER NOT NULL DEFAULT 0
  CHECK (access_review_required IN (0, 1));
ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

ALTER TABLE roles ADD COLUMN permissions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE roles ADD COLUMN builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1));
UPDATE roles SET builtin = 1;

ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
ALTER TABLE users ADD COLUMN access_expires_at TEXT;
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TEXT;
ALTER TABLE users ADD COLUMN totp_secret_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1));
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE users SET password_changed_at = created_at;
CREATE INDEX users_with_totp_secret ON users (id) WHERE totp_secret_sealed <> '';

CREATE TABLE recovery_codes (
  user_id   TEXT NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  used_at   TEXT,
  PRIMARY KEY (user_id, code_hash)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  id_hash        TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES users (id),
  state          TEXT NOT NULL,
  csrf_token     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  user_agent     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id),
  name         TEXT NOT NULL,
  secret_hash  TEXT NOT NULL,
  scope        TEXT NOT NULL,
  registers    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_used_at TEXT
) STRICT;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
CREATE INDEX api_tokens_by_created_at ON api_tokens (created_at, id);

CREATE TABLE auth_events (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  at             TEXT NOT NULL,
  kind           TEXT NOT NULL,
  username       TEXT NOT NULL,
  user_id        TEXT,
  remote_address TEXT NOT NULL,
  detail         TEXT NOT NULL
) STRICT;
CREATE INDEX auth_events_by_user ON auth_events (user_id, id);

CREATE TABLE working_groups (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,
  name_sort   TEXT NOT NULL,
  description TEXT NOT NULL,
  version     INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX working_groups_by_name ON working_groups (name_sort, id);

CREATE TABLE working_group_members (
  group_id  TEXT NOT NULL REFERENCES working_groups (id),
  person_id TEXT NOT NULL REFERENCES persons (id),
  PRIMARY KEY (group_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX working_group_members_by_person ON working_group_members (person_id, group_id);

CREATE TABLE asset_groups (
  asset_id TEXT NOT NULL REFERENCES assets (id),
  group_id TEXT NOT NULL REFERENCES working_groups (id),
  PRIMARY KEY (asset_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX asset_groups_by_group ON asset_groups (group_id, asset_id);

CREATE TABLE object_grants (
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  person_id   TEXT NOT NULL REFERENCES persons (id),
  granted_by  TEXT NOT NULL,
  granted_at  TEXT NOT NULL,
  PRIMARY KEY (object_type, object_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX object_grants_by_person ON object_grants (person_id, object_type, object_id);

CREATE TABLE organization_settings (
  singleton              INTEGER PRIMARY KEY CHECK (singleton = 1),
  mfa_required_role_keys TEXT NOT NULL,
  session_idle_minutes   INTEGER NOT NULL,
  session_absolute_hours INTEGER NOT NULL,
  version                INTEGER NOT NULL
) STRICT;

DROP INDEX assets_by_classification;
CREATE INDEX assets_by_classification
  ON assets (archived, classification, id, owner_id, lifecycle_status);

ALTER TABLE assets ADD COLUMN description_sealed TEXT NOT NULL DEFAULT '';
CREATE INDEX assets_with_description_sealed ON assets (id) WHERE description_sealed <> '';
)sql";

// Fills the permissions of the built-in roles from builtin_role_permissions (v3: every role
// then existing was seeded and built in; v5 runs it again for the new permissions).
Status backfill_v3(store_detail::MigrationDb& db) {
  std::vector<std::pair<std::string, std::string>> roles;  // id, key
  ISMS_TRY(db.query("SELECT id, key FROM roles WHERE builtin = 1", {},
                    [&](const store_detail::Row& row) -> Status {
                      roles.emplace_back(row.text(0), row.text(1));
                      return ok_status();
                    }));
  for (const auto& [id, key] : roles) {
    std::vector<std::string> permissions = builtin_role_permissions(key);
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    ISMS_TRY(db.exec("UPDATE roles SET permissions = ?2 WHERE id = ?1",
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

}  // namespace isms::sqlite
