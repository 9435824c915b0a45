// isms asset: the IT Systems Registry. This file registers the verbs and holds show,
// archive and the helpers they share; list and create/update live beside it.
#include "cli/commands/asset.h"

#include <CLI/App.hpp>
#include <algorithm>
#include <cctype>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/args.h"
#include "cli/output.h"
#include "cli/remote/assets.h"
#include "cli/remote/decode.h"

namespace isms::cli {

namespace {

constexpr size_t kFullIdLength = 36;  // canonical lower-case UUID

std::string level_text(int level) {
  return std::to_string(level) + " (" + std::string(level_label(level)) + ")";
}

struct ShowOptions {
  std::string id;
};

struct ArchiveOptions {
  std::string id;
  std::string reason;
  std::string version;
};

Result<std::optional<int64_t>> parse_version(const ArchiveOptions& options) {
  if (options.version.empty()) return std::optional<int64_t>();
  ISMS_ASSIGN(int64_t version,
              parse_integer("version", options.version, 1, std::numeric_limits<int64_t>::max()));
  return std::optional<int64_t>(version);
}

void print_archived(const Asset& archived, bool json) {
  if (json) {
    print_json(asset_to_json(archived));
  } else {
    std::cout << "Archived asset " << archived.id << " \"" << sanitize_line(archived.name)
              << "\".\n";
  }
}

// A full id (lower-cased), or a prefix to look up: kInvalid when too short.
Result<std::optional<std::string>> full_id_or_prefix(const std::string& id_or_prefix) {
  // Ids are lower-case UUIDs; accept them as people may paste them, in upper case.
  std::string prefix = id_or_prefix;
  std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (prefix.size() >= kFullIdLength) return std::optional<std::string>(prefix);
  if (prefix.size() < kMinIdPrefix) {
    return Error::invalid("id", "give the full asset id or at least " +
                                    std::to_string(kMinIdPrefix) + " of its first characters");
  }
  return std::optional<std::string>();
}

// Scans all assets, archived included, page by page with `list` for ids starting with the
// prefix (compared in lower case). A linear scan: the store has no id-prefix lookup, and
// prefixes are a convenience for people at a terminal, where a registry of 10^5 assets
// still scans in about a second (locally; over the API, one request per 500 assets).
Result<std::string> find_by_prefix(
    const std::string& id_or_prefix,
    const std::function<Result<AssetListResult>(const AssetListRequest&)>& list) {
  std::string prefix = id_or_prefix;
  std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  AssetListRequest request;
  request.query.archived = ArchivedFilter::kAll;
  request.query.sort = AssetSort::kCreatedAt;
  request.query.limit = 500;
  std::vector<std::string> matches;
  while (true) {
    ISMS_ASSIGN(AssetListResult page, list(request));
    for (const Asset& asset : page.items) {
      if (asset.id.rfind(prefix, 0) == 0) matches.push_back(asset.id);
    }
    if (matches.size() > 1) {
      return Error::invalid("id", "'" + id_or_prefix + "' matches several assets (" +
                                      join(matches) + "); give more characters");
    }
    if (page.next_cursor.empty()) break;
    request.cursor = page.next_cursor;
  }
  if (matches.empty()) return Error::not_found("no asset with id '" + id_or_prefix + "'");
  return matches.front();
}

int show(const Invocation& invocation, const ShowOptions& options) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AssetService assets(ctx->services());
  auto id = resolve_asset_id(assets, options.id);
  if (!id.ok()) return report_error(id.error());
  auto asset = assets.get(cli_operator(), *id);
  if (!asset.ok()) return report_error(asset.error());
  print_asset(*asset, invocation.json);
  return kExitOk;
}

int archive(const Invocation& invocation, const ArchiveOptions& options) {
  auto version = parse_version(options);
  if (!version.ok()) return report_error(version.error());
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AssetService assets(ctx->services());
  auto id = resolve_asset_id(assets, options.id);
  if (!id.ok()) return report_error(id.error());
  auto archived = assets.archive(cli_operator(), *id, options.reason, *version);
  if (!archived.ok()) return report_error(archived.error());
  print_archived(*archived, invocation.json);
  return kExitOk;
}

int remote_show(const Invocation& invocation, const ShowOptions& options) {
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto id = resolve_asset_id(*client, options.id);
  if (!id.ok()) return report_error(id.error());
  auto asset = remote_asset_get(*client, *id);
  if (!asset.ok()) return report_error(asset.error());
  print_asset(*asset, invocation.json);
  return kExitOk;
}

int remote_archive(const Invocation& invocation, const ArchiveOptions& options) {
  auto version = parse_version(options);
  if (!version.ok()) return report_error(version.error());
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto id = resolve_asset_id(*client, options.id);
  if (!id.ok()) return report_error(id.error());
  if (!*version) {
    // As locally: without --version, the asset as it is now.
    auto current = remote_asset_get(*client, *id);
    if (!current.ok()) return report_error(current.error());
    *version = current->version;
  }
  auto body = client->post(asset_path(*id, "/archive"),
                           Json{{"reason", options.reason}, {"version", **version}});
  if (!body.ok()) return report_error(body.error());
  auto archived = asset_from_json(*body);
  if (!archived.ok()) return report_error(archived.error());
  print_archived(*archived, invocation.json);
  return kExitOk;
}

}  // namespace

