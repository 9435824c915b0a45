// SqliteTx: the asset register (insert, get, update, keyset-paginated list, counts).
#include <map>
#include <set>

#include "store/asset_list.h"
#include "store/codec.h"
#include "store/sqlite/sqlite_tx.h"

namespace isms::sqlite {

using store_detail::Row;
using store_detail::SqlValue;

namespace {

constexpr const char* kAssetColumns =
    "SELECT a.id, a.name, a.type, a.description, a.owner_id, p.name, a.business_function, "
    "a.classification, a.confidentiality, a.integrity, a.availability, a.authenticity, "
    "a.lifecycle_status, a.archived_at, a.archive_reason, a.version, a.created_at, "
    "a.updated_at, a.description_sealed ";
constexpr const char* kOwnerJoin = "LEFT JOIN persons p ON p.id = a.owner_id ";

// The access path for a listing. SQLite has no statistics here, so the choice is made for
// it where its default (walk the sort index, look up each row) would visit every row:
//  - an owner filter uses the owner index: an owner's assets are few enough to sort;
//  - a search of 3+ characters looks the candidates up in the trigram index
//    (assets_search) and sorts the matches;
//  - a shorter search cannot use the trigram index: it scans the table in storage order
//    and sorts the matches, which costs the same whether the text is rare or common
//    (~50 ms at 10^5 assets), where walking the sort index costs a random row lookup per
//    asset when matches are rare (~6x slower).
// Otherwise the (archived, sort column, id) index serves the page directly.
bool uses_trigram_index(const store_detail::AssetListPlan& plan) {
  return plan.trigram_text && plan.owner_ids.empty();
}

std::string assets_from(const store_detail::AssetListPlan& plan) {
  if (!plan.owner_ids.empty()) return "FROM assets a INDEXED BY assets_by_owner ";
  if (uses_trigram_index(plan)) return "FROM assets a INDEXED BY assets_by_search_rowid ";
  if (plan.like_pattern) return "FROM assets a NOT INDEXED ";
  return "FROM assets a ";
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

// search_rowid: the next key of the trigram index (see migrations.cc v2); writers are
// serialized, so max + 1 cannot race. owner_sort copies the owner's persons.name_sort.
constexpr const char* kAssetInsert =
    "INSERT INTO assets (id, name, type, description, owner_id, business_function, "
    "classification, confidentiality, integrity, availability, authenticity, lifecycle_status, "
    "archived_at, archive_reason, version, created_at, updated_at, search_text, name_sort, "
    "description_sealed, owner_sort, search_rowid) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20, coalesce((SELECT name_sort FROM persons WHERE id = ?5), ''), "
    "(SELECT coalesce(max(search_rowid), 0) + 1 FROM assets)) ON CONFLICT DO NOTHING";

constexpr const char* kAssetUpdate =
    "UPDATE assets SET name = ?2, type = ?3, description = ?4, owner_id = ?5, "
    "business_function = ?6, classification = ?7, confidentiality = ?8, integrity = ?9, "
    "availability = ?10, authenticity = ?11, lifecycle_status = ?12, archived_at = ?13, "
    "archive_reason = ?14, version = ?15, created_at = ?16, updated_at = ?17, "
    "search_text = ?18, name_sort = ?19, description_sealed = ?20, "
    "owner_sort = coalesce((SELECT name_sort FROM persons WHERE id = ?5), '') "
    "WHERE id = ?1 AND version = ?21";

// Bound parameters per statement for IN lists; far below SQLite's limit.
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
    return "?" + std::to_string(params.size());
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
// The reader's group assets and granted assets are uncorrelated IN subqueries: SQLite
// evaluates each once per statement into an ephemeral index (object_grants_by_person,
// working_group_members_by_person + asset_groups_by_group serve them), then probes it per
// row. The unary + keeps these terms from being chosen to drive the scan (e.g. an OR of
// index lookups then sorted), so the sort index still serves the page as without a scope.
void access_predicate(const ReadScope& scope, Where* w) {
  if (scope.all) return;
  if (scope.person_id.empty()) {
    w->sql +=
        scope.confidential_by_role ? " AND +a.classification <= 2" : " AND +a.classification <= 1";
    return;
  }
  std::string reader = w->bind(scope.person_id);
  std::string granted =
      "+a.id IN (SELECT g.object_id FROM object_grants g WHERE g.person_id = " + reader +
      " AND g.object_type = 'asset')";
  if (scope.confidential_by_role) {
    w->sql += " AND (+a.classification <= 2 OR " + granted + ")";
    return;
  }
  w->sql += " AND (+a.classification <= 1 OR (+a.classification = 2 AND (+a.owner_id = " + reader +
            " OR +a.id IN (SELECT ag.asset_id FROM working_group_members m JOIN asset_groups ag "
            "ON ag.group_id = m.group_id WHERE m.person_id = " +
            reader + "))) OR " + granted + ")";
}

// Filters shared by the page and the count query. archived: 0, 1, or -1 for both.
Where filters(const AssetQuery& query, const store_detail::AssetListPlan& plan, int archived) {
  Where w;
  w.sql = archived < 0 ? "WHERE 1 = 1" : archived ? "WHERE a.archived = 1" : "WHERE a.archived = 0";
  access_predicate(query.scope, &w);
  w.in("a.type", plan.types);
  w.in("a.classification", plan.classifications);
  w.in("a.lifecycle_status", plan.statuses);
  w.in("a.owner_id", plan.owner_ids);
  if (uses_trigram_index(plan)) {
    // Candidates from the index; the LIKE below still decides, exactly as on the scan.
    w.sql += " AND a.search_rowid IN (SELECT rowid FROM assets_search WHERE assets_search MATCH " +
             w.bind(fts_phrase(*plan.trigram_text)) + ")";
  }
  if (plan.like_pattern) {
    w.sql += " AND a.search_text LIKE " + w.bind(*plan.like_pattern) + " ESCAPE '\\'";
  }
  return w;
}

Status collect_assets(SqliteConn& conn, const std::string& sql,
                      const store_detail::SqlParams& params, std::vector<Asset>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(Asset a, store_detail::decode_asset(row));
    out->push_back(std::move(a));
    return ok_status();
  });
}

Result<std::vector<Asset>> page_rows(SqliteConn& conn, const AssetQuery& q,
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
  std::string sql = kAssetColumns + assets_from(plan) + kOwnerJoin + w.sql;
  ISMS_TRY(collect_assets(conn, sql, w.params, &rows));
  return rows;
}

}  // namespace

