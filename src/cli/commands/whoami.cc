// isms whoami: who the CLI acts as. Locally that is always the operator (whoever can read
// the data files holds every key); remotely it is the API token's user (GET /api/v1/me).
#include <CLI/App.hpp>
#include <iostream>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/output.h"

namespace isms::cli {

namespace {

int local(const Invocation& invocation) {
  if (invocation.json) {
    print_json({{"mode", "local"}, {"user", "operator"}, {"actor", cli_actor().id}});
  } else {
    std::cout << "operator (local data files)\n";
  }
  return kExitOk;
}

// A string member of an object, or "" (the /me body is printed, not trusted to be complete).
std::string text(const Json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int remote(const Invocation& invocation) {
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto me = client->get("/me");
  if (!me.ok()) return report_error(me.error());
  if (invocation.json) {
    print_json(*me);
    return kExitOk;
  }
  const Json empty = Json::object();
  const Json& user = me->is_object() && me->contains("user") ? (*me)["user"] : empty;
  const Json& person = me->is_object() && me->contains("person") ? (*me)["person"] : empty;
  std::string username = text(user, "username");
  if (username.empty()) {
    return report_error(Error::malformed("unexpected answer from the server: /me has no user"));
  }
  std::vector<std::string> roles;
  if (me->contains("roles") && (*me)["roles"].is_array()) {
    for (const Json& role : (*me)["roles"]) {
      std::string key = text(role, "key");
      if (!key.empty()) roles.push_back(key);
    }
  }
  std::vector<std::string> permissions;
  if (me->contains("permissions") && (*me)["permissions"].is_array()) {
    for (const Json& p : (*me)["permissions"]) {
      if (p.is_string()) permissions.push_back(p.get<std::string>());
    }
  }
  std::string name = text(person, "name");
  if (name.empty()) name = text(user, "person_name");
  Details details;
  details.add("user", username);
  details.add("person", name.empty() ? "-" : name);
  details.add("roles", roles.empty() ? "-" : join(roles));
  details.add("permissions", permissions.empty() ? "-" : join(permissions));
  details.add("server", client->server());
  details.print(std::cout);
  return kExitOk;
}

}  // namespace

void add_whoami_command(CLI::App* root, Invocation* invocation) {
  CLI::App* command = add_command(
      root, "whoami",
      "Show who commands act as: locally the operator; with --server the API token's user, "
      "roles and permissions",
      invocation);
  add_json_flag(command, invocation);
  set_action(
      command, invocation, [invocation] { return local(*invocation); },
      [invocation] { return remote(*invocation); });
}

}  // namespace isms::cli
