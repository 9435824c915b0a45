// isms asset list: filters, sort and cursor paging over AssetService::list (or, remotely,
// GET /api/v1/assets with the same parameters), printed as an aligned table or as the
// API's list body.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>

#include "cli/args.h"
#include "cli/commands/asset.h"
#include "cli/output.h"
#include "cli/remote/assets.h"

namespace isms::cli {

namespace {

struct ListOptions {
  std::string type;
  std::string classification;
  std::string status;
  std::string owner;
  std::string search;
  std::string archived = "false";
  std::string sort = "name";
  std::string limit = "50";
  std::string cursor;
  bool total = false;
};

// Names of the values an enum accepts, in declaration order, from its name function.
template <typename Enum, typename NameFn>
std::vector<std::string> enum_names(int count, NameFn name) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.emplace_back(name(static_cast<Enum>(i)));
  return names;
}

// Splits a comma-separated filter and checks each value with `parse`.
template <typename ParseFn>
Result<std::vector<std::string>> enum_filter(std::string_view field, const std::string& text,
                                             ParseFn parse,
                                             const std::vector<std::string>& allowed) {
  std::vector<std::string> values = split_list(text);
  for (const std::string& value : values) {
    if (!parse(value)) {
      return Error::invalid(std::string(field),
                            "unknown value '" + value + "'; expected one of " + join(allowed));
    }
  }
  return values;
}

struct SortKey {
  std::string_view name;
  AssetSort sort;
};

constexpr SortKey kSortKeys[] = {
    {"name", AssetSort::kName},
    {"type", AssetSort::kType},
    {"classification", AssetSort::kClassification},
    {"lifecycle_status", AssetSort::kLifecycleStatus},
    {"status", AssetSort::kLifecycleStatus},  // the CLI's flag name for lifecycle_status
    {"owner_name", AssetSort::kOwnerName},
    {"owner", AssetSort::kOwnerName},
    {"created_at", AssetSort::kCreatedAt},
    {"updated_at", AssetSort::kUpdatedAt},
};

Status parse_sort(std::string_view text, AssetQuery* query) {
  query->descending = !text.empty() && text.front() == '-';
  if (query->descending) text.remove_prefix(1);
  for (const SortKey& key : kSortKeys) {
    if (key.name == text) {
      query->sort = key.sort;
      return ok_status();
    }
  }
  return Error::invalid("sort",
                        "unknown sort field '" + std::string(text) +
                            "'; expected one of name, type, classification, lifecycle_status, "
                            "owner_name, created_at, updated_at (prefix - for descending)");
}

Result<AssetListRequest> build_request(const ListOptions& options) {
  AssetListRequest request;
  AssetQuery& query = request.query;
  ISMS_ASSIGN(query.types, enum_filter("type", options.type, parse_asset_type,
                                       enum_names<AssetType>(9, asset_type_name)));
  ISMS_ASSIGN(query.classifications,
              enum_filter("classification", options.classification, parse_classification,
                          enum_names<Classification>(4, classification_name)));
  ISMS_ASSIGN(query.lifecycle_statuses,
              enum_filter("status", options.status, parse_lifecycle_status,
                          enum_names<LifecycleStatus>(4, lifecycle_status_name)));
  query.owner_ids = split_list(options.owner);
  query.search = options.search;
  if (options.archived == "false") {
    query.archived = ArchivedFilter::kActiveOnly;
  } else if (options.archived == "true") {
    query.archived = ArchivedFilter::kArchivedOnly;
  } else if (options.archived == "all") {
    query.archived = ArchivedFilter::kAll;
  } else {
    return Error::invalid("archived", "must be false, true or all, got '" + options.archived + "'");
  }
  ISMS_TRY(parse_sort(options.sort, &query));
  ISMS_ASSIGN(int64_t limit, parse_integer("limit", options.limit, 1, 500));
  query.limit = static_cast<int>(limit);
  query.with_total = options.total;
  request.cursor = options.cursor;
  return request;
}

void print_table(const AssetListResult& result, bool show_archived) {
  if (result.items.empty()) {
    std::cout << "No assets.\n";
  } else {
    Table table;
    table.add_column("ID");
    table.add_column("NAME", 40);
    table.add_column("TYPE");
    table.add_column("CLASSIFICATION");
    table.add_column("STATUS");
    if (show_archived) table.add_column("ARCHIVED");
    table.add_column("OWNER", 30);
    for (const Asset& asset : result.items) {
      std::vector<std::string> row = {
          asset.id.substr(0, kShownIdPrefix),
          asset.name,
          std::string(asset_type_name(asset.type)),
          std::string(classification_name(asset.classification)),
          std::string(lifecycle_status_name(asset.lifecycle_status)),
      };
      if (show_archived) row.push_back(asset.archived() ? "yes" : "no");
      row.push_back(asset.owner_name.value_or("-"));
      table.add_row(std::move(row));
    }
    table.print(std::cout);
  }
  if (result.total) {
    std::cout << "\n"
              << *result.total << (*result.total == 1 ? " matching asset" : " matching assets")
              << " in total.\n";
  }
  if (!result.next_cursor.empty()) {
    std::cout << "\nMore assets follow; next page: --cursor " << result.next_cursor << "\n";
  }
}

void print_result(const Invocation& invocation, const AssetListRequest& request,
                  const AssetListResult& result) {
  if (invocation.json) {
    Json items = Json::array();
    for (const Asset& asset : result.items) items.push_back(asset_to_json(asset));
    Json body = {
        {"items", std::move(items)},
        {"next_cursor", result.next_cursor.empty() ? Json(nullptr) : Json(result.next_cursor)}};
    if (result.total) body["total"] = *result.total;
    print_json(body);
  } else {
    print_table(result, request.query.archived != ArchivedFilter::kActiveOnly);
  }
}

int list(const Invocation& invocation, const ListOptions& options) {
  auto request = build_request(options);
  if (!request.ok()) return report_error(request.error());
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AssetService assets(ctx->services());
  auto result = assets.list(cli_operator(), *request);
  if (!result.ok()) return report_error(result.error());
  print_result(invocation, *request, *result);
  return kExitOk;
}

int remote_list(const Invocation& invocation, const ListOptions& options) {
  auto request = build_request(options);
  if (!request.ok()) return report_error(request.error());
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto result = remote_asset_list(*client, *request);
  if (!result.ok()) return report_error(result.error());
  print_result(invocation, *request, *result);
  return kExitOk;
}

}  // namespace