Status SqliteTx::write_dependencies(const Asset& asset) {
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
    auto inserted = conn_->exec(sql + " ON CONFLICT DO NOTHING", w.params);
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("depends_on", "depends_on names an asset that does not exist");
      }
      return std::move(inserted).error();
    }
  }
  return ok_status();
}

Status SqliteTx::write_asset_groups(const Asset& asset) {
  for (size_t start = 0; start < asset.working_group_ids.size(); start += kChunk) {
    Where w;
    std::string self = w.bind(asset.id);
    std::string sql = "INSERT INTO asset_groups (asset_id, group_id) VALUES ";
    size_t end = std::min(asset.working_group_ids.size(), start + kChunk);
    for (size_t i = start; i < end; ++i) {
      sql += (i > start ? ", (" : "(") + self + ", " + w.bind(asset.working_group_ids[i]) + ")";
    }
    auto inserted = conn_->exec(sql + " ON CONFLICT DO NOTHING", w.params);
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

Status SqliteTx::load_dependencies(std::vector<Asset>* assets) {
  std::map<std::string, Asset*> by_id;
  for (auto& a : *assets) by_id[a.id] = &a;
  for (size_t start = 0; start < assets->size(); start += kChunk) {
    Where w;
    size_t end = std::min(assets->size(), start + kChunk);
    std::string in;
    for (size_t i = start; i < end; ++i) in += (i > start ? ", " : "") + w.bind((*assets)[i].id);
    // One statement for both lists: kind 0 = dependency, 1 = working group.
    std::string sql =
        "SELECT 0, asset_id, depends_on_id FROM asset_dependencies WHERE asset_id IN (" + in +
        ") UNION ALL SELECT 1, asset_id, group_id FROM asset_groups WHERE asset_id IN (" + in +
        ") ORDER BY 1, 2, 3";
    ISMS_TRY(conn_->query(sql, w.params, [&](const Row& row) -> Status {
      auto it = by_id.find(row.text(1));
      if (it == by_id.end()) return ok_status();
      auto& list = row.int64(0) == 0 ? it->second->depends_on : it->second->working_group_ids;
      list.push_back(row.text(2));
      return ok_status();
    }));
  }
  return ok_status();
}

Status SqliteTx::insert_asset(const Asset& asset) {
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

Result<Asset> SqliteTx::get_asset(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Asset> found;
  ISMS_TRY(collect_assets(
      *conn_, std::string(kAssetColumns) + "FROM assets a " + kOwnerJoin + "WHERE a.id = ?1", {id},
      &found));
  if (found.empty()) return Error::not_found("no asset with id " + id);
  ISMS_TRY(load_dependencies(&found));
  return std::move(found.front());
}

Status SqliteTx::update_asset(const Asset& asset, int64_t expected_version) {
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
      ISMS_TRY(conn_->query("SELECT version FROM assets WHERE id = ?1", {asset.id},
                            [&](const Row& row) -> Status {
                              stored = row.int64(0);
                              return ok_status();
                            }));
      if (!stored) return Error::not_found("no asset with id " + asset.id);
      return Error::conflict("asset " + asset.id + " is at version " + std::to_string(*stored) +
                             ", not " + std::to_string(expected_version));
    }
    ISMS_TRY(conn_->exec("DELETE FROM asset_dependencies WHERE asset_id = ?1", {asset.id}));
    ISMS_TRY(write_dependencies(asset));
    ISMS_TRY(conn_->exec("DELETE FROM asset_groups WHERE asset_id = ?1", {asset.id}));
    return write_asset_groups(asset);
  });
}

