// Structured logs of the HTTP layer: one JSON object per line on stderr (spdlog logger
// "isms.http" with the bare "%v" pattern), so log collectors need no parsing rules.
// Lines never contain query strings or bodies (they may hold search terms or secrets).
// Thread-safe.
#pragma once

#include <string_view>

#include "base/json.h"

namespace isms::http {

enum class LogLevel { kInfo, kWarn, kError };

// Writes {"ts":..., "level":..., "msg": msg, ...fields}. fields must be an object.
void log_event(LogLevel level, std::string_view msg, const Json& fields);

// The access log line of one request: the same line log_event(kInfo, "request", {...})
// writes, but encoded directly (json_writer.h): it runs on every request, and the two
// Json trees cost more than serving a cached response.
struct RequestLogLine {
  std::string_view request_id;
  std::string_view method;
  std::string_view path;  // without the query
  int status = 0;
  double duration_ms = 0;
  size_t bytes = 0;
  std::string_view remote;
};
void log_request(const RequestLogLine& line);

// Silences the HTTP logs (tests).
void set_http_logging_enabled(bool enabled);

}  // namespace isms::http
