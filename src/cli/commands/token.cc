// isms token create / list / revoke: API tokens, managed by the operator on the server.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/output.h"
#include "service/auth_service.h"

namespace isms::cli {
namespace {

struct CreateOptions {
  std::string user;
  std::string name;
  std::string scope = "read";
  std::vector<std::string> registers;
  std::string expires_in = "30d";
};

// "90s", "12h", "30d" -> seconds; kInvalid naming --expires-in otherwise.
Result<int64_t> parse_duration(const std::string& text) {
  if (text.size() < 2 || text.size() > 10) {
    return Error::invalid("expires-in", "must look like 90s, 12h or 30d");
  }
  std::string digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) {
    return Error::invalid("expires-in", "must look like 90s, 12h or 30d");
  }
  int64_t n = std::stoll(digits);
  switch (text.back()) {
    case 's':
      return n;
    case 'h':
      return n * 3600;
    case 'd':
      return n * 86400;
    default:
      return Error::invalid("expires-in", "unit must be s, h or d");
  }
}

AuthOptions no_throttle() { return AuthOptions{}; }

int create(const Invocation& invocation, const CreateOptions& options) {
  auto seconds = parse_duration(options.expires_in);
  if (!seconds.ok()) return report_error(seconds.error());
  auto scope = parse_token_scope(options.scope);
  if (!scope) return report_error(Error::invalid("scope", "must be read or read_write"));
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AuthService auth(ctx->services(), no_throttle());
  TokenRequest request{options.name, *scope, options.registers, *seconds};
  auto created =
      auth.create_token(cli_operator(), request, ClientInfo{"local", "isms cli"}, options.user);
  if (!created.ok()) return report_error(created.error());
  if (invocation.json) {
    print_json({{"token", api_token_to_json(created->token)}, {"secret", created->secret}});
  } else {
    std::cout << created->secret << "\n";
  }
  return kExitOk;
}

int list(const Invocation& invocation, const std::string& user) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AuthService auth(ctx->services(), no_throttle());
  auto tokens = auth.list_tokens(cli_operator(), true);
  if (!tokens.ok()) return report_error(tokens.error());
  std::string user_id;
  if (!user.empty()) {
    auto tx = ctx->store().begin_read();
    if (!tx.ok()) return report_error(tx.error());
    auto found = (*tx)->find_user(user);
    if (!found.ok()) return report_error(found.error());
    if (!*found) return report_error(Error::not_found("user " + user + " not found"));
    user_id = (*found)->id;
  }
  Json items = Json::array();
  Table table;
  table.add_column("ID");
  table.add_column("NAME", 30);
  table.add_column("SCOPE");
  table.add_column("EXPIRES");
  table.add_column("REVOKED");
  for (const auto& t : *tokens) {
    if (!user_id.empty() && t.user_id != user_id) continue;
    items.push_back(api_token_to_json(t));
    table.add_row({t.id, t.name, std::string(token_scope_name(t.scope)), t.expires_at,
                   t.revoked_at.value_or("")});
  }
  if (invocation.json) {
    print_json({{"items", items}});
  } else {
    table.print(std::cout);
  }
  return kExitOk;
}

int revoke(const Invocation& invocation, const std::string& id) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AuthService auth(ctx->services(), no_throttle());
  auto t = auth.revoke_token(cli_operator(), id, ClientInfo{"local", "isms cli"});
  if (!t.ok()) return report_error(t.error());
  if (invocation.json) {
    print_json(api_token_to_json(*t));
  } else {
    std::cout << "revoked token " << t->id << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_token_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* token = add_command(root, "token", "API tokens for automation", invocation);
  token->require_subcommand(1);
  auto options = std::make_shared<CreateOptions>();
  CLI::App* c =
      add_command(token, "create", "Create a token for a user; prints the secret once", invocation);
  c->add_option("--user", options->user, "The user the token acts as")->required();
  c->add_option("--name", options->name, "What the token is for")->required();
  c->add_option("--scope", options->scope, "read or read_write")->capture_default_str();
  c->add_option("--register", options->registers, "Limit to a register (repeatable)");
  c->add_option("--expires-in", options->expires_in, "Lifetime: 90s, 12h, 30d (max 365d)")
      ->capture_default_str();
  add_json_flag(c, invocation);
  set_action(c, invocation, [invocation, options] { return create(*invocation, *options); });

  auto user = std::make_shared<std::string>();
  CLI::App* l = add_command(token, "list", "List tokens (all users)", invocation);
  l->add_option("--user", *user, "Only this user's tokens");
  add_json_flag(l, invocation);
  set_action(l, invocation, [invocation, user] { return list(*invocation, *user); });

  auto id = std::make_shared<std::string>();
  CLI::App* r = add_command(token, "revoke", "Revoke a token", invocation);
  r->add_option("ID", *id, "Token id")->required();
  add_json_flag(r, invocation);
  set_action(r, invocation, [invocation, id] { return revoke(*invocation, *id); });
}

}  // namespace isms::cli
