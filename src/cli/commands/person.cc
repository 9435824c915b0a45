// isms person list: the people of the organization and their roles.
#include <CLI/App.hpp>
#include <iostream>
#include <map>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/output.h"
#include "service/organization_service.h"

namespace isms::cli {

namespace {

int list(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  OrganizationService organization(ctx->services());
  auto persons = organization.persons();
  if (!persons.ok()) return report_error(persons.error());
  if (invocation.json) {
    Json items = Json::array();
    for (const Person& person : *persons) items.push_back(person_to_json(person));
    print_json({{"items", std::move(items)}});
    return kExitOk;
  }
  // Role keys read better than role ids in a table.
  auto roles = organization.roles();
  if (!roles.ok()) return report_error(roles.error());
  std::map<std::string, std::string> role_keys;
  for (const Role& role : *roles) role_keys[role.id] = role.key;

  if (persons->empty()) {
    std::cout << "No persons.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("NAME", 30);
  table.add_column("EMAIL", 40);
  table.add_column("JOB TITLE", 30);
  table.add_column("STATUS");
  table.add_column("ROLES");
  for (const Person& person : *persons) {
    std::vector<std::string> keys;
    for (const std::string& id : person.role_ids) {
      auto it = role_keys.find(id);
      keys.push_back(it != role_keys.end() ? it->second : id);
    }
    table.add_row({person.id, person.name, person.email, person.job_title,
                   std::string(employment_status_name(person.employment_status)), join(keys)});
  }
  table.print(std::cout);
  return kExitOk;
}

}  // namespace

void add_person_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* person = add_command(root, "person", "People of the organization", invocation);
  person->require_subcommand(1);
  CLI::App* command = add_command(person, "list", "List persons with their roles", invocation);
  add_json_flag(command, invocation);
  set_action(command, invocation, [invocation] { return list(*invocation); });
}

}  // namespace isms::cli
