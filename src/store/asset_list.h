// Engine-neutral parts of StoreTx::list_assets: validating an AssetQuery into a plan the
// engines turn into SQL, merging the active and archived halves of an "all" listing, and
// cutting a page with its keyset. No SQL here.
//
// Ordering contract (both engines): rows are ordered by (order key, id), ascending or
// descending, comparing the key by bytes (SQLite BINARY, PostgreSQL COLLATE "C") and
// classification by rank. The order key (asset_order_key) of name is sort_key(name)
// (text.h: folded, then exact text), of owner_name sort_key(owner's name) or "" without
// owner, otherwise asset_sort_value: type and lifecycle_status names, RFC 3339 times.
// The engines keep the keys of name and owner_name in stored, indexed columns.
//
// Cursors (AssetKeyset::sort_value) carry asset_sort_value, i.e. the exact name, not the
// key: the key is derived from it here (plan.after_key). That keeps cursors as short as
// before (the key is twice the name) and valid across migration 2.
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
  // The folded search when a trigram index can serve it (at least kMinTrigramChars
  // characters of valid UTF-8); shorter searches scan. Engines still apply like_pattern,
  // which alone defines the result, so both paths return exactly the same rows.
  std::optional<std::string> trigram_text;
  bool matches_nothing = false;  // the search can never match
  std::optional<AssetKeyset> after;
  std::optional<int64_t> after_rank;  // after->sort_value parsed, for kClassification
  std::string after_key;              // otherwise: the order key after->sort_value stands for
};

// Checks limit (1..500), enum names (kInvalid naming the filter), the search length and
// the keyset (kMalformed, field "cursor", when its value cannot belong to the sort).
Result<AssetListPlan> plan_asset_list(const AssetQuery& query);

// The value the engines order by under `sort` (see the contract above); text.
std::string asset_order_key(const Asset& asset, AssetSort sort);

// True when row a comes before row b in the query's order.
bool asset_before(const Asset& a, const Asset& b, const AssetQuery& query);

// Merges two lists each already in the query's order, keeping at most `keep` rows.
std::vector<Asset> merge_ordered(std::vector<Asset> a, std::vector<Asset> b,
                                 const AssetQuery& query, size_t keep);

// Builds the page from up to limit+1 ordered rows: the first `limit` become items and
// `next` is set when a further row exists.
AssetPage cut_page(std::vector<Asset> rows, const AssetQuery& query);

}  // namespace isms::store_detail
