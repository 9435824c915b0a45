// The shape every CLI command shares: the parsed global options, the --json switch and
// the action the parser selected. Each noun lives in its own file under commands/ and
// registers its verbs with one add_<noun>_commands() function.
//
// Flow: run() builds the CLI11 tree, parses, and only then calls run_invocation(), so no
// command runs half-parsed and every action's failures come back as exit codes.
// Remote mode (--server / ISMS_SERVER, cli/remote/client.h): a command that can talk to
// a server registers a remote action beside its local one; run_invocation() picks one.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/context.h"
#include "cli/remote/client.h"

namespace CLI {
class App;
}

namespace isms::cli {

struct Invocation {
  GlobalOptions options;  // as given; commands call resolve(options)
  RemoteOptions remote;   // --server, --token-file, --ca-file as given; resolve_remote()
  bool json = false;      // --json
  std::function<int()> action;
  std::function<int()> remote_action;  // empty: the command runs only on local data
  std::string command;                 // the parsed leaf, e.g. "asset list" (messages)
};

// Adds subcommand `name` under parent, with the global options (--data, --database,
// --server, --token-file, --ca-file) so they are accepted, and shown in --help, at every
// level of `isms <noun> <verb>`.
CLI::App* add_command(CLI::App* parent, const std::string& name, const std::string& description,
                      Invocation* invocation);
// Adds the global options to an existing App (the root).
void add_global_options(CLI::App* app, Invocation* invocation);
// Adds --json ("machine-readable output") to a command that prints data.
void add_json_flag(CLI::App* command, Invocation* invocation);
// Makes `action` the program's action when `command` is the parsed leaf; `remote_action`,
// when given, runs instead when a server is selected (--server or ISMS_SERVER).
void set_action(CLI::App* command, Invocation* invocation, std::function<int()> action,
                std::function<int()> remote_action = nullptr);

// Runs the parsed command: its remote action when a server is selected, else its local
// one. A server selected for a command without remote mode, or together with --data or
// --database, is a usage error (exit 2, one line naming the conflict).
int run_invocation(const Invocation& invocation);

// Opens the context for a command; on failure prints the error and returns nullptr.
std::unique_ptr<CliContext> open_or_report(const Invocation& invocation, OpenMode mode);

// Opens the API client for a remote action; on failure prints the error and returns
// nullptr. REQUIRES: a server is selected (run_invocation checked it).
std::unique_ptr<ApiClient> open_remote_or_report(const Invocation& invocation);

void add_init_command(CLI::App* root, Invocation* invocation);
void add_serve_command(CLI::App* root, Invocation* invocation);
void add_asset_commands(CLI::App* root, Invocation* invocation);
void add_person_commands(CLI::App* root, Invocation* invocation);
void add_role_commands(CLI::App* root, Invocation* invocation);
void add_user_commands(CLI::App* root, Invocation* invocation);
void add_group_commands(CLI::App* root, Invocation* invocation);
void add_grant_commands(CLI::App* root, Invocation* invocation);
void add_demo_commands(CLI::App* root, Invocation* invocation);
void add_ledger_commands(CLI::App* root, Invocation* invocation);
void add_version_command(CLI::App* root, Invocation* invocation);
void add_whoami_command(CLI::App* root, Invocation* invocation);
void add_token_commands(CLI::App* root, Invocation* invocation);
void add_key_commands(CLI::App* root, Invocation* invocation);
// Issue 4: catalogue.cc; document.cc (+ document_workflow.cc, document_files.cc);
// traceability.cc (gaps, trace, cite).
void add_catalogue_commands(CLI::App* root, Invocation* invocation);
void add_document_commands(CLI::App* root, Invocation* invocation);
void add_traceability_commands(CLI::App* root, Invocation* invocation);
// Issue 5: risk.cc, risk_method.cc, threat.cc (threat and vulnerability), risk_cycle.cc,
// control.cc, evidence.cc, soa.cc (shared internals: commands/risk_control.h).
void add_risk_commands(CLI::App* root, Invocation* invocation);
void add_risk_method_commands(CLI::App* root, Invocation* invocation);
void add_threat_commands(CLI::App* root, Invocation* invocation);
void add_risk_cycle_commands(CLI::App* root, Invocation* invocation);
void add_control_commands(CLI::App* root, Invocation* invocation);
void add_evidence_commands(CLI::App* root, Invocation* invocation);
void add_soa_commands(CLI::App* root, Invocation* invocation);
// Issue 6: calendar.cc (activity, calendar), notify.cc, objective.cc, audit.cc,
// management_review.cc, exception.cc, incident.cc (event, incident).
void add_calendar_commands(CLI::App* root, Invocation* invocation);
void add_notification_commands(CLI::App* root, Invocation* invocation);
void add_objective_commands(CLI::App* root, Invocation* invocation);
void add_audit_commands(CLI::App* root, Invocation* invocation);
void add_management_review_commands(CLI::App* root, Invocation* invocation);
void add_exception_commands(CLI::App* root, Invocation* invocation);
void add_incident_commands(CLI::App* root, Invocation* invocation);

}  // namespace isms::cli
