// Internals of the objective commands (objective.cc: isms objective; objective_indicator.cc:
// isms indicator and isms measurement): turning a ref a person types (OBJ-01, IND-0001)
// into an id the same way in both modes, and the printers both modes share.
#pragma once

#include <string>

#include "base/json.h"
#include "cli/commands/risk_control.h"

namespace CLI {
class App;
}

namespace isms::cli {

struct Invocation;

// An objective given by id or ref (case-insensitive), withdrawn ones included: the id.
// kNotFound naming `field`.
Result<std::string> resolve_objective(const Backend& b, const std::string& field,
                                      const std::string& given);
// An indicator given by id or ref: the id. kNotFound naming `field`.
Result<std::string> resolve_indicator(const Backend& b, const std::string& field,
                                      const std::string& given);

// The member `key` of `object` as it is (null when absent): member_of() of wire.h gives
// objects only, and these answers hold booleans, strings and arrays too.
const Json& field_of(const Json& object, const char* key);

// "99.9 %" / "2..5.5 ms" of an indicator's wire form.
std::string target_text(const Json& indicator);
int print_indicator(const Json& view);

void add_indicator_commands(CLI::App* root, Invocation* invocation);
void add_measurement_commands(CLI::App* root, Invocation* invocation);

}  // namespace isms::cli
