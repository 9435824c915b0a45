// SqliteTx: risk methods, threats and vulnerabilities, and the risk register (insert,
// get, update, keyset-paginated list, heat map, owner summary, snapshot). Schema:
// risks_schema.cc; row order: store/risk_codec.h; list planning: store/risk_list.h.
#include <algorithm>
#include <map>

#include "store/risk_codec.h"
#include "store/risk_list.h"
#include "store/sqlite/sqlite_tx.h"
#include "store/text.h"

namespace isms::sqlite {

using store_detail::Row;
using store_detail::SqlValue;

namespace {

// Bound parameters per statement for IN lists; far below SQLite's limit.
constexpr size_t kChunk = 500;

constexpr const char* kMethodSelect =
    "SELECT number, body, created_by, created_at FROM risk_methods ";

constexpr const char* kSourceSelect =
    "SELECT id, kind, key, name, category, description, properties, archived_at, version, "
    "created_at, updated_at FROM risk_sources ";

// The codec's 39 risk columns.
constexpr const char* kRiskSelect =
    "SELECT r.id, r.ref_number, r.title, r.description, r.threat_id, r.vulnerability_id, "
    "r.owner_id, p.name, t.name, v.name, r.method_number, r.inherent_likelihood, "
    "r.inherent_confidentiality, r.inherent_integrity, r.inherent_availability, "
    "r.inherent_authenticity, r.residual_likelihood, r.residual_confidentiality, "
    "r.residual_integrity, r.residual_availability, r.residual_authenticity, r.inherent_level, "
    "r.residual_level, r.treatment, r.treatment_plan, r.acceptance_person_id, ap.name, "
    "r.acceptance_role, r.accepted_at, r.acceptance_expires_on, r.acceptance_justification, "
    "r.acceptance_level, r.acceptance_method_number, r.next_review_on, r.archived_at, "
    "r.archive_reason, r.version, r.created_at, r.updated_at ";
// LEFT JOINs keep risks the driving table, so a page walks its sort index and joins only
// the rows it returns.
constexpr const char* kRiskJoins =
    "LEFT JOIN persons p ON p.id = r.owner_id "
    "LEFT JOIN risk_sources t ON t.id = r.threat_id "
    "LEFT JOIN risk_sources v ON v.id = r.vulnerability_id "
    "LEFT JOIN persons ap ON ap.id = r.acceptance_person_id ";

// Parameters ?1..?39 as risk_params (codec); owner_sort copies the owner's key.
constexpr const char* kRiskInsert =
    "INSERT INTO risks (id, ref_number, title, description, threat_id, vulnerability_id, "
    "owner_id, method_number, inherent_likelihood, inherent_confidentiality, "
    "inherent_integrity, inherent_availability, inherent_authenticity, residual_likelihood, "
    "residual_confidentiality, residual_integrity, residual_availability, "
    "residual_authenticity, inherent_impact, residual_impact, inherent_level, residual_level, "
    "treatment, treatment_plan, acceptance_person_id, acceptance_role, accepted_at, "
    "acceptance_expires_on, acceptance_justification, acceptance_level, "
    "acceptance_method_number, next_review_on, archived_at, archive_reason, version, "
    "created_at, updated_at, title_sort, search_text, owner_sort) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
    "?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, "
    "coalesce((SELECT name_sort FROM persons WHERE id = ?7), '')) ON CONFLICT DO NOTHING";

// id (?1) and ref_number (?2, the stored one: update_risk reads it first) never change;
// ?40 is the expected version.
constexpr const char* kRiskUpdate =
    "UPDATE risks SET title = ?3, description = ?4, threat_id = ?5, vulnerability_id = ?6, "
    "owner_id = ?7, method_number = ?8, inherent_likelihood = ?9, "
    "inherent_confidentiality = ?10, inherent_integrity = ?11, inherent_availability = ?12, "
    "inherent_authenticity = ?13, residual_likelihood = ?14, residual_confidentiality = ?15, "
    "residual_integrity = ?16, residual_availability = ?17, residual_authenticity = ?18, "
    "inherent_impact = ?19, residual_impact = ?20, inherent_level = ?21, residual_level = ?22, "
    "treatment = ?23, treatment_plan = ?24, acceptance_person_id = ?25, acceptance_role = ?26, "
    "accepted_at = ?27, acceptance_expires_on = ?28, acceptance_justification = ?29, "
    "acceptance_level = ?30, acceptance_method_number = ?31, next_review_on = ?32, "
    "archived_at = ?33, archive_reason = ?34, version = ?35, created_at = ?36, "
    "updated_at = ?37, title_sort = ?38, search_text = ?39, "
    "owner_sort = coalesce((SELECT name_sort FROM persons WHERE id = ?7), '') "
    "WHERE id = ?1 AND ref_number = ?2 AND version = ?40";

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

const char* sort_column(RiskSort sort) {
  switch (sort) {
    case RiskSort::kRef:
      return "r.ref_number";
    case RiskSort::kTitle:
      return "r.title_sort";
    case RiskSort::kInherentLevel:
      return "r.inherent_level";
    case RiskSort::kResidualLevel:
      return "r.residual_level";
    case RiskSort::kOwnerName:
      return "r.owner_sort";
    case RiskSort::kNextReview:
      return "r.review_sort";
    case RiskSort::kUpdatedAt:
      return "r.updated_at";
  }
  return "r.ref_number";
}

// The access path of a listing. SQLite has no statistics here, so the choice is made for
// it where its default would visit every row (as for assets, sqlite_assets.cc):
//  - a search of 3+ characters takes its candidates from the trigram index risks_search
//    (by ref_number) and sorts the matches, unless an owner, asset or control filter
//    narrows the rows already;
//  - a shorter search scans the table in storage order and sorts the matches (walking a
//    sort index would cost a random row lookup per risk when matches are rare);
//  - level and cell filters carry a unary + so they never drive the scan: they match a
//    large share of the register, so walking the sort index finds a page quickly where
//    their range would be sorted whole.
// Otherwise the (archived, sort column, id) index serves the page directly.
bool narrowed(const RiskQuery& q) {
  return !q.owner_ids.empty() || !q.asset_id.empty() || !q.control_id.empty();
}
bool uses_trigram_index(const RiskQuery& q, const store_detail::RiskListPlan& plan) {
  return plan.trigram_text && !narrowed(q);
}
const char* risks_from(const RiskQuery& q, const store_detail::RiskListPlan& plan) {
  if (uses_trigram_index(q, plan)) return "FROM risks r INDEXED BY risks_by_ref_number ";
  if (plan.like_pattern && !plan.trigram_text && !narrowed(q)) return "FROM risks r NOT INDEXED ";
  return "FROM risks r ";
}

// An FTS5 query matching `text` as one phrase: with the trigram tokenizer, the rows that
// contain it as a substring. Inside "..." only a double quote is special (doubled).
std::string fts_phrase(const std::string& text) {
  std::string phrase = "\"";
  for (char ch : text) {
    if (ch == '"') phrase += '"';
    phrase += ch;
  }
  phrase += '"';
  return phrase;
}

// Filters shared by the page and the count query. archived: 0, 1, or -1 for both.
Where filters(const RiskQuery& q, const store_detail::RiskListPlan& plan, int archived) {
  Where w;
  w.sql = archived < 0 ? "WHERE 1 = 1" : archived ? "WHERE r.archived = 1" : "WHERE r.archived = 0";
  w.in("r.owner_id", q.owner_ids);
  w.in("r.treatment", plan.treatments);
  if (!q.asset_id.empty()) {
    w.sql += " AND r.id IN (SELECT ra.risk_id FROM risk_assets ra WHERE ra.asset_id = " +
             w.bind(q.asset_id) + ")";
  }
  if (!q.control_id.empty()) {
    w.sql += " AND r.id IN (SELECT rc.risk_id FROM risk_controls rc WHERE rc.control_id = " +
             w.bind(q.control_id) + ")";
  }
  if (!q.threat_id.empty()) w.sql += " AND r.threat_id = " + w.bind(q.threat_id);
  if (!q.vulnerability_id.empty()) {
    w.sql += " AND r.vulnerability_id = " + w.bind(q.vulnerability_id);
  }
  if (q.min_residual_level) {
    w.sql += " AND +r.residual_level >= " + w.bind(int64_t{*q.min_residual_level});
  }
  if (q.min_inherent_level) {
    w.sql += " AND +r.inherent_level >= " + w.bind(int64_t{*q.min_inherent_level});
  }
  const char* basis = q.cell_residual ? "+r.residual_" : "+r.inherent_";
  if (q.likelihood) {
    w.sql += std::string(" AND ") + basis + "likelihood = " + w.bind(int64_t{*q.likelihood});
  }
  if (q.impact) w.sql += std::string(" AND ") + basis + "impact = " + w.bind(int64_t{*q.impact});
  if (q.review_before) w.sql += " AND r.next_review_on < " + w.bind(*q.review_before);
  if (uses_trigram_index(q, plan)) {
    // Candidates from the index; the LIKE below still decides, exactly as on the scan.
    w.sql += " AND r.ref_number IN (SELECT rowid FROM risks_search WHERE risks_search MATCH " +
             w.bind(fts_phrase(*plan.trigram_text)) + ")";
  }
  if (plan.like_pattern) {
    w.sql += " AND r.search_text LIKE " + w.bind(*plan.like_pattern) + " ESCAPE '\\'";
  }
  return w;
}

Status collect_risks(SqliteConn& conn, const std::string& sql,
                     const store_detail::SqlParams& params, std::vector<Risk>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(Risk r, store_detail::decode_risk(row));
    out->push_back(std::move(r));
    return ok_status();
  });
}

