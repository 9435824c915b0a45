// SqliteTx: risk cycles (the quarterly forum), their reviews and closing snapshots.
// Schema: risks_schema.cc; row order: store/risk_codec.h.
#include "store/risk_codec.h"
#include "store/sqlite/sqlite_tx.h"

namespace isms::sqlite {

using store_detail::Row;

namespace {

// The codec's 15 cycle columns. risk_count: risks not archived while the cycle is open;
// once closed, the entries of its snapshot that were not archived (0 until written).
constexpr const char* kCycleSelect =
    "SELECT c.id, c.title, c.opened_on, c.closed_at, c.status, c.method_number, "
    "c.attendee_ids, c.decisions, c.minutes, c.interval_months, c.version, c.created_at, "
    "c.updated_at, (SELECT count(*) FROM risk_reviews rv WHERE rv.cycle_id = c.id), "
    "CASE WHEN c.status = 'closed' THEN (SELECT count(*) FROM risk_cycle_snapshots s "
    "WHERE s.cycle_id = c.id AND s.archived = 0) "
    "ELSE (SELECT count(*) FROM risks r WHERE r.archived = 0) END FROM risk_cycles c ";

Status collect_cycles(SqliteConn& conn, const std::string& sql, const SqlParams& params,
                      std::vector<RiskCycle>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(RiskCycle c, store_detail::decode_risk_cycle(row));
    out->push_back(std::move(c));
    return ok_status();
  });
}

Result<bool> exists(SqliteConn& conn, const char* sql, const std::string& id) {
  bool found = false;
  ISMS_TRY(conn.query(sql, {id}, [&](const Row&) -> Status {
    found = true;
    return ok_status();
  }));
  return found;
}

}  // namespace

Status SqliteTx::insert_risk_cycle(const RiskCycle& c) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    if (c.status == CycleStatus::kOpen) {
      std::optional<std::string> open;
      ISMS_TRY(conn_->query("SELECT id FROM risk_cycles WHERE status = 'open'", {},
                            [&](const Row& row) -> Status {
                              open = row.text(0);
                              return ok_status();
                            }));
      if (open) return Error::conflict("risk cycle " + *open + " is still open");
    }
    ISMS_ASSIGN(int64_t n,
                conn_->exec("INSERT INTO risk_cycles (id, title, opened_on, closed_at, status, "
                            "method_number, attendee_ids, decisions, minutes, interval_months, "
                            "version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                            "?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING",
                            store_detail::risk_cycle_params(c)));
    if (n == 0) return Error::conflict("a risk cycle with id " + c.id + " exists");
    return ok_status();
  });
}

Result<RiskCycle> SqliteTx::get_risk_cycle(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<RiskCycle> found;
  ISMS_TRY(collect_cycles(*conn_, std::string(kCycleSelect) + "WHERE c.id = ?1", {id}, &found));
  if (found.empty()) return Error::not_found("no risk cycle with id " + id);
  return std::move(found.front());
}

Status SqliteTx::update_risk_cycle(const RiskCycle& c, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto params = store_detail::risk_cycle_params(c);
    params.emplace_back(expected_version);
    // A second open cycle violates risk_cycles_one_open: kConflict.
    ISMS_ASSIGN(int64_t n,
                conn_->exec("UPDATE risk_cycles SET title = ?2, opened_on = ?3, closed_at = ?4, "
                            "status = ?5, method_number = ?6, attendee_ids = ?7, decisions = ?8, "
                            "minutes = ?9, interval_months = ?10, version = ?11, "
                            "created_at = ?12, updated_at = ?13 WHERE id = ?1 AND version = ?14",
                            params));
    if (n > 0) return ok_status();
    std::optional<int64_t> stored;
    ISMS_TRY(conn_->query("SELECT version FROM risk_cycles WHERE id = ?1", {c.id},
                          [&](const Row& row) -> Status {
                            stored = row.int64(0);
                            return ok_status();
                          }));
    if (!stored) return Error::not_found("no risk cycle with id " + c.id);
    return Error::conflict("risk cycle " + c.id + " is at version " + std::to_string(*stored) +
                           ", not " + std::to_string(expected_version));
  });
}

Result<std::vector<RiskCycle>> SqliteTx::list_risk_cycles() {
  ISMS_TRY(usable());
  std::vector<RiskCycle> out;
  ISMS_TRY(collect_cycles(*conn_, std::string(kCycleSelect) + "ORDER BY c.opened_on DESC, c.id", {},
                          &out));
  return out;
}

