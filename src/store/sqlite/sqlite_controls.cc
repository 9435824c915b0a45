// SqliteTx: controls (insert, get, update, keyset-paginated list, the controls behind
// each requirement) and evidence with its content-addressed files. Schema:
// controls_schema.cc; the row and parameter order is control_list.h's.
#include <set>

#include "store/control_list.h"
#include "store/sqlite/sqlite_tx.h"

namespace isms::sqlite {

using store_detail::Row;
using store_detail::SqlValue;

namespace {

// Bound parameters per statement for IN lists; far below SQLite's limit.
constexpr size_t kChunk = 500;

// Accumulates a WHERE clause with numbered parameters.
struct Where {
  std::string sql;
  store_detail::SqlParams params;

  std::string bind(SqlValue v) {
    params.push_back(std::move(v));
    return "?" + std::to_string(params.size());
  }
  void in(const char* column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + bind(values[i]);
    sql += ")";
  }
};

// Evidence not archived of control `c`, and of those the ones valid on `today`
// (valid_from <= today <= valid_until, no valid_until = no expiry), as in
// domain/control.h evidence_state.
std::string evidence_counts(const std::string& today) {
  return "(SELECT count(*) FROM evidence e WHERE e.control_id = c.id AND e.archived_at IS NULL), "
         "(SELECT count(*) FROM evidence e WHERE e.control_id = c.id AND e.archived_at IS NULL "
         "AND e.valid_from <= " +
         today + " AND (e.valid_until IS NULL OR e.valid_until >= " + today + ")), ";
}

// Risks not archived naming control `c` (risk_controls, migration 6).
constexpr const char* kRiskIds =
    "(SELECT json_group_array(rc.risk_id) FROM risk_controls rc JOIN risks r ON r.id = "
    "rc.risk_id WHERE rc.control_id = c.id AND r.archived_at IS NULL) ";

// The codec's 21 control columns; binds `today` into w. Everything a page shows comes
// from this one statement (counts and lists as correlated subqueries on indexes), so a
// page costs one query however many rows it has.
std::string control_select(Where* w, const std::string& today) {
  std::string t = w->bind(today);
  return "SELECT c.id, c.ref, c.title, c.description, c.owner_id, p.name, c.status, "
         "c.classification, c.next_check_on, c.last_checked_on, c.check_interval_months, "
         "c.description_sealed, c.archived_at, c.archive_reason, c.version, c.created_at, "
         "c.updated_at, " +
         evidence_counts(t) +
         "(SELECT json_group_array(cr.requirement_key) FROM control_requirements cr "
         "WHERE cr.control_id = c.id), " +
         kRiskIds + "FROM controls c LEFT JOIN persons p ON p.id = c.owner_id ";
}

const char* sort_column(ControlSort sort) {
  switch (sort) {
    case ControlSort::kRef:
      return "c.ref_number";
    case ControlSort::kTitle:
      return "c.title_sort";
    case ControlSort::kStatus:
      return "c.status";
    case ControlSort::kOwnerName:
      return "c.owner_sort";
    case ControlSort::kNextCheck:
      return "c.next_check_key";
    case ControlSort::kUpdatedAt:
      return "c.updated_at";
  }
  return "c.ref_number";
}

// The filters shared by a page and its total, appended to w. archived: 0, 1, or -1 for
// both. The confidential rule: a confidential control (rank 2) only with
// include_confidential or for its owner.
void filters(const ControlQuery& q, const store_detail::ControlListPlan& plan, int archived,
             Where* w) {
  w->sql += archived < 0 ? "WHERE 1 = 1"
            : archived   ? "WHERE c.archived = 1"
                         : "WHERE c.archived = 0";
  if (!q.include_confidential) {
    if (q.reader_person_id.empty()) {
      w->sql += " AND c.classification <= 1";
    } else {
      w->sql += " AND (c.classification <= 1 OR c.owner_id = " + w->bind(q.reader_person_id) + ")";
    }
  }
  w->in("c.status", plan.statuses);
  w->in("c.owner_id", q.owner_ids);
  if (!plan.requirement_framework_id.empty()) {
    w->sql +=
        " AND c.id IN (SELECT cr.control_id FROM control_requirements cr WHERE "
        "cr.framework_id = " +
        w->bind(plan.requirement_framework_id) +
        " AND cr.ref_id = " + w->bind(plan.requirement_ref_id) + ")";
  }
  if (!q.risk_id.empty()) {
    w->sql += " AND c.id IN (SELECT rc.control_id FROM risk_controls rc WHERE rc.risk_id = " +
              w->bind(q.risk_id) + ")";
  }
  if (q.check_before) w->sql += " AND c.next_check_on < " + w->bind(*q.check_before);
  if (plan.like_pattern) {
    w->sql += " AND c.search_key LIKE " + w->bind(*plan.like_pattern) + " ESCAPE '\\'";
  }
}

Status collect_controls(SqliteConn& conn, const std::string& sql,
                        const store_detail::SqlParams& params, std::vector<Control>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(Control c, store_detail::decode_control(row));
    out->push_back(std::move(c));
    return ok_status();
  });
}

