// Shared helpers for handlers: JSON responses, request bodies, the ledger actor.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/context.h"

namespace isms::http {

// {"items":[encode(v) for each v]}: the list body of most routes.
template <typename T, typename F>
Json items_json(const std::vector<T>& values, F encode) {
  Json items = Json::array();
  for (const auto& v : values) items.push_back(encode(v));
  return Json{{"items", std::move(items)}};
}

// The decoded query parameter `name`, or `fallback` when absent.
std::string query_or(const Request& request, std::string_view name, std::string fallback = "");

// A file to download (PDF, XLSX, CSV, an OSCAL catalog): `body` as `content_type`, with
// Content-Disposition: attachment; filename="<file_name>" (file_name passed through
// file_slug's character rule, so no quote or path can reach the header).
Response file_response(std::string_view content_type, std::string body, std::string_view file_name);

// A file-name-safe form of `text`: ASCII letters and digits lower-cased, '.', '_' and '-'
// kept, every other run of characters one '-', no leading or trailing '-' or '.', at most
// 80 characters; `fallback` when nothing is left.
std::string file_slug(std::string_view text, std::string_view fallback = "file");

// Nesting deeper than this is rejected before parsing: no request body of this API needs
// more than a few levels, and it keeps recursive JSON code far from the stack limit.
inline constexpr int kMaxJsonDepth = 32;

// A response with a JSON body and the JSON content type.
Response json_response(int status, const Json& body);

// kMalformed when `text` nests arrays/objects deeper than max_depth (strings are skipped
// correctly, escapes included). Does not otherwise validate.
Status check_json_depth(std::string_view text, int max_depth);

// The parsed request body. An empty body is kMalformed ("request body is required")
// unless empty_is_object, when it reads as {}. Depth-checked, then parse_json.
Result<Json> json_body(const Request& request, bool empty_is_object);

// kInvalid (field "body") unless the body is a JSON object.
Status require_object(const Json& body);

// Action routes that take no options: the body is optional and, when sent, must be {}.
Status empty_body(const Request& request);

// Who is calling, for authentication events: source address and User-Agent.
ClientInfo client_of(const Request& request);

// The ledger actor of a request: its principal's actor.
Actor actor_of(const Request& request);

// The session cookie's name.
inline constexpr std::string_view kSessionCookie = "isms_session";

}  // namespace isms::http
