// isms init: create the data directory, database, signing key, organization, seed roles
// and first administrator.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/initialize.h"
#include "cli/output.h"

namespace isms::cli {

namespace {

constexpr const char* kPasswordNotice =
    "This password is shown once and is not stored in clear: change it at first login.";

void print_created(const InitResult& result, const std::string& engine) {
  std::cout << "Initialized isms for organization \"" << sanitize_line(result.organization.name)
            << "\" (database: " << engine << ").\n\n"
            << "  Administrator username:  " << result.admin_username << "\n"
            << "  One-time password:       " << result.admin_one_time_password << "\n\n"
            << kPasswordNotice << "\n";
}

struct InitOptions {
  std::string organization = kDefaultOrganizationName;
};

}  // namespace

Result<InitResult> initialize_and_report(const CliContext& ctx,
                                         const std::string& organization_name, bool json) {
  OrganizationService organizations(ctx.services());
  ISMS_ASSIGN(InitResult result, organizations.initialize(cli_actor(), organization_name));
  if (!result.created) return result;
  if (json) {
    print_json({{"created", true},
                {"organization", organization_to_json(result.organization)},
                {"admin_username", result.admin_username},
                {"admin_one_time_password", result.admin_one_time_password},
                {"notice", kPasswordNotice}});
  } else {
    print_created(result, ctx.store().engine());
  }
  std::cout.flush();
  return result;
}

void add_init_command(CLI::App* root, Invocation* invocation) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* command = add_command(
      root, "init",
      "Create the data directory, database, ledger signing key, organization and first "
      "administrator. Prints the administrator's one-time password once. Safe to re-run: "
      "an initialized database is left as it is.",
      invocation);
  command->add_option("--organization", options->organization, "Name of the organization")
      ->type_name("NAME")
      ->capture_default_str();
  add_json_flag(command, invocation);
  set_action(command, invocation, [invocation, options]() -> int {
    auto ctx = open_or_report(*invocation, OpenMode::kCreate);
    if (!ctx) return kExitError;
    auto result = initialize_and_report(*ctx, options->organization, invocation->json);
    if (!result.ok()) return report_error(result.error());
    if (!result->created) {
      if (invocation->json) {
        print_json(
            {{"created", false}, {"organization", organization_to_json(result->organization)}});
      } else {
        std::cout << "isms is already initialized for organization \""
                  << sanitize_line(result->organization.name)
                  << "\"; nothing changed and no password is shown.\n";
      }
    }
    return kExitOk;
  });
}

}  // namespace isms::cli
