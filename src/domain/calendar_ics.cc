#include "domain/calendar_ics.h"

#include <cstdio>

namespace isms {

namespace {

// "2026-03-01" -> "20260301".
std::string ics_date(std::string_view date) {
  std::string out;
  for (char ch : date) {
    if (ch != '-') out += ch;
  }
  return out;
}

// "2026-03-01T10:00:00.123456Z" -> "20260301T100000Z".
std::string ics_stamp(std::string_view rfc3339) {
  std::string out;
  for (char ch : rfc3339.substr(0, 19)) {
    if (ch != '-' && ch != ':') out += ch;
  }
  return out + "Z";
}

std::string next_day(std::string_view date) {
  int y = std::stoi(std::string(date.substr(0, 4)));
  int m = std::stoi(std::string(date.substr(5, 2)));
  int d = std::stoi(std::string(date.substr(8, 2)));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int last = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (++d > last) {
    d = 1;
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '\\' || ch == ';' || ch == ',') {
      out += '\\';
      out += ch;
    } else if (ch == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (ch == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') {
      continue;  // control characters are not allowed in TEXT
    } else {
      out += ch;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  size_t width = 0;  // octets on the current physical line
  for (size_t i = 0; i < line.size();) {
    // The whole UTF-8 sequence starting at i stays on one physical line.
    size_t len = 1;
    while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80) {
      ++len;
    }
    if (width + len > 75) {
      out += "\r\n ";
      width = 1;  // the leading space counts
    }
    out.append(line.substr(i, len));
    width += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

std::string ics_calendar(const std::vector<IcsEvent>& events, std::string_view stamp,
                         std::string_view calendar_name) {
  std::string out;
  out += ics_fold("BEGIN:VCALENDAR");
  out += ics_fold("VERSION:2.0");
  out += ics_fold("PRODID:-//isms//ISMS calendar//EN");
  out += ics_fold("CALSCALE:GREGORIAN");
  out += ics_fold("METHOD:PUBLISH");
  out += ics_fold("X-WR-CALNAME:" + ics_escape(calendar_name));
  std::string dtstamp = ics_stamp(stamp);
  for (const IcsEvent& e : events) {
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold("UID:" + ics_escape(e.uid));
    out += ics_fold("DTSTAMP:" + dtstamp);
    out += ics_fold("DTSTART;VALUE=DATE:" + ics_date(e.date));
    out += ics_fold("DTEND;VALUE=DATE:" + next_day(e.date));
    out += ics_fold("SUMMARY:" + ics_escape(e.summary));
    if (!e.description.empty()) out += ics_fold("DESCRIPTION:" + ics_escape(e.description));
    if (!e.url.empty()) out += ics_fold("URL:" + e.url);
    if (!e.status.empty()) out += ics_fold("STATUS:" + e.status);
    out += ics_fold("TRANSP:TRANSPARENT");
    out += ics_fold("END:VEVENT");
  }
  out += ics_fold("END:VCALENDAR");
  return out;
}

}  // namespace isms
