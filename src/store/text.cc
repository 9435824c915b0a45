#include "store/text.h"

namespace isms::store_detail {

namespace {

// Maps code points in [first, last] where upper and lower case alternate: with
// upper_even, even code points are upper case and fold to the following odd one.
char32_t fold_pairs(char32_t c, bool upper_even) {
  bool is_upper = ((c % 2) == 0) == upper_even;
  return is_upper ? c + 1 : c;
}

char32_t fold_code_point(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c < 0x100) return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
  if (c < 0x180) {  // Latin Extended-A
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    if (c == 0x17F) return 's';
    if (c <= 0x137) return fold_pairs(c, true);
    if (c >= 0x139 && c <= 0x148) return fold_pairs(c, false);
    if (c >= 0x14A && c <= 0x177) return fold_pairs(c, true);
    if (c >= 0x179 && c <= 0x17E) return fold_pairs(c, false);
    return c;
  }
  if (c < 0x250) {  // Latin Extended-B: only the regular runs
    if (c >= 0x1CD && c <= 0x1DC) return fold_pairs(c, false);
    if ((c >= 0x1DE && c <= 0x1EF) || (c >= 0x1F8 && c <= 0x21F) || (c >= 0x222 && c <= 0x233) ||
        (c >= 0x246 && c <= 0x24F))
      return fold_pairs(c, true);
    return c;
  }
  if (c >= 0x370 && c < 0x400) {  // Greek
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c == 0x3C2) return 0x3C3;  // final sigma folds to sigma
    return c;
  }
  if (c >= 0x400 && c < 0x530) {  // Cyrillic
    if (c <= 0x40F) return c + 80;
    if (c <= 0x42F) return c + 32;
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
      return fold_pairs(c, true);
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE) return fold_pairs(c, false);
    return c;
  }
  if (c >= 0x531 && c <= 0x556) return c + 48;  // Armenian
  if (c >= 0x1E00 && c <= 0x1EFF) {             // Latin Extended Additional
    if (c == 0x1E9E) return 0xDF;
    if (c <= 0x1E95 || c >= 0x1EA0) return fold_pairs(c, true);
    return c;
  }
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;  // fullwidth A-Z
  return c;
}

void append_utf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Decodes one well-formed 2- or 3-byte sequence at text[i]; returns its length, or 0 when
// the bytes are not one (4-byte sequences have no case mappings here and are copied).
size_t decode_bmp(std::string_view text, size_t i, char32_t* c) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  auto cont = [&](size_t k) { return i + k < text.size() && (b(k) & 0xC0) == 0x80; };
  if ((b(0) & 0xE0) == 0xC0 && cont(1)) {
    *c = (char32_t{b(0)} & 0x1F) << 6 | (b(1) & 0x3F);
    return *c >= 0x80 ? 2 : 0;
  }
  if ((b(0) & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    *c = (char32_t{b(0)} & 0x0F) << 12 | (char32_t{b(1)} & 0x3F) << 6 | (b(2) & 0x3F);
    return (*c >= 0x800 && (*c < 0xD800 || *c > 0xDFFF)) ? 3 : 0;
  }
  return 0;
}

}  // namespace

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(fold_code_point(byte)));
      ++i;
      continue;
    }
    char32_t c = 0;
    size_t len = decode_bmp(text, i, &c);
    if (len == 0) {  // 4-byte sequence or invalid byte: copy as is
      out.push_back(text[i]);
      ++i;
      continue;
    }
    append_utf8(fold_code_point(c), &out);
    i += len;
  }
  return out;
}

std::string sort_key(std::string_view text) {
  if (text.empty()) return {};
  std::string key = fold_case(text);
  key += kSortKeySeparator;
  key += text;
  return key;
}

std::string asset_search_text(const Asset& asset) {
  std::string s = fold_case(asset.name);
  s += kSearchFieldSeparator;
  s += fold_case(asset.description);
  s += kSearchFieldSeparator;
  s += fold_case(asset.business_function);
  return s;
}

std::optional<std::string> search_like_pattern(std::string_view search) {
  std::string folded = fold_case(search);
  if (folded.find(kSearchFieldSeparator) != std::string::npos) return std::nullopt;
  std::string pattern = "%";
  for (char ch : folded) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  pattern += '%';
  return pattern;
}

std::optional<size_t> utf8_code_points(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    char32_t c = 0;
    size_t len = decode_bmp(text, i, &c);
    if (len == 0) {  // a 4-byte sequence (U+10000..U+10FFFF) or invalid
      auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
      bool four = byte >= 0xF0 && byte <= 0xF4 && i + 3 < text.size() && (b(1) & 0xC0) == 0x80 &&
                  (b(2) & 0xC0) == 0x80 && (b(3) & 0xC0) == 0x80;
      if (!four) return std::nullopt;
      char32_t cp = (char32_t{byte} & 0x07) << 18 | (char32_t{b(1)} & 0x3F) << 12 |
                    (char32_t{b(2)} & 0x3F) << 6 | (b(3) & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) return std::nullopt;
      len = 4;
    }
    i += len;
  }
  return count;
}

}  // namespace isms::store_detail
