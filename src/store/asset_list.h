// Engine-neutral parts of StoreTx::list_assets: validating an AssetQuery into a plan the
// engines turn into SQL, merging the active and archived halves of an "all" listing, and
// cutting a page with its keyset. No SQL here.
//
// Ordering contract (both engines): rows are ordered by (sort value, id), ascending or
// descending, comparing text by bytes (UTF-8 code point order; SQLite BINARY, PostgreSQL
// COLLATE "C") and classification by rank. The sort value of owner_name is the owner's
// name, or "" without owner.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/store.h"

namespace isms::store_detail {

// Longest accepted search text; longer searches are kInvalid (field "q").
inline constexpr size_t kMaxSearchBytes = 4000;

struct AssetListPlan {
  std::vector<std::string> types;        // validated AssetType names
  std::vector<int64_t> classifications;  // ranks
  std::vector<std::string> statuses;     // validated LifecycleStatus names
  std::vector<std::string> owner_ids;
  std::optional<std::string> like_pattern;  // set when the query searches
  bool matches_nothing = false;             // the search can never match
  std::optional<AssetKeyset> after;
  std::optional<int64_t> after_rank;  // after->sort_value parsed, for kClassification
};

// Checks limit (1..500), enum names (kInvalid naming the filter), the search length and
// the keyset (kMalformed, field "cursor", when its value cannot belong to the sort).
Result<AssetListPlan> plan_asset_list(const AssetQuery& query);

// True when row a comes before row b in the query's order.
bool asset_before(const Asset& a, const Asset& b, const AssetQuery& query);

// Merges two lists each already in the query's order, keeping at most `keep` rows.
std::vector<Asset> merge_ordered(std::vector<Asset> a, std::vector<Asset> b,
                                 const AssetQuery& query, size_t keep);

// Builds the page from up to limit+1 ordered rows: the first `limit` become items and
// `next` is set when a further row exists.
AssetPage cut_page(std::vector<Asset> rows, const AssetQuery& query);

}  // namespace isms::store_detail