// Fills asset_ids and control_ids of `risks` with one statement per kChunk risks.
Status load_risk_links(SqliteConn& conn, std::vector<Risk>* risks) {
  std::map<std::string, Risk*> by_id;
  for (auto& r : *risks) by_id[r.id] = &r;
  for (size_t start = 0; start < risks->size(); start += kChunk) {
    Where w;
    size_t end = std::min(risks->size(), start + kChunk);
    std::string in;
    for (size_t i = start; i < end; ++i) in += (i > start ? ", " : "") + w.bind((*risks)[i].id);
    // kind 0 = asset, 1 = control; ordered, so each list comes out sorted.
    std::string sql = "SELECT 0, risk_id, asset_id FROM risk_assets WHERE risk_id IN (" + in +
                      ") UNION ALL SELECT 1, risk_id, control_id FROM risk_controls WHERE "
                      "risk_id IN (" +
                      in + ") ORDER BY 1, 2, 3";
    ISMS_TRY(conn.query(sql, w.params, [&](const Row& row) -> Status {
      auto it = by_id.find(row.text(1));
      if (it == by_id.end()) return ok_status();
      auto& list = row.int64(0) == 0 ? it->second->asset_ids : it->second->control_ids;
      list.push_back(row.text(2));
      return ok_status();
    }));
  }
  return ok_status();
}

