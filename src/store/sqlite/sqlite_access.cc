// SqliteTx: working groups, object grants, organization settings and sealed values.
#include <map>

#include "store/codec.h"
#include "store/sqlite/sqlite_tx.h"
#include "store/text.h"

namespace isms::sqlite {

using store_detail::Row;

namespace {

constexpr const char* kGroupColumns =
    "SELECT id, name, description, version, created_at, updated_at FROM working_groups ";
constexpr const char* kGrantColumns =
    "SELECT object_type, object_id, person_id, granted_by, granted_at FROM object_grants ";

// The sealed columns, in (table, column) order. Table and column names come only from
// this list, never from the caller.
struct SealedColumn {
  const char* table;
  const char* column;
  const char* list_first;  // ?1 limit
  const char* list_after;  // ?1 row id, ?2 limit
  const char* update;      // ?1 row id, ?2 sealed value
};
constexpr SealedColumn kSealedColumns[] = {
    {"assets", "description_sealed",
     "SELECT id, description_sealed FROM assets WHERE description_sealed <> '' "
     "ORDER BY id LIMIT ?1",
     "SELECT id, description_sealed FROM assets WHERE description_sealed <> '' AND id > ?1 "
     "ORDER BY id LIMIT ?2",
     "UPDATE assets SET description_sealed = ?2 WHERE id = ?1"},
    {"controls", "description_sealed",
     "SELECT id, description_sealed FROM controls WHERE description_sealed <> '' "
     "ORDER BY id LIMIT ?1",
     "SELECT id, description_sealed FROM controls WHERE description_sealed <> '' AND id > ?1 "
     "ORDER BY id LIMIT ?2",
     "UPDATE controls SET description_sealed = ?2 WHERE id = ?1"},
    // Sealed evidence files: the row id is the sha256 (plain blobs hold no sealed value).
    // The sealed value is ASCII text kept in a BLOB column, hence the casts.
    {"evidence_blobs", "content",
     "SELECT sha256, CAST(content AS TEXT) FROM evidence_blobs WHERE sealed = 1 "
     "ORDER BY sha256 LIMIT ?1",
     "SELECT sha256, CAST(content AS TEXT) FROM evidence_blobs WHERE sealed = 1 AND sha256 > ?1 "
     "ORDER BY sha256 LIMIT ?2",
     "UPDATE evidence_blobs SET content = CAST(?2 AS BLOB) WHERE sha256 = ?1 AND sealed = 1"},
    {"users", "totp_secret_sealed",
     "SELECT id, totp_secret_sealed FROM users WHERE totp_secret_sealed <> '' "
     "ORDER BY id LIMIT ?1",
     "SELECT id, totp_secret_sealed FROM users WHERE totp_secret_sealed <> '' AND id > ?1 "
     "ORDER BY id LIMIT ?2",
     "UPDATE users SET totp_secret_sealed = ?2 WHERE id = ?1"},
};

}  // namespace

// --- Working groups -------------------------------------------------------------------

Status SqliteTx::write_group_members(const WorkingGroup& g) {
  for (const auto& person_id : g.member_ids) {
    auto inserted = conn_->exec(
        "INSERT INTO working_group_members (group_id, person_id) VALUES (?1, ?2) "
        "ON CONFLICT DO NOTHING",
        {g.id, person_id});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("member_ids", "no person with id " + person_id);
      }
      return std::move(inserted).error();
    }
  }
  return ok_status();
}

Status SqliteTx::load_group_members(std::vector<WorkingGroup>* groups) {
  if (groups->empty()) return ok_status();
  if (groups->size() == 1) {
    return conn_->query(
        "SELECT person_id FROM working_group_members WHERE group_id = ?1 ORDER BY person_id",
        {groups->front().id}, [&](const Row& row) -> Status {
          groups->front().member_ids.push_back(row.text(0));
          return ok_status();
        });
  }
  std::map<std::string, WorkingGroup*> by_id;
  for (auto& g : *groups) by_id[g.id] = &g;
  return conn_->query(
      "SELECT group_id, person_id FROM working_group_members ORDER BY group_id, person_id", {},
      [&](const Row& row) -> Status {
        auto it = by_id.find(row.text(0));
        if (it != by_id.end()) it->second->member_ids.push_back(row.text(1));
        return ok_status();
      });
}

