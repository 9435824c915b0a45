// iCalendar (RFC 5545) export of the ISMS calendar's agenda: one VCALENDAR with an all-day
// VEVENT per dated duty. Written here rather than with a library: content lines end in CRLF,
// are folded at 75 octets (never inside a UTF-8 sequence) and TEXT values escape backslash,
// semicolon, comma and newlines (RFC 5545 3.1 and 3.3.11). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace isms {

struct IcsEvent {
  std::string uid;   // globally unique and stable for the same duty and date
  std::string date;  // YYYY-MM-DD: an all-day event
  std::string summary;
  std::string description;  // may hold newlines
  std::string url;          // "" = none
  std::string status;       // "" | "CONFIRMED" | "CANCELLED" (RFC 5545 3.8.1.11)
};

// TEXT escaping (RFC 5545 3.3.11).
std::string ics_escape(std::string_view text);
// One content line folded to 75 octets per physical line, CRLF-terminated.
std::string ics_fold(std::string_view line);
// The calendar; `stamp` is DTSTAMP as RFC 3339 UTC (e.g. the clock's now).
std::string ics_calendar(const std::vector<IcsEvent>& events, std::string_view stamp,
                         std::string_view calendar_name);

}  // namespace isms
