// isms person list|update: the people of the organization and their roles.
#include <CLI/App.hpp>
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/access_admin.h"
#include "cli/output.h"
#include "cli/remote/decode.h"
#include "service/organization_service.h"
#include "service/person_service.h"
#include "service/role_service.h"

namespace isms::cli {

namespace {

void print_persons_json(const std::vector<Person>& persons) {
  Json items = Json::array();
  for (const Person& person : persons) items.push_back(person_to_json(person));
  print_json({{"items", std::move(items)}});
}

// The table; roles are shown by key (read better than ids) when known, else by id.
int print_persons_table(const std::vector<Person>& persons, const std::vector<Role>& roles) {
  std::map<std::string, std::string> role_keys;
  for (const Role& role : roles) role_keys[role.id] = role.key;
  if (persons.empty()) {
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
  for (const Person& person : persons) {
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

int list(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  OrganizationService organization(ctx->services());
  auto persons = organization.persons();
  if (!persons.ok()) return report_error(persons.error());
  if (invocation.json) {
    print_persons_json(*persons);
    return kExitOk;
  }
  auto roles = organization.roles();
  if (!roles.ok()) return report_error(roles.error());
  return print_persons_table(*persons, *roles);
}

int remote_list(const Invocation& invocation) {
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto body = client->get("/persons");
  if (!body.ok()) return report_error(body.error());
  auto persons = persons_from_json(*body);
  if (!persons.ok()) return report_error(persons.error());
  if (invocation.json) {
    print_persons_json(*persons);
    return kExitOk;
  }
  std::vector<Role> roles;
  auto roles_body = client->get("/roles");
  if (roles_body.ok()) {
    auto decoded = roles_from_json(*roles_body);
    if (!decoded.ok()) return report_error(decoded.error());
    roles = std::move(decoded).value();
  } else if (roles_body.error().code != ErrorCode::kForbidden) {
    return report_error(roles_body.error());
  }  // a token that may not read roles still lists persons, with role ids
  return print_persons_table(*persons, roles);
}

struct UpdateOptions {
  std::string id;
  std::string employment;
  std::vector<std::string> roles;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> job_title;
};

int update(const Invocation& invocation, const UpdateOptions& options) {
  PersonPatch patch;
  if (!options.employment.empty()) {
    if (options.employment == "ended") {
      patch.fields.employment_status = EmploymentStatus::kEnded;
    } else if (options.employment == "active") {
      patch.fields.employment_status = EmploymentStatus::kActive;
    } else {
      return report_error(Error::invalid("employment", "must be ended or active"));
    }
  }
  patch.fields.name = options.name;
  patch.fields.email = options.email;
  patch.fields.job_title = options.job_title;
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  if (!options.roles.empty()) {
    auto ids = role_ids_for_keys(ctx->services(), options.roles);
    if (!ids.ok()) return report_error(ids.error());
    patch.fields.role_ids = *ids;
  }
  if (!patch.fields.employment_status && !patch.fields.role_ids && !patch.fields.name &&
      !patch.fields.email && !patch.fields.job_title) {
    return report_error(Error::invalid(
        "person", "nothing to change: give --employment, --role, --name, --email or --job-title"));
  }
  PersonService persons(ctx->services());
  const Principal op = cli_operator();
  auto current = persons.get(op, options.id);
  if (!current.ok()) return report_error(current.error());
  patch.version = current->version;
  auto updated = persons.update(op, options.id, patch, kCliRemoteAddress);
  if (!updated.ok()) return report_error(updated.error());
  if (invocation.json) {
    print_json(person_to_json(*updated));
    return kExitOk;
  }
  std::cout << "Updated person " << sanitize_line(updated->name) << " (" << updated->id
            << "), version " << updated->version << ".\n";
  if (updated->access_review_required && !current->access_review_required) {
    std::cout << "Their sessions were ended and tokens revoked; their access needs a review.\n";
  }
  return kExitOk;
}

}  // namespace

Result<std::vector<std::string>> role_ids_for_keys(const ServiceContext& services,
                                                   const std::vector<std::string>& keys) {
  ISMS_ASSIGN(std::vector<Role> roles, RoleService(services).list(cli_operator()));
  std::vector<std::string> ids;
  for (const auto& key : keys) {
    auto it = std::find_if(roles.begin(), roles.end(), [&](const Role& r) { return r.key == key; });
    if (it == roles.end()) {
      std::vector<std::string> known;
      for (const Role& r : roles) known.push_back(r.key);
      return Error::invalid("role", "no role with key '" + key + "' (roles: " + join(known) + ")");
    }
    ids.push_back(it->id);
  }
  return ids;
}

void add_person_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* person = add_command(root, "person", "People of the organization", invocation);
  person->require_subcommand(1);
  CLI::App* command = add_command(person, "list", "List persons with their roles", invocation);
  add_json_flag(command, invocation);
  set_action(
      command, invocation, [invocation] { return list(*invocation); },
      [invocation] { return remote_list(*invocation); });

  auto options = std::make_shared<UpdateOptions>();
  CLI::App* update_command = add_command(
      person, "update",
      "Change a person. Ending employment or changing roles ends their sessions, revokes "
      "their tokens and flags their access for review.",
      invocation);
  update_command->add_option("id", options->id, "Person id")->required();
  update_command->add_option("--employment", options->employment, "ended or active")
      ->type_name("STATUS");
  update_command
      ->add_option("--role", options->roles,
                   "Role key; repeat for several. Replaces the person's roles.")
      ->type_name("KEY");
  update_command->add_option("--name", options->name, "Full name")->type_name("TEXT");
  update_command->add_option("--email", options->email, "Email address")->type_name("EMAIL");
  update_command->add_option("--job-title", options->job_title, "Job title")->type_name("TEXT");
  add_json_flag(update_command, invocation);
  set_action(update_command, invocation,
             [invocation, options] { return update(*invocation, *options); });
}

}  // namespace isms::cli
