// PgTx: the asset register (insert, get, update, keyset-paginated list, counts).
#include <map>
#include <set>

#include "store/asset_list.h"
#include "store/codec.h"
#include "store/postgres/pg_tx.h"

namespace isms::postgres {

using store_detail::Row;
using store_detail::SqlValue;

namespace {

// The codec's 19 asset columns, then the dependencies and the working groups as JSON
// arrays (NULL when none): fetched with the rows so that a page costs one round trip.
constexpr const char* kAssetSelect =
    "SELECT a.id, a.name, a.type, a.description, a.owner_id, p.name, a.business_function, "
    "a.classification, a.confidentiality, a.integrity, a.availability, a.authenticity, "
    "a.lifecycle_status, a.archived_at, a.archive_reason, a.version, a.created_at, "
    "a.updated_at, a.description_sealed, "
    "(SELECT json_agg(d.depends_on_id ORDER BY d.depends_on_id)::text "
    "FROM asset_dependencies d WHERE d.asset_id = a.id), "
    "(SELECT json_agg(g.group_id ORDER BY g.group_id)::text "
    "FROM asset_groups g WHERE g.asset_id = a.id) "
    "FROM assets a LEFT JOIN persons p ON p.id = a.owner_id ";
constexpr int kDependenciesColumn = store_detail::kAssetColumns;
constexpr int kGroupsColumn = store_detail::kAssetColumns + 1;

// owner_sort is a copy of the owner's persons.name_sort (or '') kept so that sorting by
// owner uses an index instead of sorting every row of a join; a trigger keeps it in step
// with renames. name_sort is $19 (codec.h).
constexpr const char* kAssetInsert =
    "INSERT INTO assets (id, name, type, description, owner_id, business_function, "
    "classification, confidentiality, integrity, availability, authenticity, lifecycle_status, "
    "archived_at, archive_reason, version, created_at, updated_at, search_text, name_sort, "
    "description_sealed, owner_sort) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
    "$20, coalesce((SELECT name_sort FROM persons WHERE id = $5), '')) ON CONFLICT DO NOTHING";

constexpr const char* kAssetUpdate =
    "UPDATE assets SET name = $2, type = $3, description = $4, owner_id = $5, "
    "business_function = $6, classification = $7, confidentiality = $8, integrity = $9, "
    "availability = $10, authenticity = $11, lifecycle_status = $12, archived_at = $13, "
    "archive_reason = $14, version = $15, created_at = $16, updated_at = $17, "
    "search_text = $18, name_sort = $19, description_sealed = $20, "
    "owner_sort = coalesce((SELECT name_sort FROM persons WHERE id = $5), '') "
    "WHERE id = $1 AND version = $21";

// Bound parameters per statement for IN lists; far below PostgreSQL's limit of 65535.
constexpr size_t kChunk = 500;

const char* sort_column(AssetSort sort) {
  switch (sort) {
    case AssetSort::kName:
      return "a.name_sort";
    case AssetSort::kType:
      return "a.type";
    case AssetSort::kClassification:
      return "a.classification";
    case AssetSort::kLifecycleStatus:
      return "a.lifecycle_status";
    case AssetSort::kOwnerName:
      return "a.owner_sort";
    case AssetSort::kCreatedAt:
      return "a.created_at";
    case AssetSort::kUpdatedAt:
      return "a.updated_at";
  }
  return "a.name_sort";
}

// Accumulates a WHERE clause with numbered parameters.
struct Where {
  std::string sql;
  store_detail::SqlParams params;

