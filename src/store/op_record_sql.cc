#include "store/op_record_sql.h"

#include <string_view>

namespace isms::store_detail {
namespace {

std::string ph(char placeholder, size_t n) { return placeholder + std::to_string(n); }

bool valid_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > 40) return false;
  for (char c : kind) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::string op_record_select() {
  return "SELECT id, kind, ref, parent_id, status, owner_id, due_at, archived, body, version, "
         "created_at, updated_at FROM op_records ";
}

std::string op_record_insert(char p) {
  std::string sql =
      "INSERT INTO op_records (id, kind, ref, parent_id, status, owner_id, due_at, archived, "
      "body, version, created_at, updated_at) VALUES (";
  for (size_t i = 1; i <= 12; ++i) sql += (i > 1 ? ", " : "") + ph(p, i);
  return sql + ") ON CONFLICT DO NOTHING";
}

std::string op_record_update(char p) {
  // The kind must match, so an id of another kind is "not found"; created_at never changes.
  return "UPDATE op_records SET ref = " + ph(p, 3) + ", parent_id = " + ph(p, 4) +
         ", status = " + ph(p, 5) + ", owner_id = " + ph(p, 6) + ", due_at = " + ph(p, 7) +
         ", archived = " + ph(p, 8) + ", body = " + ph(p, 9) + ", version = " + ph(p, 10) +
         ", updated_at = " + ph(p, 11) + " WHERE id = " + ph(p, 1) + " AND kind = " + ph(p, 2) +
         " AND version = " + ph(p, 12);
}

SqlParams op_record_update_params(const OpRecord& r, int64_t expected_version) {
  return {r.id,     r.kind,     r.ref,        r.parent_id,
          r.status, r.owner_id, r.due_at,     static_cast<int64_t>(r.archived ? 1 : 0),
          r.body,   r.version,  r.updated_at, expected_version};
}

SqlParams op_record_params(const OpRecord& r) {
  return {r.id,     r.kind,     r.ref,        r.parent_id,
          r.status, r.owner_id, r.due_at,     static_cast<int64_t>(r.archived ? 1 : 0),
          r.body,   r.version,  r.created_at, r.updated_at};
}

OpRecord decode_op_record(const Row& row) {
  OpRecord r;
  r.id = row.text(0);
  r.kind = row.text(1);
  r.ref = row.text(2);
  r.parent_id = row.text(3);
  r.status = row.text(4);
  r.owner_id = row.text(5);
  r.due_at = row.text(6);
  r.archived = row.int64(7) != 0;
  r.body = row.text(8);
  r.version = row.int64(9);
  r.created_at = row.text(10);
  r.updated_at = row.text(11);
  return r;
}

Status check_op_record(const OpRecord& r) {
  if (!valid_kind(r.kind)) return Error::invalid("kind", "kind must be 1-40 of a-z and _");
  if (r.id.empty()) return Error::invalid("id", "an operational record needs an id");
  if (r.body.size() > kMaxOpRecordBody) {
    return Error::invalid("body", "a " + r.kind + " record is limited to 4 MiB, this one has " +
                                      std::to_string(r.body.size()) + " bytes");
  }
  return ok_status();
}

Status build_op_record_query(const OpRecordQuery& q, char p, bool count, std::string* sql,
                             SqlParams* params) {
  if (!valid_kind(q.kind)) return Error::invalid("kind", "kind must be 1-40 of a-z and _");
  if (q.limit < 0 || q.limit > 10000) {
    return Error::invalid("limit", "limit must be between 1 and 10000 (0 = all)");
  }
  params->clear();
  auto bind = [&](SqlValue v) {
    params->push_back(std::move(v));
    return ph(p, params->size());
  };
  std::string where = "WHERE kind = " + bind(q.kind);
  if (q.archived == ArchivedFilter::kActiveOnly) where += " AND archived = 0";
  if (q.archived == ArchivedFilter::kArchivedOnly) where += " AND archived = 1";
  if (q.parent_id) where += " AND parent_id = " + bind(*q.parent_id);
  if (q.owner_id) where += " AND owner_id = " + bind(*q.owner_id);
  if (!q.statuses.empty()) {
    where += " AND status IN (";
    for (size_t i = 0; i < q.statuses.size(); ++i) {
      where += (i > 0 ? ", " : "") + bind(q.statuses[i]);
    }
    where += ")";
  }
  if (q.due_from) where += " AND due_at <> '' AND due_at >= " + bind(*q.due_from);
  if (q.due_before) where += " AND due_at <> '' AND due_at < " + bind(*q.due_before);
  if (count) {
    *sql = "SELECT count(*) FROM op_records " + where;
    return ok_status();
  }
  std::string column = q.order == OpRecordOrder::kDue   ? "due_at"
                       : q.order == OpRecordOrder::kRef ? "ref"
                                                        : "created_at";
  std::string dir = q.descending ? "DESC" : "ASC";
  std::string cmp = q.descending ? "<" : ">";
  // Due order puts records without a due date last in either direction.
  std::string empty_last =
      q.order == OpRecordOrder::kDue ? "CASE WHEN due_at = '' THEN 1 ELSE 0 END, " : "";
  if (!q.after_id.empty()) {
    std::string key = bind(q.after_key);
    std::string id = bind(q.after_id);
    if (q.order == OpRecordOrder::kDue) {
      // (empty flag, due_at, id) > (flag of key, key, id); the key's flag is known here.
      std::string flag = q.after_key.empty() ? "1" : "0";
      std::string row_flag = "CASE WHEN due_at = '' THEN 1 ELSE 0 END";
      where += " AND (" + row_flag + " > " + flag + " OR (" + row_flag + " = " + flag +
               " AND (due_at " + cmp + " " + key + " OR (due_at = " + key + " AND id " + cmp + " " +
               id + "))))";
    } else {
      where += " AND (" + column + " " + cmp + " " + key + " OR (" + column + " = " + key +
               " AND id " + cmp + " " + id + "))";
    }
  }
  *sql =
      op_record_select() + where + " ORDER BY " + empty_last + column + " " + dir + ", id " + dir;
  if (q.limit > 0) *sql += " LIMIT " + std::to_string(q.limit);
  return ok_status();
}

}  // namespace isms::store_detail
