// The citation scanner: finds the notations of docs/citations.md in free text, reads them
// as (framework, ref id) and checks each against the catalogue. Two passes, both linear:
// the first splits the text into sentences and notes the context words of each (NIST,
// SOC 2, NIS2, GDPR, ISO 27001 and its year), the second walks the text once and reads
// the notations at each position, advancing past whatever it read.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/catalogue.h"
#include "domain/citation.h"
#include "domain/citation_lex.h"
#include "domain/citation_resolve.h"

namespace isms {
namespace {

using namespace citation_internal;

// A bracket list longer than this is prose in brackets, not a list of ids.
constexpr size_t kMaxBracket = 300;

// What a sentence mentions.
enum : unsigned {
  kCtxNist = 1,
  kCtxSoc = 2,
  kCtxIso = 4,
  kCtxIso2013 = 8,
  kCtxIso2022 = 16,
};

struct Sentence {
  size_t end = 0;  // exclusive; sentences tile the text
  unsigned flags = 0;
};

// A word that says which law an "Art. n" belongs to ("NIS2", "2016/679", ...).
struct LawMarker {
  size_t begin = 0;
  size_t end = 0;
  bool gdpr = false;
  size_t sentence = 0;
};

struct ListMode {
  Scheme scheme = Scheme::kIso27001;
  int year = 0;
  bool annex = false;  // bare numbers are Annex A ids (ISO27002, "Annex A", an A carried over)
  std::string label;
};

std::string_view trim_right_spaces(std::string_view v) {
  for (;;) {
    if (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == ',')) {
      v.remove_suffix(1);
    } else if (v.size() >= 2 && space_len(v, v.size() - 2) == 2) {
      v.remove_suffix(2);
    } else if (v.size() >= 3 && space_len(v, v.size() - 3) == 3) {
      v.remove_suffix(3);
    } else {
      return v;
    }
  }
}

// One scan of one text: pass 1 fills sentences_ and markers_, pass 2 reads notations and
// hands what it read to the Resolver.
class Scanner {
 public:
  Scanner(std::string_view text, const CatalogueIndex& catalogue)
      : s_(text), out_(text, catalogue) {}

  CitationScan run() {
    find_sentences();
    size_t i = 0;
    while (i < s_.size() && !out_.stopped()) {
      while (si_ + 1 < sentences_.size() && sentences_[si_].end <= i) ++si_;
      unsigned char c = at(s_, i);
      size_t next = 0;
      if (c == '[') {
        next = try_bracket(i);
      } else if (is_alpha(c) && word_start(s_, i)) {
        next = try_word(i);
      }
      i = next > i ? next : i + 1;
    }
    return out_.finish();
  }

 private:
  // ---- Pass 1: sentences and their context words.

  void find_sentences() {
    unsigned flags = 0;
    for (size_t i = 0; i < s_.size(); ++i) {
      unsigned char c = at(s_, i);
      if (is_alpha(c) && word_start(s_, i)) {
        note_word(i, flags);
      } else if (is_digit(c) && (i == 0 || !is_digit(at(s_, i - 1)))) {
        note_number(i, flags);
      }
      if (sentence_ends_at(i)) {
        sentences_.push_back({i + 1, flags});
        flags = 0;
      }
    }
    sentences_.push_back({s_.size(), flags});
  }

  void add_marker(size_t begin, size_t end, bool gdpr) {
    markers_.push_back({begin, end, gdpr, sentences_.size()});
  }

  void note_word(size_t i, unsigned& flags) {
    if (word_at(s_, i, "NIST")) flags |= kCtxNist;
    if (word_at(s_, i, "SOC2") || word_at(s_, i, "SOC 2") || word_at(s_, i, "TSC")) {
      flags |= kCtxSoc;
    }
    if (word_at(s_, i, "GDPR")) add_marker(i, i + 4, true);
    if (word_at(s_, i, "NIS2")) add_marker(i, i + 4, false);
    if (word_at(s_, i, "NIS")) {
      // "NIS 2" (the Directive), not "NIS 2.1" (a section of the Annex).
      size_t p = i + 3 + space_len(s_, i + 3);
      if (p > i + 3 && at(s_, p) == '2' && !is_alnum(at(s_, p + 1)) &&
          !(at(s_, p + 1) == '.' && is_digit(at(s_, p + 2)))) {
        add_marker(i, p + 1, false);
      }
    }
  }

