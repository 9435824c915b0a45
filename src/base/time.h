// Clock and UTC timestamps. All stored and transmitted times are UTC RFC 3339 strings with
// microsecond precision and a 'Z' suffix ("2026-11-28T07:30:00.123456Z"), which sort
// lexicographically in time order.
#pragma once

#include <cstdint>
#include <memory>
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

// Test clock for black-box tests of time-driven behaviour (deadlines, reminders, review
// dates): the current time is the RFC 3339 UTC instant in a file, re-read on every call so a
// test can move time while a server runs. When the file is absent or malformed it falls
// back to the system time, so a deleted file never stops a server. Chosen at start when
// ISMS_FAKE_CLOCK_FILE names a file (make_process_clock); the server logs that it runs on it.
class FileClock final : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  int64_t now_micros() const override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The process clock: FileClock when ISMS_FAKE_CLOCK_FILE is set and non-empty, else
// SystemClock. `fake_path` receives the file name (empty for the system clock).
std::unique_ptr<Clock> make_process_clock(std::string* fake_path);

// Formats micros since epoch as "YYYY-MM-DDTHH:MM:SS.uuuuuuZ".
std::string format_utc_micros(int64_t micros);
// Parses the format above (also accepts no fraction); returns false when malformed.
bool parse_utc_micros(std::string_view text, int64_t* micros);

}  // namespace isms
