// What the cells of an imported SoA say: control ids in the many ways sheets write them
// (and the ways spreadsheet programs mangle them), applicability and implementation words
// in English and German. See formats/soa_import.h for the cases.
#include <algorithm>
#include <array>
#include <charconv>
#include <numeric>

#include "domain/citation.h"
#include "formats/soa_import_internal.h"

namespace isms::soa_detail {

namespace {

bool is_blank_at(std::string_view s, size_t i, size_t* width) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
    *width = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *width = 2;  // NBSP, which spreadsheets love
    return true;
  }
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string quote_text(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The levels of an id and how many digits each was written with.
struct IdParse {
  std::vector<int> levels;
  std::vector<int> digits;
};

constexpr std::array<std::string_view, 21> kIdPrefixes = {"iso/iec 27001:2022",
                                                          "iso/iec 27001:2013",
                                                          "iso/iec 27001",
                                                          "iso/iec 27002:2022",
                                                          "iso/iec 27002",
                                                          "iso 27001:2022",
                                                          "iso 27001:2013",
                                                          "iso 27001",
                                                          "iso27001",
                                                          "iso 27002",
                                                          "iso27002",
                                                          "annex a",
                                                          "anhang a",
                                                          "appendix a",
                                                          "control no",
                                                          "control",
                                                          "ctrl",
                                                          "maßnahme",
                                                          "massnahme",
                                                          "nr",
                                                          "no"};

std::optional<IdParse> parse_id(std::string_view text) {
  std::string f = fold(text);
  size_t i = 0;
  auto skip_separators = [&] {
    while (i < f.size() &&
           (f[i] == ' ' || f[i] == ':' || f[i] == '-' || f[i] == '.' || f[i] == '#')) {
      ++i;
    }
  };
  for (int round = 0; round < 4; ++round) {
    bool found = false;
    for (std::string_view p : kIdPrefixes) {
      if (f.compare(i, p.size(), p) == 0 &&
          (i + p.size() == f.size() || !is_alnum(f[i + p.size()]) || is_digit(f[i + p.size()]))) {
        i += p.size();
        skip_separators();
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  if (i + 1 < f.size() && f[i] == 'a' &&
      (f[i + 1] == '.' || f[i + 1] == ' ' || is_digit(f[i + 1]))) {
    ++i;
    while (i < f.size() && (f[i] == '.' || f[i] == ' ')) ++i;
  }
  IdParse id;
  while (true) {
    size_t start = i;
    int v = 0;
    while (i < f.size() && is_digit(f[i]) && i - start < 2) v = v * 10 + (f[i++] - '0');
    if (i == start) return std::nullopt;
    if (i < f.size() && is_digit(f[i])) return std::nullopt;  // 3+ digits: a year, not an id
    id.levels.push_back(v);
    id.digits.push_back(static_cast<int>(i - start));
    if (id.levels.size() > 4) return std::nullopt;
    if (i + 1 < f.size() && f[i] == '.' && is_digit(f[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  if (i < f.size() && is_alnum(f[i])) return std::nullopt;  // "5.15a", "5x"
  return id;
}

std::string annex_id(const std::vector<int>& levels) {
  std::string out = "A";
  for (int l : levels) out += "." + std::to_string(l);
  return out;
}

// Dates written as text: YYYY-MM-DD, D.M.YYYY, M/D/YYYY (the order of day and month does
// not matter to the caller, which tries both). Returns the two non-year parts.
std::optional<std::pair<int, int>> date_parts(std::string_view s) {
  std::vector<std::pair<int, int>> nums;  // value, digits
  size_t i = 0;
  char sep = 0;
  while (i < s.size() && nums.size() < 4) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < 4) v = v * 10 + (s[i++] - '0');
    if (i == start) return std::nullopt;
    nums.emplace_back(v, static_cast<int>(i - start));
    if (i == s.size()) break;
    if (nums.size() == 3) {
      if (s[i] != ' ' && s[i] != 'T') return std::nullopt;  // a time may follow
      break;
    }
    if (sep == 0) sep = s[i];
    if (s[i] != sep || (sep != '-' && sep != '.' && sep != '/')) return std::nullopt;
    ++i;
  }
  if (nums.size() != 3) return std::nullopt;
  std::pair<int, int> parts;
  if (nums[0].second == 4 && sep == '-') {
    parts = {nums[1].first, nums[2].first};
  } else if (nums[2].second == 4 && sep != '-') {
    parts = {nums[0].first, nums[1].first};
  } else {
    return std::nullopt;
  }
  if (parts.first < 1 || parts.first > 31 || parts.second < 1 || parts.second > 31) {
    return std::nullopt;
  }
  return parts;
}

RefOutcome from_date(std::string_view shown, std::pair<int, int> parts,
                     const std::function<bool(const std::string&)>& known) {
  RefOutcome out;
  std::vector<std::string> candidates;
  for (auto [x, y] : {parts, std::pair{parts.second, parts.first}}) {
    std::string id = annex_id({x, y});
    if (known(id) && std::find(candidates.begin(), candidates.end(), id) == candidates.end()) {
      candidates.push_back(id);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  if (candidates.size() == 1) {
    out.ref_id = candidates[0];
    out.warnings.push_back("the spreadsheet had turned the id into the date " + std::string(shown) +
                           "; read as " + out.ref_id);
  } else if (candidates.size() == 2) {
    out.error = "the date " + std::string(shown) + " could be " + candidates[0] + " or " +
                candidates[1] +
                " (the spreadsheet turned the id into a date); format the column as text and "
                "type the id again";
  } else {
    out.error = "the date " + std::string(shown) + " is not a control id";
  }
  return out;
}

struct Word {
  std::string_view text;
  int value;
};

std::vector<Word> longest_first(std::vector<Word> words) {
  std::stable_sort(words.begin(), words.end(),
                   [](const Word& a, const Word& b) { return a.text.size() > b.text.size(); });
  return words;
}

// A phrase matches the whole text or its start up to a boundary ("yes - required by
// contract", "x (ISO)"); REQUIRES: words longest first, so "not applicable" wins over
// shorter phrases.
std::optional<int> match_word(std::string_view folded, const std::vector<Word>& words) {
  for (const Word& w : words) {
    if (folded == w.text) return w.value;
    if (folded.starts_with(w.text) && folded.size() > w.text.size()) {
      char next = folded[w.text.size()];
      if (next == ' ' || next == '-' || next == '(' || next == ':' || next == ',' || next == ';' ||
          next == '/' || next == '.') {
        return w.value;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string trim_text(std::string_view s) {
  size_t w = 0;
  while (!s.empty() && is_blank_at(s, 0, &w)) s.remove_prefix(w);
  while (!s.empty()) {
    if (is_blank_at(s, s.size() - 1, &w) && w == 1) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && is_blank_at(s, s.size() - 2, &w) && w == 2) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return std::string(s);
}

std::string fold(std::string_view s) {
  std::string out;
  bool blank = false;
  for (size_t i = 0; i < s.size();) {
    size_t w = 0;
    if (is_blank_at(s, i, &w)) {
      blank = true;
      i += w;
      continue;
    }
    if (blank && !out.empty()) out.push_back(' ');
    blank = false;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9E &&
               static_cast<unsigned char>(s[i + 1]) != 0x97) {
      // Latin-1 capitals (À..Þ but ×) and their small letters differ by 0x20.
      out.push_back(s[i]);
      out.push_back(static_cast<char>(static_cast<unsigned char>(s[i + 1]) + 0x20));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  return out;
}

std::optional<std::vector<int>> id_levels(std::string_view text) {
  auto id = parse_id(text);
  if (!id) return std::nullopt;
  return id->levels;
}

bool looks_like_control_id(const TableCell& cell) {
  if (cell.kind != CellKind::kText && cell.kind != CellKind::kNumber) return false;
  auto levels = id_levels(cell.text);
  return levels && levels->size() >= 2 && levels->size() <= 3 && (*levels)[0] >= 5 &&
         (*levels)[0] <= 18;
}

RefOutcome resolve_ref(const TableCell& cell,
                       const std::function<bool(const std::string&)>& known) {
  RefOutcome out;
  std::string text = trim_text(cell.text);
  if (cell.kind == CellKind::kDate) {
    auto parts = date_parts(text);
    if (!parts) {
      out.error = "the date " + quote_text(text) + " is not a control id";
      return out;
    }
    return from_date(text, *parts, known);
  }
  if (auto parts = date_parts(text)) return from_date(text, *parts, known);

  // "5,15": a number with a decimal comma, as a German spreadsheet writes it to CSV.
  bool decimal_comma = false;
  std::string t = text;
  size_t comma = t.find(',');
  if (comma != std::string::npos && comma >= 1 && comma <= 2 && t.size() - comma - 1 >= 1 &&
      t.size() - comma - 1 <= 2 &&
      std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || c == ','; })) {
    t[comma] = '.';
    decimal_comma = true;
  }
  auto id = parse_id(t);
  if (!id) {
    out.error = quote_text(text) + " is not a control id (expected one like A.5.15)";
    return out;
  }
  const std::vector<int>& lv = id->levels;
  if (lv.size() == 1) {
    out.error =
        quote_text(text) + " names the section A." + std::to_string(lv[0]) + ", not a control";
    return out;
  }
  if (lv.size() == 2) {
    std::string ref = annex_id(lv);
    bool number = cell.kind == CellKind::kNumber || decimal_comma;
    if (number && id->digits[1] == 1) {
      // The number 5.1 may have been typed as 5.10.
      std::string alt = annex_id({lv[0], lv[1] * 10});
      bool has = known(ref), has_alt = known(alt);
      if (has && has_alt) {
        out.error = "the number " + text + " could be " + ref + " or " + alt +
                    " (the spreadsheet stored the id as a number and may have dropped a "
                    "trailing zero); format the column as text and type the id again";
        return out;
      }
      if (!has && has_alt) {
        out.warnings.push_back("the number " + text + " read as " + alt + " (" + ref +
                               " does not exist)");
        ref = alt;
      }
    }
    if (decimal_comma && !out.warnings.size()) {
      out.warnings.push_back(quote_text(text) + " (a number with a decimal comma) read as " + ref);
    }
    if (!known(ref)) {
      out.warnings.clear();
      out.error = lv[0] >= 9 && lv[0] <= 18
                      ? ref + " is an ISO/IEC 27001:2013 control objective, not a control"
                      : ref + " is not an Annex A control of ISO/IEC 27001:2022";
      return out;
    }
    out.ref_id = ref;
    return out;
  }
  if (lv.size() == 3) {
    std::string old = annex_id(lv);
    std::vector<std::string> next = iso27001_2013_to_2022(old);
    if (next.empty()) {
      out.error = old + " is neither an ISO/IEC 27001:2022 nor an ISO/IEC 27001:2013 control";
    } else if (next.size() > 1) {
      std::string list;
      for (const std::string& n : next) list += (list.empty() ? "" : ", ") + n;
      out.error = "ISO/IEC 27001:2013 control " + old + " corresponds to several 2022 controls (" +
                  list + "); give one of them";
    } else if (!known(next[0])) {
      out.error = "ISO/IEC 27001:2013 control " + old + " corresponds to " + next[0] +
                  ", which is not in the catalogue";
    } else {
      out.ref_id = next[0];
      out.warnings.push_back("ISO/IEC 27001:2013 control " + old + " read as " + next[0] +
                             " (ISO/IEC 27002:2022 Annex B)");
    }
    return out;
  }
  out.error = quote_text(text) + " is not a control id (expected one like A.5.15)";
  return out;
}

std::optional<Applicable> parse_applicability_word(std::string_view text) {
  constexpr int kYes = 1, kNo = 2, kUndecided = 3;
  std::string f = fold(text);
  static const std::vector<Word> kWords = longest_first({{"yes", kYes},
                                                         {"y", kYes},
                                                         {"x", kYes},
                                                         {"true", kYes},
                                                         {"1", kYes},
                                                         {"applicable", kYes},
                                                         {"included", kYes},
                                                         {"include", kYes},
                                                         {"ja", kYes},
                                                         {"j", kYes},
                                                         {"wahr", kYes},
                                                         {"anwendbar", kYes},
                                                         {"\xE2\x9C\x93", kYes},  // check mark
                                                         {"\xE2\x9C\x94", kYes},
                                                         {"no", kNo},
                                                         {"n", kNo},
                                                         {"false", kNo},
                                                         {"0", kNo},
                                                         {"not applicable", kNo},
                                                         {"n/a", kNo},
                                                         {"na", kNo},
                                                         {"excluded", kNo},
                                                         {"exclude", kNo},
                                                         {"nein", kNo},
                                                         {"falsch", kNo},
                                                         {"nicht anwendbar", kNo},
                                                         {"undecided", kUndecided},
                                                         {"tbd", kUndecided},
                                                         {"offen", kUndecided}});
  auto v = match_word(f, kWords);
  if (!v) return std::nullopt;
  return *v == kYes ? Applicable::kYes : *v == kNo ? Applicable::kNo : Applicable::kUndecided;
}

std::optional<ImplementationStatus> parse_implementation_word(const TableCell& cell) {
  using S = ImplementationStatus;
  if (cell.kind == CellKind::kNumber && cell.number >= 0 && cell.number <= 1) {
    // A percentage cell (50% is stored as 0.5).
    return cell.number == 0 ? S::kNotStarted : cell.number == 1 ? S::kImplemented : S::kPartial;
  }
  std::string f = fold(cell.text);
  if (auto s = parse_implementation_status(f)) return s;
  if (f.size() >= 2 && f.back() == '%') {
    double pct = 0;
    auto r = std::from_chars(f.data(), f.data() + f.size() - 1, pct);
    if (r.ec == std::errc() && r.ptr == f.data() + f.size() - 1 && pct >= 0 && pct <= 100) {
      return pct == 0 ? S::kNotStarted : pct == 100 ? S::kImplemented : S::kPartial;
    }
  }
  constexpr int kNot = 0, kPlanned = 1, kPartial = 2, kDone = 3;
  static const std::vector<Word> kWords = longest_first({{"implemented", kDone},
                                                         {"fully implemented", kDone},
                                                         {"complete", kDone},
                                                         {"completed", kDone},
                                                         {"done", kDone},
                                                         {"in place", kDone},
                                                         {"yes", kDone},
                                                         {"operational", kDone},
                                                         {"umgesetzt", kDone},
                                                         {"vollständig umgesetzt", kDone},
                                                         {"partial", kPartial},
                                                         {"partially", kPartial},
                                                         {"partly", kPartial},
                                                         {"partially implemented", kPartial},
                                                         {"in progress", kPartial},
                                                         {"ongoing", kPartial},
                                                         {"started", kPartial},
                                                         {"teilweise", kPartial},
                                                         {"teilweise umgesetzt", kPartial},
                                                         {"in umsetzung", kPartial},
                                                         {"planned", kPlanned},
                                                         {"scheduled", kPlanned},
                                                         {"to do", kPlanned},
                                                         {"todo", kPlanned},
                                                         {"geplant", kPlanned},
                                                         {"not started", kNot},
                                                         {"not implemented", kNot},
                                                         {"no", kNot},
                                                         {"none", kNot},
                                                         {"open", kNot},
                                                         {"missing", kNot},
                                                         {"n/a", kNot},
                                                         {"not applicable", kNot},
                                                         {"nicht umgesetzt", kNot},
                                                         {"offen", kNot}});
  auto v = match_word(f, kWords);
  if (!v) return std::nullopt;
  return *v == kDone      ? S::kImplemented
         : *v == kPartial ? S::kPartial
         : *v == kPlanned ? S::kPlanned
                          : S::kNotStarted;
}

std::vector<std::optional<std::pair<int, int>>> paint_merges(
    int length, const std::vector<MergeInterval>& intervals) {
  std::vector<std::optional<std::pair<int, int>>> out(static_cast<size_t>(std::max(length, 0)));
  // next[i]: the first position >= i not yet painted (path-compressed), so overlapping
  // intervals cost nothing extra.
  std::vector<int> next(out.size() + 1);
  std::iota(next.begin(), next.end(), 0);
  auto find = [&](int i) {
    int root = i;
    while (next[static_cast<size_t>(root)] != root) root = next[static_cast<size_t>(root)];
    while (next[static_cast<size_t>(i)] != root) {
      int n = next[static_cast<size_t>(i)];
      next[static_cast<size_t>(i)] = root;
      i = n;
    }
    return root;
  };
  for (const MergeInterval& m : intervals) {
    int first = std::max(m.first, 0), last = std::min(m.last, length - 1);
    for (int i = first <= last ? find(first) : length; i <= last; i = find(i + 1)) {
      out[static_cast<size_t>(i)] = m.source;
      next[static_cast<size_t>(i)] = i + 1;
    }
  }
  return out;
}

const TableCell& cell_at(const Table& t, int row, int column) {
  static const TableCell kEmpty;
  if (row < 0 || column < 0 || static_cast<size_t>(row) >= t.rows.size()) return kEmpty;
  const auto& r = t.rows[static_cast<size_t>(row)];
  return static_cast<size_t>(column) < r.size() ? r[static_cast<size_t>(column)] : kEmpty;
}

}  // namespace isms::soa_detail
