// isms ledger verify / list: prove the history has not been altered, and read it.
#include <CLI/App.hpp>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/output.h"
#include "service/ledger_service.h"

namespace isms::cli {

namespace {

constexpr int64_t kMaxListLimit = 1000;

// The same body as GET /api/v1/ledger/verify.
Json report_to_json(const ledger::VerifyReport& report) {
  Json body = {{"ok", report.ok}, {"entries", report.entries}};
  if (report.ok) {
    body["checkpoints"] = report.checkpoints;
    body["head_hash"] = report.head_hash;
  } else {
    body["first_bad_seq"] = report.first_bad_seq ? Json(*report.first_bad_seq) : Json(nullptr);
    body["reason"] = report.reason;
  }
  return body;
}

int verify(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  LedgerService ledger(ctx->services());
  auto report = ledger.verify();
  if (!report.ok()) return report_error(report.error());
  if (invocation.json) {
    print_json(report_to_json(*report));
  } else if (report->ok) {
    std::cout << "ledger verified: " << report->entries << " entries, " << report->checkpoints
              << " checkpoints, head " << report->head_hash << "\n";
  } else if (report->first_bad_seq) {
    std::cout << "ledger BROKEN at entry " << *report->first_bad_seq << ": "
              << sanitize_line(report->reason) << "\n";
  } else {
    std::cout << "ledger BROKEN: " << sanitize_line(report->reason) << "\n";
  }
  // A broken chain is the answer to the question asked, not a failure to answer it; it
  // still exits non-zero so that scripts and monitoring notice.
  return report->ok ? kExitOk : kExitError;
}

struct ListOptions {
  std::string after = "0";
  std::string limit = "50";
  std::string object;
};

int list(const Invocation& invocation, const ListOptions& options) {
  auto after = parse_integer("after", options.after, 0, std::numeric_limits<int64_t>::max());
  if (!after.ok()) return report_error(after.error());
  auto limit = parse_integer("limit", options.limit, 1, kMaxListLimit);
  if (!limit.ok()) return report_error(limit.error());
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  LedgerService ledger(ctx->services());
  auto entries = ledger.list(*after, static_cast<int>(*limit), options.object);
  if (!entries.ok()) return report_error(entries.error());
  // A full page may have a successor; the next request starts after its last entry.
  const bool full = static_cast<int64_t>(entries->size()) == *limit;
  if (invocation.json) {
    Json items = Json::array();
    for (const ledger::Entry& entry : *entries) items.push_back(ledger::entry_to_json(entry));
    print_json({{"items", std::move(items)},
                {"next_after", full ? Json(entries->back().seq) : Json(nullptr)}});
    return kExitOk;
  }
  if (entries->empty()) {
    std::cout << "No ledger entries.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("SEQ");
  table.add_column("AT");
  table.add_column("ACTOR", 30);
  table.add_column("ACTION");
  table.add_column("OBJECT");
  for (const ledger::Entry& entry : *entries) {
    table.add_row({std::to_string(entry.seq), entry.at, entry.actor, entry.action,
                   entry.object_type + " " + entry.object_id});
  }
  table.print(std::cout);
  if (full)
    std::cout << "\nMore entries may follow; next page: --after " << entries->back().seq << "\n";
  return kExitOk;
}

}  // namespace

void add_ledger_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* ledger =
      add_command(root, "ledger", "The hash-chained history of every change", invocation);
  ledger->require_subcommand(1);

  CLI::App* verify_command = add_command(
      ledger, "verify",
      "Check the whole hash chain and the signed checkpoints. Exits 0 when intact, 1 when "
      "broken (naming the first bad entry) or unreadable.",
      invocation);
  add_json_flag(verify_command, invocation);
  set_action(verify_command, invocation, [invocation] { return verify(*invocation); });

  auto options = std::make_shared<ListOptions>();
  CLI::App* list_command =
      add_command(ledger, "list", "List ledger entries, oldest first", invocation);
  list_command->add_option("--after", options->after, "Only entries with a greater seq")
      ->type_name("SEQ")
      ->capture_default_str();
  list_command->add_option("--limit", options->limit, "At most N entries (1-1000)")
      ->type_name("N")
      ->capture_default_str();
  list_command->add_option("--object", options->object, "Only entries about this object id")
      ->type_name("ID");
  add_json_flag(list_command, invocation);
  set_action(list_command, invocation,
             [invocation, options] { return list(*invocation, *options); });
}

}  // namespace isms::cli