namespace {

Result<bool> group_name_taken(SqliteConn& conn, const WorkingGroup& g) {
  bool taken = false;
  ISMS_TRY(conn.query("SELECT 1 FROM working_groups WHERE name_key = ?1 AND id <> ?2",
                      {store_detail::fold_case(g.name), g.id}, [&](const Row&) -> Status {
                        taken = true;
                        return ok_status();
                      }));
  return taken;
}

}  // namespace

Status SqliteTx::insert_group(const WorkingGroup& g) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(bool taken, group_name_taken(*conn_, g));
    if (taken) return Error::conflict("a working group named " + g.name + " exists");
    ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO working_groups (id, name, name_key, "
                                       "name_sort, description, version, created_at, updated_at) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                                       "ON CONFLICT DO NOTHING",
                                       store_detail::group_params(g)));
    if (n == 0) return Error::conflict("a working group with id " + g.id + " exists");
    return write_group_members(g);
  });
}

Result<WorkingGroup> SqliteTx::get_group(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<WorkingGroup> found;
  ISMS_TRY(conn_->query(std::string(kGroupColumns) + "WHERE id = ?1", {id},
                        [&](const Row& row) -> Status {
                          found.push_back(store_detail::decode_group(row));
                          return ok_status();
                        }));
  if (found.empty()) return Error::not_found("no working group with id " + id);
  ISMS_TRY(load_group_members(&found));
  return std::move(found.front());
}

Status SqliteTx::update_group(const WorkingGroup& g, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    std::optional<int64_t> stored;
    ISMS_TRY(conn_->query("SELECT version FROM working_groups WHERE id = ?1", {g.id},
                          [&](const Row& row) -> Status {
                            stored = row.int64(0);
                            return ok_status();
                          }));
    if (!stored) return Error::not_found("no working group with id " + g.id);
    if (*stored != expected_version) {
      return Error::conflict("working group " + g.id + " is at version " + std::to_string(*stored) +
                             ", not " + std::to_string(expected_version));
    }
    ISMS_ASSIGN(bool taken, group_name_taken(*conn_, g));
    if (taken) return Error::conflict("a working group named " + g.name + " exists");
    // Parameters as group_params (codec.h); created_at (?7) stays.
    ISMS_TRY(conn_->exec(
        "UPDATE working_groups SET name = ?2, name_key = ?3, name_sort = ?4, description = ?5, "
        "version = ?6, updated_at = ?8 WHERE id = ?1",
        store_detail::group_params(g)));
    ISMS_TRY(conn_->exec("DELETE FROM working_group_members WHERE group_id = ?1", {g.id}));
    return write_group_members(g);
  });
}

Result<std::vector<WorkingGroup>> SqliteTx::list_groups() {
  ISMS_TRY(usable());
  std::vector<WorkingGroup> groups;
  ISMS_TRY(conn_->query(std::string(kGroupColumns) + "ORDER BY name_sort, id", {},
                        [&](const Row& row) -> Status {
                          groups.push_back(store_detail::decode_group(row));
                          return ok_status();
                        }));
  ISMS_TRY(load_group_members(&groups));
  return groups;
}

Result<std::vector<std::string>> SqliteTx::groups_of_person(const std::string& person_id) {
  ISMS_TRY(usable());
  std::vector<std::string> ids;
  ISMS_TRY(conn_->query(
      "SELECT group_id FROM working_group_members WHERE person_id = ?1 ORDER BY group_id",
      {person_id}, [&](const Row& row) -> Status {
        ids.push_back(row.text(0));
        return ok_status();
      }));
  return ids;
}

// --- Object grants --------------------------------------------------------------------

Status SqliteTx::insert_grant(const ObjectGrant& g) {
  ISMS_TRY(writable());
  auto inserted = conn_->exec(
      "INSERT INTO object_grants (object_type, object_id, person_id, granted_by, granted_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
      store_detail::grant_params(g));
  if (!inserted.ok()) {
    if (inserted.error().code == ErrorCode::kInvalid) {
      return Error::invalid("person_id", "no person with id " + g.person_id);
    }
    return std::move(inserted).error();
  }
  if (*inserted == 0) {
    return Error::conflict("person " + g.person_id + " already holds a grant on " + g.object_type +
                           " " + g.object_id);
  }
  return ok_status();
}

