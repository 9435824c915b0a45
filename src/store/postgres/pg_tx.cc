#include "store/postgres/pg_tx.h"

#include <map>

#include "store/codec.h"
#include "store/text.h"

namespace isms::postgres {

using store_detail::decode_organization;
using store_detail::decode_person;
using store_detail::decode_role;
using store_detail::decode_user;
using store_detail::Row;

PgTx::PgTx(PgPool::Lease conn, bool write) : conn_(std::move(conn)), write_(write) {}

PgTx::~PgTx() {
  if (done_) return;
  done_ = true;
  if (conn_->transaction_status() != PQTRANS_IDLE) (void)conn_->exec_script("ROLLBACK");
  finish();
}

void PgTx::finish() {
  if (!conn_->reusable()) conn_.discard();
  conn_.reset();
}

Status PgTx::usable() const {
  if (done_) return Error::internal("transaction used after commit");
  switch (conn_->transaction_status()) {
    case PQTRANS_INTRANS:
      return ok_status();
    case PQTRANS_INERROR:
      return Error::internal("the transaction was aborted by an earlier error");
    default:
      return Error::unavailable("the connection to PostgreSQL was lost during the transaction");
  }
}

Status PgTx::writable() const {
  ISMS_TRY(usable());
  if (!write_) return Error::internal("write attempted in a read transaction");
  return ok_status();
}

Status PgTx::commit() {
  ISMS_TRY(usable());
  done_ = true;
  Status s = conn_->exec_script("COMMIT");
  if (s.ok() && conn_->transaction_status() != PQTRANS_IDLE) {
    s = Error::internal("COMMIT left the transaction open");
  }
  if (!s.ok() && conn_->transaction_status() != PQTRANS_IDLE) {
    (void)conn_->exec_script("ROLLBACK");
  }
  finish();
  return s;
}

Status PgTx::atomically(const std::function<Status()>& body) {
  ISMS_TRY(conn_->exec_script("SAVEPOINT isms_write"));
  Status s = body();
  if (s.ok()) {
    Status released = conn_->exec_script("RELEASE SAVEPOINT isms_write");
    if (released.ok()) return ok_status();
    s = released;
  }
  (void)conn_->exec_script("ROLLBACK TO SAVEPOINT isms_write");
  (void)conn_->exec_script("RELEASE SAVEPOINT isms_write");
  return s;
}

// --- Organization ---------------------------------------------------------------------

Result<std::optional<Organization>> PgTx::get_organization() {
  ISMS_TRY(usable());
  std::optional<Organization> org;
  ISMS_TRY(conn_->query("SELECT id, name, created_at FROM organizations", {},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(org, decode_organization(row));
                          return ok_status();
                        }));
  return org;
}

Status PgTx::insert_organization(const Organization& org) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO organizations (id, name, created_at) "
                                       "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                                       {org.id, org.name, org.created_at}));
    if (n == 0) return Error::conflict("the organization already exists");
    return ok_status();
  });
}

// --- People ---------------------------------------------------------------------------

namespace {
constexpr const char* kPersonColumns =
    "SELECT id, name, email, job_title, employment_status, created_at FROM persons ";
}  // namespace

Status PgTx::insert_person(const Person& p) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    std::string email_key = store_detail::fold_case(p.email);
    ISMS_ASSIGN(int64_t n,
                conn_->exec("INSERT INTO persons (id, name, email, email_key, job_title, "
                            "employment_status, created_at, name_sort) "
                            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                            {p.id, p.name, p.email, email_key, p.job_title,
                             std::string(employment_status_name(p.employment_status)), p.created_at,
                             store_detail::sort_key(p.name)}));
    if (n == 0) {
      bool email_taken = false;
      ISMS_TRY(conn_->query("SELECT 1 FROM persons WHERE email_key = $1", {email_key},
                            [&](const Row&) -> Status {
                              email_taken = true;
                              return ok_status();
                            }));
      if (email_taken) return Error::conflict("email already in use: " + p.email);
      return Error::conflict("a person with id " + p.id + " already exists");
    }
    int64_t position = 0;
    for (const auto& role_id : p.role_ids) {
      auto inserted = conn_->exec(
          "INSERT INTO person_roles (person_id, role_id, position) VALUES ($1, $2, $3) "
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
  });
}