  std::string bind(SqlValue v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  }
  template <typename T>
  void in(const char* column, const std::vector<T>& values) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + bind(values[i]);
    sql += ")";
  }
};

// The read rule of domain/access.h as a predicate on `assets a`, appended to w->sql; the
// reader is a bound parameter. Nothing for scope.all. Otherwise:
//   classification public/internal (rank <= 1): visible;
//   confidential (2): confidential_by_role, the owner, a member of one of the asset's
//     working groups, or a grant;
//   customer_data (3): a grant only.
// The reader's group assets and granted assets are uncorrelated IN subqueries inside an
// OR, which PostgreSQL runs once per statement as hashed subplans (object_grants_by_person,
// working_group_members_by_person + asset_groups_by_group serve them) and probes per row;
// the sort index still serves the page as without a scope.
void access_predicate(const ReadScope& scope, Where* w) {
  if (scope.all) return;
  if (scope.person_id.empty()) {
    w->sql +=
        scope.confidential_by_role ? " AND a.classification <= 2" : " AND a.classification <= 1";
    return;
  }
  std::string reader = w->bind(scope.person_id);
  std::string granted =
      "a.id IN (SELECT g.object_id FROM object_grants g WHERE g.person_id = " + reader +
      " AND g.object_type = 'asset')";
  if (scope.confidential_by_role) {
    w->sql += " AND (a.classification <= 2 OR " + granted + ")";
    return;
  }
  w->sql += " AND (a.classification <= 1 OR (a.classification = 2 AND (a.owner_id = " + reader +
            " OR a.id IN (SELECT ag.asset_id FROM working_group_members m JOIN asset_groups ag "
            "ON ag.group_id = m.group_id WHERE m.person_id = " +
            reader + "))) OR " + granted + ")";
}

// Filters shared by the page and the count query. archived: 0, 1, or -1 for both.
Where filters(const AssetQuery& query, const store_detail::AssetListPlan& plan, int archived) {
  Where w;
  w.sql = archived < 0 ? "WHERE 1 = 1" : archived ? "WHERE a.archived" : "WHERE NOT a.archived";
  access_predicate(query.scope, &w);
  w.in("a.type", plan.types);
  w.in("a.classification", plan.classifications);
  w.in("a.lifecycle_status", plan.statuses);
  w.in("a.owner_id", plan.owner_ids);
  if (plan.like_pattern) {
    w.sql += " AND a.search_text LIKE " + w.bind(*plan.like_pattern) + " ESCAPE '\\'";
  }
  return w;
}

Status decode_id_list(const Row& row, int column, const Asset& asset,
                      std::vector<std::string>* out) {
  if (row.is_null(column)) return ok_status();
  ISMS_ASSIGN(*out, store_detail::decode_string_list(row.text(column), "asset " + asset.id));
  return ok_status();
}

// `prepare`: false for built SQL, which PostgreSQL then plans for the actual values.
Status collect_assets(PgConn& conn, const std::string& sql, const store_detail::SqlParams& params,
                      std::vector<Asset>* out, bool prepare) {
  return conn.query(
      sql, params,
      [&](const Row& row) -> Status {
        ISMS_ASSIGN(Asset a, store_detail::decode_asset(row));
        ISMS_TRY(decode_id_list(row, kDependenciesColumn, a, &a.depends_on));
        ISMS_TRY(decode_id_list(row, kGroupsColumn, a, &a.working_group_ids));
        out->push_back(std::move(a));
        return ok_status();
      },
      prepare);
}

Result<std::vector<Asset>> page_rows(PgConn& conn, const AssetQuery& q,
                                     const store_detail::AssetListPlan& plan, int archived) {
  Where w = filters(q, plan, archived);
  const char* col = sort_column(q.sort);
  if (plan.after) {
    SqlValue v = plan.after_rank ? SqlValue{*plan.after_rank} : SqlValue{plan.after_key};
    std::string pv = w.bind(std::move(v));
    std::string pid = w.bind(plan.after->id);
    w.sql += std::string(" AND (") + col + ", a.id) " + (q.descending ? "<" : ">") + " (" + pv +
             ", " + pid + ")";
  }
  const char* dir = q.descending ? " DESC" : "";
  w.sql += std::string(" ORDER BY ") + col + dir + ", a.id" + dir + " LIMIT " +
           w.bind(int64_t{q.limit} + 1);
  std::vector<Asset> rows;
  ISMS_TRY(collect_assets(conn, kAssetSelect + w.sql, w.params, &rows, false));
  return rows;
}

}  // namespace