Status SqliteTx::delete_grant(const std::string& object_type, const std::string& object_id,
                              const std::string& person_id) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(int64_t n, conn_->exec("DELETE FROM object_grants WHERE object_type = ?1 AND "
                                     "object_id = ?2 AND person_id = ?3",
                                     {object_type, object_id, person_id}));
  if (n == 0) {
    return Error::not_found("person " + person_id + " holds no grant on " + object_type + " " +
                            object_id);
  }
  return ok_status();
}

Result<std::vector<ObjectGrant>> SqliteTx::list_grants(const std::string& object_type,
                                                       const std::string& object_id) {
  ISMS_TRY(usable());
  std::vector<ObjectGrant> grants;
  ISMS_TRY(conn_->query(
      std::string(kGrantColumns) + "WHERE object_type = ?1 AND object_id = ?2 ORDER BY person_id",
      {object_type, object_id}, [&](const Row& row) -> Status {
        grants.push_back(store_detail::decode_grant(row));
        return ok_status();
      }));
  return grants;
}

Result<std::vector<ObjectGrant>> SqliteTx::list_grants_of_person(const std::string& person_id) {
  ISMS_TRY(usable());
  std::vector<ObjectGrant> grants;
  ISMS_TRY(conn_->query(
      std::string(kGrantColumns) + "WHERE person_id = ?1 ORDER BY object_type, object_id",
      {person_id}, [&](const Row& row) -> Status {
        grants.push_back(store_detail::decode_grant(row));
        return ok_status();
      }));
  return grants;
}

// --- Organization settings ------------------------------------------------------------

Result<OrganizationSettings> SqliteTx::get_settings() {
  ISMS_TRY(usable());
  OrganizationSettings settings;
  ISMS_TRY(conn_->query(
      "SELECT mfa_required_role_keys, session_idle_minutes, session_absolute_hours, version "
      "FROM organization_settings WHERE singleton = 1",
      {}, [&](const Row& row) -> Status {
        ISMS_ASSIGN(settings, store_detail::decode_settings(row));
        return ok_status();
      }));
  return settings;
}

Status SqliteTx::put_settings(const OrganizationSettings& s) {
  ISMS_TRY(writable());
  ISMS_TRY(conn_->exec(
      "INSERT INTO organization_settings (singleton, mfa_required_role_keys, "
      "session_idle_minutes, session_absolute_hours, version) VALUES (1, ?1, ?2, ?3, ?4) "
      "ON CONFLICT (singleton) DO UPDATE SET mfa_required_role_keys = "
      "excluded.mfa_required_role_keys, "
      "session_idle_minutes = excluded.session_idle_minutes, "
      "session_absolute_hours = excluded.session_absolute_hours, version = excluded.version",
      store_detail::settings_params(s)));
  return ok_status();
}

// --- Sealed values --------------------------------------------------------------------

Result<std::vector<SealedValue>> SqliteTx::list_sealed_values(
    const std::optional<SealedValue>& after, int limit) {
  ISMS_TRY(usable());
  if (limit < 1) return Error::invalid("limit", "must be at least 1");
  std::vector<SealedValue> out;
  for (const auto& c : kSealedColumns) {
    if (out.size() >= static_cast<size_t>(limit)) break;
    auto remaining = static_cast<int64_t>(limit - static_cast<int>(out.size()));
    auto collect = [&](const Row& row) -> Status {
      out.push_back(SealedValue{c.table, c.column, row.text(0), row.text(1)});
      return ok_status();
    };
    if (!after) {
      ISMS_TRY(conn_->query(c.list_first, {remaining}, collect));
      continue;
    }
    int order = std::string(c.table).compare(after->table);
    if (order == 0) order = std::string(c.column).compare(after->column);
    if (order < 0) continue;
    if (order == 0) {
      ISMS_TRY(conn_->query(c.list_after, {after->row_id, remaining}, collect));
    } else {
      ISMS_TRY(conn_->query(c.list_first, {remaining}, collect));
    }
  }
  return out;
}

Status SqliteTx::update_sealed_value(const SealedValue& value) {
  ISMS_TRY(writable());
  for (const auto& c : kSealedColumns) {
    if (value.table != c.table || value.column != c.column) continue;
    ISMS_ASSIGN(int64_t n, conn_->exec(c.update, {value.row_id, value.sealed}));
    if (n == 0) return Error::not_found("no " + value.table + " row with id " + value.row_id);
    return ok_status();
  }
  return Error::invalid("table", "no sealed column " + value.table + "." + value.column);
}

}  // namespace isms::sqlite
