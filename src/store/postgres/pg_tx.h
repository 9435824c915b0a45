// PgTx: StoreTx on one pooled PostgreSQL connection.
//
// A read transaction is REPEATABLE READ READ ONLY: one snapshot, so a page and its total
// agree. A write transaction is READ COMMITTED and takes pg_advisory_xact_lock(kWriteLockKey)
// right after BEGIN (pg_store.cc): writers serialize across threads and isms processes, and because
// each statement of a READ COMMITTED transaction sees everything committed before it,
// ledger_head() after the lock sees the latest entry. (REPEATABLE READ would fix the
// snapshot before the lock is granted and could fork the chain.)
//
// Each write method runs inside a SAVEPOINT, so a failed write (duplicate, unknown
// reference) leaves the transaction usable, as on SQLite. Destroying an uncommitted PgTx
// rolls back. Implemented across pg_tx.cc, pg_assets.cc and pg_ledger.cc.
#pragma once

#include <functional>
#include <memory>

#include "store/pool.h"
#include "store/postgres/pg_conn.h"
#include "store/store.h"

namespace isms::postgres {

using PgPool = store_detail::ConnectionPool<PgConn>;

class PgTx final : public StoreTx {
 public:
  // REQUIRES: `conn` is inside the transaction begun for the given mode.
  PgTx(PgPool::Lease conn, bool write);
  ~PgTx() override;

  Status commit() override;

  Result<std::optional<Organization>> get_organization() override;
  Status insert_organization(const Organization& org) override;

  Status insert_person(const Person& person) override;
  Result<Person> get_person(const std::string& id) override;
  Result<std::vector<Person>> list_persons() override;
  Result<int64_t> count_persons() override;
  Status insert_role(const Role& role) override;
  Result<std::vector<Role>> list_roles() override;
  Status insert_user(const User& user) override;
  Result<std::optional<User>> find_user(const std::string& username) override;

  Status insert_asset(const Asset& asset) override;
  Result<Asset> get_asset(const std::string& id) override;
  Status update_asset(const Asset& asset, int64_t expected_version) override;
  Result<AssetPage> list_assets(const AssetQuery& query) override;
  Result<std::vector<std::string>> existing_asset_ids(const std::vector<std::string>& ids) override;
  Result<AssetCounts> count_assets() override;

  Result<LedgerHead> ledger_head() override;
  Status append_ledger(const ledger::Entry& entry) override;
  Result<std::vector<ledger::Entry>> list_ledger(int64_t after_seq, int limit,
                                                 const std::string& object_id) override;
  Status insert_checkpoint(const ledger::Checkpoint& checkpoint) override;
  Result<std::optional<ledger::Checkpoint>> last_checkpoint() override;

 private:
  Status usable() const;    // not committed, connection alive, transaction not aborted
  Status writable() const;  // usable() and a write transaction
  // Runs `body` inside a savepoint: all of it or, on error, none of it.
  Status atomically(const std::function<Status()>& body);
  Status write_dependencies(const Asset& asset);
  Status load_person_roles(std::vector<Person>* persons);
  void finish();  // returns the connection, or closes it when not reusable

  PgPool::Lease conn_;
  bool write_;
  bool done_ = false;
};

}  // namespace isms::postgres