// The owner's sort key is copied from persons (as for assets.owner_sort).
constexpr const char* kControlInsert =
    "INSERT INTO controls (id, ref, ref_number, title, title_sort, description, "
    "description_sealed, owner_id, status, classification, next_check_on, last_checked_on, "
    "check_interval_months, archived_at, archive_reason, version, created_at, updated_at, "
    "search_key, owner_sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, coalesce((SELECT name_sort FROM persons WHERE id = ?8), '')) "
    "ON CONFLICT DO NOTHING";

// id, ref, ref_number and created_at (?1, ?2, ?3, ?17) never change.
constexpr const char* kControlUpdate =
    "UPDATE controls SET title = ?4, title_sort = ?5, description = ?6, "
    "description_sealed = ?7, owner_id = ?8, status = ?9, classification = ?10, "
    "next_check_on = ?11, last_checked_on = ?12, check_interval_months = ?13, "
    "archived_at = ?14, archive_reason = ?15, version = ?16, updated_at = ?18, "
    "search_key = ?19, owner_sort = coalesce((SELECT name_sort FROM persons WHERE id = ?8), '') "
    "WHERE id = ?1 AND version = ?20";

Status write_requirements(SqliteConn& conn, const Control& c) {
  for (const auto& key : c.requirement_keys) {
    auto split = store_detail::split_requirement_key(key);
    if (!split) {
      return Error::invalid("requirement_keys", "'" + key + "' is not a framework:ref key");
    }
    ISMS_TRY(conn.exec(
        "INSERT INTO control_requirements (control_id, requirement_key, framework_id, ref_id) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        {c.id, key, split->first, split->second}));
  }
  return ok_status();
}

// A failed write naming the owner when a foreign key refused it.
Status owner_error(Error e, const Control& c) {
  if (e.code == ErrorCode::kInvalid && c.owner_id) {
    return Error::invalid("owner_id", "no person with id " + *c.owner_id);
  }
  return e;
}

Result<bool> exists(SqliteConn& conn, const char* sql, const store_detail::SqlParams& params) {
  bool found = false;
  ISMS_TRY(conn.query(sql, params, [&](const Row&) -> Status {
    found = true;
    return ok_status();
  }));
  return found;
}

// The conflict or not-found error of a versioned UPDATE that changed no row.
Status stale_or_missing(SqliteConn& conn, const char* table, const char* what,
                        const std::string& id, int64_t expected_version) {
  std::optional<int64_t> stored;
  ISMS_TRY(conn.query(std::string("SELECT version FROM ") + table + " WHERE id = ?1", {id},
                      [&](const Row& row) -> Status {
                        stored = row.int64(0);
                        return ok_status();
                      }));
  if (!stored) return Error::not_found(std::string("no ") + what + " with id " + id);
  return Error::conflict(std::string(what) + " " + id + " is at version " +
                         std::to_string(*stored) + ", not " + std::to_string(expected_version));
}

constexpr const char* kEvidenceSelect =
    "SELECT id, control_id, title, description, kind, url, sha256, file_name, media_type, size, "
    "valid_from, valid_until, created_by, archived_at, version, created_at FROM evidence ";

Status collect_evidence(SqliteConn& conn, const std::string& sql,
                        const store_detail::SqlParams& params, std::vector<Evidence>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(Evidence e, store_detail::decode_evidence(row));
    out->push_back(std::move(e));
    return ok_status();
  });
}

}  // namespace

// --- Controls -------------------------------------------------------------------------

Status SqliteTx::insert_control(Control* c) {
  ISMS_TRY(writable());
  Control stored = *c;
  Status s = atomically([&]() -> Status {
    int64_t number = 0;
    ISMS_TRY(conn_->query(
        "UPDATE control_ref_counter SET last_number = last_number + 1 WHERE singleton = 1 "
        "RETURNING last_number",
        {}, [&](const Row& row) -> Status {
          number = row.int64(0);
          return ok_status();
        }));
    if (number == 0) return Error::internal("control_ref_counter has no row");
    stored.ref = store_detail::format_control_ref(number);
    auto inserted = conn_->exec(kControlInsert, store_detail::control_params(stored, number));
    if (!inserted.ok()) return owner_error(std::move(inserted).error(), stored);
    if (*inserted == 0) return Error::conflict("a control with id " + c->id + " exists");
    return write_requirements(*conn_, stored);
  });
  if (s.ok()) c->ref = stored.ref;
  return s;
}