// Writes a risk's assets and controls (after deleting the old ones on update).
Status write_risk_links(SqliteConn& conn, const Risk& r) {
  for (const auto& asset_id : r.asset_ids) {
    auto inserted = conn.exec(
        "INSERT INTO risk_assets (risk_id, asset_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        {r.id, asset_id});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("asset_ids", "no asset with id " + asset_id);
      }
      return std::move(inserted).error();
    }
  }
  for (const auto& control_id : r.control_ids) {
    ISMS_TRY(conn.exec(
        "INSERT INTO risk_controls (risk_id, control_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        {r.id, control_id}));
  }
  return ok_status();
}

Result<bool> exists(SqliteConn& conn, const char* sql, const SqlParams& params) {
  bool found = false;
  ISMS_TRY(conn.query(sql, params, [&](const Row&) -> Status {
    found = true;
    return ok_status();
  }));
  return found;
}

// A risk row's failed foreign key (kInvalid without a field: the database does not say
// which reference) as kInvalid naming the first reference that is not stored. Runs after
// the write's savepoint was rolled back (PostgreSQL refuses statements before that).
Status name_reference(SqliteConn& conn, const Risk& r, Status s) {
  if (s.ok() || s.error().code != ErrorCode::kInvalid || !s.error().field.empty()) return s;
  ISMS_ASSIGN(bool threat, exists(conn, "SELECT 1 FROM risk_sources WHERE id = ?1", {r.threat_id}));
  if (!threat) return Error::invalid("threat_id", "no threat with id " + r.threat_id);
  ISMS_ASSIGN(bool vulnerability,
              exists(conn, "SELECT 1 FROM risk_sources WHERE id = ?1", {r.vulnerability_id}));
  if (!vulnerability) {
    return Error::invalid("vulnerability_id", "no vulnerability with id " + r.vulnerability_id);
  }
  if (r.owner_id) {
    ISMS_ASSIGN(bool owner, exists(conn, "SELECT 1 FROM persons WHERE id = ?1", {*r.owner_id}));
    if (!owner) return Error::invalid("owner_id", "no person with id " + *r.owner_id);
  }
  return s;
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

// kConflict when another source of the same kind has the name (case-insensitively).
Status check_source_name(SqliteConn& conn, const RiskSource& s) {
  std::optional<std::string> holder;
  ISMS_TRY(conn.query(
      "SELECT id FROM risk_sources WHERE kind = ?1 AND name_key = ?2 AND id <> ?3",
      {std::string(risk_source_kind_name(s.kind)), store_detail::fold_case(s.name), s.id},
      [&](const Row& row) -> Status {
        holder = row.text(0);
        return ok_status();
      }));
  if (holder) {
    return Error::conflict("a " + std::string(risk_source_kind_name(s.kind)) + " named '" + s.name +
                           "' exists (" + *holder + ")");
  }
  return ok_status();
}

Result<std::vector<Risk>> page_rows(SqliteConn& conn, const RiskQuery& q,
                                    const store_detail::RiskListPlan& plan, int archived) {
  Where w = filters(q, plan, archived);
  const char* col = sort_column(q.sort);
  if (plan.after) {
    SqlValue v = plan.integer_key ? SqlValue{plan.after_number} : SqlValue{plan.after_key};
    std::string pv = w.bind(std::move(v));
    std::string pid = w.bind(plan.after->id);
    w.sql += std::string(" AND (") + col + ", r.id) " + (q.descending ? "<" : ">") + " (" + pv +
             ", " + pid + ")";
  }
  const char* dir = q.descending ? " DESC" : "";
  w.sql += std::string(" ORDER BY ") + col + dir + ", r.id" + dir + " LIMIT " +
           w.bind(int64_t{q.limit} + 1);
  std::vector<Risk> rows;
  ISMS_TRY(collect_risks(conn, kRiskSelect + std::string(risks_from(q, plan)) + kRiskJoins + w.sql,
                         w.params, &rows));
  return rows;
}

}  // namespace

// --- Risk methods -----------------------------------------------------------------------

Status SqliteTx::insert_risk_method(const RiskMethod& m) {
  ISMS_TRY(writable());
  ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO risk_methods (number, body, created_by, "
                                     "created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                                     store_detail::risk_method_params(m)));
  if (n == 0) return Error::conflict("risk method " + std::to_string(m.number) + " exists");
  return ok_status();
}

Result<std::optional<RiskMethod>> SqliteTx::current_risk_method() {
  ISMS_TRY(usable());
  std::optional<RiskMethod> out;
  ISMS_TRY(conn_->query(std::string(kMethodSelect) + "ORDER BY number DESC LIMIT 1", {},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(out, store_detail::decode_risk_method(row));
                          return ok_status();
                        }));
  return out;
}

Result<RiskMethod> SqliteTx::get_risk_method(int64_t number) {
  ISMS_TRY(usable());
  std::optional<RiskMethod> out;
  ISMS_TRY(conn_->query(std::string(kMethodSelect) + "WHERE number = ?1", {number},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(out, store_detail::decode_risk_method(row));
                          return ok_status();
                        }));
  if (!out) return Error::not_found("no risk method " + std::to_string(number));
  return std::move(*out);
}

