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

// Silences the HTTP logs (tests).
void set_http_logging_enabled(bool enabled);

}  // namespace isms::http
