#include "cli/command.h"

#include <CLI/App.hpp>

#include "cli/output.h"

namespace isms::cli {

void add_global_options(CLI::App* app, Invocation* invocation) {
  // Deliberately no CLI11 envname()/default here: the same option exists at several
  // levels, and resolve() applies "flag, then environment, then default" exactly once.
  app->add_option("--data", invocation->options.data_dir,
                  "Data directory (database, ledger signing key). Env ISMS_DATA; default ./data")
      ->type_name("DIR");
  app->add_option("--database", invocation->options.database_url,
                  "Database URL: sqlite:PATH or postgresql://... Env ISMS_DATABASE_URL; "
                  "default sqlite:<data>/isms.db")
      ->type_name("URL");
}

CLI::App* add_command(CLI::App* parent, const std::string& name, const std::string& description,
                      Invocation* invocation) {
  CLI::App* command = parent->add_subcommand(name, description);
  add_global_options(command, invocation);
  return command;
}

void add_json_flag(CLI::App* command, Invocation* invocation) {
  command->add_flag("--json", invocation->json, "Print machine-readable JSON");
}

void set_action(CLI::App* command, Invocation* invocation, std::function<int()> action) {
  command->callback([invocation, action = std::move(action)] { invocation->action = action; });
}

std::unique_ptr<CliContext> open_or_report(const Invocation& invocation, OpenMode mode) {
  auto ctx = CliContext::open(resolve(invocation.options), mode);
  if (!ctx.ok()) {
    report_error(ctx.error());
    return nullptr;
  }
  return std::move(ctx).value();
}

}  // namespace isms::cli