  void note_number(size_t i, unsigned& flags) {
    auto ends_number = [&](size_t p) { return !is_digit(at(s_, p)); };
    if (prefix_at(s_, i, "800-53") && ends_number(i + 6)) flags |= kCtxNist;
    if (prefix_at(s_, i, "2022/2555") && ends_number(i + 9)) add_marker(i, i + 9, false);
    if (prefix_at(s_, i, "2016/679") && ends_number(i + 8)) add_marker(i, i + 8, true);
    if ((prefix_at(s_, i, "27001") || prefix_at(s_, i, "27002")) && ends_number(i + 5)) {
      flags |= kCtxIso;
      if (at(s_, i + 5) == ':') {
        if (prefix_at(s_, i + 6, "2013") || prefix_at(s_, i + 6, "2017")) flags |= kCtxIso2013;
        if (prefix_at(s_, i + 6, "2022") || prefix_at(s_, i + 6, "2023")) flags |= kCtxIso2022;
      }
    }
  }

  // A sentence ends after '.', '!' or '?' followed by white space and a capital (not
  // after an abbreviation such as "Art." or an initial), at a blank line, and before a
  // line that starts a list item, heading, table row or quote. A single line break
  // inside a paragraph does not end one (wrapped Markdown).
  bool sentence_ends_at(size_t i) const {
    unsigned char c = at(s_, i);
    if (c == '\n') {
      size_t j = i + 1;
      while (at(s_, j) == ' ' || at(s_, j) == '\t' || at(s_, j) == '\r') ++j;
      unsigned char d = at(s_, j);
      if (d == '\n' || d == '#' || d == '-' || d == '*' || d == '+' || d == '|' || d == '>') {
        return true;
      }
      size_t k = j;
      while (is_digit(at(s_, k)) && k - j < 3) ++k;
      return k > j && (at(s_, k) == '.' || at(s_, k) == ')') && at(s_, k + 1) == ' ';
    }
    if (c != '.' && c != '!' && c != '?') return false;
    size_t j = i + 1;
    int spaces = 0;
    for (; spaces < 8; ++spaces) {
      unsigned char d = at(s_, j);
      if (d == ' ' || d == '\t' || d == '\r' || d == '\n') {
        ++j;
      } else if (size_t len = space_len(s_, j); len > 0) {
        j += len;
      } else {
        break;
      }
    }
    if (j >= s_.size()) return true;
    if (spaces == 0) return false;
    unsigned char d = at(s_, j);
    if (!(is_upper(d) || d == '[' || d == '(' || d == '"' || d >= 0x80)) return false;
    if (c == '.') {
      size_t k = i;
      while (k > 0 && is_alpha(at(s_, k - 1)) && i - k < 8) --k;
      if (i - k == 1) return false;  // an initial, or the end of "e.g." / "i.e."
      std::string word;
      for (size_t m = k; m < i; ++m) word.push_back(to_lower(at(s_, m)));
      static constexpr std::string_view kAbbreviations[] = {
          "art", "arts", "no",  "nos",  "nr",     "para", "sec", "cf", "vs",  "fig", "ch", "vol",
          "pp",  "ref",  "rev", "incl", "approx", "ca",   "dr",  "mr", "mrs", "ms",  "st", "al"};
      for (std::string_view a : kAbbreviations) {
        if (word == a) return false;
      }
    }
    return true;
  }

  unsigned flags() const { return sentences_[si_].flags; }

  // The ISO year a sentence states when it states exactly one.
  int sentence_year() const {
    unsigned f = flags();
    if ((f & kCtxIso2013) && !(f & kCtxIso2022)) return 2013;
    if ((f & kCtxIso2022) && !(f & kCtxIso2013)) return 2022;
    return 0;
  }

  // The law of an "Art. n" at [begin, end): the nearest NIS2 or GDPR word of the same
  // sentence, before or after it. Called with increasing positions, so one cursor over
  // the markers keeps this linear.
  std::optional<bool> article_law(size_t begin, size_t end) {
    while (mi_ < markers_.size() && markers_[mi_].begin < end) ++mi_;
    const LawMarker* before = nullptr;
    const LawMarker* after = nullptr;
    if (mi_ > 0 && markers_[mi_ - 1].sentence == si_ && markers_[mi_ - 1].end <= begin) {
      before = &markers_[mi_ - 1];
    }
    if (mi_ < markers_.size() && markers_[mi_].sentence == si_) after = &markers_[mi_];
    if (before && after)
      return begin - before->end <= after->begin - end ? before->gdpr : after->gdpr;
    if (before) return before->gdpr;
    if (after) return after->gdpr;
    return std::nullopt;
  }

