// Byte-level readers of the citation notations (contract in citation_lex.h). Each one
// accepts exactly one notation at a position and looks only a few bytes past it.
#include <array>
#include <string>
#include <string_view>

#include "domain/citation_lex.h"

namespace isms::citation_internal {
namespace {

// Families of NIST SP 800-53 Rev. 5 (the two letters before the dash in "AC-2").
constexpr std::array<std::string_view, 20> kNistFamilies = {
    "AC", "AT", "AU", "CA", "CM", "CP", "IA", "IR", "MA", "MP",
    "PE", "PL", "PM", "PS", "PT", "RA", "SA", "SC", "SI", "SR"};

// Reads 1..max_digits digits at i into `out` without leading zeros ("007" -> "7");
// returns the position after them, or i when there are none or too many.
size_t read_number(std::string_view s, size_t i, size_t max_digits, std::string& out) {
  size_t j = i;
  while (is_digit(at(s, j))) ++j;
  if (j == i || j - i > max_digits) return i;
  size_t k = i;
  while (k + 1 < j && s[k] == '0') ++k;
  out.append(s.substr(k, j - k));
  return j;
}

bool ends_word(std::string_view s, size_t i) { return !is_alnum(at(s, i)); }

}  // namespace

size_t space_len(std::string_view s, size_t i) {
  unsigned char c = at(s, i);
  if (c == ' ' || c == '\t') return 1;
  if (c == 0xC2 && at(s, i + 1) == 0xA0) return 2;  // U+00A0 no-break space
  if (c == 0xE2 && at(s, i + 1) == 0x80) {
    unsigned char d = at(s, i + 2);
    if ((d >= 0x80 && d <= 0x8A) || d == 0xAF) return 3;  // U+2000..U+200A, U+202F
  }
  if (c == 0xE2 && at(s, i + 1) == 0x81 && at(s, i + 2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && at(s, i + 1) == 0x80 && at(s, i + 2) == 0x80) return 3;  // U+3000
  return 0;
}

size_t dash_len(std::string_view s, size_t i) {
  unsigned char c = at(s, i);
  if (c == '-') return 1;
  if (c == 0xE2 && at(s, i + 1) == 0x80) {
    unsigned char d = at(s, i + 2);
    if (d >= 0x90 && d <= 0x94) return 3;  // U+2010..U+2014
  }
  if (c == 0xE2 && at(s, i + 1) == 0x88 && at(s, i + 2) == 0x92) return 3;  // U+2212
  return 0;
}

size_t skip_spaces(std::string_view s, size_t i, int max_spaces) {
  for (int n = 0; n < max_spaces; ++n) {
    size_t len = space_len(s, i);
    if (len == 0) break;
    i += len;
  }
  return i;
}

bool word_start(std::string_view s, size_t i) {
  return i == 0 || (i <= s.size() && !is_alnum(static_cast<unsigned char>(s[i - 1])));
}

bool prefix_at(std::string_view s, size_t i, std::string_view word) {
  if (i > s.size() || s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (to_lower(at(s, i + k)) != to_lower(static_cast<unsigned char>(word[k]))) return false;
  }
  return true;
}

bool word_at(std::string_view s, size_t i, std::string_view word) {
  return prefix_at(s, i, word) && ends_word(s, i + word.size());
}

std::optional<Dotted> read_dotted(std::string_view s, size_t i) {
  Dotted d;
  d.begin = i;
  size_t p = i;
  for (;;) {
    size_t before = d.norm.size();
    size_t q = read_number(s, p, 3, d.norm);
    if (q == p) return std::nullopt;
    if (d.depth == 0) d.first = std::stoi(d.norm.substr(before));
    ++d.depth;
    p = q;
    if (at(s, p) == '.' && is_digit(at(s, p + 1))) {
      if (d.depth == 5) return std::nullopt;
      d.norm.push_back('.');
      ++p;
      continue;
    }
    break;
  }
  if (is_alnum(at(s, p))) return std::nullopt;
  d.end = p;
  return d;
}

std::optional<IsoId> read_iso_id(std::string_view s, size_t i) {
  IsoId id;
  id.begin = i;
  size_t p = i;
  unsigned char c = at(s, p);
  if (c == 'A' || c == 'a') {
    ++p;
    if (at(s, p) == '.') {
      ++p;
    } else if (size_t sp = space_len(s, p); sp > 0 && is_digit(at(s, p + sp))) {
      p += sp;
    }
    if (!is_digit(at(s, p))) return std::nullopt;
    id.annex = true;
  }
  auto num = read_dotted(s, p);
  if (!num) return std::nullopt;
  id.num = std::move(*num);
  id.end = id.num.end;
  return id;
}

std::optional<IsoItem> read_iso_item(std::string_view s, size_t i, bool allow_point) {
  auto first = read_iso_id(s, i);
  if (!first) return std::nullopt;
  IsoItem item;
  item.begin = i;
  item.end = first->end;
  item.first = *first;
  // A range: "5.1-5.2", "5.1 – 5.2", "5.1 to 5.2".
  size_t p = skip_spaces(s, first->end, 1);
  size_t after = 0;
  if (size_t dash = dash_len(s, p); dash > 0) {
    after = skip_spaces(s, p + dash, 1);
  } else if (p > first->end && word_at(s, p, "to")) {
    after = skip_spaces(s, p + 2, 1);
    if (after == p + 2) after = 0;  // "to" needs a space after it
  }
  if (after != 0) {
    if (auto last = read_iso_id(s, after)) {
      item.last = *last;
      item.end = last->end;
      return item;
    }
  }
  if (allow_point) {
    // "1.1.1(a)" or "1.1.1.a": one lowercase letter naming a point.
    size_t q = item.end;
    if (at(s, q) == '(' && is_lower(at(s, q + 1)) && at(s, q + 2) == ')') {
      item.point.assign(1, static_cast<char>(at(s, q + 1)));
      item.end = q + 3;
    } else if (at(s, q) == '.' && is_lower(at(s, q + 1)) && ends_word(s, q + 2)) {
      item.point.assign(1, static_cast<char>(at(s, q + 1)));
      item.end = q + 2;
    }
  }
  return item;
}

std::optional<Tag> read_tag(std::string_view s, size_t i, bool in_bracket) {
  Tag tag;
  tag.begin = i;
  if (prefix_at(s, i, "ISO")) {
    size_t p = i + 3;
    if (prefix_at(s, p, "/IEC")) p += 4;
    if (size_t sp = space_len(s, p); sp > 0) {
      p += sp;
    } else if (at(s, p) == '-') {
      ++p;
    }
    if (prefix_at(s, p, "27001")) {
      tag.scheme = Scheme::kIso27001;
    } else if (prefix_at(s, p, "27002")) {
      tag.scheme = Scheme::kIso27002;
    } else {
      return std::nullopt;
    }
    p += 5;
    if (at(s, p) == ':' && is_digit(at(s, p + 1)) && is_digit(at(s, p + 2)) &&
        is_digit(at(s, p + 3)) && is_digit(at(s, p + 4))) {
      std::string_view year = s.substr(p + 1, 4);
      if (year == "2013" || year == "2017") {
        tag.year = 2013;  // EN ISO/IEC 27001:2017 is the European adoption of 2013
      } else if (year == "2022" || year == "2023") {
        tag.year = 2022;  // EN ISO/IEC 27001:2023 adopts 2022
      } else {
        tag.bad_year = true;
      }
      p += 5;
    }
    if (is_alnum(at(s, p))) return std::nullopt;
    tag.end = p;
    return tag;
  }
  if (!in_bracket) return std::nullopt;
  struct Word {
    std::string_view text;
    Scheme scheme;
  };
  static constexpr Word kWords[] = {
      {"NIST", Scheme::kNist},    {"800-53", Scheme::kNist}, {"NIS2", Scheme::kNis2},
      {"NIS", Scheme::kNisAnnex}, {"SOC2", Scheme::kSoc2},   {"SOC 2", Scheme::kSoc2},
      {"TSC", Scheme::kSoc2},     {"GDPR", Scheme::kGdpr},
  };
  for (const Word& w : kWords) {
    if (word_at(s, i, w.text)) {
      tag.scheme = w.scheme;
      tag.end = i + w.text.size();
      return tag;
    }
  }
  return std::nullopt;
}

std::optional<std::pair<size_t, std::string>> read_group(std::string_view s, size_t i) {
  if (at(s, i) != '(') return std::nullopt;
  size_t p = i + 1;
  std::string g = "(";
  if (is_digit(at(s, p))) {
    size_t q = read_number(s, p, 3, g);
    if (q == p) return std::nullopt;
    p = q;
  } else {
    size_t n = 0;
    while (is_alpha(at(s, p)) && n < 4) {
      g.push_back(to_lower(at(s, p)));
      ++p;
      ++n;
    }
    if (n == 0) return std::nullopt;
  }
  if (at(s, p) != ')') return std::nullopt;
  g.push_back(')');
  return std::make_pair(p + 1, std::move(g));
}

std::optional<Article> read_article(std::string_view s, size_t i, bool keyword_optional) {
  Article a;
  a.begin = i;
  size_t p = i;
  // Longest keyword first: "Articles" before "Article", "Arts" before "Art".
  static constexpr std::string_view kKeywords[] = {"articles", "article", "arts", "art"};
  bool keyword = false;
  for (std::string_view k : kKeywords) {
    if (word_at(s, p, k)) {
      a.plural = k == "articles" || k == "arts";
      p += k.size();
      bool dot = at(s, p) == '.';
      // "state of the art 32": a lower-case "art" is an abbreviation only with its dot.
      if (!dot && k.starts_with("art") && k.size() <= 4 && is_lower(at(s, i))) {
        return std::nullopt;
      }
      if (dot) ++p;
      size_t q = skip_spaces(s, p, 2);
      if (q == p && !dot) return std::nullopt;  // "Art.32" is common, "Art32" is not
      p = q;
      keyword = true;
      break;
    }
  }
  if (!keyword && !keyword_optional) return std::nullopt;
  if (at(s, p) == '0') return std::nullopt;
  size_t q = read_number(s, p, 3, a.norm);
  if (q == p) return std::nullopt;
  p = q;
  // Paragraphs and points: "(2)(a)", "(2) (a)", at most four levels.
  for (int n = 0; n < 4; ++n) {
    size_t r = skip_spaces(s, p, 1);
    auto g = read_group(s, r);
    if (!g) break;
    a.norm += g->second;
    p = g->first;
  }
  // The EU style "Article 21(2), point (a)".
  size_t r = p;
  if (at(s, r) == ',') ++r;
  r = skip_spaces(s, r, 1);
  size_t word = word_at(s, r, "points") ? 6 : word_at(s, r, "point") ? 5 : 0;
  if (r > p && word > 0) {
    size_t t = skip_spaces(s, r + word, 1);
    if (auto g = read_group(s, t); g && t > r + word) {
      a.norm += g->second;
      p = g->first;
    }
  }
  if (is_alnum(at(s, p))) return std::nullopt;
  a.end = p;
  return a;
}

std::optional<Code> read_nist(std::string_view s, size_t i, bool any_case) {
  unsigned char c0 = at(s, i);
  unsigned char c1 = at(s, i + 1);
  if (!any_case && !(is_upper(c0) && is_upper(c1))) return std::nullopt;
  if (!is_alpha(c0) || !is_alpha(c1) || at(s, i + 2) != '-') return std::nullopt;
  std::string family = {static_cast<char>(c0 & ~0x20), static_cast<char>(c1 & ~0x20)};
  bool known = false;
  for (std::string_view f : kNistFamilies) known = known || f == family;
  if (!known) return std::nullopt;
  Code code;
  code.begin = i;
  code.norm = family + "-";
  size_t p = read_number(s, i + 3, 2, code.norm);
  if (p == i + 3 || code.norm == family + "-0") return std::nullopt;
  // An enhancement "(1)", directly or after one space.
  size_t q = skip_spaces(s, p, 1);
  if (at(s, q) == '(' && is_digit(at(s, q + 1))) {
    std::string enh;
    size_t r = read_number(s, q + 1, 3, enh);
    if (r > q + 1 && at(s, r) == ')') {
      code.norm += "(" + enh + ")";
      p = r + 1;
    }
  }
  if (is_alnum(at(s, p)) || (at(s, p) == '.' && is_digit(at(s, p + 1)))) return std::nullopt;
  code.end = p;
  return code;
}

std::optional<Code> read_soc(std::string_view s, size_t i, bool all_series, bool any_case) {
  static constexpr std::string_view kSeries[] = {"CC", "PI", "A", "C", "P"};
  for (std::string_view series : kSeries) {
    if (!all_series && series != "CC") continue;
    if (!prefix_at(s, i, series)) continue;
    if (!any_case && s.substr(i, series.size()) != series) continue;
    size_t p = i + series.size();
    Code code;
    code.begin = i;
    code.norm = std::string(series);
    size_t q = read_number(s, p, 1, code.norm);
    if (q == p || at(s, q) != '.') continue;
    code.norm.push_back('.');
    size_t r = read_number(s, q + 1, 2, code.norm);
    if (r == q + 1) continue;
    if (is_alnum(at(s, r)) || (at(s, r) == '.' && is_digit(at(s, r + 1)))) continue;
    code.end = r;
    return code;
  }
  return std::nullopt;
}

}  // namespace isms::citation_internal
