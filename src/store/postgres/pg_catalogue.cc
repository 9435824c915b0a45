// PgTx: the requirements catalogue (frameworks, requirements, mappings). Schema:
// catalogue_schema.cc. Every statement is a network round trip here, so batches (a
// library's ~1,000 requirements, a mapping set's ~600 rows, deletions) are written as
// multi-row statements of up to kBatchRows rows (pg_batch.h) rather than one per row.
#include <set>

#include "store/document_codec.h"
#include "store/postgres/pg_batch.h"
#include "store/postgres/pg_tx.h"

namespace isms::postgres {

using store_detail::Row;

namespace {

constexpr const char* kFrameworkSelect =
    "SELECT f.id, f.urn, f.ref_id, f.name, f.description, f.version, f.provider, f.source, "
    "f.copyright, f.updated_at, "
    "(SELECT count(*) FROM requirements r WHERE r.framework_id = f.id) FROM frameworks f ";

constexpr const char* kRequirementSelect =
    "SELECT framework_id, ref_id, parent_ref_id, title, description, kind, assessable::integer, "
    "position, urn, notes FROM requirements ";

constexpr const char* kMappingSelect =
    "SELECT source_framework_id, source_ref_id, target_framework_id, target_ref_id, "
    "relationship, origin, notes FROM requirement_mappings ";

Status collect_frameworks(PgConn& conn, const std::string& sql,
                          const store_detail::SqlParams& params, std::vector<Framework>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    out->push_back(store_detail::decode_framework(row));
    return ok_status();
  });
}

Status collect_requirements(PgConn& conn, const std::string& sql,
                            const store_detail::SqlParams& params, std::vector<Requirement>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    out->push_back(store_detail::decode_requirement(row));
    return ok_status();
  });
}

// kInvalid naming framework_id when a framework is not stored: checked before writing so
// the message names it (a foreign-key failure would not say which row).
Status check_frameworks_exist(PgConn& conn, const std::set<std::string>& ids) {
  for (const auto& id : ids) {
    bool found = false;
    ISMS_TRY(conn.query("SELECT 1 FROM frameworks WHERE id = $1", {id}, [&](const Row&) -> Status {
      found = true;
      return ok_status();
    }));
    if (!found) return Error::invalid("framework_id", "no framework with id " + id);
  }
  return ok_status();
}

}  // namespace

Status PgTx::upsert_framework(const Framework& f) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    if (!f.urn.empty()) {
      std::optional<std::string> holder;
      ISMS_TRY(conn_->query("SELECT id FROM frameworks WHERE urn = $1 AND id <> $2", {f.urn, f.id},
                            [&](const Row& row) -> Status {
                              holder = row.text(0);
                              return ok_status();
                            }));
      if (holder) return Error::conflict("framework " + *holder + " already has urn " + f.urn);
    }
    ISMS_TRY(conn_->exec(
        "INSERT INTO frameworks (id, urn, ref_id, name, description, version, provider, source, "
        "copyright, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT (id) DO UPDATE SET urn = excluded.urn, ref_id = excluded.ref_id, "
        "name = excluded.name, description = excluded.description, version = excluded.version, "
        "provider = excluded.provider, source = excluded.source, copyright = excluded.copyright, "
        "updated_at = excluded.updated_at",
        store_detail::framework_params(f)));
    return ok_status();
  });
}

Result<Framework> PgTx::get_framework(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Framework> found;
  ISMS_TRY(
      collect_frameworks(*conn_, std::string(kFrameworkSelect) + "WHERE f.id = $1", {id}, &found));
  if (found.empty()) return Error::not_found("no framework with id " + id);
  return std::move(found.front());
}

Result<std::optional<Framework>> PgTx::find_framework_by_urn(const std::string& urn) {
  ISMS_TRY(usable());
  std::optional<Framework> out;
  if (urn.empty()) return out;  // frameworks without a URN are not identified by it
  std::vector<Framework> found;
  ISMS_TRY(collect_frameworks(*conn_, std::string(kFrameworkSelect) + "WHERE f.urn = $1", {urn},
                              &found));
  if (!found.empty()) out = std::move(found.front());
  return out;
}

Result<std::vector<Framework>> PgTx::list_frameworks() {
  ISMS_TRY(usable());
  std::vector<Framework> out;
  ISMS_TRY(collect_frameworks(*conn_, std::string(kFrameworkSelect) + "ORDER BY f.id", {}, &out));
  return out;
}

Status PgTx::upsert_requirements(const std::vector<Requirement>& requirements) {
  ISMS_TRY(writable());
  // One row per key: a multi-row upsert may not touch a row twice.
  std::vector<Requirement> batch = store_detail::last_per_key(requirements);
  std::set<std::string> frameworks;
  for (const auto& r : batch) frameworks.insert(r.framework_id);
  return atomically([&]() -> Status {
    ISMS_TRY(check_frameworks_exist(*conn_, frameworks));
    return insert_rows(*conn_,
                       "INSERT INTO requirements (framework_id, ref_id, parent_ref_id, title, "
                       "description, kind, assessable, position, urn, notes, search_key) VALUES ",
                       " ON CONFLICT (framework_id, ref_id) DO UPDATE SET "
                       "parent_ref_id = excluded.parent_ref_id, title = excluded.title, "
                       "description = excluded.description, kind = excluded.kind, "
                       "assessable = excluded.assessable, position = excluded.position, "
                       "urn = excluded.urn, notes = excluded.notes, "
                       "search_key = excluded.search_key",
                       batch.size(),
                       [&](size_t i) { return store_detail::requirement_params(batch[i]); });
  });
}

