// Internals shared by the issue-5 commands (risk.cc, risk_method.cc, risk_cycle.cc,
// threat.cc, control.cc, evidence.cc, soa.cc): turning what a person types (a risk's ref,
// a threat's name, a person's email, a rating "4:3/2/0/1") into what the API takes, the
// same way in both modes, and the wire forms the HTTP handlers build from service results
// that have no domain encoder (docs/api.md "Risks" .. "Statement of Applicability").
//
// A Backend is where lookups read from: the local services acting as the operator, or the
// server. Exactly one of its members is set.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "cli/remote/client.h"
#include "domain/access.h"
#include "domain/soa.h"
#include "domain/threat.h"
#include "service/context.h"
#include "service/risk_json.h"
#include "service/risk_service.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace isms::cli {

struct Backend {
  const ServiceContext* local = nullptr;
  ApiClient* remote = nullptr;
};

// One string-valued option whose presence matters (an empty value may mean "clear").
struct Flag {
  std::string value;
  CLI::Option* option = nullptr;
  bool given() const;
};
// Adds `name` bound to flag->value.
void add_flag_option(CLI::App* command, const char* name, Flag* flag, const char* help,
                     const char* type);

// "L:C/I/A/AU" (likelihood, then the impact on confidentiality, integrity, availability
// and authenticity; 0 = not affected), e.g. "4:3/2/0/1" -> the API's Rating object.
// kInvalid naming `field` with the expected form otherwise. The values' ranges against the
// method are the service's business.
Result<Json> parse_rating(const std::string& field, const std::string& text);
// The inverse for printing: "4:3/2/0/1".
std::string rating_text(const Json& rating);
// "4:3/2/0/1 high" (the level's name) for a Rating in an answer.
std::string rating_label(const Json& rating);

// "5=4,4=3" -> {"5":4,"4":3} (a scale map of docs/api.md "Risk method"); kInvalid naming
// `field` otherwise.
Result<Json> parse_scale_map(const std::string& field, const std::string& text);

// A person given by id or email (case-insensitive): the id. kNotFound naming `field`.
Result<std::string> resolve_person(const Backend& b, const std::string& field,
                                   const std::string& given);
// A threat or vulnerability given by id, key or name (case-insensitive), archived ones
// included: the id. kNotFound naming `field`.
Result<std::string> resolve_source(const Backend& b, RiskSourceKind kind, const std::string& field,
                                   const std::string& given);
// A risk given by id or ref ("R-0001"), archived included: the id. kNotFound naming `field`.
Result<std::string> resolve_risk(const Backend& b, const std::string& field,
                                 const std::string& given);
// A control given by id or ref ("C-0001"), archived included: the id.
Result<std::string> resolve_control(const Backend& b, const std::string& field,
                                    const std::string& given);

// The principal of a person for the local operator's --as-person: the person's own roles
// and permissions (never the operator's), recorded in the ledger as the CLI's actor. The
// services then apply their rules to that person exactly as to a signed-in user.
// kForbidden when the person's employment has ended.
Result<Principal> principal_as_person(const ServiceContext& s, const std::string& given);

// Fetches pages until next_cursor is empty when `all`, else one page: {"items":[...],
// "next_cursor"[,"total"]} with the items of every page read.
Result<Json> collect_pages(bool all, const std::function<Result<Json>(const std::string&)>& page);

// {"items":[...],"next_cursor":"..."|null[,"total"]}.
Json page_json(Json items, const std::string& next_cursor, const std::optional<int64_t>& total);

// "" -> "-" for table cells and details.
std::string or_dash(const std::string& text);
// The strings of a JSON array ("" for non-strings skipped).
std::vector<std::string> strings_in(const Json& array);

}  // namespace isms::cli
