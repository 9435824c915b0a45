#include "cli/cli.h"

#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>
#include <exception>
#include <iostream>

#include "base/crypto.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/version.h"

namespace isms::cli {

namespace {

// Logs go to stderr so that stdout carries only command output (tables, --json), and
// stay quiet (warnings and errors) unless SPDLOG_LEVEL says otherwise; `isms serve`
// raises the level to info itself.
void setup_logging() {
  auto logger = spdlog::stderr_color_mt("isms");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);
  spdlog::cfg::load_env_levels();
}

int parse_and_run(int argc, char** argv) {
  CLI::App app{"isms: an Information Security Management System (ISO/IEC 27001, NIS2)", "isms"};
  app.set_version_flag("--version", std::string("isms ") + kIsmsVersion);
  app.require_subcommand(1);

  Invocation invocation;
  add_global_options(&app, &invocation);
  add_init_command(&app, &invocation);
  add_serve_command(&app, &invocation);
  add_asset_commands(&app, &invocation);
  add_person_commands(&app, &invocation);
  add_role_commands(&app, &invocation);
  add_user_commands(&app, &invocation);
  add_group_commands(&app, &invocation);
  add_grant_commands(&app, &invocation);
  add_demo_commands(&app, &invocation);
  add_ledger_commands(&app, &invocation);
  add_version_command(&app, &invocation);
  add_whoami_command(&app, &invocation);
  add_token_commands(&app, &invocation);
  add_key_commands(&app, &invocation);
  add_catalogue_commands(&app, &invocation);
  add_document_commands(&app, &invocation);
  add_traceability_commands(&app, &invocation);
  add_risk_commands(&app, &invocation);
  add_risk_method_commands(&app, &invocation);
  add_threat_commands(&app, &invocation);
  add_risk_cycle_commands(&app, &invocation);
  add_control_commands(&app, &invocation);
  add_evidence_commands(&app, &invocation);
  add_soa_commands(&app, &invocation);
  add_calendar_commands(&app, &invocation);
  add_notification_commands(&app, &invocation);
  add_objective_commands(&app, &invocation);
  add_audit_commands(&app, &invocation);
  add_management_review_commands(&app, &invocation);
  add_exception_commands(&app, &invocation);
  add_incident_commands(&app, &invocation);
  // Set after the subcommands exist: CLI11 copies the footer into subcommands created
  // later, and it only makes sense at the top.
  app.footer("Run `isms <command> --help` for the options of a command.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version requests are "errors" with exit code 0 in CLI11; everything else
    // is a usage error, reported by CLI11 with its own message.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (!invocation.action) return kExitUsage;  // unreachable: require_subcommand
  return run_invocation(invocation);
}

}  // namespace

int run(int argc, char** argv) {
  try {
    setup_logging();
    if (!crypto_init()) {
      return report_error(Error::internal("cannot initialize the crypto library (libsodium)"));
    }
    return parse_and_run(argc, argv);
  } catch (const std::exception& e) {
    // A bug or an exhausted resource: still one line and a non-zero exit, never an
    // uncaught exception with a core dump.
    return report_error(Error::internal(std::string("unexpected failure: ") + e.what()));
  } catch (...) {
    return report_error(Error::internal("unexpected failure"));
  }
}

}  // namespace isms::cli
