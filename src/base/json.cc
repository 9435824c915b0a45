#include "base/json.h"

namespace isms {

bool is_valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

namespace {

// nlohmann's parser, copy, compare and dump recurse per nesting level; a hostile body of
// deeply nested arrays would overflow the stack. Reject deep nesting before parsing.
constexpr int kMaxJsonDepth = 64;

bool nesting_within_limit(std::string_view text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

Result<Json> parse_json(std::string_view text) {
  if (!is_valid_utf8(text)) return Error::malformed("request body is not valid UTF-8");
  if (!nesting_within_limit(text)) {
    return Error::malformed("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // Re-parse with exceptions only to obtain the position for the message.
    try {
      Json again = Json::parse(text.begin(), text.end());
      (void)again;
    } catch (const Json::parse_error& e) {
      return Error::malformed("malformed JSON at byte " + std::to_string(e.byte));
    } catch (const Json::exception& e) {
      // e.g. out_of_range for a number beyond double's range ({"a":1e400}).
      return Error::malformed(std::string("malformed JSON: ") + e.what());
    }
    return Error::malformed("malformed JSON");
  }
  return value;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace isms
