// SqliteTx: StoreTx on one pooled SQLite connection. A read transaction is a deferred
// BEGIN (a WAL snapshot taken at the first read); a write transaction is BEGIN IMMEDIATE,
// taken while holding the store's in-process writer mutex, so writers queue in-process on
// the mutex and across processes on SQLite's write lock (busy_timeout 5 s).
//
// Each write method is atomic on its own (a SAVEPOINT around multi-statement writes): on
// error it leaves the transaction as it was. Destroying an uncommitted SqliteTx rolls back.
// Implemented across sqlite_tx.cc (lifecycle, organization, people), sqlite_assets.cc
// and sqlite_ledger.cc.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "store/pool.h"
#include "store/sqlite/sqlite_conn.h"
#include "store/store.h"

namespace isms::sqlite {

using SqlitePool = store_detail::ConnectionPool<SqliteConn>;

class SqliteTx final : public StoreTx {
 public:
  // REQUIRES: `conn` is inside BEGIN (read) or BEGIN IMMEDIATE (write, with `write_lock`
  // held on `*writer`). The transaction keeps `writer` alive until it ends.
  SqliteTx(SqlitePool::Lease conn, std::shared_ptr<std::timed_mutex> writer,
           std::unique_lock<std::timed_mutex> write_lock, bool write);
  ~SqliteTx() override;

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
  Status usable() const;    // kInternal after commit
  Status writable() const;  // usable() and a write transaction
  // Runs `body` inside a savepoint: all of it or, on error, none of it.
  Status atomically(const std::function<Status()>& body);
  Status write_dependencies(const Asset& asset);
  Status load_dependencies(std::vector<Asset>* assets);
  Status load_person_roles(std::vector<Person>* persons);
  void finish();  // returns the connection and the writer lock

  SqlitePool::Lease conn_;
  std::shared_ptr<std::timed_mutex> writer_;  // declared before the lock: outlives it
  std::unique_lock<std::timed_mutex> write_lock_;
  bool write_;
  bool done_ = false;
};

}  // namespace isms::sqlite