Status SqliteTx::put_risk_review(const RiskReview& r) {
  ISMS_TRY(writable());
  // Checked first so the error names the field (a foreign-key failure would not).
  ISMS_ASSIGN(bool cycle, exists(*conn_, "SELECT 1 FROM risk_cycles WHERE id = ?1", r.cycle_id));
  if (!cycle) return Error::invalid("cycle_id", "no risk cycle with id " + r.cycle_id);
  ISMS_ASSIGN(bool risk, exists(*conn_, "SELECT 1 FROM risks WHERE id = ?1", r.risk_id));
  if (!risk) return Error::invalid("risk_id", "no risk with id " + r.risk_id);
  ISMS_TRY(conn_->exec(
      "INSERT INTO risk_reviews (cycle_id, risk_id, outcome, reviewed_by, reviewed_at, note, "
      "inherent_level_before, residual_level_before, inherent_level_after, residual_level_after) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (cycle_id, risk_id) DO UPDATE "
      "SET outcome = excluded.outcome, reviewed_by = excluded.reviewed_by, "
      "reviewed_at = excluded.reviewed_at, note = excluded.note, "
      "inherent_level_before = excluded.inherent_level_before, "
      "residual_level_before = excluded.residual_level_before, "
      "inherent_level_after = excluded.inherent_level_after, "
      "residual_level_after = excluded.residual_level_after",
      store_detail::risk_review_params(r)));
  return ok_status();
}

Result<std::vector<RiskReview>> SqliteTx::list_risk_reviews(const std::string& cycle_id) {
  ISMS_TRY(usable());
  std::vector<RiskReview> out;
  ISMS_TRY(conn_->query(
      "SELECT rv.cycle_id, rv.risk_id, r.ref_number, r.title, rv.outcome, rv.reviewed_by, "
      "p.name, rv.reviewed_at, rv.note, rv.inherent_level_before, rv.residual_level_before, "
      "rv.inherent_level_after, rv.residual_level_after FROM risk_reviews rv "
      "LEFT JOIN risks r ON r.id = rv.risk_id LEFT JOIN persons p ON p.id = rv.reviewed_by "
      "WHERE rv.cycle_id = ?1 ORDER BY r.ref_number, rv.risk_id",
      {cycle_id}, [&](const Row& row) -> Status {
        ISMS_ASSIGN(RiskReview r, store_detail::decode_risk_review(row));
        out.push_back(std::move(r));
        return ok_status();
      }));
  return out;
}

Status SqliteTx::insert_cycle_snapshot(const std::string& cycle_id,
                                       const std::vector<RiskSnapshotEntry>& entries) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    // The marker makes the snapshot write-once even when it has no rows.
    ISMS_ASSIGN(int64_t n, conn_->exec("UPDATE risk_cycles SET snapshot_written = 1 "
                                       "WHERE id = ?1 AND snapshot_written = 0",
                                       {cycle_id}));
    if (n == 0) {
      ISMS_ASSIGN(bool cycle, exists(*conn_, "SELECT 1 FROM risk_cycles WHERE id = ?1", cycle_id));
      if (!cycle) return Error::not_found("no risk cycle with id " + cycle_id);
      return Error::conflict("risk cycle " + cycle_id + " already has its snapshot");
    }
    // One cached statement for every row: a transaction's inserts cost microseconds each.
    for (const auto& e : entries) {
      ISMS_TRY(conn_->exec(
          "INSERT INTO risk_cycle_snapshots (cycle_id, risk_id, ref, title, owner_name, "
          "method_number, inherent_likelihood, inherent_impact, inherent_level, "
          "residual_likelihood, residual_impact, residual_level, treatment, archived) VALUES "
          "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
          store_detail::snapshot_params(cycle_id, e)));
    }
    return ok_status();
  });
}

Result<std::vector<RiskSnapshotEntry>> SqliteTx::list_cycle_snapshot(const std::string& cycle_id) {
  ISMS_TRY(usable());
  ISMS_ASSIGN(bool cycle, exists(*conn_, "SELECT 1 FROM risk_cycles WHERE id = ?1", cycle_id));
  if (!cycle) return Error::not_found("no risk cycle with id " + cycle_id);
  std::vector<RiskSnapshotEntry> out;
  ISMS_TRY(conn_->query(
      "SELECT risk_id, ref, title, owner_name, method_number, inherent_likelihood, "
      "inherent_impact, inherent_level, residual_likelihood, residual_impact, residual_level, "
      "treatment, archived FROM risk_cycle_snapshots WHERE cycle_id = ?1 ORDER BY risk_id",
      {cycle_id}, [&](const Row& row) -> Status {
        out.push_back(store_detail::decode_stored_snapshot(row));
        return ok_status();
      }));
  return out;
}

}  // namespace isms::sqlite