Result<std::vector<RiskMethod>> SqliteTx::list_risk_methods() {
  ISMS_TRY(usable());
  std::vector<RiskMethod> out;
  ISMS_TRY(conn_->query(std::string(kMethodSelect) + "ORDER BY number", {},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(RiskMethod m, store_detail::decode_risk_method(row));
                          out.push_back(std::move(m));
                          return ok_status();
                        }));
  return out;
}

// --- Threats and vulnerabilities --------------------------------------------------------

Status SqliteTx::insert_risk_source(const RiskSource& s) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_TRY(check_source_name(*conn_, s));
    ISMS_ASSIGN(int64_t n,
                conn_->exec("INSERT INTO risk_sources (id, kind, key, name, category, "
                            "description, properties, archived_at, version, created_at, "
                            "updated_at, name_key, name_sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                            "?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING",
                            store_detail::risk_source_params(s)));
    if (n == 0) {
      return Error::conflict("a risk source with id " + s.id + " or key '" + s.key + "' exists");
    }
    return ok_status();
  });
}

Result<RiskSource> SqliteTx::get_risk_source(const std::string& id) {
  ISMS_TRY(usable());
  std::optional<RiskSource> out;
  ISMS_TRY(conn_->query(std::string(kSourceSelect) + "WHERE id = ?1", {id},
                        [&](const Row& row) -> Status {
                          ISMS_ASSIGN(out, store_detail::decode_risk_source(row));
                          return ok_status();
                        }));
  if (!out) return Error::not_found("no threat or vulnerability with id " + id);
  return std::move(*out);
}

