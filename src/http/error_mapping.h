// The one mapping from isms::ErrorCode to HTTP: status code and error body.
//
// Body (docs/api.md "Errors"):
//   {"error":{"code","message","field"?,"details"?,"request_id"}}
// `field` is omitted when empty; `details` is always present for kInvalid. kInternal and
// kCorruption are opaque to the client ("internal error"); kUnavailable hides the
// dependency's message (it can name hosts and paths). Callers log the real message; see
// client_sees_real_message().
#pragma once

#include <string_view>

#include "base/error.h"
#include "base/json.h"
#include "http/message.h"

namespace isms::http {

// HTTP status for a code: malformed 400, unauthenticated 401, forbidden 403, not_found 404,
// method_not_allowed 405, conflict 409, too_large 413, unsupported_media_type 415,
// invalid 422, internal/corruption 500, unavailable 503.
int http_status(ErrorCode code);

// False for codes whose message is replaced in the body (and must be logged instead).
bool client_sees_real_message(ErrorCode code);

// The error body as the client sees it.
Json error_body(const Error& error, std::string_view request_id);

// A complete JSON error response (status, content type, body). No other headers.
Response error_response(const Error& error, std::string_view request_id);

}  // namespace isms::http
