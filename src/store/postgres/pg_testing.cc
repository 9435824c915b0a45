// TEST ONLY (store/testing.h): scratch schemas, schema inspection and writes behind the
// store's back for the conformance suite. Schema names cannot be parameters; they are
// checked to be [a-z0-9_] and quoted with PQescapeIdentifier.
#include <chrono>
#include <memory>
#include <thread>

#include "store/codec.h"
#include "store/postgres/pg_conn.h"
#include "store/testing.h"
#include "store/text.h"

namespace isms::postgres {

Result<std::vector<std::string>> table_names_for_testing(const std::string& url) {
  ISMS_ASSIGN(auto conn, PgConn::connect(url));
  std::vector<std::string> names;
  ISMS_TRY(conn->query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
      "ORDER BY table_name COLLATE \"C\"",
      {}, [&](const store_detail::Row& row) -> Status {
        names.push_back(row.text(0));
        return ok_status();
      }));
  return names;
}

Status insert_v1_rows_for_testing(const std::string& url, const std::vector<Person>& persons,
                                  const std::vector<Asset>& assets) {
  ISMS_ASSIGN(auto conn, PgConn::connect(url));
  ISMS_TRY(conn->exec_script("BEGIN"));
  for (const auto& p : persons) {
    ISMS_TRY(
        conn->exec("INSERT INTO persons (id, name, email, email_key, job_title, employment_status, "
                   "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
        "search_text, owner_sort) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13, $14, $15, $16, $17, $18, coalesce((SELECT name FROM persons WHERE id = $5), ''))",
        params));
  }
  return conn->exec_script("COMMIT");
}

Status insert_v2_rows_for_testing(const std::string& url, const std::vector<Role>& roles,
                                  const std::vector<Person>& persons,
                                  const std::vector<User>& users,
                                  const std::vector<Asset>& assets) {
  ISMS_ASSIGN(auto conn, PgConn::connect(url));
  ISMS_TRY(conn->exec_script("BEGIN"));
  int64_t ordinal = 0;
  for (const auto& r : roles) {
    ISMS_TRY(
        conn->exec("INSERT INTO roles (id, key, name, description, ordinal) "
                   "VALUES ($1, $2, $3, $4, $5)",
                   {r.id, r.key, r.name, r.description, ++ordinal}));
  }
  for (const auto& p : persons) {
    auto params = store_detail::person_params(p);
    params.resize(8);  // v2 has no access_review_required, version
    ISMS_TRY(conn->exec(
        "INSERT INTO persons (id, name, email, email_key, job_title, "
        "employment_status, created_at, name_sort) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params));
    int64_t position = 0;
    for (const auto& role_id : p.role_ids) {
      ISMS_TRY(
          conn->exec("INSERT INTO person_roles (person_id, role_id, position) "
                     "VALUES ($1, $2, $3)",
                     {p.id, role_id, position++}));
    }
  }
  for (const auto& u : users) {
    auto params = store_detail::user_params(u);
    params.resize(6);  // v2: id .. created_at
    ISMS_TRY(
        conn->exec("INSERT INTO users (id, username, person_id, password_hash, "
                   "must_change_password, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                   params));
  }
  for (const auto& a : assets) {
    auto params = store_detail::asset_params(a);
    params.resize(19);  // v2 has no description_sealed
    ISMS_TRY(conn->exec(
        "INSERT INTO assets (id, name, type, description, owner_id, business_function, "
        "classification, confidentiality, integrity, availability, authenticity, "
        "lifecycle_status, archived_at, archive_reason, version, created_at, updated_at, "
        "search_text, name_sort, owner_sort) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $13, $14, $15, $16, $17, $18, $19, "
        "coalesce((SELECT name_sort FROM persons WHERE id = $5), ''))",
        params));
  }
  return conn->exec_script("COMMIT");
}

Status rename_person_for_testing(const std::string& url, const std::string& person_id,
                                 const std::string& name, bool with_sort_key) {
  ISMS_ASSIGN(auto conn, PgConn::connect(url));
  if (with_sort_key) {
    ISMS_TRY(conn->exec("UPDATE persons SET name = $2, name_sort = $3 WHERE id = $1",
                        {person_id, name, store_detail::sort_key(name)}));
  } else {
    ISMS_TRY(conn->exec("UPDATE persons SET name = $2 WHERE id = $1", {person_id, name}));
  }
  return ok_status();
}

namespace {

Result<std::string> quoted_name(const std::string& name, PGconn* raw) {
  if (name.empty()) return Error::invalid("name", "empty database name");
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return Error::invalid("name", "database names here are [a-z0-9_]: " + name);
    }
  }
  std::unique_ptr<char, decltype(&PQfreemem)> q(PQescapeIdentifier(raw, name.c_str(), name.size()),
                                                &PQfreemem);
  if (!q) return Error::internal("cannot quote database name");
  return std::string(q.get());
}

// The URL with search_path set to `schema` for every connection made with it.
std::string with_schema(const std::string& url, const std::string& schema) {
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  return url + sep + "options=-csearch_path%3D" + schema + "&application_name=" + schema;
}

}  // namespace

}  // namespace isms::postgres

namespace isms::store_testing {

Result<std::string> create_pg_schema(const std::string& maintenance_url, const std::string& name) {
  ISMS_ASSIGN(auto conn, postgres::PgConn::connect(maintenance_url));
  ISMS_ASSIGN(std::string quoted, postgres::quoted_name(name, conn->raw_for_testing()));
  ISMS_TRY(conn->exec_script("DROP SCHEMA IF EXISTS " + quoted + " CASCADE"));
  ISMS_TRY(conn->exec_script("CREATE SCHEMA " + quoted));
  return postgres::with_schema(maintenance_url, name);
}

Status drop_pg_schema(const std::string& maintenance_url, const std::string& name) {
  ISMS_ASSIGN(auto conn, postgres::PgConn::connect(maintenance_url));
  ISMS_ASSIGN(std::string quoted, postgres::quoted_name(name, conn->raw_for_testing()));
  return conn->exec_script("DROP SCHEMA IF EXISTS " + quoted + " CASCADE");
}

Status terminate_pg_connections(const std::string& maintenance_url, const std::string& name) {
  ISMS_ASSIGN(auto conn, postgres::PgConn::connect(maintenance_url));
  for (int attempt = 0; attempt < 100; ++attempt) {
    int64_t alive = 0;
    ISMS_TRY(
        conn->query("SELECT count(*), count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = $1 AND pid <> pg_backend_pid()",
                    {name}, [&](const store_detail::Row& row) -> Status {
                      alive = row.int64(0);
                      return ok_status();
                    }));
    if (alive == 0) return ok_status();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Error::unavailable("connections of " + name + " did not terminate");
}

}  // namespace isms::store_testing