  // ---- Pass 2: notations.

  size_t try_bracket(size_t i) {
    size_t limit = std::min(s_.size(), i + 1 + kMaxBracket);
    size_t close = i + 1;
    while (close < limit && s_[close] != ']' && s_[close] != '[' && s_[close] != '\n') ++close;
    if (close >= limit || s_[close] != ']') return 0;
    // Readers see only the inside, so none can run past the bracket.
    std::string_view in = s_.substr(0, close);
    auto tag = read_tag(in, skip_spaces(in, i + 1, 3), true);
    if (!tag) return 0;
    std::vector<Pending> items;
    ListMode mode = mode_of(*tag, in);
    bool skip = tag->bad_year;
    size_t p = tag->end;
    while (p < in.size()) {
      if (size_t sp = space_len(in, p); sp > 0) {
        p += sp;
        continue;
      }
      unsigned char c = at(in, p);
      if (is_separator(c)) {
        ++p;
        continue;
      }
      if (word_start(in, p)) {
        if (auto t = read_tag(in, p, true)) {
          mode = mode_of(*t, in);
          skip = t->bad_year;
          p = t->end;
          continue;
        }
        if (!skip) {
          if (size_t e = read_bracket_item(in, p, mode, items); e > p) {
            p = e;
            continue;
          }
        }
      }
      // Anything else ("clause", "Rev. 5", a word) is passed over up to the next space.
      do {
        ++p;
      } while (p < in.size() && space_len(in, p) == 0 && !is_separator(at(in, p)));
    }
    out_.emit(items, i, close + 1, true);
    return close + 1;
  }

  static bool is_separator(unsigned char c) {
    return c == ',' || c == ';' || c == '&' || c == '+' || c == ':' || c == '/' || c == '|';
  }

  static ListMode mode_of(const Tag& tag, std::string_view s) {
    ListMode mode;
    mode.scheme = tag.scheme;
    mode.year = tag.year;
    mode.annex = tag.scheme == Scheme::kIso27002;
    mode.label = std::string(s.substr(tag.begin, tag.end - tag.begin));
    return mode;
  }

  // One item of a bracket list under `mode`; returns its end, or p when none starts there.
  size_t read_bracket_item(std::string_view in, size_t p, ListMode& mode,
                           std::vector<Pending>& items) {
    switch (mode.scheme) {
      case Scheme::kIso27001:
      case Scheme::kIso27002:
        if (auto item = read_iso_item(in, p, false)) {
          items.push_back(iso_pending(*item, mode));
          return item->end;
        }
        return p;
      case Scheme::kNisAnnex:
        if (auto art = read_article(in, p, false)) {
          return article_list(in, *art, kNis2Directive, mode.label, items);
        }
        if (auto item = read_iso_item(in, p, true); item && !item->first.annex) {
          items.push_back(nis_pending(*item, mode.label));
          return item->end;
        }
        return p;
      case Scheme::kNis2:
        // Dotted numbers are sections of the 2024/2690 Annex; "21(2)(a)", "Art. 21" and
        // a bare "21" are articles of the Directive.
        if (auto item = read_iso_item(in, p, true);
            item && !item->first.annex && (item->first.num.depth > 1 || item->last)) {
          items.push_back(nis_pending(*item, mode.label));
          return item->end;
        }
        if (auto art = read_article(in, p, true)) {
          return article_list(in, *art, kNis2Directive, mode.label, items);
        }
        return p;
      case Scheme::kNist:
        if (auto code = read_nist(in, p, true)) {
          items.push_back(code_pending(*code, kNist, mode.label));
          return code->end;
        }
        return p;
      case Scheme::kSoc2:
        if (auto code = read_soc(in, p, true, true)) {
          items.push_back(code_pending(*code, kSoc2, mode.label));
          return code->end;
        }
        return p;
      case Scheme::kGdpr:
        if (auto art = read_article(in, p, true)) {
          return article_list(in, *art, kGdpr, mode.label, items);
        }
        return p;
    }
    return p;
  }

