// isms user: login accounts, managed by the operator at the server (create with a
// one-time password, list, unlock, reset the password, disable, enable).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>
#include <optional>

#include "base/time.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/access_admin.h"
#include "cli/output.h"
#include "service/user_admin_service.h"

namespace isms::cli {

namespace {

struct CreateOptions {
  std::string username;
  std::string person_id;
  std::string person_name;
  std::string email;
  std::string job_title;
  std::vector<std::string> roles;
  std::string access_expires_at;
};

struct NameOptions {
  std::string username;
};

void print_one_time_password(const UserView& user, const std::string& password) {
  std::cout << "username: " << user.user.username << "\n"
            << "one-time password: " << password << "\n"
            << "(shown once; " << sanitize_line(user.person_name)
            << " must change it at first login)\n";
}

int create(const Invocation& invocation, const CreateOptions& options) {
  bool by_id = !options.person_id.empty();
  bool by_name = !options.person_name.empty();
  if (by_id == by_name) {
    return report_error(
        Error::invalid("person", "give either --person-id ID or --person-name NAME --email EMAIL"));
  }
  if (by_id && (!options.email.empty() || !options.roles.empty() || !options.job_title.empty())) {
    return report_error(
        Error::invalid("person",
                       "--email, --job-title and --role describe a new person; they go with "
                       "--person-name, not --person-id"));
  }
  if (by_name && options.email.empty()) {
    return report_error(Error::invalid("email", "--person-name needs --email"));
  }
  UserCreateRequest request;
  request.username = options.username;
  request.person_id = options.person_id;
  if (!options.access_expires_at.empty()) request.access_expires_at = options.access_expires_at;

  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  UserAdminService users(ctx->services());
  CreatedUser created;
  if (by_id) {
    auto result = users.create(cli_operator(), request);
    if (!result.ok()) return report_error(result.error());
    created = std::move(result).value();
  } else {
    PersonFields person;
    person.name = options.person_name;
    person.email = options.email;
    person.job_title = options.job_title;
    auto ids = role_ids_for_keys(ctx->services(), options.roles);
    if (!ids.ok()) return report_error(ids.error());
    person.role_ids = *ids;
    // Person and user are created in one transaction: both or neither.
    auto result = users.create_with_person(cli_operator(), person, request);
    if (!result.ok()) return report_error(result.error());
    created = std::move(result->created);
  }
  if (invocation.json) {
    print_json(Json{{"user", user_view_to_json(created.user)},
                    {"one_time_password", created.one_time_password}});
    return kExitOk;
  }
  std::cout << "Created user " << created.user.user.username << " for "
            << sanitize_line(created.user.person_name) << " (person " << created.user.user.person_id
            << ").\n";
  print_one_time_password(created.user, created.one_time_password);
  return kExitOk;
}

std::string status_of(const User& u, const std::string& now) {
  if (u.disabled) return "disabled";
  if (u.access_expires_at && *u.access_expires_at <= now) return "expired";
  if (u.locked_until && *u.locked_until > now) return "locked";
  return "active";
}

int list(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  auto users = UserAdminService(ctx->services()).list(cli_operator());
  if (!users.ok()) return report_error(users.error());
  if (invocation.json) {
    Json items = Json::array();
    for (const auto& u : *users) items.push_back(user_view_to_json(u));
    print_json({{"items", std::move(items)}});
    return kExitOk;
  }
  if (users->empty()) {
    std::cout << "No users.\n";
    return kExitOk;
  }
  std::string now = ctx->services().clock->now_utc();
  Table table;
  table.add_column("USERNAME");
  table.add_column("PERSON", 30);
  table.add_column("STATUS");
  table.add_column("MFA");
  table.add_column("ACCESS ENDS");
  table.add_column("ID");
  for (const auto& u : *users) {
    table.add_row({u.user.username, u.person_name, status_of(u.user, now),
                   u.user.totp_enabled ? "on" : "off", u.user.access_expires_at.value_or("-"),
                   u.user.id});
  }
  table.print(std::cout);
  return kExitOk;
}

// Runs `action` on the user named in options; prints the resulting user.
template <typename Action>
int with_user(const Invocation& invocation, const NameOptions& options, Action action) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  UserAdminService users(ctx->services());
  auto user = users.find_by_username(cli_operator(), options.username);
  if (!user.ok()) return report_error(user.error());
  return action(users, *user);
}

int unlock(const Invocation& invocation, const NameOptions& options) {
  return with_user(invocation, options, [&](const UserAdminService& users, const UserView& u) {
    auto unlocked = users.unlock(cli_operator(), u.user.id, kCliRemoteAddress);
    if (!unlocked.ok()) return report_error(unlocked.error());
    if (invocation.json) {
      print_json(user_view_to_json(*unlocked));
    } else {
      std::cout << "Unlocked user " << u.user.username << ".\n";
    }
    return kExitOk;
  });
}

int reset_password(const Invocation& invocation, const NameOptions& options) {
  return with_user(invocation, options, [&](const UserAdminService& users, const UserView& u) {
    auto reset = users.reset_password(cli_operator(), u.user.id, kCliRemoteAddress);
    if (!reset.ok()) return report_error(reset.error());
    if (invocation.json) {
      print_json(Json{{"user", user_view_to_json(reset->user)},
                      {"one_time_password", reset->one_time_password}});
    } else {
      std::cout << "Reset the password of " << u.user.username
                << "; their sessions were ended and tokens revoked.\n";
      print_one_time_password(reset->user, reset->one_time_password);
    }
    return kExitOk;
  });
}

int set_disabled(const Invocation& invocation, const NameOptions& options, bool disabled) {
  return with_user(invocation, options, [&](const UserAdminService& users, const UserView& u) {
    UserUpdate update;
    update.disabled = disabled;
    update.version = u.user.version;
    auto changed = users.update(cli_operator(), u.user.id, update, kCliRemoteAddress);
    if (!changed.ok()) return report_error(changed.error());
    if (invocation.json) {
      print_json(user_view_to_json(*changed));
    } else if (disabled) {
      std::cout << "Disabled user " << u.user.username
                << "; their sessions were ended and tokens revoked.\n";
    } else {
      std::cout << "Enabled user " << u.user.username << ".\n";
    }
    return kExitOk;
  });
}

CLI::App* add_name_command(CLI::App* user, Invocation* invocation, const std::string& name,
                           const std::string& description, std::shared_ptr<NameOptions> options) {
  CLI::App* command = add_command(user, name, description, invocation);
  command->add_option("username", options->username, "Username")->required();
  add_json_flag(command, invocation);
  return command;
}

}  // namespace

