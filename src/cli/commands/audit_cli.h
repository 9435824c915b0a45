// Internals of `isms audit-programme | audit | finding | action` (audit.cc,
// audit_commands.cc, audit_findings.cc).
#pragma once

#include <string>

#include "base/json.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"

namespace isms::cli::audit_cli {

// `given` as a record id: a reference "<prefix>-..." (AP, AUD, F, CA) is looked up,
// anything else is taken as an id. kNotFound naming `field`.
Result<std::string> resolve_record(const Backend& b, const std::string& field,
                                   const std::string& given, const std::string& prefix);
std::string join_items(const Json& array);

int print_finding(const Json& finding);
int print_actions(const Json& answer);
int print_action(const Json& action);

void add_audit_subcommands(CLI::App* root, Invocation* invocation);
void add_finding_commands(CLI::App* root, Invocation* invocation);
void add_action_commands(CLI::App* root, Invocation* invocation);

}  // namespace isms::cli::audit_cli