  static Reading iso_reading(const Dotted& num, bool annex, int year) {
    Reading r;
    if (annex) {
      // 2022 has four themes A.5..A.8 with two levels; three levels or a first level of
      // 9..18 exist only in 2013.
      bool y2013 = year == 2013 || (year == 0 && (num.depth >= 3 || num.first >= 9));
      r.framework = std::string(y2013 ? kIso2013 : kIso27001Id);
      r.ref = "A." + num.norm;
      r.kind = RefKind::kAnnex;
    } else {
      r.framework = std::string(year == 2013 ? kIso2013 : kIso27001Id);
      r.ref = num.norm;
      r.kind = RefKind::kClause;
    }
    return r;
  }

  static Pending iso_pending(const IsoItem& item, ListMode& mode) {
    Pending p;
    bool annex = item.first.annex || mode.annex;
    // "[ISO27001 A5.2, 5.4]": the A carries over to the bare numbers after it.
    if (item.first.annex) mode.annex = true;
    p.first = iso_reading(item.first.num, annex, mode.year);
    if (item.last) p.last = iso_reading(item.last->num, annex || item.last->annex, mode.year);
    p.begin = item.begin;
    p.end = item.end;
    p.label = mode.label;
    return p;
  }

  static Pending nis_pending(const IsoItem& item, const std::string& label) {
    Pending p;
    p.first = {std::string(kNis2AnnexId), item.first.num.norm, RefKind::kOther};
    if (!item.point.empty()) p.first.ref += "." + item.point;
    if (item.last)
      p.last = Reading{std::string(kNis2AnnexId), item.last->num.norm, RefKind::kOther};
    p.begin = item.begin;
    p.end = item.end;
    p.label = label;
    return p;
  }

  static Pending code_pending(const Code& code, std::string_view fw, const std::string& label) {
    Pending p;
    p.first = {std::string(fw), code.norm, RefKind::kOther};
    p.begin = code.begin;
    p.end = code.end;
    p.label = label;
    return p;
  }

  // An article and what continues it: "Art. 21(2)(a) and (b)", "(a)-(j)", "Articles 21
  // and 23". Returns the end of the last part read.
  size_t article_list(std::string_view in, const Article& first, std::string_view fw,
                      const std::string& label, std::vector<Pending>& items) {
    auto push = [&](std::string ref, size_t b, size_t e, bool range) {
      Pending p;
      p.first = {std::string(fw), std::move(ref), RefKind::kOther};
      p.begin = b;
      p.end = e;
      p.label = label;
      p.from_range = range;
      items.push_back(std::move(p));
    };
    push(first.norm, first.begin, first.end, false);
    std::string base = first.norm;
    size_t end = first.end;
    size_t part = first.begin;  // where the last part read starts
    for (;;) {
      size_t q = skip_spaces(in, end, 1);
      size_t r = q;
      bool range = false;
      if (size_t d = dash_len(in, q); d > 0) {
        r = skip_spaces(in, q + d, 1);
        range = true;
      } else if (q > end && word_at(in, q, "to")) {
        r = skip_spaces(in, q + 2, 1);
        range = true;
      } else {
        if (at(in, q) == ',' || at(in, q) == ';') ++q;
        q = skip_spaces(in, q, 1);
        size_t w = word_at(in, q, "and") ? 3 : word_at(in, q, "or") ? 2 : 0;
        r = w > 0 ? skip_spaces(in, q + w, 1) : q;
        if (r == end || (w > 0 && r == q + w)) break;
      }
      size_t open = base.rfind('(');
      if (auto g = read_group(in, r); g && open != std::string::npos) {
        std::string prefix = base.substr(0, open);
        std::string from = base.substr(open + 1, base.size() - open - 2);
        std::string to = g->second.substr(1, g->second.size() - 2);
        if (range && from.size() == 1 && to.size() == 1 && from < to &&
            is_lower(static_cast<unsigned char>(from[0])) ==
                is_lower(static_cast<unsigned char>(to[0]))) {
          // "(a)-(j)" or "(1)-(4)": every point between, each spanning the range.
          for (char ch = static_cast<char>(from[0] + 1); ch <= to[0]; ++ch) {
            push(prefix + "(" + ch + ")", part, g->first, true);
          }
        } else {
          push(prefix + g->second, r, g->first, false);
          part = r;
        }
        base = prefix + g->second;
        end = g->first;
        continue;
      }
      if (!range && first.plural) {
        if (auto a = read_article(in, r, true)) {
          push(a->norm, a->begin, a->end, false);
          part = a->begin;
          base = a->norm;
          end = a->end;
          continue;
        }
      }
      break;
    }
    return end;
  }