void add_asset_list_command(CLI::App* asset, Invocation* invocation) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* command = add_command(
      asset, "list",
      "List assets, one page at a time. Filters take comma-separated values and combine "
      "with AND.",
      invocation);
  command->add_option("--type", options->type, "Asset type(s), e.g. system,application")
      ->type_name("T");
  command
      ->add_option("--classification", options->classification,
                   "public, internal, confidential, customer_data")
      ->type_name("C");
  command->add_option("--status", options->status, "planned, active, retiring, retired")
      ->type_name("S");
  command->add_option("--owner", options->owner, "Owner person id(s)")->type_name("ID");
  command
      ->add_option("--search", options->search,
                   "Case-insensitive text in name, description or business function")
      ->type_name("Q");
  command->add_option("--archived", options->archived, "false, true or all")
      ->type_name("false|true|all")
      ->capture_default_str();
  command
      ->add_option("--sort", options->sort,
                   "name, type, classification, lifecycle_status, owner_name, created_at, "
                   "updated_at; -FIELD for descending")
      ->type_name("FIELD|-FIELD")
      ->capture_default_str();
  command->add_option("--limit", options->limit, "Page size, 1-500")
      ->type_name("N")
      ->capture_default_str();
  command->add_option("--cursor", options->cursor, "Continue after the page that printed it")
      ->type_name("C");
  command->add_flag("--total", options->total, "Also count all matching assets");
  add_json_flag(command, invocation);
  set_action(
      command, invocation, [invocation, options] { return list(*invocation, *options); },
      [invocation, options] { return remote_list(*invocation, *options); });
}

}  // namespace isms::cli