Result<AssetPage> SqliteTx::list_assets(const AssetQuery& query) {
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
    ISMS_TRY(load_dependencies(&page.items));
  }
  if (query.with_total) {
    int64_t total = 0;
    if (!plan.matches_nothing) {
      int archived = query.archived == ArchivedFilter::kAll            ? -1
                     : query.archived == ArchivedFilter::kArchivedOnly ? 1
                                                                       : 0;
      Where w = filters(query, plan, archived);
      ISMS_TRY(conn_->query("SELECT count(*) " + assets_from(plan) + w.sql, w.params,
                            [&](const Row& row) -> Status {
                              total = row.int64(0);
                              return ok_status();
                            }));
    }
    page.total = total;
  }
  return page;
}

Result<std::vector<std::string>> SqliteTx::existing_asset_ids(const std::vector<std::string>& ids) {
  ISMS_TRY(usable());
  std::set<std::string> found;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    Where w;
    size_t end = std::min(ids.size(), start + kChunk);
    std::string sql = "SELECT id FROM assets WHERE id IN (";
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

Result<AssetCounts> SqliteTx::count_assets(const ReadScope& scope) {
  ISMS_TRY(usable());
  AssetCounts counts;
  // One pass in classification order over assets_by_classification, which also holds
  // owner_id and lifecycle_status (migration 3): no table reads, no sorting, for every
  // scope (the read rule needs classification, owner_id and id). The statuses are counted
  // by conditional sums, one per status name (bound like any value).
  constexpr LifecycleStatus kStatuses[] = {LifecycleStatus::kPlanned, LifecycleStatus::kActive,
                                           LifecycleStatus::kRetiring, LifecycleStatus::kRetired};
  Where w;
  std::string sums;
  for (auto status : kStatuses) {
    sums +=
        "sum(a.lifecycle_status = " + w.bind(std::string(lifecycle_status_name(status))) + "), ";
  }
  w.sql = "WHERE a.archived = 0";
  access_predicate(scope, &w);
  std::map<int64_t, int64_t> by_rank;
  std::map<std::string, int64_t> by_status;
  ISMS_TRY(conn_->query(
      "SELECT a.classification, count(*), " + sums + "sum(a.owner_id IS NULL) FROM assets a " +
          w.sql + " GROUP BY a.classification",
      w.params, [&](const Row& row) -> Status {
        by_rank[row.int64(0)] = row.int64(1);
        counts.total += row.int64(1);
        for (int k = 0; k < 4; ++k) {
          by_status[std::string(lifecycle_status_name(kStatuses[k]))] += row.int64(2 + k);
        }
        counts.without_owner += row.int64(6);
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

}  // namespace isms::sqlite