  size_t try_word(size_t i) {
    if (size_t e = try_iso_marker(i)) return e;
    if (size_t e = try_annex_marker(i)) return e;
    if (size_t e = try_clause_marker(i)) return e;
    if (size_t e = try_article(i)) return e;
    if (size_t e = try_standalone_annex(i)) return e;
    std::optional<Code> code;
    std::string_view fw;
    if (flags() & kCtxNist) {
      code = read_nist(s_, i, false);
      fw = kNist;
    }
    if (!code) {
      code = read_soc(s_, i, (flags() & kCtxSoc) != 0, false);
      fw = kSoc2;
    }
    if (!code) return 0;
    out_.emit({code_pending(*code, fw, "")}, code->begin, code->end, true);
    return code->end;
  }

  // "ISO 27001 A.9.2.1", "ISO/IEC 27001:2022 clause 6.1.2", "ISO 27002 5.15, 5.16".
  size_t try_iso_marker(size_t i) {
    auto tag = read_tag(s_, i, false);
    if (!tag) return 0;
    // The tag's own year, not the sentence's: "ISO 27001:2013 A.5.1 and ISO 27001 A.5.1".
    ListMode mode = mode_of(*tag, s_);
    size_t q = tag->end;
    if (at(s_, q) == ',') ++q;
    q = skip_spaces(s_, q, 2);
    if (q == tag->end) return tag->end;
    bool named = true;
    if (size_t a = annex_a_at(q, mode)) {
      q = a;
    } else if (size_t w = word_at(s_, q, "clauses") ? 7 : word_at(s_, q, "clause") ? 6 : 0) {
      q = skip_spaces(s_, q + w, 2);
    } else if (size_t c = word_at(s_, q, "controls") ? 8 : word_at(s_, q, "control") ? 7 : 0) {
      q = skip_spaces(s_, q + c, 2);
      mode.annex = true;
    } else {
      named = false;
    }
    // Right after the tag a plain integer is a count, not a clause ("ISO 27001 9 months").
    if (auto first = read_iso_item(s_, q, false);
        !named && first && !first->first.annex && first->first.num.depth < 2) {
      return tag->end;
    }
    // Another year ("ISO/IEC 27001:2005 A.10.1.1"): its ids are read and passed over.
    return marker_list(i, q, mode, true, tag->end, !tag->bad_year);
  }

  // After "Annex" at q: "A.5.15" / "A5.15" (the reader takes the A), or "A 5.15" /
  // "A control 5.15" (bare numbers become Annex A ids). Returns where the ids start.
  size_t annex_a_at(size_t q, ListMode& mode) const {
    if (!word_at(s_, q, "Annex")) return 0;
    size_t r = skip_spaces(s_, q + 5, 2);
    if (r == q + 5 || at(s_, r) != 'A') return 0;
    if (at(s_, r + 1) == '.' || is_digit(at(s_, r + 1))) return r;
    if (is_alnum(at(s_, r + 1))) return 0;
    mode.annex = true;
    size_t t = skip_spaces(s_, r + 1, 2);
    if (size_t c = word_at(s_, t, "controls") ? 8 : word_at(s_, t, "control") ? 7 : 0) {
      t = skip_spaces(s_, t + c, 2);
    }
    return t;
  }

  size_t try_annex_marker(size_t i) {
    ListMode mode;
    mode.year = sentence_year();
    size_t q = annex_a_at(i, mode);
    if (q == 0) return 0;
    return marker_list(i, q, mode, true, 0);
  }

  // "clause 6.1.2": ISO 27001 when the catalogue has the clause; an unknown number warns
  // only when the sentence names ISO 27001 ("clause 14 of the contract" is not one).
  size_t try_clause_marker(size_t i) {
    size_t w = word_at(s_, i, "clauses") ? 7 : word_at(s_, i, "clause") ? 6 : 0;
    if (w == 0) return 0;
    size_t q = skip_spaces(s_, i + w, 2);
    if (q == i + w) return 0;
    ListMode mode;
    mode.year = sentence_year();
    return marker_list(i, q, mode, (flags() & kCtxIso) != 0, 0);
  }

