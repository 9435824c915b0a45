// Clock and UTC timestamps. All stored and transmitted times are UTC RFC 3339 strings with
// microsecond precision and a 'Z' suffix ("2026-11-28T07:30:00.123456Z"), which sort
// lexicographically in time order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace isms {

// Source of the current time; injectable so tests can fix it. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch, UTC.
  virtual int64_t now_micros() const = 0;
  std::string now_utc() const;
};

class SystemClock final : public Clock {
 public:
  int64_t now_micros() const override;
};

// Formats micros since epoch as "YYYY-MM-DDTHH:MM:SS.uuuuuuZ".
std::string format_utc_micros(int64_t micros);
// Parses the format above (also accepts no fraction); returns false when malformed.
bool parse_utc_micros(std::string_view text, int64_t* micros);

}  // namespace isms
