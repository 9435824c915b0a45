#include "http/error_mapping.h"

namespace isms::http {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kCorruption:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;  // unreachable for valid enum values; a cast garbage value is a bug
}

bool client_sees_real_message(ErrorCode code) {
  return code != ErrorCode::kInternal && code != ErrorCode::kCorruption &&
         code != ErrorCode::kUnavailable;
}

namespace {

std::string opaque_message(ErrorCode code) {
  if (code == ErrorCode::kUnavailable) return "service unavailable: the database cannot be reached";
  return "internal error";
}

bool is_known_code(ErrorCode code) {
  return static_cast<int>(code) >= static_cast<int>(ErrorCode::kMalformed) &&
         static_cast<int>(code) <= static_cast<int>(ErrorCode::kRateLimited);
}

}  // namespace

Json error_body(const Error& error, std::string_view request_id) {
  ErrorCode code = is_known_code(error.code) ? error.code : ErrorCode::kInternal;
  Json e = Json::object();
  e["code"] = std::string(error_code_name(code));
  if (client_sees_real_message(code)) {
    e["message"] = error.message.empty() ? std::string(error_code_name(code)) : error.message;
    if (!error.field.empty()) e["field"] = error.field;
    if (code == ErrorCode::kInvalid) {
      Json details = Json::array();
      for (const auto& d : error.details)
        details.push_back({{"field", d.field}, {"message", d.message}});
      if (details.empty() && !error.field.empty()) {
        details.push_back({{"field", error.field}, {"message", e["message"]}});
      }
      e["details"] = std::move(details);
    }
  } else {
    e["message"] = opaque_message(code);
  }
  e["request_id"] = std::string(request_id);
  return Json{{"error", std::move(e)}};
}

Response error_response(const Error& error, std::string_view request_id) {
  Response res;
  res.status = http_status(error.code);
  res.headers.set("Content-Type", std::string(kJsonContentType));
  res.body = dump_json(error_body(error, request_id));
  if (error.code == ErrorCode::kRateLimited && error.retry_after_seconds > 0) {
    res.headers.set("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return res;
}

}  // namespace isms::http
