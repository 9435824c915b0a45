// The shape every CLI command shares: the parsed global options, the --json switch and
// the action the parser selected. Each noun lives in its own file under commands/ and
// registers its verbs with one add_<noun>_commands() function.
//
// Flow: run() builds the CLI11 tree, parses, and only then calls Invocation::action, so
// no command runs half-parsed and every action's failures come back as exit codes.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/context.h"

namespace CLI {
class App;
}

namespace isms::cli {

struct Invocation {
  GlobalOptions options;  // as given; commands call resolve(options)
  bool json = false;      // --json
  std::function<int()> action;
};

// Adds subcommand `name` under parent, with the global options (--data, --database) so
// they are accepted, and shown in --help, at every level of `isms <noun> <verb>`.
CLI::App* add_command(CLI::App* parent, const std::string& name, const std::string& description,
                      Invocation* invocation);
// Adds the global options to an existing App (the root).
void add_global_options(CLI::App* app, Invocation* invocation);
// Adds --json ("machine-readable output") to a command that prints data.
void add_json_flag(CLI::App* command, Invocation* invocation);
// Makes `action` the program's action when `command` is the parsed leaf.
void set_action(CLI::App* command, Invocation* invocation, std::function<int()> action);

// Opens the context for a command; on failure prints the error and returns nullptr.
std::unique_ptr<CliContext> open_or_report(const Invocation& invocation, OpenMode mode);

void add_init_command(CLI::App* root, Invocation* invocation);
void add_serve_command(CLI::App* root, Invocation* invocation);
void add_asset_commands(CLI::App* root, Invocation* invocation);
void add_person_commands(CLI::App* root, Invocation* invocation);
void add_role_commands(CLI::App* root, Invocation* invocation);
void add_demo_commands(CLI::App* root, Invocation* invocation);
void add_ledger_commands(CLI::App* root, Invocation* invocation);
void add_version_command(CLI::App* root, Invocation* invocation);

}  // namespace isms::cli