Status SqliteTx::update_risk_source(const RiskSource& s, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_TRY(check_source_name(*conn_, s));
    auto params = store_detail::risk_source_params(s);
    params.emplace_back(expected_version);
    // A source never changes kind (?2): one of the other kind is not found.
    auto updated = conn_->exec(
        "UPDATE risk_sources SET key = ?3, name = ?4, category = ?5, description = ?6, "
        "properties = ?7, archived_at = ?8, version = ?9, created_at = ?10, updated_at = ?11, "
        "name_key = ?12, name_sort = ?13 WHERE id = ?1 AND kind = ?2 AND version = ?14",
        params);
    if (!updated.ok()) return std::move(updated).error();
    if (*updated == 0) {
      std::string kind(risk_source_kind_name(s.kind));
      std::optional<int64_t> stored;
      ISMS_TRY(conn_->query("SELECT version FROM risk_sources WHERE id = ?1 AND kind = ?2",
                            {s.id, kind}, [&](const Row& row) -> Status {
                              stored = row.int64(0);
                              return ok_status();
                            }));
      if (!stored) return Error::not_found("no " + kind + " with id " + s.id);
      return Error::conflict(kind + " " + s.id + " is at version " + std::to_string(*stored) +
                             ", not " + std::to_string(expected_version));
    }
    return ok_status();
  });
}

Result<std::vector<RiskSource>> SqliteTx::list_risk_sources(RiskSourceKind kind,
                                                            ArchivedFilter archived) {
  ISMS_TRY(usable());
  std::string where = "WHERE kind = ?1";
  if (archived == ArchivedFilter::kActiveOnly) where += " AND archived_at IS NULL";
  if (archived == ArchivedFilter::kArchivedOnly) where += " AND archived_at IS NOT NULL";
  std::vector<RiskSource> out;
  ISMS_TRY(conn_->query(kSourceSelect + where + " ORDER BY name_sort, id",
                        {std::string(risk_source_kind_name(kind))}, [&](const Row& row) -> Status {
                          ISMS_ASSIGN(RiskSource s, store_detail::decode_risk_source(row));
                          out.push_back(std::move(s));
                          return ok_status();
                        }));
  return out;
}

// --- Risks ------------------------------------------------------------------------------