Result<std::string> resolve_asset_id(const AssetService& assets, const std::string& id_or_prefix) {
  ISMS_ASSIGN(std::optional<std::string> full, full_id_or_prefix(id_or_prefix));
  if (full) return *full;
  return find_by_prefix(id_or_prefix, [&assets](const AssetListRequest& request) {
    return assets.list(cli_operator(), request);
  });
}

Result<std::string> resolve_asset_id(ApiClient& client, const std::string& id_or_prefix) {
  ISMS_ASSIGN(std::optional<std::string> full, full_id_or_prefix(id_or_prefix));
  if (full) return *full;
  return find_by_prefix(id_or_prefix, [&client](const AssetListRequest& request) {
    return remote_asset_list(client, request);
  });
}

void print_asset(const Asset& asset, bool json) {
  if (json) {
    print_json(asset_to_json(asset));
    return;
  }
  Details details;
  details.add("id", asset.id);
  details.add("name", asset.name);
  details.add("type", std::string(asset_type_name(asset.type)));
  details.add("classification", std::string(classification_name(asset.classification)));
  details.add("confidentiality", level_text(asset.confidentiality));
  details.add("integrity", level_text(asset.integrity));
  details.add("availability", level_text(asset.availability));
  details.add("authenticity", level_text(asset.authenticity));
  details.add("status", std::string(lifecycle_status_name(asset.lifecycle_status)));
  std::string owner = "-";
  if (asset.owner_id) owner = asset.owner_name.value_or("?") + " (" + *asset.owner_id + ")";
  details.add("owner", owner);
  details.add("business function", asset.business_function.empty() ? "-" : asset.business_function);
  details.add("depends on", asset.depends_on.empty() ? "-" : join(asset.depends_on));
  if (asset.archived()) {
    details.add("archived", *asset.archived_at + ": " + asset.archive_reason.value_or(""));
  } else {
    details.add("archived", "no");
  }
  details.add("version", std::to_string(asset.version));
  details.add("created", asset.created_at);
  details.add("updated", asset.updated_at);
  details.print(std::cout);
  if (!asset.description.empty()) {
    std::cout << "description\n";
    std::istringstream lines(asset.description);
    for (std::string line; std::getline(lines, line);) {
      std::cout << "  " << sanitize_line(line) << '\n';
    }
  }
}

void add_asset_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* asset = add_command(root, "asset", "The IT Systems Registry (assets)", invocation);
  asset->require_subcommand(1);

  add_asset_list_command(asset, invocation);

  auto show_options = std::make_shared<ShowOptions>();
  CLI::App* show_command = add_command(asset, "show", "Show one asset", invocation);
  show_command
      ->add_option("id", show_options->id,
                   "Asset id, or a unique prefix of it (at least 4 characters)")
      ->required();
  add_json_flag(show_command, invocation);
  set_action(
      show_command, invocation,
      [invocation, show_options] { return show(*invocation, *show_options); },
      [invocation, show_options] { return remote_show(*invocation, *show_options); });

  add_asset_create_command(asset, invocation);
  add_asset_update_command(asset, invocation);

  auto archive_options = std::make_shared<ArchiveOptions>();
  CLI::App* archive_command = add_command(
      asset, "archive",
      "Archive an asset (nothing is deleted). Without --version the current version is used.",
      invocation);
  archive_command->add_option("id", archive_options->id, "Asset id or a unique prefix of it")
      ->required();
  archive_command->add_option("--reason", archive_options->reason, "Why the asset is archived")
      ->type_name("TEXT")
      ->required();
  archive_command
      ->add_option("--version", archive_options->version,
                   "The version you last saw; refused when the asset changed since")
      ->type_name("N");
  add_json_flag(archive_command, invocation);
  set_action(
      archive_command, invocation,
      [invocation, archive_options] { return archive(*invocation, *archive_options); },
      [invocation, archive_options] { return remote_archive(*invocation, *archive_options); });
}

}  // namespace isms::cli
