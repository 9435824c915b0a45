// Internal to the citation parser (citation.cc, citation_notations.cc,
// iso27001_2013_map.cc): byte-level readers of the notations docs/citations.md lists.
// Not part of the domain API; include domain/citation.h instead.
//
// Every reader takes the text and a byte position, never reads at or past text.size()
// (callers narrow the text to a bracket's inside by passing a shorter view, positions
// stay absolute), and returns nullopt when the notation does not start exactly there.
// Readers only look ahead a bounded number of bytes past what they accept, so a caller
// that advances past each match keeps the scan linear.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isms::citation_internal {

// The byte at i, or 0 past the end: lets readers peek without bounds checks.
inline unsigned char at(std::string_view s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
inline bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
inline char to_lower(unsigned char c) { return static_cast<char>(is_upper(c) ? c - 'A' + 'a' : c); }

// Bytes of one horizontal space at i: ' ', '\t', U+00A0, U+2000..U+200A, U+202F, U+205F,
// U+3000 (UTF-8). 0 when there is none; never a line break.
size_t space_len(std::string_view s, size_t i);
// Bytes of one dash at i: '-', U+2010..U+2014 (hyphens, en and em dash), U+2212 (minus).
size_t dash_len(std::string_view s, size_t i);
// Skips at most max_spaces horizontal spaces; returns the position after them.
size_t skip_spaces(std::string_view s, size_t i, int max_spaces);
// True at the start of a word: i == 0 or the byte before is not an ASCII letter or digit.
bool word_start(std::string_view s, size_t i);
// ASCII case-insensitive prefix match of `word` at i.
bool prefix_at(std::string_view s, size_t i, std::string_view word);
// prefix_at and the byte after the word is not an ASCII letter or digit.
bool word_at(std::string_view s, size_t i, std::string_view word);

// A dotted number "5", "5.1", "6.1.2": 1..5 components of 1..3 digits. Not followed by a
// letter or digit, nor by '.' + digit (a sixth component rejects the whole number).
struct Dotted {
  size_t begin = 0;
  size_t end = 0;
  std::string norm;  // leading zeros dropped per component: "05.01" -> "5.1"
  int depth = 0;     // number of components
  int first = 0;     // value of the first component
};
std::optional<Dotted> read_dotted(std::string_view s, size_t i);

// An ISO id: "A5.19", "A.5.19", "A 5.19" (A in either case) or a bare dotted number.
struct IsoId {
  size_t begin = 0;
  size_t end = 0;
  bool annex = false;  // an A was written
  Dotted num;
};
std::optional<IsoId> read_iso_id(std::string_view s, size_t i);

// One list item: an id, or a range "a-b" / "a – b" / "a to b" of two ids.
struct IsoItem {
  size_t begin = 0;
  size_t end = 0;
  IsoId first;
  std::optional<IsoId> last;  // set for a range
  std::string point;          // "a" for "1.1.1(a)" / "1.1.1.a" when points are allowed
};
// allow_point: a single lowercase letter after a single id ("(a)" or ".a"), for the
// points of the 2024/2690 Annex.
std::optional<IsoItem> read_iso_item(std::string_view s, size_t i, bool allow_point);

// The tag that opens a bracket list or an ISO notation.
enum class Scheme {
  kIso27001,  // "ISO27001", "ISO 27001", "ISO/IEC 27001" (+ ":2013" / ":2022")
  kIso27002,  // "ISO27002", ... : bare numbers are Annex A controls
  kNisAnnex,  // "NIS": the Annex of Implementing Regulation (EU) 2024/2690
  kNis2,      // "NIS2": articles of Directive (EU) 2022/2555, dotted ids of the Annex
  kNist,      // "NIST", "800-53"
  kSoc2,      // "SOC2", "SOC 2", "TSC"
  kGdpr,      // "GDPR"
};
struct Tag {
  Scheme scheme = Scheme::kIso27001;
  size_t begin = 0;
  size_t end = 0;
  int year = 0;           // 2013 or 2022 when written (":2017" = EN 2013, ":2023" = EN 2022)
  bool bad_year = false;  // another year (":2005"): not a numbering this parser knows
};
// in_bracket: all tags; otherwise only the ISO ones (the others are too common as words
// to open a list outside brackets).
std::optional<Tag> read_tag(std::string_view s, size_t i, bool in_bracket);

// "Art. 21(2)(a)", "Article 32(1)(b)", "Articles 21", "Art 21 (2)", "Article 21(2),
// point (a)"; with keyword_optional also a bare "21(2)(a)".
struct Article {
  size_t begin = 0;
  size_t end = 0;
  std::string norm;  // "21(2)(a)": groups without spaces, letters lowercased
  bool plural = false;
};
std::optional<Article> read_article(std::string_view s, size_t i, bool keyword_optional);
// One parenthesized group "(b)" / "(3)" at i; its normalized text "(b)".
std::optional<std::pair<size_t, std::string>> read_group(std::string_view s, size_t i);

// NIST SP 800-53 "AC-2", "AC-2(1)", "AC-02 (1)": a family of SP 800-53 Rev. 5 and a number.
struct Code {
  size_t begin = 0;
  size_t end = 0;
  std::string norm;  // "AC-2(1)"
};
// any_case: "ac-2" too (inside a NIST bracket).
std::optional<Code> read_nist(std::string_view s, size_t i, bool any_case);
// SOC 2 trust services criteria "CC6.1"; with all_series also "A1.2", "C1.1", "PI1.3",
// "P4.1"; any_case as for read_nist.
std::optional<Code> read_soc(std::string_view s, size_t i, bool all_series, bool any_case);

// ISO/IEC 27001:2013 Annex A -> 2022 (iso27001_2013_map.cc). For a 2013 objective
// ("A.9.2") or category ("A.9"), the 2022 controls of every 2013 control beneath it, in
// table order without repeats; for a control, iso27001_2013_to_2022.
std::vector<std::string> iso27001_2013_related(std::string_view ref_id_2013);

}  // namespace isms::citation_internal