  // The ids after a marker that starts at `begin`, from q: the first one, then more after
  // ",", ";", "&", "and", "or" as long as they are dotted or carry an A ("5.2, 3 weeks"
  // stops at 3). Returns the end, or `none` when no id follows. warn as for Resolver::emit;
  // keep = false reads the ids without reporting them.
  size_t marker_list(size_t begin, size_t q, ListMode& mode, bool warn, size_t none,
                     bool keep = true) {
    auto first = read_iso_item(s_, q, false);
    if (!first) return none;
    mode.label = std::string(trim_right_spaces(s_.substr(begin, q - begin)));
    std::vector<Pending> items;
    items.push_back(iso_pending(*first, mode));
    size_t end = first->end;
    for (;;) {
      size_t p = skip_spaces(s_, end, 1);
      bool separated = false;
      if (at(s_, p) == ',' || at(s_, p) == ';' || at(s_, p) == '&') {
        separated = true;
        p = skip_spaces(s_, p + 1, 1);
      }
      if (size_t w = word_at(s_, p, "and") ? 3 : word_at(s_, p, "or") ? 2 : 0) {
        size_t r = skip_spaces(s_, p + w, 1);
        if (r == p + w) break;
        p = r;
        separated = true;
      }
      if (!separated) break;
      auto next = read_iso_item(s_, p, false);
      if (!next || (!next->first.annex && next->first.num.depth < 2)) break;
      items.push_back(iso_pending(*next, mode));
      end = next->end;
    }
    if (keep) out_.emit(items, begin, end, warn);
    return end;
  }

  // "A.5.15" on its own: two or more levels and a first level 5..18, so "A.1.2" in an
  // appendix or "v2.A.5.1" is not read as ISO 27001.
  size_t try_standalone_annex(size_t i) {
    if (at(s_, i) != 'A' || at(s_, i + 1) != '.' || !is_digit(at(s_, i + 2))) return 0;
    if (i > 0) {
      unsigned char b = at(s_, i - 1);
      if (b == '.' || b == '-' || b == '/' || b == '_' || b == '@') return 0;
    }
    auto item = read_iso_item(s_, i, false);
    if (!item || item->first.num.depth < 2 || item->first.num.first < 5 ||
        item->first.num.first > 18) {
      return 0;
    }
    if (names_other_document(i)) return item->end;
    ListMode mode;
    mode.year = sentence_year();
    out_.emit({iso_pending(*item, mode)}, i, item->end, true);
    return item->end;
  }

  // "Appendix A.5.1", "Table A.6.2": numbering of the document itself.
  bool names_other_document(size_t i) const {
    size_t k = i;
    for (int n = 0; n < 2 && k > 0 && (at(s_, k - 1) == ' ' || at(s_, k - 1) == '\t'); ++n) --k;
    size_t e = k;
    while (k > 0 && is_alpha(at(s_, k - 1)) && e - k < 10) --k;
    std::string word;
    for (size_t m = k; m < e; ++m) word.push_back(to_lower(at(s_, m)));
    static constexpr std::string_view kWords[] = {"appendix", "table",   "figure", "fig",
                                                  "section",  "chapter", "page",   "step"};
    for (std::string_view w : kWords) {
      if (word == w) return true;
    }
    return false;
  }

  // "Art. 21(2)(a)" with NIS2 / "2022/2555" or GDPR / "2016/679" in the same sentence.
  size_t try_article(size_t i) {
    auto art = read_article(s_, i, false);
    if (!art) return 0;
    auto gdpr = article_law(art->begin, art->end);
    if (!gdpr) return art->end;
    std::vector<Pending> items;
    size_t end = article_list(s_, *art, *gdpr ? kGdpr : kNis2Directive, "", items);
    out_.emit(items, i, end, true);
    return end;
  }

  std::string_view s_;
  Resolver out_;
  std::vector<Sentence> sentences_;
  std::vector<LawMarker> markers_;
  size_t si_ = 0;  // sentence of the current position
  size_t mi_ = 0;  // first law marker not before the current article
};

}  // namespace

CitationScan scan_citations(std::string_view text, const CatalogueIndex& catalogue) {
  return Scanner(text, catalogue).run();
}

}  // namespace isms