Status PgTx::load_person_roles(std::vector<Person>* persons) {
  if (persons->empty()) return ok_status();
  if (persons->size() == 1) {
    return conn_->query(
        "SELECT person_id, role_id FROM person_roles WHERE person_id = $1 ORDER BY position",
        {persons->front().id}, [&](const Row& row) -> Status {
          persons->front().role_ids.push_back(row.text(1));
          return ok_status();
        });
  }
  std::map<std::string, Person*> by_id;
  for (auto& p : *persons) by_id[p.id] = &p;
  return conn_->query("SELECT person_id, role_id FROM person_roles ORDER BY person_id, position",
                      {}, [&](const Row& row) -> Status {
                        auto it = by_id.find(row.text(0));
                        if (it != by_id.end()) it->second->role_ids.push_back(row.text(1));
                        return ok_status();
                      });
}

Result<Person> PgTx::get_person(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Person> found;
  ISMS_TRY(conn_->query(std::string(kPersonColumns) + "WHERE id = $1", {id},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(Person p, decode_person(row));
                          found.push_back(std::move(p));
                          return ok_status();
                        }));
  if (found.empty()) return Error::not_found("no person with id " + id);
  ISMS_TRY(load_person_roles(&found));
  return std::move(found.front());
}

Result<std::vector<Person>> PgTx::list_persons() {
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

Result<int64_t> PgTx::count_persons() {
  ISMS_TRY(usable());
  int64_t n = 0;
  ISMS_TRY(conn_->query("SELECT count(*) FROM persons", {}, [&](const Row& row) -> Status {
    n = row.int64(0);
    return ok_status();
  }));
  return n;
}

Status PgTx::insert_role(const Role& r) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO roles (id, key, name, description, ordinal) "
                                       "VALUES ($1, $2, $3, $4, "
                                       "(SELECT coalesce(max(ordinal), 0) + 1 FROM roles)) "
                                       "ON CONFLICT DO NOTHING",
                                       {r.id, r.key, r.name, r.description}));
    if (n == 0) return Error::conflict("a role with id " + r.id + " or key " + r.key + " exists");
    return ok_status();
  });
}

Result<std::vector<Role>> PgTx::list_roles() {
  ISMS_TRY(usable());
  std::vector<Role> roles;
  ISMS_TRY(conn_->query("SELECT id, key, name, description FROM roles ORDER BY ordinal", {},
                        [&](const Row& row) -> Status {
                          roles.push_back(decode_role(row));
                          return ok_status();
                        }));
  return roles;
}

Status PgTx::insert_user(const User& u) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto inserted = conn_->exec(
        "INSERT INTO users (id, username, person_id, password_hash, must_change_password, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        {u.id, u.username, u.person_id, u.password_hash,
         std::string(u.must_change_password ? "true" : "false"), u.created_at});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("person_id", "no person with id " + u.person_id);
      }
      return std::move(inserted).error();
    }
    if (*inserted == 0) {
      return Error::conflict("a user with username " + u.username + " or id " + u.id + " exists");
    }
    return ok_status();
  });
}

Result<std::optional<User>> PgTx::find_user(const std::string& username) {
  ISMS_TRY(usable());
  std::optional<User> user;
  ISMS_TRY(
      conn_->query("SELECT id, username, person_id, password_hash, "
                   "must_change_password::integer, created_at FROM users "
                   "WHERE username = $1",
                   {username}, [&](const Row& row) -> Status {
                     user = decode_user(row);
                     return ok_status();
                   }));
  return user;
}

}  // namespace isms::postgres