Status PgTx::write_dependencies(const Asset& asset) {
  for (const auto& dep : asset.depends_on) {
    if (dep == asset.id) return Error::invalid("depends_on", "an asset cannot depend on itself");
  }
  for (size_t start = 0; start < asset.depends_on.size(); start += kChunk) {
    Where w;
    std::string self = w.bind(asset.id);
    std::string sql = "INSERT INTO asset_dependencies (asset_id, depends_on_id) VALUES ";
    size_t end = std::min(asset.depends_on.size(), start + kChunk);
    for (size_t i = start; i < end; ++i) {
      sql += (i > start ? ", (" : "(") + self + ", " + w.bind(asset.depends_on[i]) + ")";
    }
    auto inserted = conn_->exec(sql + " ON CONFLICT DO NOTHING", w.params, false);
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("depends_on", "depends_on names an asset that does not exist");
      }
      return std::move(inserted).error();
    }
  }
  return ok_status();
}

Status PgTx::write_asset_groups(const Asset& asset) {
  for (size_t start = 0; start < asset.working_group_ids.size(); start += kChunk) {
    Where w;
    std::string self = w.bind(asset.id);
    std::string sql = "INSERT INTO asset_groups (asset_id, group_id) VALUES ";
    size_t end = std::min(asset.working_group_ids.size(), start + kChunk);
    for (size_t i = start; i < end; ++i) {
      sql += (i > start ? ", (" : "(") + self + ", " + w.bind(asset.working_group_ids[i]) + ")";
    }
    auto inserted = conn_->exec(sql + " ON CONFLICT DO NOTHING", w.params, false);
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("working_group_ids",
                              "working_group_ids names a working group that does not exist");
      }
      return std::move(inserted).error();
    }
  }
  return ok_status();
}

Status PgTx::insert_asset(const Asset& asset) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto inserted = conn_->exec(kAssetInsert, store_detail::asset_params(asset));
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid && asset.owner_id) {
        return Error::invalid("owner_id", "no person with id " + *asset.owner_id);
      }
      return std::move(inserted).error();
    }
    if (*inserted == 0) return Error::conflict("an asset with id " + asset.id + " exists");
    ISMS_TRY(write_dependencies(asset));
    return write_asset_groups(asset);
  });
}

Result<Asset> PgTx::get_asset(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Asset> found;
  ISMS_TRY(
      collect_assets(*conn_, std::string(kAssetSelect) + "WHERE a.id = $1", {id}, &found, true));
  if (found.empty()) return Error::not_found("no asset with id " + id);
  return std::move(found.front());
}

Status PgTx::update_asset(const Asset& asset, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto params = store_detail::asset_params(asset);
    params.emplace_back(std::in_place_type<int64_t>, expected_version);
    auto updated = conn_->exec(kAssetUpdate, params);
    if (!updated.ok()) {
      if (updated.error().code == ErrorCode::kInvalid && asset.owner_id) {
        return Error::invalid("owner_id", "no person with id " + *asset.owner_id);
      }
      return std::move(updated).error();
    }
    if (*updated == 0) {
      std::optional<int64_t> stored;
      ISMS_TRY(conn_->query("SELECT version FROM assets WHERE id = $1", {asset.id},
                            [&](const Row& row) -> Status {
                              stored = row.int64(0);
                              return ok_status();
                            }));
      if (!stored) return Error::not_found("no asset with id " + asset.id);
      return Error::conflict("asset " + asset.id + " is at version " + std::to_string(*stored) +
                             ", not " + std::to_string(expected_version));
    }
    ISMS_TRY(conn_->exec("DELETE FROM asset_dependencies WHERE asset_id = $1", {asset.id}));
    ISMS_TRY(write_dependencies(asset));
    ISMS_TRY(conn_->exec("DELETE FROM asset_groups WHERE asset_id = $1", {asset.id}));
    return write_asset_groups(asset);
  });
}

