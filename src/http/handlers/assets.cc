// The IT Systems Registry: list, read, create, update, archive assets.
#include "base/json_writer.h"
#include "domain/asset_json_writer.h"
#include "http/asset_list_params.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/header_values.h"
#include "service/asset_service.h"

namespace isms::http {
namespace {

constexpr const char* kAssetsPath = "/api/v1/assets";

// Bodies are written directly (append_asset_json), byte-identical to dumping
// asset_to_json: the tree cost ~5x the bytes themselves (docs/performance.md).
Response asset_response(int status, const Asset& asset) {
  Response res;
  res.status = status;
  res.headers.set("Content-Type", std::string(kJsonContentType));
  res.headers.set("ETag", etag_for_version(asset.version));
  append_asset_json(asset, &res.body);
  return res;
}

// {"items":[Asset...],"next_cursor":"..."|null[,"total":N]}: keys in the order dump_json
// of the equivalent object would write them (sorted), so the bytes are unchanged.
std::string asset_list_body(const AssetListResult& result, bool with_total) {
  std::string out;
  out.reserve(64 + result.items.size() * 768);
  out.append("{\"items\":[");
  for (size_t i = 0; i < result.items.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_asset_json(result.items[i], &out);
  }
  out.append("],\"next_cursor\":");
  if (result.next_cursor.empty()) {
    out.append("null");
  } else {
    append_json_string(result.next_cursor, &out);
  }
  if (with_total && result.total) {
    out.append(",\"total\":");
    append_json_int(*result.total, &out);
  }
  out.push_back('}');
  return out;
}

// The version a write is based on: If-Match and/or the body's "version"; when both are
// given they must agree. nullopt when neither is (the service then names "version").
Result<std::optional<int64_t>> expected_version(const Request& req,
                                                std::optional<int64_t> body_version) {
  ISMS_ASSIGN(std::optional<int64_t> header, parse_if_match(req.headers.find("If-Match")));
  if (header && body_version && *header != *body_version) {
    return Error::invalid("version", "differs from the If-Match header");
  }
  return header ? header : body_version;
}

Result<Response> list_assets(const AssetService& service, const Request& req,
                             const AssetListRequest& request) {
  ISMS_ASSIGN(AssetListResult result, service.list(req.principal, request));
  Response res;
  res.headers.set("Content-Type", std::string(kJsonContentType));
  res.body = asset_list_body(result, request.query.with_total);
  return res;
}

// Decodes the asset fields, reporting `problems` found earlier together with the
// decoder's own field errors, so "details" lists every bad field at once.
Result<AssetPatch> decode_patch(const Json& body, std::vector<FieldError> problems) {
  Result<AssetPatch> patch = asset_patch_from_json(body);
  if (problems.empty()) return patch;
  if (!patch.ok()) {
    if (patch.error().code != ErrorCode::kInvalid) return patch;
    for (const auto& d : patch.error().details) problems.push_back(d);
  }
  return Error::invalid(std::move(problems));
}

Result<Response> create_asset(const AssetService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));  // before erasing members below
  // A new asset has no version to match and nothing to justify.
  std::vector<FieldError> rejected;
  for (const char* meta : {"version", "justification"}) {
    if (body.contains(meta)) {
      rejected.push_back({meta, "not accepted when creating"});
      body.erase(meta);
    }
  }
  ISMS_ASSIGN(AssetPatch patch, decode_patch(body, std::move(rejected)));
  ISMS_ASSIGN(Asset asset, service.create(req.principal, patch));
  Response res = asset_response(201, asset);
  res.headers.set("Location", std::string(kAssetsPath) + "/" + asset.id);
  return res;
}

Result<Response> update_asset(const AssetService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(AssetPatch patch, asset_patch_from_json(body));
  ISMS_ASSIGN(patch.version, expected_version(req, patch.version));
  ISMS_ASSIGN(Asset asset, service.update(req.principal, req.path_param("id"), patch));
  return asset_response(200, asset);
}

// Body {"reason": string, "version": integer}; every other member is rejected.
Result<Response> archive_asset(const AssetService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_TRY(require_object(body));
  std::string reason;
  std::optional<int64_t> version;
  std::vector<FieldError> problems;
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() == "reason") {
      if (it->is_string()) {
        reason = it->get<std::string>();
      } else {
        problems.push_back({"reason", "must be a string"});
      }
    } else if (it.key() == "version") {
      if (it->is_number_integer() && it->get<int64_t>() >= 1) {
        version = it->get<int64_t>();
      } else {
        problems.push_back({"version", "must be a positive integer"});
      }
    } else {
      problems.push_back({it.key(), "unknown field"});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  ISMS_ASSIGN(version, expected_version(req, version));
  ISMS_ASSIGN(Asset asset, service.archive(req.principal, req.path_param("id"), reason, version));
  return asset_response(200, asset);
}

}  // namespace

void add_asset_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  AssetService service(ctx);
  const std::string item = std::string(kAssetsPath) + "/{id}";

  // Lists are served through the data-versioned cache (cached_get.h), keyed by the caller
  // and the decoded query parameters.
  router.add(
      "GET", kAssetsPath,
      [service, cached](const Request& req) -> Result<Response> {
        // Bad parameters are 400 without touching the database (nor the cache).
        ISMS_ASSIGN(AssetListRequest request, parse_asset_list_query(req.query));
        std::string key = cache_key({.scope = "", .resource = "assets", .query = &req.query});
        return cached.serve(req, key, /*etag=*/true,
                            [&] { return list_assets(service, req, request); });
      },
      RouteDoc{.operation_id = "listAssets",
               .summary = "List assets (filter, sort, cursor pagination)",
               .tag = "assets",
               .response_schema = "AssetList",
               .query = asset_list_params(),
               .errors = {503},
               .access = needs("assets:read")});
  router.add(
      "POST", kAssetsPath, [service](const Request& req) { return create_asset(service, req); },
      RouteDoc{.operation_id = "createAsset",
               .summary = "Create an asset",
               .tag = "assets",
               .request_schema = "AssetCreate",
               .status = 201,
               .response_schema = "Asset",
               .response_headers = {"ETag", "Location"},
               .errors = {422, 503},
               .access = needs("assets:write")});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        // Not cached: a read of confidential content is itself recorded in the ledger.
        ISMS_ASSIGN(Asset asset, service.get(req.principal, req.path_param("id")));
        return asset_response(200, asset);
      },
      RouteDoc{.operation_id = "getAsset",
               .summary = "Read one asset",
               .tag = "assets",
               .response_schema = "Asset",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("assets:read")});
  router.add(
      "PATCH", item, [service](const Request& req) { return update_asset(service, req); },
      RouteDoc{.operation_id = "updateAsset",
               .summary = "Change an asset (If-Match or body version required)",
               .tag = "assets",
               .request_schema = "AssetUpdate",
               .response_schema = "Asset",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("assets:read")});
  router.add(
      "POST", item + "/archive",
      [service](const Request& req) { return archive_asset(service, req); },
      RouteDoc{.operation_id = "archiveAsset",
               .summary = "Archive an asset (reason required)",
               .tag = "assets",
               .request_schema = "ArchiveRequest",
               .response_schema = "Asset",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("assets:read")});
}

}  // namespace isms::http