Result<Control> SqliteTx::get_control(const std::string& id, const std::string& today) {
  ISMS_TRY(usable());
  Where w;
  std::string sql = control_select(&w, today) + "WHERE c.id = " + w.bind(id);
  std::vector<Control> found;
  ISMS_TRY(collect_controls(*conn_, sql, w.params, &found));
  if (found.empty()) return Error::not_found("no control with id " + id);
  return std::move(found.front());
}

Status SqliteTx::update_control(const Control& c, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    // The stored ref wins (it never changes; the search key includes it).
    Control stored = c;
    int64_t number = 0;
    ISMS_TRY(conn_->query("SELECT ref, ref_number FROM controls WHERE id = ?1", {c.id},
                          [&](const Row& row) -> Status {
                            stored.ref = row.text(0);
                            number = row.int64(1);
                            return ok_status();
                          }));
    if (number == 0) return Error::not_found("no control with id " + c.id);
    auto params = store_detail::control_params(stored, number);
    params.emplace_back(std::in_place_type<int64_t>, expected_version);
    auto updated = conn_->exec(kControlUpdate, params);
    if (!updated.ok()) return owner_error(std::move(updated).error(), c);
    if (*updated == 0)
      return stale_or_missing(*conn_, "controls", "control", c.id, expected_version);
    ISMS_TRY(conn_->exec("DELETE FROM control_requirements WHERE control_id = ?1", {c.id}));
    return write_requirements(*conn_, stored);
  });
}

Result<ControlPage> SqliteTx::list_controls(const ControlQuery& query, const std::string& today) {
  ISMS_TRY(usable());
  ISMS_ASSIGN(auto plan, store_detail::plan_control_list(query));
  ControlPage page;
  int archived = query.archived == ArchivedFilter::kAll            ? -1
                 : query.archived == ArchivedFilter::kArchivedOnly ? 1
                                                                   : 0;
  if (!plan.matches_nothing) {
    Where w;
    std::string select = control_select(&w, today);
    filters(query, plan, archived, &w);
    const char* col = sort_column(query.sort);
    if (plan.after) {
      SqlValue v = plan.after_number ? SqlValue{*plan.after_number} : SqlValue{plan.after_key};
      std::string pv = w.bind(std::move(v));
      std::string pid = w.bind(plan.after->id);
      w.sql += std::string(" AND (") + col + ", c.id) " + (query.descending ? "<" : ">") + " (" +
               pv + ", " + pid + ")";
    }
    const char* dir = query.descending ? " DESC" : "";
    w.sql += std::string(" ORDER BY ") + col + dir + ", c.id" + dir + " LIMIT " +
             w.bind(int64_t{query.limit} + 1);
    std::vector<Control> rows;
    ISMS_TRY(collect_controls(*conn_, select + w.sql, w.params, &rows));
    page = store_detail::cut_control_page(std::move(rows), query);
  }
  if (query.with_total) {
    int64_t total = 0;
    if (!plan.matches_nothing) {
      Where w;
      filters(query, plan, archived, &w);
      ISMS_TRY(conn_->query("SELECT count(*) FROM controls c " + w.sql, w.params,
                            [&](const Row& row) -> Status {
                              total = row.int64(0);
                              return ok_status();
                            }));
    }
    page.total = total;
  }
  return page;
}

Result<std::vector<std::string>> SqliteTx::existing_control_ids(
    const std::vector<std::string>& ids) {
  ISMS_TRY(usable());
  std::set<std::string> found;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    Where w;
    size_t end = std::min(ids.size(), start + kChunk);
    std::string sql = "SELECT id FROM controls WHERE id IN (";
    for (size_t i = start; i < end; ++i) sql += (i > start ? ", " : "") + w.bind(ids[i]);
    ISMS_TRY(conn_->query(sql + ")", w.params, [&](const Row& row) -> Status {
      found.insert(row.text(0));
      return ok_status();
    }));
  }
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (found.erase(id) > 0) out.push_back(id);  // input order, each id once
  }
  return out;
}