void add_user_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* user = add_command(root, "user", "Login accounts", invocation);
  user->require_subcommand(1);

  auto create_options = std::make_shared<CreateOptions>();
  CLI::App* create_command = add_command(
      user, "create",
      "Create a login account with a one-time password (shown once), for an existing person "
      "(--person-id) or a new one (--person-name, --email, --role)",
      invocation);
  create_command->add_option("username", create_options->username, "3-64 of a-z 0-9 . _ -")
      ->required();
  create_command->add_option("--person-id", create_options->person_id, "An existing person")
      ->type_name("ID");
  create_command
      ->add_option("--person-name", create_options->person_name,
                   "Create the person too, with this name")
      ->type_name("NAME");
  create_command->add_option("--email", create_options->email, "The new person's email")
      ->type_name("EMAIL");
  create_command->add_option("--job-title", create_options->job_title, "The new person's job title")
      ->type_name("TEXT");
  create_command->add_option("--role", create_options->roles, "The new person's role key; repeat")
      ->type_name("KEY");
  create_command
      ->add_option("--access-expires-at", create_options->access_expires_at,
                   "When the account's access ends (RFC 3339 UTC); required for auditors")
      ->type_name("TIME");
  add_json_flag(create_command, invocation);
  set_action(create_command, invocation,
             [invocation, create_options] { return create(*invocation, *create_options); });

  CLI::App* list_command = add_command(user, "list", "List login accounts", invocation);
  add_json_flag(list_command, invocation);
  set_action(list_command, invocation, [invocation] { return list(*invocation); });

  auto unlock_options = std::make_shared<NameOptions>();
  set_action(add_name_command(user, invocation, "unlock",
                              "End a lock-out after failed logins at once", unlock_options),
             invocation,
             [invocation, unlock_options] { return unlock(*invocation, *unlock_options); });

  auto reset_options = std::make_shared<NameOptions>();
  set_action(add_name_command(user, invocation, "reset-password",
                              "Set a new one-time password (shown once); ends the user's "
                              "sessions and revokes its tokens",
                              reset_options),
             invocation,
             [invocation, reset_options] { return reset_password(*invocation, *reset_options); });

  auto disable_options = std::make_shared<NameOptions>();
  set_action(add_name_command(user, invocation, "disable",
                              "Disable an account; ends its sessions and revokes its tokens",
                              disable_options),
             invocation, [invocation, disable_options] {
               return set_disabled(*invocation, *disable_options, true);
             });

  auto enable_options = std::make_shared<NameOptions>();
  set_action(
      add_name_command(user, invocation, "enable", "Enable a disabled account", enable_options),
      invocation,
      [invocation, enable_options] { return set_disabled(*invocation, *enable_options, false); });
}

}  // namespace isms::cli
