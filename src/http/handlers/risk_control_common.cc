#include "http/handlers/risk_control_common.h"

#include <cstdint>
#include <string_view>

#include "http/handlers/common.h"
#include "http/header_values.h"
#include "service/admin_common.h"

namespace isms::http {

using admin::BodyReader;

std::string today_of(const Clock* clock) { return clock->now_utc().substr(0, 10); }

Result<std::optional<int64_t>> expected_version(const Request& req,
                                                std::optional<int64_t> body_version) {
  ISMS_ASSIGN(std::optional<int64_t> header, parse_if_match(req.headers.find("If-Match")));
  if (header && body_version && *header != *body_version) {
    return Error::invalid("version", "differs from the If-Match header");
  }
  return header ? header : body_version;
}

Result<int64_t> required_version(const Request& req, std::optional<int64_t> body_version) {
  ISMS_ASSIGN(std::optional<int64_t> version, expected_version(req, body_version));
  if (!version) return Error::invalid("version", "is required (in the body or as If-Match)");
  return *version;
}

Result<ActionBody> action_body(const Request& req, const std::vector<std::string>& text_fields) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_TRY(require_object(body));
  BodyReader r(body);
  ActionBody out;
  out.version = r.integer("version", 1, INT64_MAX);
  for (const std::string& name : text_fields) {
    if (std::optional<std::string> v = r.string(name)) out.text[name] = std::move(*v);
  }
  ISMS_TRY(r.finish());
  return out;
}

Result<ArchivedFilter> parse_archived_param(const std::string& value) {
  if (value == "false") return ArchivedFilter::kActiveOnly;
  if (value == "true") return ArchivedFilter::kArchivedOnly;
  if (value == "all") return ArchivedFilter::kAll;
  return Error::malformed("archived: must be false, true or all", "archived");
}

Status check_search_param(const std::string& value) {
  // Count characters (UTF-8 lead bytes), as the documented maxLength does.
  size_t chars = 0;
  for (char c : value) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (chars > kRegisterSearchMax) {
    return Error::malformed("q: at most " + std::to_string(kRegisterSearchMax) + " characters",
                            "q");
  }
  return ok_status();
}

Result<size_t> parse_sort_param(const std::string& value, const std::vector<std::string>& keys,
                                bool* descending) {
  std::string_view key = value;
  *descending = !key.empty() && key.front() == '-';
  if (*descending) key.remove_prefix(1);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (key == keys[i]) return i;
  }
  return Error::malformed("sort: unknown sort key", "sort");
}

QueryParamDoc limit_param_doc() {
  return {"limit", "Page size, 1-500 (default 50).",
          Json{{"type", "integer"},
               {"minimum", 1},
               {"maximum", kRegisterMaxLimit},
               {"default", kRegisterDefaultLimit}}};
}

QueryParamDoc cursor_param_doc() {
  return {"cursor", "Opaque cursor from a previous page's next_cursor.", Json{{"type", "string"}}};
}

QueryParamDoc include_total_param_doc() {
  return {"include_total", "Also count all matching rows (total).",
          Json{{"type", "boolean"}, {"default", false}}};
}

QueryParamDoc search_param_doc(const std::string& what) {
  return {"q", "Case-insensitive substring of " + what + " (at most 200 characters).",
          Json{{"type", "string"}, {"maxLength", kRegisterSearchMax}}};
}

QueryParamDoc archived_param_doc(const std::string& what) {
  return {"archived", "Archived " + what + ": false (default), true (only archived) or all.",
          Json{{"type", "string"}, {"enum", {"false", "true", "all"}}, {"default", "false"}}};
}

QueryParamDoc sort_param_doc(const std::vector<std::string>& keys, const std::string& fallback) {
  std::vector<std::string> sorts;
  for (const auto& k : keys) {
    sorts.push_back(k);
    sorts.push_back("-" + k);
  }
  return {"sort", "Sort key; prefix '-' for descending (default " + fallback + ").",
          Json{{"type", "string"}, {"enum", sorts}, {"default", fallback}}};
}

QueryParamDoc string_param_doc(const std::string& name, const std::string& description) {
  return {name, description, Json{{"type", "string"}}};
}

QueryParamDoc enum_param_doc(const std::string& name, const std::string& description,
                             const std::vector<std::string>& values) {
  return {name, description, Json{{"type", "string"}, {"enum", values}}};
}

Json page_json(Json items, const std::string& next_cursor, std::optional<int64_t> total,
               bool with_total) {
  Json out{{"items", std::move(items)},
           {"next_cursor", next_cursor.empty() ? Json(nullptr) : Json(next_cursor)}};
  if (with_total && total) out["total"] = *total;
  return out;
}

Response versioned_json(int status, const Json& body, int64_t version) {
  Response res = json_response(status, body);
  res.headers.set("ETag", etag_for_version(version));
  return res;
}

}  // namespace isms::http
