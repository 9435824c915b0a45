// Shared helpers for handlers: JSON responses, request bodies, the ledger actor.
#pragma once

#include <string_view>

#include "base/error.h"
#include "base/json.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/context.h"

namespace isms::http {

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