Status SqliteTx::insert_risk(Risk* r) {
  ISMS_TRY(writable());
  Status s = atomically([&]() -> Status {
    // Writers are serialized, so the counter cannot race; a failed insert rolls it back
    // with the savepoint, so numbers stay gapless.
    std::optional<int64_t> number;
    ISMS_TRY(conn_->query(
        "UPDATE risk_ref_counter SET last_number = last_number + 1 RETURNING last_number", {},
        [&](const Row& row) -> Status {
          number = row.int64(0);
          return ok_status();
        }));
    if (!number) return Error::corruption("risk_ref_counter has no row");
    ISMS_ASSIGN(int64_t inserted, conn_->exec(kRiskInsert, store_detail::risk_params(*r, *number)));
    if (inserted == 0) return Error::conflict("a risk with id " + r->id + " exists");
    ISMS_TRY(write_risk_links(*conn_, *r));
    r->ref = store_detail::format_risk_ref(*number);
    return ok_status();
  });
  return name_reference(*conn_, *r, std::move(s));
}

Result<Risk> SqliteTx::get_risk(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Risk> found;
  ISMS_TRY(collect_risks(
      *conn_, std::string(kRiskSelect) + "FROM risks r " + kRiskJoins + "WHERE r.id = ?1", {id},
      &found));
  if (found.empty()) return Error::not_found("no risk with id " + id);
  ISMS_TRY(load_risk_links(*conn_, &found));
  return std::move(found.front());
}

Status SqliteTx::update_risk(const Risk& r, int64_t expected_version) {
  ISMS_TRY(writable());
  Status s = atomically([&]() -> Status {
    // The stored ref number (the search text includes the ref; r.ref is not trusted).
    std::optional<int64_t> number;
    ISMS_TRY(conn_->query("SELECT ref_number FROM risks WHERE id = ?1", {r.id},
                          [&](const Row& row) -> Status {
                            number = row.int64(0);
                            return ok_status();
                          }));
    if (!number) return Error::not_found("no risk with id " + r.id);
    auto params = store_detail::risk_params(r, *number);
    params.emplace_back(expected_version);
    ISMS_ASSIGN(int64_t updated, conn_->exec(kRiskUpdate, params));
    if (updated == 0) return stale_or_missing(*conn_, "risks", "risk", r.id, expected_version);
    ISMS_TRY(conn_->exec("DELETE FROM risk_assets WHERE risk_id = ?1", {r.id}));
    ISMS_TRY(conn_->exec("DELETE FROM risk_controls WHERE risk_id = ?1", {r.id}));
    return write_risk_links(*conn_, r);
  });
  return name_reference(*conn_, r, std::move(s));
}

Result<RiskPage> SqliteTx::list_risks(const RiskQuery& query) {
  ISMS_TRY(usable());
  ISMS_ASSIGN(auto plan, store_detail::plan_risk_list(query));
  RiskPage page;
  if (!plan.matches_nothing) {
    std::vector<Risk> rows;
    if (query.archived == ArchivedFilter::kAll) {
      // Two index range scans merged here, as for assets: one index per sort.
      ISMS_ASSIGN(auto active, page_rows(*conn_, query, plan, 0));
      ISMS_ASSIGN(auto archived, page_rows(*conn_, query, plan, 1));
      rows = store_detail::merge_risks(std::move(active), std::move(archived), query,
                                       static_cast<size_t>(query.limit) + 1);
    } else {
      ISMS_ASSIGN(rows,
                  page_rows(*conn_, query, plan, query.archived == ArchivedFilter::kArchivedOnly));
    }
    page = store_detail::cut_risk_page(std::move(rows), query);
    ISMS_TRY(load_risk_links(*conn_, &page.items));
  }
  if (query.with_total) {
    int64_t total = 0;
    if (!plan.matches_nothing) {
      int archived = query.archived == ArchivedFilter::kAll            ? -1
                     : query.archived == ArchivedFilter::kArchivedOnly ? 1
                                                                       : 0;
      Where w = filters(query, plan, archived);
      ISMS_TRY(conn_->query("SELECT count(*) " + std::string(risks_from(query, plan)) + w.sql,
                            w.params, [&](const Row& row) -> Status {
                              total = row.int64(0);
                              return ok_status();
                            }));
    }
    page.total = total;
  }
  return page;
}

