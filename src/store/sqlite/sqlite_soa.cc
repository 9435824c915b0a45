// SqliteTx: the Statement of Applicability: working lines (optimistic versions) and
// approved, frozen versions with their lines. Schema: controls_schema.cc; the row and
// parameter order is control_list.h's.
#include "store/control_list.h"
#include "store/sqlite/sqlite_tx.h"

namespace isms::sqlite {

using store_detail::Row;

namespace {

// Titles come from the catalogue (requirements); a line whose requirement was deleted
// keeps its decision, shows no title and sorts after the catalogue's lines.
constexpr const char* kLineSelect =
    "SELECT s.framework_id, s.ref_id, coalesce(r.title, ''), s.applicable, s.reasons, "
    "s.justification, s.implementation, s.updated_by, s.updated_at, s.version FROM soa_lines s "
    "LEFT JOIN requirements r ON r.framework_id = s.framework_id AND r.ref_id = s.ref_id ";

constexpr const char* kSoaSelect =
    "SELECT s.id, s.number, s.framework_ids, s.approved_by_person_id, coalesce(p.name, ''), "
    "s.approved_at, s.note, s.lines, s.applicable, s.not_applicable, s.undecided, "
    "s.implemented, s.partial, s.planned, s.not_started FROM soa_versions s "
    "LEFT JOIN persons p ON p.id = s.approved_by_person_id ";

Status collect_soas(SqliteConn& conn, const std::string& sql, const store_detail::SqlParams& params,
                    std::vector<Soa>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(Soa s, store_detail::decode_soa(row));
    out->push_back(std::move(s));
    return ok_status();
  });
}

}  // namespace

Result<std::vector<Applicability>> SqliteTx::list_applicability(const std::string& framework_id) {
  ISMS_TRY(usable());
  std::vector<Applicability> out;
  ISMS_TRY(conn_->query(std::string(kLineSelect) +
                            "WHERE s.framework_id = ?1 "
                            "ORDER BY r.position IS NULL, r.position, s.ref_id",
                        {framework_id}, [&](const Row& row) -> Status {
                          ISMS_ASSIGN(Applicability a, store_detail::decode_applicability(row));
                          out.push_back(std::move(a));
                          return ok_status();
                        }));
  return out;
}

Status SqliteTx::put_applicability(const Applicability& a, int64_t expected_version) {
  ISMS_TRY(writable());
  std::string key = a.framework_id + ":" + a.ref_id;
  auto params = store_detail::applicability_params(a);
  if (expected_version == 0) {
    ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO soa_lines (framework_id, ref_id, applicable, "
                                       "reasons, justification, implementation, updated_by, "
                                       "updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                       "?8, ?9) ON CONFLICT DO NOTHING",
                                       params));
    if (n == 0) return Error::conflict("the SoA line " + key + " exists already");
    return ok_status();
  }
  params.emplace_back(std::in_place_type<int64_t>, expected_version);
  ISMS_ASSIGN(int64_t n,
              conn_->exec("UPDATE soa_lines SET applicable = ?3, reasons = ?4, justification = ?5, "
                          "implementation = ?6, updated_by = ?7, updated_at = ?8, version = ?9 "
                          "WHERE framework_id = ?1 AND ref_id = ?2 AND version = ?10",
                          params));
  if (n > 0) return ok_status();
  std::optional<int64_t> stored;
  ISMS_TRY(conn_->query("SELECT version FROM soa_lines WHERE framework_id = ?1 AND ref_id = ?2",
                        {a.framework_id, a.ref_id}, [&](const Row& row) -> Status {
                          stored = row.int64(0);
                          return ok_status();
                        }));
  if (!stored) return Error::not_found("no SoA line " + key);
  return Error::conflict("the SoA line " + key + " is at version " + std::to_string(*stored) +
                         ", not " + std::to_string(expected_version));
}

Status SqliteTx::insert_soa(const Soa& s) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(int64_t n, conn_->exec("INSERT INTO soa_versions (id, number, framework_ids, "
                                       "approved_by_person_id, approved_at, note, lines, "
                                       "applicable, not_applicable, undecided, implemented, "
                                       "partial, planned, not_started) VALUES (?1, ?2, ?3, ?4, "
                                       "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                                       "ON CONFLICT DO NOTHING",
                                       store_detail::soa_params(s)));
    if (n == 0) {
      return Error::conflict("an approved SoA number " + std::to_string(s.number) + " or with id " +
                             s.id + " exists");
    }
    for (size_t i = 0; i < s.lines.size(); ++i) {
      ISMS_TRY(conn_->exec(
          "INSERT INTO soa_version_lines (soa_id, ord, framework_id, ref_id, title, applicable, "
          "reasons, justification, implementation, updated_by, updated_at, version, "
          "control_ids, control_refs, risk_ids, evidence_count, valid_evidence_count) VALUES "
          "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
          store_detail::frozen_line_params(s.id, i, s.lines[i])));
    }
    return ok_status();
  });
}

Result<Soa> SqliteTx::get_soa(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Soa> found;
  ISMS_TRY(collect_soas(*conn_, std::string(kSoaSelect) + "WHERE s.id = ?1", {id}, &found));
  if (found.empty()) return Error::not_found("no approved SoA with id " + id);
  Soa& soa = found.front();
  ISMS_TRY(conn_->query(
      "SELECT framework_id, ref_id, title, applicable, reasons, justification, implementation, "
      "updated_by, updated_at, version, control_ids, control_refs, risk_ids, evidence_count, "
      "valid_evidence_count FROM soa_version_lines WHERE soa_id = ?1 ORDER BY ord",
      {id}, [&](const Row& row) -> Status {
        ISMS_ASSIGN(Applicability a, store_detail::decode_frozen_line(row));
        soa.lines.push_back(std::move(a));
        return ok_status();
      }));
  return std::move(soa);
}

Result<std::vector<Soa>> SqliteTx::list_soas() {
  ISMS_TRY(usable());
  std::vector<Soa> out;
  ISMS_TRY(collect_soas(*conn_, std::string(kSoaSelect) + "ORDER BY s.number DESC", {}, &out));
  return out;
}

}  // namespace isms::sqlite
