#include "base/json_writer.h"

#include <charconv>

namespace isms {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Bytes that go out unchanged and end no sequence: printable ASCII except " and \.
constexpr bool is_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// For the non-ASCII byte at s[i]: the length of the well-formed UTF-8 sequence starting
// there (2..4), or 0 when it is ill-formed; then *skip is how many bytes nlohmann's
// decoder gives up on before it writes one U+FFFD. Its DFA rejects the first byte that
// cannot continue the sequence and, when that byte is not the lead byte, reads it again
// as the start of a new character: so the skip is the lead plus the continuation bytes
// accepted so far, or everything left when the string ends mid-sequence.
size_t utf8_sequence(std::string_view s, size_t i, size_t* skip) {
  auto lead = static_cast<unsigned char>(s[i]);
  size_t need;                         // continuation bytes after the lead
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    *skip = 1;  // a stray continuation byte, C0/C1 (overlong) or F5..FF
    return 0;
  }
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) {
      *skip = s.size() - i;  // ends mid-sequence
      return 0;
    }
    auto c = static_cast<unsigned char>(s[i + k]);
    bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok) {
      *skip = k;  // s[i + k] is read again
      return 0;
    }
  }
  return need + 1;
}

void append_escape(unsigned char c, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\f':
      out->append("\\f");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\r':
      out->append("\\r");
      return;
    case '\t':
      out->append("\\t");
      return;
    default:
      break;
  }
  char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
  out->append(u, sizeof u);
}

}  // namespace

void append_json_string(std::string_view s, std::string* out) {
  out->push_back('"');
  // Copy runs of bytes that need no change in one append; most text is one run.
  size_t run = 0, i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (is_plain(c)) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t skip = 0;
      if (size_t len = utf8_sequence(s, i, &skip)) {
        i += len;  // valid UTF-8 is copied raw (ensure_ascii=false)
        continue;
      }
      out->append(s.data() + run, i - run);
      out->append(kReplacement);
      i += skip;
    } else {
      out->append(s.data() + run, i - run);
      append_escape(c, out);
      ++i;
    }
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void append_json_optional(const std::optional<std::string>& s, std::string* out) {
  if (s) {
    append_json_string(*s, out);
  } else {
    out->append("null");
  }
}

void append_json_int(int64_t value, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;  // 24 bytes hold any int64
  out->append(buf, end);
}

}  // namespace isms