Result<std::vector<std::string>> SqliteTx::existing_risk_ids(const std::vector<std::string>& ids) {
  ISMS_TRY(usable());
  std::vector<std::string> found;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    Where w;
    size_t end = std::min(ids.size(), start + kChunk);
    std::string sql = "SELECT id FROM risks WHERE id IN (";
    for (size_t i = start; i < end; ++i) sql += (i > start ? ", " : "") + w.bind(ids[i]);
    ISMS_TRY(conn_->query(sql + ")", w.params, [&](const Row& row) -> Status {
      found.push_back(row.text(0));
      return ok_status();
    }));
  }
  return store_detail::in_input_order(ids, std::move(found));
}

// One pass over risks_residual_cells / risks_inherent_cells (covering, in group order).
Result<std::vector<RiskHeatCell>> SqliteTx::risk_heat_map(bool residual) {
  ISMS_TRY(usable());
  std::vector<RiskHeatCell> out;
  ISMS_TRY(conn_->query(
      residual ? "SELECT method_number, residual_likelihood, residual_impact, count(*) FROM risks "
                 "WHERE archived = 0 GROUP BY method_number, residual_likelihood, residual_impact "
                 "ORDER BY 1, 2, 3"
               : "SELECT method_number, inherent_likelihood, inherent_impact, count(*) FROM risks "
                 "WHERE archived = 0 GROUP BY method_number, inherent_likelihood, inherent_impact "
                 "ORDER BY 1, 2, 3",
      {}, [&](const Row& row) -> Status {
        out.push_back(RiskHeatCell{row.int64(0), static_cast<int>(row.int64(1)),
                                   static_cast<int>(row.int64(2)), row.int64(3)});
        return ok_status();
      }));
  return out;
}

// Grouped over risks_by_owner (owner_id, archived, residual_level: covering), then the
// few groups are joined to their owners and ordered.
Result<std::vector<OwnerRiskSummary>> SqliteTx::risk_owner_summary(int appetite_rank, int limit) {
  ISMS_TRY(usable());
  if (limit < 1 || limit > 500) return Error::invalid("limit", "must be between 1 and 500");
  std::vector<OwnerRiskSummary> out;
  ISMS_TRY(conn_->query(
      "SELECT coalesce(s.owner_id, ''), coalesce(p.name, ''), s.n, s.above, s.top FROM "
      "(SELECT owner_id, count(*) AS n, sum(residual_level > ?1) AS above, "
      "max(residual_level) AS top FROM risks WHERE archived = 0 GROUP BY owner_id) s "
      "LEFT JOIN persons p ON p.id = s.owner_id "
      "ORDER BY s.above DESC, s.top DESC, s.n DESC, coalesce(p.name_sort, ''), "
      "coalesce(s.owner_id, '') LIMIT ?2",
      {int64_t{appetite_rank}, int64_t{limit}}, [&](const Row& row) -> Status {
        OwnerRiskSummary s;
        s.owner_id = row.text(0);
        s.owner_name = row.text(1);
        s.risks = row.int64(2);
        s.above_appetite = row.int64(3);
        s.max_residual_level = static_cast<int>(row.int64(4));
        out.push_back(std::move(s));
        return ok_status();
      }));
  return out;
}

Result<std::vector<RiskSnapshotEntry>> SqliteTx::snapshot_risks() {
  ISMS_TRY(usable());
  std::vector<RiskSnapshotEntry> out;
  ISMS_TRY(conn_->query(
      "SELECT r.id, r.ref_number, r.title, coalesce(p.name, ''), r.method_number, "
      "r.inherent_likelihood, r.inherent_impact, r.inherent_level, r.residual_likelihood, "
      "r.residual_impact, r.residual_level, r.treatment, r.archived FROM risks r "
      "LEFT JOIN persons p ON p.id = r.owner_id ORDER BY r.id",
      {}, [&](const Row& row) -> Status {
        out.push_back(store_detail::decode_live_snapshot(row));
        return ok_status();
      }));
  return out;
}

}  // namespace isms::sqlite
