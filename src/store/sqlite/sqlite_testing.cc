// TEST ONLY (store/testing.h): inspecting and changing a SQLite database behind the
// store's back.
#include "store/codec.h"
#include "store/sqlite/sqlite_conn.h"
#include "store/testing.h"
#include "store/text.h"

namespace isms::sqlite {

Result<std::vector<std::string>> table_names_for_testing(const std::string& path) {
  ISMS_ASSIGN(auto conn, SqliteConn::open(path));
  std::vector<std::string> names;
  ISMS_TRY(conn->query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", {},
                       [&](const store_detail::Row& row) -> Status {
                         names.push_back(row.text(0));
                         return ok_status();
                       }));
  return names;
}

Status insert_v1_rows_for_testing(const std::string& path, const std::vector<Person>& persons,
                                  const std::vector<Asset>& assets) {
  ISMS_ASSIGN(auto conn, SqliteConn::open(path));
  ISMS_TRY(conn->exec_script("BEGIN IMMEDIATE"));
  for (const auto& p : persons) {
    ISMS_TRY(
        conn->exec("INSERT INTO persons (id, name, email, email_key, job_title, employment_status, "
                   "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   {p.id, p.name, p.email, store_detail::fold_case(p.email), p.job_title,
                    std::string(employment_status_name(p.employment_status)), p.created_at}));
  }
  for (const auto& a : assets) {
    auto params = store_detail::asset_params(a);
    params.resize(18);  // v1 has no name_sort
    ISMS_TRY(conn->exec(
        "INSERT INTO assets (id, name, type, description, owner_id, business_function, "
        "classification, confidentiality, integrity, availability, authenticity, "
        "lifecycle_status, archived_at, archive_reason, version, created_at, updated_at, "
        "search_text, owner_sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15, ?16, ?17, ?18, coalesce((SELECT name FROM persons WHERE id = ?5), ''))",
        params));
  }
  return conn->exec_script("COMMIT");
}

Status insert_v2_rows_for_testing(const std::string& path, const std::vector<Role>& roles,
                                  const std::vector<Person>& persons,
                                  const std::vector<User>& users,
                                  const std::vector<Asset>& assets) {
  ISMS_ASSIGN(auto conn, SqliteConn::open(path));
  ISMS_TRY(conn->exec_script("BEGIN IMMEDIATE"));
  int64_t ordinal = 0;
  for (const auto& r : roles) {
    ISMS_TRY(
        conn->exec("INSERT INTO roles (id, key, name, description, ordinal) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                   {r.id, r.key, r.name, r.description, ++ordinal}));
  }
  for (const auto& p : persons) {
    auto params = store_detail::person_params(p);
    params.resize(8);  // v2 has no access_review_required, version
    ISMS_TRY(conn->exec(
        "INSERT INTO persons (id, name, email, email_key, job_title, "
        "employment_status, created_at, name_sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params));
    int64_t position = 0;
    for (const auto& role_id : p.role_ids) {
      ISMS_TRY(
          conn->exec("INSERT INTO person_roles (person_id, role_id, position) "
                     "VALUES (?1, ?2, ?3)",
                     {p.id, role_id, position++}));
    }
  }
  for (const auto& u : users) {
    auto params = store_detail::user_params(u);
    params.resize(6);  // v2: id .. created_at
    ISMS_TRY(
        conn->exec("INSERT INTO users (id, username, person_id, password_hash, "
                   "must_change_password, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   params));
  }
  for (const auto& a : assets) {
    auto params = store_detail::asset_params(a);
    params.resize(19);  // v2 has no description_sealed
    ISMS_TRY(conn->exec(
        "INSERT INTO assets (id, name, type, description, owner_id, business_function, "
        "classification, confidentiality, integrity, availability, authenticity, "
        "lifecycle_status, archived_at, archive_reason, version, created_at, updated_at, "
        "search_text, name_sort, owner_sort, search_rowid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
        "coalesce((SELECT name_sort FROM persons WHERE id = ?5), ''), "
        "(SELECT coalesce(max(search_rowid), 0) + 1 FROM assets))",
        params));
  }
  return conn->exec_script("COMMIT");
}

Status rename_person_for_testing(const std::string& path, const std::string& person_id,
                                 const std::string& name, bool with_sort_key) {
  ISMS_ASSIGN(auto conn, SqliteConn::open(path));
  if (with_sort_key) {
    ISMS_TRY(conn->exec("UPDATE persons SET name = ?2, name_sort = ?3 WHERE id = ?1",
                        {person_id, name, store_detail::sort_key(name)}));
  } else {
    ISMS_TRY(conn->exec("UPDATE persons SET name = ?2 WHERE id = ?1", {person_id, name}));
  }
  return ok_status();
}

Status check_search_index_for_testing(const std::string& path) {
  ISMS_ASSIGN(auto conn, SqliteConn::open(path));
  // rank 1: also compare the index with the content table (assets).
  ISMS_TRY(conn->exec(
      "INSERT INTO assets_search (assets_search, rank) VALUES ('integrity-check', 1)", {}));
  return ok_status();
}

}  // namespace isms::sqlite
