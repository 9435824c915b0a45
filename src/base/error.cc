#include "base/error.h"

namespace isms {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kInvalid:
      return "invalid";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kCorruption:
      return "corruption";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kUnsupportedMediaType:
      return "unsupported_media_type";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kRateLimited:
      return "rate_limited";
  }
  return "internal";
}

namespace {
Error make(ErrorCode code, std::string message, std::string field = {}) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  e.field = std::move(field);
  return e;
}
}  // namespace

Error Error::malformed(std::string message, std::string field) {
  return make(ErrorCode::kMalformed, std::move(message), std::move(field));
}
Error Error::invalid(std::string field, std::string message) {
  return invalid(std::vector<FieldError>{{std::move(field), std::move(message)}});
}
Error Error::invalid(std::vector<FieldError> details) {
  Error e = make(ErrorCode::kInvalid, {});
  if (!details.empty()) {
    e.field = details.front().field;
    e.message = details.front().field + ": " + details.front().message;
    if (details.size() > 1) e.message += " (and " + std::to_string(details.size() - 1) + " more)";
  }
  e.details = std::move(details);
  return e;
}
Error Error::not_found(std::string message) {
  return make(ErrorCode::kNotFound, std::move(message));
}
Error Error::conflict(std::string message) {
  return make(ErrorCode::kConflict, std::move(message));
}
Error Error::forbidden(std::string message) {
  return make(ErrorCode::kForbidden, std::move(message));
}
Error Error::unavailable(std::string message) {
  return make(ErrorCode::kUnavailable, std::move(message));
}
Error Error::corruption(std::string message) {
  return make(ErrorCode::kCorruption, std::move(message));
}
Error Error::internal(std::string message) {
  return make(ErrorCode::kInternal, std::move(message));
}
Error Error::too_large(std::string message) {
  return make(ErrorCode::kTooLarge, std::move(message));
}

Error Error::unauthenticated(std::string message) {
  return make(ErrorCode::kUnauthenticated, std::move(message));
}

Error Error::rate_limited(std::string message, int retry_after_seconds) {
  Error e = make(ErrorCode::kRateLimited, std::move(message));
  e.retry_after_seconds = retry_after_seconds;
  return e;
}

}  // namespace isms
