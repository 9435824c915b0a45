#include "store/sqlite/sqlite_tx.h"

#include <map>

#include "store/codec.h"
#include "store/text.h"

namespace isms::sqlite {

using store_detail::decode_organization;
using store_detail::decode_person;
using store_detail::decode_role;
using store_detail::Row;

SqliteTx::SqliteTx(SqlitePool::Lease conn, std::shared_ptr<std::timed_mutex> writer,
                   std::unique_lock<std::timed_mutex> write_lock, bool write)
    : conn_(std::move(conn)),
      writer_(std::move(writer)),
      write_lock_(std::move(write_lock)),
      write_(write) {}

SqliteTx::~SqliteTx() {
  if (done_) return;
  done_ = true;
  if (conn_->in_transaction() && !conn_->exec("ROLLBACK", {}).ok()) conn_.discard();
  finish();
}

void SqliteTx::finish() {
  conn_.reset();
  if (write_lock_.owns_lock()) write_lock_.unlock();
}

Status SqliteTx::usable() const {
  if (done_) return Error::internal("transaction used after commit");
  if (!conn_->in_transaction()) {
    return Error::unavailable("the transaction was rolled back by SQLite after an earlier error");
  }
  return ok_status();
}

Status SqliteTx::writable() const {
  ISMS_TRY(usable());
  if (!write_) return Error::internal("write attempted in a read transaction");
  return ok_status();
}

Status SqliteTx::commit() {
  ISMS_TRY(usable());
  done_ = true;
  auto committed = conn_->exec("COMMIT", {});
  if (!committed.ok()) {
    if (conn_->in_transaction() && !conn_->exec("ROLLBACK", {}).ok()) conn_.discard();
    finish();
    return std::move(committed).error();
  }
  finish();
  return ok_status();
}

Status SqliteTx::atomically(const std::function<Status()>& body) {
  ISMS_TRY(conn_->exec("SAVEPOINT isms_write", {}));
  Status s = body();
  if (s.ok()) {
    auto released = conn_->exec("RELEASE isms_write", {});
    if (released.ok()) return ok_status();
    s = std::move(released).error();
  }
  if (conn_->in_transaction()) {
    (void)conn_->exec("ROLLBACK TO isms_write", {});
    (void)conn_->exec("RELEASE isms_write", {});
  }
  return s;
}

// --- Organization ---------------------------------------------------------------------

Result<std::optional<Organization>> SqliteTx::get_organization() {
  ISMS_TRY(usable());
  std::optional<Organization> org;
  ISMS_TRY(conn_->query("SELECT id, name, created_at FROM organizations", {},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(org, decode_organization(row));
                          return ok_status();
                        }));
  return org;
}

Status SqliteTx::insert_organization(const Organization& org) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO organizations (id, name, created_at) "
                                     "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                     {org.id, org.name, org.created_at}));
  if (n == 0) return Error::conflict("the organization already exists");
  return ok_status();
}

// --- People ---------------------------------------------------------------------------

namespace {
constexpr const char* kPersonColumns =
    "SELECT id, name, email, job_title, employment_status, created_at, access_review_required, "
    "version FROM persons ";
constexpr const char* kRoleColumns =
    "SELECT id, key, name, description, permissions, builtin FROM roles ";
}  // namespace

Status SqliteTx::write_person_roles(const Person& p) {
  int64_t position = 0;
  for (const auto& role_id : p.role_ids) {
    auto inserted = conn_->exec(
        "INSERT INTO person_roles (person_id, role_id, position) VALUES (?1, ?2, ?3) "
        "ON CONFLICT DO NOTHING",
        {p.id, role_id, position++});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("role_ids", "unknown role " + role_id);
      }
      return std::move(inserted).error();
    }
  }
  return ok_status();
}

Status SqliteTx::insert_person(const Person& p) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(int64_t n,
                conn_->exec("INSERT INTO persons (id, name, email, email_key, job_title, "
                            "employment_status, created_at, name_sort, access_review_required, "
                            "version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                            "ON CONFLICT DO NOTHING",
                            store_detail::person_params(p)));
    if (n == 0) {
      bool email_taken = false;
      ISMS_TRY(conn_->query("SELECT 1 FROM persons WHERE email_key = ?1",
                            {store_detail::fold_case(p.email)}, [&](const Row&) -> Status {
                              email_taken = true;
                              return ok_status();
                            }));
      if (email_taken) return Error::conflict("email already in use: " + p.email);
      return Error::conflict("a person with id " + p.id + " already exists");
    }
    return write_person_roles(p);
  });
}

