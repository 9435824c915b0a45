// The operational-record methods of StoreTx (store.h), written once for both engines'
// connection types (SqliteConn, PgConn: exec/query over SqlParams). Each engine's tx calls
// these inside its own writable()/atomically() guards with its placeholder prefix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/op_record_sql.h"

namespace isms::store_detail {

template <class Conn>
Status insert_op_record_on(Conn& conn, char p, const OpRecord& r) {
  ISMS_TRY(check_op_record(r));
  if (!r.ref.empty()) {
    bool taken = false;
    ISMS_TRY(conn.query("SELECT 1 FROM op_records WHERE kind = " + std::string(1, p) +
                            "1 AND ref = " + std::string(1, p) + "2",
                        {r.kind, r.ref}, [&](const Row&) -> Status {
                          taken = true;
                          return ok_status();
                        }));
    if (taken) return Error::conflict("a " + r.kind + " with reference " + r.ref + " exists");
  }
  ISMS_ASSIGN(int64_t n, conn.exec(op_record_insert(p), op_record_params(r)));
  if (n == 0) return Error::conflict("a record with id " + r.id + " exists");
  return ok_status();
}

template <class Conn>
Result<OpRecord> get_op_record_on(Conn& conn, char p, const std::string& kind,
                                  const std::string& id) {
  std::optional<OpRecord> found;
  ISMS_TRY(conn.query(op_record_select() + "WHERE id = " + std::string(1, p) +
                          "1 AND kind = " + std::string(1, p) + "2",
                      {id, kind}, [&](const Row& row) -> Status {
                        found = decode_op_record(row);
                        return ok_status();
                      }));
  if (!found) return Error::not_found("no " + kind + " with id " + id);
  return std::move(*found);
}

template <class Conn>
Status update_op_record_on(Conn& conn, char p, const OpRecord& r, int64_t expected_version) {
  ISMS_TRY(check_op_record(r));
  // Existence and version first, so that an unknown record is "not found" and a stale one
  // "conflict" before anything else is looked at.
  std::optional<int64_t> stored;
  ISMS_TRY(conn.query("SELECT version FROM op_records WHERE id = " + std::string(1, p) +
                          "1 AND kind = " + std::string(1, p) + "2",
                      {r.id, r.kind}, [&](const Row& row) -> Status {
                        stored = row.int64(0);
                        return ok_status();
                      }));
  if (!stored) return Error::not_found("no " + r.kind + " with id " + r.id);
  if (*stored != expected_version) {
    return Error::conflict(r.kind + " " + r.id + " is at version " + std::to_string(*stored) +
                           ", not " + std::to_string(expected_version));
  }
  if (!r.ref.empty()) {
    bool taken = false;
    ISMS_TRY(conn.query("SELECT 1 FROM op_records WHERE kind = " + std::string(1, p) +
                            "1 AND ref = " + std::string(1, p) + "2 AND id <> " +
                            std::string(1, p) + "3",
                        {r.kind, r.ref, r.id}, [&](const Row&) -> Status {
                          taken = true;
                          return ok_status();
                        }));
    if (taken) return Error::conflict("a " + r.kind + " with reference " + r.ref + " exists");
  }
  ISMS_ASSIGN(int64_t n,
              conn.exec(op_record_update(p), op_record_update_params(r, expected_version)));
  if (n == 0) return Error::conflict(r.kind + " " + r.id + " changed while it was updated");
  return ok_status();
}

template <class Conn>
Result<std::vector<OpRecord>> list_op_records_on(Conn& conn, char p, const OpRecordQuery& q) {
  std::string sql;
  SqlParams params;
  ISMS_TRY(build_op_record_query(q, p, /*count=*/false, &sql, &params));
  std::vector<OpRecord> out;
  ISMS_TRY(conn.query(sql, params, [&](const Row& row) -> Status {
    out.push_back(decode_op_record(row));
    return ok_status();
  }));
  return out;
}

template <class Conn>
Result<int64_t> count_op_records_on(Conn& conn, char p, const OpRecordQuery& q) {
  std::string sql;
  SqlParams params;
  ISMS_TRY(build_op_record_query(q, p, /*count=*/true, &sql, &params));
  int64_t count = 0;
  ISMS_TRY(conn.query(sql, params, [&](const Row& row) -> Status {
    count = row.int64(0);
    return ok_status();
  }));
  return count;
}

template <class Conn>
Result<int64_t> next_op_number_on(Conn& conn, char p, const std::string& counter) {
  if (counter.empty() || counter.size() > 40) {
    return Error::invalid("counter", "a counter name is 1-40 characters");
  }
  std::string a = std::string(1, p) + "1";
  ISMS_TRY(conn.exec("INSERT INTO op_counters (name, last) VALUES (" + a +
                         ", 1) ON CONFLICT (name) DO UPDATE SET last = op_counters.last + 1",
                     {counter}));
  int64_t last = 0;
  ISMS_TRY(conn.query("SELECT last FROM op_counters WHERE name = " + a, {counter},
                      [&](const Row& row) -> Status {
                        last = row.int64(0);
                        return ok_status();
                      }));
  return last;
}

}  // namespace isms::store_detail
