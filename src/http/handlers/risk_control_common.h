// Helpers shared by the handlers of issue 5 (risk_method.cc, risks.cc, risk_cycles.cc,
// controls.cc, soa.cc) and the dashboard (organization.cc): the version a write is based
// on, list query parameters common to the registers, and the wire form of service results
// that have no domain encoder (heat maps, the risk summary, SoA totals).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "base/time.h"
#include "domain/control.h"
#include "http/message.h"
#include "http/router.h"
#include "service/risk_json.h"
#include "service/risk_service.h"
#include "service/soa_service.h"
#include "store/store.h"

namespace isms::http {

inline constexpr int kRegisterDefaultLimit = 50;
inline constexpr int kRegisterMaxLimit = 500;
inline constexpr size_t kRegisterSearchMax = 200;  // characters
inline constexpr size_t kRegisterFilterMax = 100;  // values of a list filter

// Today's date (YYYY-MM-DD, UTC) from the context's clock: flags such as review_overdue
// and evidence states depend on it, so it is also part of cache keys.
std::string today_of(const Clock* clock);

// The version a write is based on: If-Match and/or the body's "version"; when both are
// given they must agree (kInvalid "version"). nullopt when neither is.
Result<std::optional<int64_t>> expected_version(const Request& req,
                                                std::optional<int64_t> body_version);
// As expected_version, but one of them is required (kInvalid "version").
Result<int64_t> required_version(const Request& req, std::optional<int64_t> body_version);

// Action bodies ({"version", "reason"}, {"version", "note", "checked_on"}, ...): the
// members named in `text_fields` are optional strings, "version" an optional positive
// integer; any other member is refused naming it. An empty body reads as {}.
struct ActionBody {
  std::optional<int64_t> version;
  std::map<std::string, std::string> text;  // member -> value, for members present
  const std::string* find(const std::string& name) const {
    auto it = text.find(name);
    return it == text.end() ? nullptr : &it->second;
  }
  std::string get(const std::string& name) const {
    const std::string* v = find(name);
    return v ? *v : std::string();
  }
};
Result<ActionBody> action_body(const Request& req, const std::vector<std::string>& text_fields);

// Query parameter decoding (kMalformed naming the parameter).
// archived: false (default) | true | all.
Result<ArchivedFilter> parse_archived_param(const std::string& value);
// q: at most kRegisterSearchMax characters (UTF-8 code points).
Status check_search_param(const std::string& value);
// sort: one of `keys`, optionally prefixed '-' (descending); returns the index in keys.
Result<size_t> parse_sort_param(const std::string& value, const std::vector<std::string>& keys,
                                bool* descending);

// Documentation of the parameters every register list shares, and helpers for the rest.
QueryParamDoc limit_param_doc();
QueryParamDoc cursor_param_doc();
QueryParamDoc include_total_param_doc();
QueryParamDoc search_param_doc(const std::string& what);
QueryParamDoc archived_param_doc(const std::string& what);
QueryParamDoc sort_param_doc(const std::vector<std::string>& keys, const std::string& fallback);
QueryParamDoc string_param_doc(const std::string& name, const std::string& description);
QueryParamDoc enum_param_doc(const std::string& name, const std::string& description,
                             const std::vector<std::string>& values);

// {"items":[...],"next_cursor":"..."|null[,"total":N]}.
Json page_json(Json items, const std::string& next_cursor, std::optional<int64_t> total,
               bool with_total);

// A JSON response with an ETag of `version`.
Response versioned_json(int status, const Json& body, int64_t version);

}  // namespace isms::http