// One statement. The evidence counts and risk lists are aggregated once per control (one
// pass over evidence and risk_controls each; SQLite indexes the materialized results
// itself) rather than looked up per (requirement, control) pair: requirement_controls
// serves coverage over thousands of controls.
Result<std::vector<RequirementControl>> SqliteTx::requirement_controls(
    const std::string& framework_id, const std::string& today) {
  ISMS_TRY(usable());
  Where w;
  std::string t = w.bind(today);
  std::string sql =
      "SELECT cr.requirement_key, c.id, c.ref, c.status, coalesce(ev.n, 0), "
      "coalesce(ev.valid, 0), rk.ids FROM control_requirements cr "
      "JOIN controls c ON c.id = cr.control_id "
      "LEFT JOIN (SELECT e.control_id, count(*) AS n, sum(e.valid_from <= " +
      t + " AND (e.valid_until IS NULL OR e.valid_until >= " + t +
      ")) AS valid FROM evidence e WHERE e.archived_at IS NULL GROUP BY e.control_id) ev "
      "ON ev.control_id = c.id "
      "LEFT JOIN (SELECT rc.control_id, json_group_array(rc.risk_id) AS ids "
      "FROM risk_controls rc JOIN risks r ON r.id = rc.risk_id WHERE r.archived_at IS NULL "
      "GROUP BY rc.control_id) rk ON rk.control_id = c.id WHERE c.archived_at IS NULL";
  if (!framework_id.empty()) sql += " AND cr.framework_id = " + w.bind(framework_id);
  sql += " ORDER BY cr.requirement_key, c.ref_number, c.id";
  std::vector<RequirementControl> out;
  ISMS_TRY(conn_->query(sql, w.params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(RequirementControl rc, store_detail::decode_requirement_control(row));
    out.push_back(std::move(rc));
    return ok_status();
  }));
  return out;
}

// --- Evidence -------------------------------------------------------------------------

Status SqliteTx::put_evidence_blob(const EvidenceBlob& blob) {
  ISMS_TRY(writable());
  ISMS_TRY(
      conn_->exec("INSERT INTO evidence_blobs (sha256, sealed, media_type, size, content) "
                  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
                  {blob.sha256, int64_t{blob.sealed ? 1 : 0}, blob.media_type, blob.size,
                   store_detail::SqlBytes{blob.content}}));
  return ok_status();
}

Result<EvidenceBlob> SqliteTx::get_evidence_blob(const std::string& sha256, bool sealed) {
  ISMS_TRY(usable());
  std::optional<EvidenceBlob> found;
  // A BLOB read as text is its bytes as they are (no conversion, NULs kept).
  ISMS_TRY(conn_->query(
      "SELECT media_type, size, content FROM evidence_blobs WHERE sha256 = ?1 AND sealed = ?2",
      {sha256, int64_t{sealed ? 1 : 0}}, [&](const Row& row) -> Status {
        found = EvidenceBlob{sha256, sealed, row.text(0), row.int64(1), row.text(2)};
        return ok_status();
      }));
  if (!found) {
    return Error::not_found("no " + std::string(sealed ? "sealed " : "") +
                            "evidence file with sha256 " + sha256);
  }
  return std::move(*found);
}

Status SqliteTx::insert_evidence(const Evidence& e) {
  ISMS_TRY(writable());
  // Checked first so the error names the field (a foreign-key failure would not).
  ISMS_ASSIGN(bool control_exists,
              exists(*conn_, "SELECT 1 FROM controls WHERE id = ?1", {e.control_id}));
  if (!control_exists) return Error::invalid("control_id", "no control with id " + e.control_id);
  ISMS_ASSIGN(int64_t n,
              conn_->exec("INSERT INTO evidence (id, control_id, title, description, kind, url, "
                          "sha256, file_name, media_type, size, valid_from, valid_until, "
                          "created_by, archived_at, version, created_at) VALUES (?1, ?2, ?3, ?4, "
                          "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
                          "ON CONFLICT DO NOTHING",
                          store_detail::evidence_params(e)));
  if (n == 0) return Error::conflict("evidence with id " + e.id + " exists");
  return ok_status();
}

Result<Evidence> SqliteTx::get_evidence(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Evidence> found;
  ISMS_TRY(collect_evidence(*conn_, std::string(kEvidenceSelect) + "WHERE id = ?1", {id}, &found));
  if (found.empty()) return Error::not_found("no evidence with id " + id);
  return std::move(found.front());
}

Status SqliteTx::update_evidence(const Evidence& e, int64_t expected_version) {
  ISMS_TRY(writable());
  auto params = store_detail::evidence_params(e);
  params.emplace_back(std::in_place_type<int64_t>, expected_version);
  // Parameters as evidence_params; only these fields change.
  ISMS_ASSIGN(int64_t n,
              conn_->exec("UPDATE evidence SET title = ?3, description = ?4, valid_from = ?11, "
                          "valid_until = ?12, archived_at = ?14, version = ?15 "
                          "WHERE id = ?1 AND version = ?17",
                          params));
  if (n == 0) return stale_or_missing(*conn_, "evidence", "evidence", e.id, expected_version);
  return ok_status();
}

Result<std::vector<Evidence>> SqliteTx::list_evidence(const std::string& control_id,
                                                      bool include_archived) {
  ISMS_TRY(usable());
  std::vector<Evidence> out;
  ISMS_TRY(collect_evidence(*conn_,
                            std::string(kEvidenceSelect) + "WHERE control_id = ?1" +
                                (include_archived ? "" : " AND archived_at IS NULL") +
                                " ORDER BY created_at DESC, id DESC",
                            {control_id}, &out));
  return out;
}

}  // namespace isms::sqlite
