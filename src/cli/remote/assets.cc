#include "cli/remote/assets.h"

#include "cli/args.h"
#include "cli/remote/decode.h"

namespace isms::cli {

namespace {

const char* sort_name(AssetSort sort) {
  switch (sort) {
    case AssetSort::kName:
      return "name";
    case AssetSort::kType:
      return "type";
    case AssetSort::kClassification:
      return "classification";
    case AssetSort::kLifecycleStatus:
      return "lifecycle_status";
    case AssetSort::kOwnerName:
      return "owner_name";
    case AssetSort::kCreatedAt:
      return "created_at";
    case AssetSort::kUpdatedAt:
      return "updated_at";
  }
  return "name";
}

}  // namespace

QueryList asset_list_query(const AssetListRequest& request) {
  const AssetQuery& q = request.query;
  QueryList query;
  auto list = [&query](const char* name, const std::vector<std::string>& values) {
    if (!values.empty()) query.emplace_back(name, join(values, ","));
  };
  list("type", q.types);
  list("classification", q.classifications);
  list("lifecycle_status", q.lifecycle_statuses);
  list("owner_id", q.owner_ids);
  if (!q.search.empty()) query.emplace_back("q", q.search);
  if (q.archived == ArchivedFilter::kArchivedOnly) query.emplace_back("archived", "true");
  if (q.archived == ArchivedFilter::kAll) query.emplace_back("archived", "all");
  if (q.sort != AssetSort::kName || q.descending) {
    query.emplace_back("sort", std::string(q.descending ? "-" : "") + sort_name(q.sort));
  }
  query.emplace_back("limit", std::to_string(q.limit));
  if (!request.cursor.empty()) query.emplace_back("cursor", request.cursor);
  if (q.with_total) query.emplace_back("include_total", "true");
  return query;
}

Result<AssetListResult> remote_asset_list(ApiClient& client, const AssetListRequest& request) {
  ISMS_ASSIGN(Json body, client.get("/assets", asset_list_query(request)));
  return asset_list_from_json(body);
}

Result<Asset> remote_asset_get(ApiClient& client, const std::string& id) {
  ISMS_ASSIGN(Json body, client.get(asset_path(id)));
  return asset_from_json(body);
}

std::string asset_path(const std::string& id, const std::string& suffix) {
  return "/assets/" + ApiClient::segment(id) + suffix;
}

}  // namespace isms::cli
