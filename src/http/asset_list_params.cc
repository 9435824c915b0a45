#include "http/asset_list_params.h"

#include <optional>
#include <string_view>

#include "http/query_params.h"

namespace isms::http {
namespace {

struct SortKey {
  const char* name;
  AssetSort sort;
};
constexpr SortKey kSortKeys[] = {
    {"name", AssetSort::kName},
    {"type", AssetSort::kType},
    {"classification", AssetSort::kClassification},
    {"lifecycle_status", AssetSort::kLifecycleStatus},
    {"owner_name", AssetSort::kOwnerName},
    {"created_at", AssetSort::kCreatedAt},
    {"updated_at", AssetSort::kUpdatedAt},
};

// Enum wire names, walked through the domain's own name functions so a new value shows
// up here without edits. The enums are dense and start at 0.
std::vector<std::string> type_names() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(AssetType::kOther); ++i) {
    out.emplace_back(asset_type_name(static_cast<AssetType>(i)));
  }
  return out;
}
std::vector<std::string> classification_names() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(Classification::kCustomerData); ++i) {
    out.emplace_back(classification_name(static_cast<Classification>(i)));
  }
  return out;
}
std::vector<std::string> lifecycle_names() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(LifecycleStatus::kRetired); ++i) {
    out.emplace_back(lifecycle_status_name(static_cast<LifecycleStatus>(i)));
  }
  return out;
}

Json list_schema(const std::vector<std::string>& values) {
  // A comma-separated list cannot be an enum in JSON Schema; a pattern states it exactly.
  std::string alternatives;
  for (const auto& v : values) alternatives += (alternatives.empty() ? "" : "|") + v;
  return Json{{"type", "string"},
              {"pattern", "^(" + alternatives + ")(,(" + alternatives + "))*$"}};
}

std::vector<QueryParamDoc> make_docs() {
  std::vector<std::string> sorts;
  for (const auto& k : kSortKeys) {
    sorts.emplace_back(k.name);
    sorts.push_back(std::string("-") + k.name);
  }
  return {
      {"limit", "Page size, 1-500 (default 50).",
       Json{{"type", "integer"},
            {"minimum", 1},
            {"maximum", kAssetListMaxLimit},
            {"default", kAssetListDefaultLimit}}},
      {"cursor", "Opaque cursor from a previous page's next_cursor.", Json{{"type", "string"}}},
      {"sort", "Sort key; prefix '-' for descending (default name).",
       Json{{"type", "string"}, {"enum", sorts}, {"default", "name"}}},
      {"type", "Filter: comma-separated asset types.", list_schema(type_names())},
      {"classification", "Filter: comma-separated classifications.",
       list_schema(classification_names())},
      {"lifecycle_status", "Filter: comma-separated lifecycle statuses.",
       list_schema(lifecycle_names())},
      {"owner_id", "Filter: comma-separated owner person ids.", Json{{"type", "string"}}},
      {"q", "Case-insensitive substring of name, description or business function.",
       Json{{"type", "string"}, {"maxLength", kAssetSearchMaxLength}}},
      {"archived", "Archived assets: false (default), true (only archived) or all.",
       Json{{"type", "string"}, {"enum", {"false", "true", "all"}}, {"default", "false"}}},
      {"include_total", "Also count all matching assets (total).",
       Json{{"type", "boolean"}, {"default", false}}},
  };
}

Result<AssetSort> parse_sort(const std::string& value, bool* descending) {
  std::string_view key = value;
  *descending = !key.empty() && key.front() == '-';
  if (*descending) key.remove_prefix(1);
  for (const auto& k : kSortKeys) {
    if (key == k.name) return k.sort;
  }
  return Error::malformed("sort: unknown sort key", "sort");
}

Result<ArchivedFilter> parse_archived(const std::string& value) {
  if (value == "false") return ArchivedFilter::kActiveOnly;
  if (value == "true") return ArchivedFilter::kArchivedOnly;
  if (value == "all") return ArchivedFilter::kAll;
  return Error::malformed("archived: must be false, true or all", "archived");
}

}  // namespace

const std::vector<QueryParamDoc>& asset_list_params() {
  static const std::vector<QueryParamDoc> docs = make_docs();
  return docs;
}

Result<AssetListRequest> parse_asset_list_query(const QueryParams& params) {
  ISMS_TRY(check_known_params(params, asset_list_params()));
  AssetListRequest request;
  AssetQuery& q = request.query;
  q.limit = kAssetListDefaultLimit;
  for (const auto& [name, value] : params) {
    if (name == "limit") {
      ISMS_ASSIGN(int64_t limit, parse_int_param(name, value, 1, kAssetListMaxLimit));
      q.limit = static_cast<int>(limit);
    } else if (name == "cursor") {
      request.cursor = value;  // empty means "first page", like an absent cursor
    } else if (name == "sort") {
      ISMS_ASSIGN(q.sort, parse_sort(value, &q.descending));
    } else if (name == "type") {
      ISMS_ASSIGN(q.types, parse_list_param(name, value, kFilterMaxValues, [](const auto& v) {
                    return parse_asset_type(v).has_value();
                  }));
    } else if (name == "classification") {
      ISMS_ASSIGN(q.classifications,
                  parse_list_param(name, value, kFilterMaxValues, [](const auto& v) {
                    return parse_classification(v).has_value();
                  }));
    } else if (name == "lifecycle_status") {
      ISMS_ASSIGN(q.lifecycle_statuses,
                  parse_list_param(name, value, kFilterMaxValues, [](const auto& v) {
                    return parse_lifecycle_status(v).has_value();
                  }));
    } else if (name == "owner_id") {
      ISMS_ASSIGN(q.owner_ids, parse_list_param(name, value, kFilterMaxValues, nullptr));
    } else if (name == "q") {
      // Count characters (UTF-8 lead bytes), as the documented maxLength does.
      size_t chars = 0;
      for (char c : value) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      if (chars > kAssetSearchMaxLength) return Error::malformed("q: at most 200 characters", "q");
      q.search = value;
    } else if (name == "archived") {
      ISMS_ASSIGN(q.archived, parse_archived(value));
    } else if (name == "include_total") {
      ISMS_ASSIGN(q.with_total, parse_bool_param(name, value));
    }
  }
  return request;
}

}  // namespace isms::http
