// isms key status / rotate / prune: the content encryption keys (policy 8.15).
#include <CLI/App.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "service/key_service.h"

namespace isms::cli {
namespace {

int status(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  auto s = KeyService(ctx->services()).status();
  if (!s.ok()) return report_error(s.error());
  if (invocation.json) {
    Json counts = Json::object();
    for (const auto& [id, n] : s->values_by_key) counts[id] = n;
    print_json(
        {{"active_key_id", s->active_key_id}, {"key_ids", s->key_ids}, {"values_by_key", counts}});
    return kExitOk;
  }
  std::cout << "active key: " << s->active_key_id << "\n";
  for (const auto& [id, n] : s->values_by_key) {
    std::cout << "  " << id << ": " << n << " sealed value(s)"
              << (id == s->active_key_id ? " (active)" : "") << "\n";
  }
  return kExitOk;
}

int rotate(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  auto r = KeyService(ctx->services()).rotate(cli_actor());
  if (!r.ok()) return report_error(r.error());
  if (invocation.json) {
    print_json({{"old_key_id", r->old_key_id},
                {"new_key_id", r->new_key_id},
                {"reencrypted", r->reencrypted}});
  } else {
    std::cout << "rotated content key " << r->old_key_id << " -> " << r->new_key_id << ": "
              << r->reencrypted << " value(s) re-encrypted\n";
  }
  return kExitOk;
}

int prune(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  auto removed = KeyService(ctx->services()).prune(cli_actor());
  if (!removed.ok()) return report_error(removed.error());
  if (invocation.json) {
    print_json({{"removed", *removed}});
  } else {
    std::cout << "removed " << removed->size() << " unused key(s)\n";
  }
  return kExitOk;
}

}  // namespace

void add_key_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* key =
      add_command(root, "key", "Content encryption keys (encryption at rest)", invocation);
  key->require_subcommand(1);
  CLI::App* s = add_command(key, "status", "The active key and sealed values per key", invocation);
  add_json_flag(s, invocation);
  set_action(s, invocation, [invocation] { return status(*invocation); });
  CLI::App* r = add_command(
      key, "rotate",
      "Add a new active key and re-encrypt every sealed value under it (servers keep running)",
      invocation);
  add_json_flag(r, invocation);
  set_action(r, invocation, [invocation] { return rotate(*invocation); });
  CLI::App* p = add_command(
      key, "prune",
      "Remove keys no stored value uses (restart servers started before the last rotation "
      "first)",
      invocation);
  add_json_flag(p, invocation);
  set_action(p, invocation, [invocation] { return prune(*invocation); });
}

}  // namespace isms::cli