Status PgTx::delete_requirements(const std::string& framework_id,
                                 const std::vector<std::string>& ref_ids) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    for (size_t start = 0; start < ref_ids.size(); start += kBatchRows) {
      size_t end = std::min(ref_ids.size(), start + kBatchRows);
      store_detail::SqlParams params{framework_id};
      std::string in;
      for (size_t i = start; i < end; ++i) {
        params.emplace_back(ref_ids[i]);
        in += (i > start ? ", $" : "$") + std::to_string(params.size());
      }
      ISMS_TRY(
          conn_->exec("DELETE FROM requirement_mappings WHERE (source_framework_id = $1 AND "
                      "source_ref_id IN (" +
                          in + ")) OR (target_framework_id = $1 AND target_ref_id IN (" + in + "))",
                      params, false));
      ISMS_TRY(
          conn_->exec("DELETE FROM requirements WHERE framework_id = $1 AND ref_id IN (" + in + ")",
                      params, false));
    }
    return ok_status();
  });
}

Result<std::vector<Requirement>> PgTx::list_requirements(const std::string& framework_id) {
  ISMS_TRY(usable());
  std::vector<Requirement> out;
  ISMS_TRY(collect_requirements(
      *conn_, std::string(kRequirementSelect) + "WHERE framework_id = $1 ORDER BY position, ref_id",
      {framework_id}, &out));
  return out;
}

Result<Requirement> PgTx::get_requirement(const std::string& framework_id,
                                          const std::string& ref_id) {
  ISMS_TRY(usable());
  std::vector<Requirement> found;
  ISMS_TRY(collect_requirements(
      *conn_, std::string(kRequirementSelect) + "WHERE framework_id = $1 AND ref_id = $2",
      {framework_id, ref_id}, &found));
  if (found.empty()) {
    return Error::not_found("no requirement " + requirement_key(framework_id, ref_id));
  }
  return std::move(found.front());
}

Result<std::vector<Requirement>> PgTx::search_requirements(const std::string& search,
                                                           const std::string& framework_id,
                                                           int limit) {
  ISMS_TRY(usable());
  ISMS_ASSIGN(auto pattern, store_detail::plan_requirement_search(search, limit));
  std::vector<Requirement> out;
  if (!pattern) return out;
  // A catalogue is a few thousand rows: a scan costs a few milliseconds, so no index.
  if (framework_id.empty()) {
    ISMS_TRY(collect_requirements(*conn_,
                                  std::string(kRequirementSelect) +
                                      "WHERE search_key LIKE $1 ESCAPE '\\' "
                                      "ORDER BY framework_id, position, ref_id LIMIT $2",
                                  {*pattern, int64_t{limit}}, &out));
  } else {
    ISMS_TRY(collect_requirements(*conn_,
                                  std::string(kRequirementSelect) +
                                      "WHERE framework_id = $1 AND search_key LIKE $2 ESCAPE '\\' "
                                      "ORDER BY position, ref_id LIMIT $3",
                                  {framework_id, *pattern, int64_t{limit}}, &out));
  }
  return out;
}

Status PgTx::replace_mappings(const std::string& source_framework_id,
                              const std::string& target_framework_id, const std::string& origin,
                              const std::vector<RequirementMapping>& mappings) {
  ISMS_TRY(writable());
  for (const auto& m : mappings) {
    if (m.source_framework_id != source_framework_id ||
        m.target_framework_id != target_framework_id || m.origin != origin) {
      return Error::invalid("mappings", "a mapping of " + source_framework_id + " -> " +
                                            target_framework_id + " (" + origin +
                                            ") names another framework or origin");
    }
  }
  std::vector<RequirementMapping> batch = store_detail::last_per_key(mappings);
  return atomically([&]() -> Status {
    ISMS_TRY(
        conn_->exec("DELETE FROM requirement_mappings WHERE source_framework_id = $1 AND "
                    "target_framework_id = $2 AND origin = $3",
                    {source_framework_id, target_framework_id, origin}));
    return insert_rows(*conn_,
                       "INSERT INTO requirement_mappings (source_framework_id, source_ref_id, "
                       "target_framework_id, target_ref_id, relationship, origin, notes) VALUES ",
                       "", batch.size(),
                       [&](size_t i) { return store_detail::mapping_params(batch[i]); });
  });
}

Result<std::vector<RequirementMapping>> PgTx::list_mappings(const std::string& framework_id,
                                                            const std::string& ref_id) {
  ISMS_TRY(usable());
  std::vector<RequirementMapping> out;
  auto collect = [&](const Row& row) -> Status {
    out.push_back(store_detail::decode_mapping(row));
    return ok_status();
  };
  constexpr const char* kOrder =
      " ORDER BY source_framework_id, source_ref_id, target_framework_id, target_ref_id, origin";
  if (ref_id.empty()) {
    ISMS_TRY(conn_->query(std::string(kMappingSelect) +
                              "WHERE source_framework_id = $1 OR target_framework_id = $1" + kOrder,
                          {framework_id}, collect));
  } else {
    ISMS_TRY(conn_->query(std::string(kMappingSelect) +
                              "WHERE (source_framework_id = $1 AND source_ref_id = $2) OR "
                              "(target_framework_id = $1 AND target_ref_id = $2)" +
                              kOrder,
                          {framework_id, ref_id}, collect));
  }
  return out;
}

}  // namespace isms::postgres
