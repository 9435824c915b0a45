#include "base/time.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace isms {

std::string Clock::now_utc() const { return format_utc_micros(now_micros()); }

int64_t SystemClock::now_micros() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t FileClock::now_micros() const {
  std::FILE* f = std::fopen(path_.c_str(), "rb");
  if (f != nullptr) {
    char buf[64] = {0};
    size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    std::string text(buf, n);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
      text.pop_back();
    }
    int64_t micros = 0;
    if (parse_utc_micros(text, &micros)) return micros;
  }
  return SystemClock().now_micros();
}

std::unique_ptr<Clock> make_process_clock(std::string* fake_path) {
  const char* path = std::getenv("ISMS_FAKE_CLOCK_FILE");
  if (path != nullptr && *path != '\0') {
    if (fake_path != nullptr) *fake_path = path;
    return std::make_unique<FileClock>(path);
  }
  if (fake_path != nullptr) fake_path->clear();
  return std::make_unique<SystemClock>();
}

std::string format_utc_micros(int64_t micros) {
  int64_t secs = micros / 1000000;
  int64_t frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    secs -= 1;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(frac));
  return buf;
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" digit for digit: sscanf's %2d alone would also take "-1", "+1"
// and " 1" in a field.
bool has_timestamp_shape(std::string_view text) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    bool ok = kShape[i] == 'd' ? (text[i] >= '0' && text[i] <= '9') : text[i] == kShape[i];
    if (!ok) return false;
  }
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool parse_utc_micros(std::string_view text, int64_t* micros) {
  if (!has_timestamp_shape(text)) return false;
  int y, mo, d, h, mi, s;
  char tail[16] = {0};
  std::string str(text.substr(0, 40));
  int n = std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &y, &mo, &d, &h, &mi, &s, tail);
  if (n < 7) return false;
  long long frac = 0;
  std::string t(tail);
  if (t[0] == '.') {
    size_t i = 1;
    int digits = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      if (digits < 6) {
        frac = frac * 10 + (t[i] - '0');
        ++digits;
      }
      ++i;
    }
    while (digits++ < 6) frac *= 10;
    t = t.substr(i);
  }
  if (t != "Z") return false;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60) {
    return false;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  *micros = static_cast<int64_t>(timegm(&tm)) * 1000000 + frac;
  return true;
}

}  // namespace isms