Result<AssetPage> PgTx::list_assets(const AssetQuery& query) {
  ISMS_TRY(usable());
  ISMS_ASSIGN(auto plan, store_detail::plan_asset_list(query));
  AssetPage page;
  if (!plan.matches_nothing) {
    std::vector<Asset> rows;
    if (query.archived == ArchivedFilter::kAll) {
      // Two index range scans merged here: one index per sort then serves every filter.
      ISMS_ASSIGN(auto active, page_rows(*conn_, query, plan, 0));
      ISMS_ASSIGN(auto archived, page_rows(*conn_, query, plan, 1));
      rows = store_detail::merge_ordered(std::move(active), std::move(archived), query,
                                         static_cast<size_t>(query.limit) + 1);
    } else {
      ISMS_ASSIGN(rows,
                  page_rows(*conn_, query, plan, query.archived == ArchivedFilter::kArchivedOnly));
    }
    page = store_detail::cut_page(std::move(rows), query);
  }
  if (query.with_total) {
    int64_t total = 0;
    if (!plan.matches_nothing) {
      int archived = query.archived == ArchivedFilter::kAll            ? -1
                     : query.archived == ArchivedFilter::kArchivedOnly ? 1
                                                                       : 0;
      Where w = filters(query, plan, archived);
      ISMS_TRY(conn_->query(
          "SELECT count(*) FROM assets a " + w.sql, w.params,
          [&](const Row& row) -> Status {
            total = row.int64(0);
            return ok_status();
          },
          false));
    }
    page.total = total;
  }
  return page;
}

Result<std::vector<std::string>> PgTx::existing_asset_ids(const std::vector<std::string>& ids) {
  ISMS_TRY(usable());
  std::set<std::string> found;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    Where w;
    size_t end = std::min(ids.size(), start + kChunk);
    std::string sql = "SELECT id FROM assets WHERE id IN (";
    for (size_t i = start; i < end; ++i) sql += (i > start ? ", " : "") + w.bind(ids[i]);
    ISMS_TRY(conn_->query(
        sql + ")", w.params,
        [&](const Row& row) -> Status {
          found.insert(row.text(0));
          return ok_status();
        },
        false));
  }
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (found.erase(id) > 0) out.push_back(id);  // input order, each id once
  }
  return out;
}

Result<AssetCounts> PgTx::count_assets(const ReadScope& scope) {
  ISMS_TRY(usable());
  // One pass over the table (at most 4 x 4 x 2 groups) rather than three scans.
  AssetCounts counts;
  std::map<int64_t, int64_t> by_rank;
  std::map<std::string, int64_t> by_status;
  Where w;
  w.sql = "WHERE NOT a.archived";
  access_predicate(scope, &w);
  ISMS_TRY(
      conn_->query("SELECT a.classification, a.lifecycle_status, (a.owner_id IS NULL)::integer, "
                   "count(*) FROM assets a " +
                       w.sql + " GROUP BY 1, 2, 3",
                   w.params, [&](const Row& row) -> Status {
                     int64_t n = row.int64(3);
                     by_rank[row.int64(0)] += n;
                     by_status[row.text(1)] += n;
                     if (row.int64(2) == 1) counts.without_owner += n;
                     counts.total += n;
                     return ok_status();
                   }));
  for (int rank = 0; rank <= 3; ++rank) {
    auto c = static_cast<Classification>(rank);
    counts.by_classification.emplace_back(std::string(classification_name(c)), by_rank[rank]);
  }
  for (auto s : {LifecycleStatus::kPlanned, LifecycleStatus::kActive, LifecycleStatus::kRetiring,
                 LifecycleStatus::kRetired}) {
    std::string name(lifecycle_status_name(s));
    counts.by_lifecycle_status.emplace_back(name, by_status[name]);
  }
  return counts;
}

}  // namespace isms::postgres
