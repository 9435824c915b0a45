// isms demo load: a realistic demo organization for trying isms out.
#include <CLI/App.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "service/demo_service.h"

namespace isms::cli {

namespace {

int load(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  DemoService demo(ctx->services());
  auto result = demo.load(cli_operator());
  if (!result.ok()) return report_error(result.error());
  if (invocation.json) {
    print_json({{"persons", result->persons}, {"assets", result->assets}});
  } else {
    std::cout << "Loaded the demo: " << result->persons << " persons, " << result->assets
              << " assets.\n";
  }
  return kExitOk;
}

}  // namespace

void add_demo_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* demo = add_command(root, "demo", "Demo data", invocation);
  demo->require_subcommand(1);
  CLI::App* command = add_command(
      demo, "load",
      "Load a demo organization (people, roles, a few dozen IT systems). Only into an empty "
      "registry; recorded in the ledger like any change.",
      invocation);
  add_json_flag(command, invocation);
  set_action(command, invocation, [invocation] { return load(*invocation); });
}

}  // namespace isms::cli
