#include "store/asset_list.h"

#include <algorithm>

#include "store/text.h"

namespace isms::store_detail {

namespace {

Error cursor_error() {
  return Error::malformed("cursor does not belong to this sort order", "cursor");
}

}  // namespace

Result<AssetListPlan> plan_asset_list(const AssetQuery& query) {
  if (query.limit < 1 || query.limit > 500) {
    return Error::invalid("limit", "must be between 1 and 500");
  }
  AssetListPlan plan;
  for (const auto& name : query.types) {
    if (!parse_asset_type(name)) return Error::invalid("type", "unknown asset type '" + name + "'");
    plan.types.push_back(name);
  }
  for (const auto& name : query.classifications) {
    auto c = parse_classification(name);
    if (!c) return Error::invalid("classification", "unknown classification '" + name + "'");
    plan.classifications.push_back(classification_rank(*c));
  }
  for (const auto& name : query.lifecycle_statuses) {
    if (!parse_lifecycle_status(name)) {
      return Error::invalid("lifecycle_status", "unknown lifecycle status '" + name + "'");
    }
    plan.statuses.push_back(name);
  }
  plan.owner_ids = query.owner_ids;
  if (!query.search.empty()) {
    if (query.search.size() > kMaxSearchBytes) {
      return Error::invalid(
          "q", "search text is longer than " + std::to_string(kMaxSearchBytes) + " bytes");
    }
    plan.like_pattern = search_like_pattern(query.search);
    plan.matches_nothing = !plan.like_pattern.has_value();
    std::string folded = fold_case(query.search);
    auto chars = utf8_code_points(folded);
    if (plan.like_pattern && chars && *chars >= kMinTrigramChars) plan.trigram_text = folded;
  }
  if (query.after) {
    plan.after = query.after;
    if (query.sort == AssetSort::kClassification) {
      const std::string& v = query.after->sort_value;
      if (v.size() != 1 || v[0] < '0' || v[0] > '3') return cursor_error();
      plan.after_rank = v[0] - '0';
    } else if (query.sort == AssetSort::kName || query.sort == AssetSort::kOwnerName) {
      plan.after_key = sort_key(query.after->sort_value);
    } else {
      plan.after_key = query.after->sort_value;
    }
  }
  return plan;
}

std::string asset_order_key(const Asset& asset, AssetSort sort) {
  if (sort == AssetSort::kName) return sort_key(asset.name);
  if (sort == AssetSort::kOwnerName) return sort_key(asset.owner_name.value_or(""));
  return asset_sort_value(asset, sort);
}

bool asset_before(const Asset& a, const Asset& b, const AssetQuery& query) {
  // Byte-wise comparison of the keys the engines sort by: std::string compares as
  // unsigned char, like memcmp, SQLite BINARY and PostgreSQL COLLATE "C".
  int c = asset_order_key(a, query.sort).compare(asset_order_key(b, query.sort));
  if (c == 0) c = a.id.compare(b.id);
  return query.descending ? c > 0 : c < 0;
}

std::vector<Asset> merge_ordered(std::vector<Asset> a, std::vector<Asset> b,
                                 const AssetQuery& query, size_t keep) {
  std::vector<Asset> out;
  out.reserve(std::min(keep, a.size() + b.size()));
  size_t i = 0, j = 0;
  while (out.size() < keep && (i < a.size() || j < b.size())) {
    bool take_a = j >= b.size() || (i < a.size() && asset_before(a[i], b[j], query));
    out.push_back(std::move(take_a ? a[i++] : b[j++]));
  }
  return out;
}

AssetPage cut_page(std::vector<Asset> rows, const AssetQuery& query) {
  AssetPage page;
  size_t limit = static_cast<size_t>(query.limit);
  if (rows.size() > limit) {
    rows.resize(limit);
    const Asset& last = rows.back();
    page.next = AssetKeyset{asset_sort_value(last, query.sort), last.id};
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace isms::store_detail