Status SqliteTx::update_person(const Person& p, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    std::optional<int64_t> stored;
    ISMS_TRY(conn_->query("SELECT version FROM persons WHERE id = ?1", {p.id},
                          [&](const Row& row) -> Status {
                            stored = row.int64(0);
                            return ok_status();
                          }));
    if (!stored) return Error::not_found("no person with id " + p.id);
    if (*stored != expected_version) {
      return Error::conflict("person " + p.id + " is at version " + std::to_string(*stored) +
                             ", not " + std::to_string(expected_version));
    }
    bool email_taken = false;
    ISMS_TRY(conn_->query("SELECT 1 FROM persons WHERE email_key = ?1 AND id <> ?2",
                          {store_detail::fold_case(p.email), p.id}, [&](const Row&) -> Status {
                            email_taken = true;
                            return ok_status();
                          }));
    if (email_taken) return Error::conflict("email already in use: " + p.email);
    // name_sort changes with name: the rename trigger carries it to assets.owner_sort.
    ISMS_TRY(conn_->exec(
        "UPDATE persons SET name = ?2, email = ?3, email_key = ?4, job_title = ?5, "
        "employment_status = ?6, created_at = ?7, name_sort = ?8, access_review_required = ?9, "
        "version = ?10 WHERE id = ?1",
        store_detail::person_params(p)));
    ISMS_TRY(conn_->exec("DELETE FROM person_roles WHERE person_id = ?1", {p.id}));
    return write_person_roles(p);
  });
}

Status SqliteTx::load_person_roles(std::vector<Person>* persons) {
  if (persons->empty()) return ok_status();
  std::map<std::string, Person*> by_id;
  for (auto& p : *persons) by_id[p.id] = &p;
  if (persons->size() == 1) {
    return conn_->query(
        "SELECT person_id, role_id FROM person_roles WHERE person_id = ?1 ORDER BY position",
        {persons->front().id}, [&](const Row& row) -> Status {
          persons->front().role_ids.push_back(row.text(1));
          return ok_status();
        });
  }
  return conn_->query("SELECT person_id, role_id FROM person_roles ORDER BY person_id, position",
                      {}, [&](const Row& row) -> Status {
                        auto it = by_id.find(row.text(0));
                        if (it != by_id.end()) it->second->role_ids.push_back(row.text(1));
                        return ok_status();
                      });
}

Result<Person> SqliteTx::get_person(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Person> found;
  ISMS_TRY(conn_->query(std::string(kPersonColumns) + "WHERE id = ?1", {id},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(Person p, decode_person(row));
                          found.push_back(std::move(p));
                          return ok_status();
                        }));
  if (found.empty()) return Error::not_found("no person with id " + id);
  ISMS_TRY(load_person_roles(&found));
  return std::move(found.front());
}

Result<std::vector<Person>> SqliteTx::list_persons() {
  ISMS_TRY(usable());
  std::vector<Person> persons;
  ISMS_TRY(conn_->query(std::string(kPersonColumns) + "ORDER BY name_sort, id", {},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(Person p, decode_person(row));
                          persons.push_back(std::move(p));
                          return ok_status();
                        }));
  ISMS_TRY(load_person_roles(&persons));
  return persons;
}

Result<int64_t> SqliteTx::count_persons() {
  ISMS_TRY(usable());
  int64_t n = 0;
  ISMS_TRY(conn_->query("SELECT count(*) FROM persons", {}, [&](const Row& row) -> Status {
    n = row.int64(0);
    return ok_status();
  }));
  return n;
}

// --- Roles ----------------------------------------------------------------------------

Status SqliteTx::insert_role(const Role& r) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(
      int64_t n,
      conn_->exec("INSERT INTO roles (id, key, name, description, permissions, builtin, ordinal) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                  "(SELECT coalesce(max(ordinal), 0) + 1 FROM roles)) ON CONFLICT DO NOTHING",
                  {r.id, r.key, r.name, r.description,
                   store_detail::encode_string_list(r.permissions), int64_t{r.builtin ? 1 : 0}}));
  if (n == 0) return Error::conflict("a role with id " + r.id + " or key " + r.key + " exists");
  return ok_status();
}

Result<std::vector<Role>> SqliteTx::list_roles() {
  ISMS_TRY(usable());
  std::vector<Role> roles;
  ISMS_TRY(conn_->query(std::string(kRoleColumns) + "ORDER BY ordinal", {},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(Role r, decode_role(row));
                          roles.push_back(std::move(r));
                          return ok_status();
                        }));
  return roles;
}

Result<Role> SqliteTx::get_role(const std::string& id) {
  ISMS_TRY(usable());
  std::optional<Role> role;
  ISMS_TRY(conn_->query(std::string(kRoleColumns) + "WHERE id = ?1", {id},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(role, decode_role(row));
                          return ok_status();
                        }));
  if (!role) return Error::not_found("no role with id " + id);
  return std::move(*role);
}

Status SqliteTx::update_role(const Role& r) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(
      int64_t n,
      conn_->exec("UPDATE roles SET name = ?2, description = ?3, permissions = ?4 "
                  "WHERE id = ?1",
                  {r.id, r.name, r.description, store_detail::encode_string_list(r.permissions)}));
  if (n == 0) return Error::not_found("no role with id " + r.id);
  return ok_status();
}

Status SqliteTx::delete_role(const std::string& id) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    bool held = false;
    ISMS_TRY(conn_->query("SELECT 1 FROM person_roles WHERE role_id = ?1 LIMIT 1", {id},
                          [&](const Row&) -> Status {
                            held = true;
                            return ok_status();
                          }));
    if (held) return Error::conflict("role " + id + " is held by a person");
    ISMS_ASSIGN(int64_t n, conn_->exec("DELETE FROM roles WHERE id = ?1", {id}));
    if (n == 0) return Error::not_found("no role with id " + id);
    return ok_status();
  });
}

}  // namespace isms::sqlite
