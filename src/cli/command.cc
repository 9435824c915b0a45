#include "cli/command.h"

#include <CLI/App.hpp>
#include <iostream>

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
  app->add_option("--server", invocation->remote.server,
                  "Talk to this isms server's API instead of local data files (asset, person, "
                  "role, whoami, catalogue, document, gaps, trace, cite, risk, risk-method, "
                  "threat, vulnerability, risk-cycle, control, evidence, soa). Env ISMS_SERVER")
      ->type_name("URL");
  app->add_option("--token-file", invocation->remote.token_file,
                  "File holding the API token for --server (mode 0600). Env ISMS_TOKEN_FILE")
      ->type_name("FILE");
  app->add_option("--ca-file", invocation->remote.ca_file,
                  "PEM certificate(s) to trust for --server (e.g. its self-signed certificate). "
                  "Env ISMS_CA_FILE")
      ->type_name("FILE");
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

void set_action(CLI::App* command, Invocation* invocation, std::function<int()> action,
                std::function<int()> remote_action) {
  std::string name = command->get_name();
  for (const CLI::App* parent = command->get_parent();
       parent != nullptr && parent->get_parent() != nullptr; parent = parent->get_parent()) {
    name = parent->get_name() + " " + name;
  }
  command->callback(
      [invocation, name, action = std::move(action), remote_action = std::move(remote_action)] {
        invocation->action = action;
        invocation->remote_action = remote_action;
        invocation->command = name;
      });
}

int run_invocation(const Invocation& invocation) {
  const RemoteOptions remote = resolve_remote(invocation.remote);
  // `version` concerns this program only; it runs the same wherever the data is.
  if (remote.server.empty() || invocation.command == "version") return invocation.action();
  const std::string source =
      invocation.remote.server.empty() ? "ISMS_SERVER is set" : "--server was given";
  auto usage = [](const std::string& message) {
    std::cout.flush();
    std::cerr << "isms: error: " << sanitize_line(message) << std::endl;
    return kExitUsage;
  };
  if (!invocation.remote_action) {
    return usage("`isms " + invocation.command +
                 "` works only on local data files and has no --server mode (" + source +
                 (invocation.remote.server.empty() ? "; unset it" : "") + ")");
  }
  if (!invocation.options.data_dir.empty() || !invocation.options.database_url.empty()) {
    return usage(
        "--data and --database select local data files; they cannot be combined with "
        "a server (" +
        source + ")");
  }
  return invocation.remote_action();
}

std::unique_ptr<CliContext> open_or_report(const Invocation& invocation, OpenMode mode) {
  auto ctx = CliContext::open(resolve(invocation.options), mode);
  if (!ctx.ok()) {
    report_error(ctx.error());
    return nullptr;
  }
  return std::move(ctx).value();
}

std::unique_ptr<ApiClient> open_remote_or_report(const Invocation& invocation) {
  auto client = ApiClient::open(resolve_remote(invocation.remote));
  if (!client.ok()) {
    report_error(client.error());
    return nullptr;
  }
  return std::move(client).value();
}

}  // namespace isms::cli
