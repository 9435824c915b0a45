// Checking readings against the catalogue (contract in citation_resolve.h): citations for
// what it holds, warnings with suggestions for the rest, ranges expanded through the
// catalogue's document order, and the caps of scan_citations.
#include "domain/citation_resolve.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/catalogue.h"
#include "domain/citation_lex.h"

namespace isms::citation_internal {
namespace {

constexpr size_t kMaxCitations = 10000;
constexpr size_t kMaxWarnings = 10000;
constexpr size_t kMaxRangeIds = 200;

// The catalogue's ids of one framework, for ranges.
struct FrameworkIndex {
  std::vector<std::string> ids;
  std::unordered_map<std::string, size_t> position;
  std::vector<std::vector<size_t>> by_depth;  // positions of the ids with d components
};

int depth_of(std::string_view ref) {
  return 1 + static_cast<int>(std::min<size_t>(std::count(ref.begin(), ref.end(), '.'), 31));
}

std::string framework_name(std::string_view fw) {
  if (fw == kIso27001Id) return "ISO 27001:2022";
  if (fw == kIso2013) return "ISO 27001:2013";
  if (fw == kNis2AnnexId) return "the 2024/2690 Annex";
  if (fw == kNist) return "NIST SP 800-53 Rev. 5";
  if (fw == kSoc2) return "SOC 2 (TSC 2017)";
  if (fw == kNis2Directive) return "the NIS2 Directive";
  if (fw == kGdpr) return "the GDPR";
  return std::string(fw);
}

std::string capitalized(std::string s) {
  if (!s.empty() && is_lower(static_cast<unsigned char>(s[0]))) s[0] = static_cast<char>(s[0] - 32);
  return s;
}

// "A.5.36", "A.5.36 and A.8.8", "A, B and C".
std::string join_and(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t k = 0; k < ids.size(); ++k) {
    if (k > 0) out += k + 1 == ids.size() ? " and " : ", ";
    out += ids[k];
  }
  return out;
}

// The parent of a ref id: "A.5.38" -> "A.5", "AC-2(1)" -> "AC-2", "21(2)(a)" -> "21(2)".
std::optional<std::string> parent_ref(std::string_view ref) {
  if (!ref.empty() && ref.back() == ')') {
    size_t open = ref.rfind('(');
    if (open != std::string_view::npos && open > 0) return std::string(ref.substr(0, open));
    return std::nullopt;
  }
  for (char sep : {'.', '-'}) {
    size_t k = ref.rfind(sep);
    if (k != std::string_view::npos && k > 0) return std::string(ref.substr(0, k));
  }
  return std::nullopt;
}

// Article 21(2) points of Directive (EU) 2022/2555 -> the 2024/2690 Annex sections that
// implement them. Source: the notes column of data/catalogue/nis2_2024_2690_annex.csv
// (section 1 and 2: (a); 3: (b); 4: (c); 5: (d); 6: (e); 7: (f); 8: (g); 9: (h);
// 10 and 12: (i); 11: (i) and (j); 13: (c), (e) and (i)). For (j) (multi-factor
// authentication, secured communications) the suggestion is 11.7, Multi-factor
// authentication.
struct Art21Point {
  char point;
  std::string_view section;
  std::string_view covered;
};
constexpr Art21Point kArt21Points[] = {
    {'a', "1", "sections 1 and 2"},   {'b', "3", "section 3"},
    {'c', "4", "sections 4 and 13"},  {'d', "5", "section 5"},
    {'e', "6", "sections 6 and 13"},  {'f', "7", "section 7"},
    {'g', "8", "section 8"},          {'h', "9", "section 9"},
    {'i', "10", "sections 10 to 13"}, {'j', "11.7", "section 11 (11.7)"},
};

}  // namespace

struct Resolver::State {
  State(std::string_view text, const CatalogueIndex& catalogue) : s_(text), cat_(catalogue) {}

  CitationScan finish() {
    if (dropped_warnings_ > 0) {
      CitationWarning w;
      w.message = std::to_string(dropped_warnings_) + " more warnings not listed";
      out_.warnings.push_back(std::move(w));
    }
    if (truncated_) out_.warnings.push_back(std::move(truncation_));
    return std::move(out_);
  }

  bool has_framework(const std::string& fw) {
    auto it = has_framework_.find(fw);
    if (it != has_framework_.end()) return it->second;
    bool has = cat_.has_framework(fw);
    has_framework_.emplace(fw, has);
    return has;
  }

  bool has(std::string_view fw, std::string_view ref) {
    return has_framework(std::string(fw)) && cat_.has_requirement(fw, ref);
  }

  std::optional<std::string> key_if_exists(std::string_view fw, std::string_view ref) {
    if (has(fw, ref)) return requirement_key(fw, ref);
    return std::nullopt;
  }

  std::optional<std::string> nearest_parent(std::string_view fw, std::string_view ref) {
    std::optional<std::string> p = parent_ref(ref);
    for (int n = 0; n < 6 && p; ++n) {
      if (auto key = key_if_exists(fw, *p)) return key;
      p = parent_ref(*p);
    }
    return std::nullopt;
  }

  // The first 2022 control of a 2013 id that the catalogue holds.
  std::optional<std::string> first_2022(const std::vector<std::string>& targets) {
    for (const std::string& t : targets) {
      if (auto key = key_if_exists(kIso27001Id, t)) return key;
    }
    return std::nullopt;
  }

  void emit(const std::vector<Pending>& items, size_t nb, size_t ne, bool warn) {
    for (const Pending& p : items) {
      if (stop_) return;
      if (p.last) {
        emit_range(p, nb, ne, warn);
      } else {
        emit_one(p.first, p, nb, ne, warn, p.from_range);
      }
    }
  }

  void emit_one(const Reading& r, const Pending& site, size_t nb, size_t ne, bool warn,
                bool from_range) {
    if (!has_framework(r.framework)) {
      if (warn) warn_missing_framework(r, site);
      return;
    }
    if (cat_.has_requirement(r.framework, r.ref)) {
      add_citation(r.framework, r.ref, site, nb, ne, from_range);
      return;
    }
    if (warn) warn_unknown(r, site);
  }

  void add_citation(std::string_view fw, std::string_view ref, const Pending& site, size_t nb,
                    size_t ne, bool from_range) {
    if (stop_) return;
    if (out_.citations.size() >= kMaxCitations) {
      stop_ = true;
      truncated_ = true;
      truncation_.offset = site.begin;
      truncation_.message = "more than " + std::to_string(kMaxCitations) +
                            " citations; the text from byte " + std::to_string(site.begin) +
                            " on was not scanned";
      return;
    }
    Citation c;
    c.framework_id = std::string(fw);
    c.ref_id = std::string(ref);
    c.raw = std::string(s_.substr(site.begin, site.end - site.begin));
    c.offset = site.begin;
    c.length = site.end - site.begin;
    c.bracket_offset = nb;
    c.bracket_length = ne - nb;
    c.from_range = from_range;
    out_.citations.push_back(std::move(c));
  }

  void add_warning(const Reading& r, const Pending& site, std::string message,
                   std::optional<std::string> suggestion) {
    if (out_.warnings.size() >= kMaxWarnings) {
      ++dropped_warnings_;
      return;
    }
    CitationWarning w;
    std::string_view raw = s_.substr(site.begin, site.end - site.begin);
    w.raw = site.label.empty() ? std::string(raw) : site.label + " " + std::string(raw);
    w.offset = site.begin;
    w.length = site.end - site.begin;
    w.framework_id = r.framework;
    w.ref_id = r.ref;
    w.message = std::move(message);
    w.suggestion = std::move(suggestion);
    out_.warnings.push_back(std::move(w));
  }

  void warn_missing_framework(const Reading& r, const Pending& site) {
    if (r.framework == kIso2013) {
      if (r.kind == RefKind::kAnnex) {
        std::vector<std::string> targets = iso27001_2013_related(r.ref);
        if (targets.empty()) {
          add_warning(
              r, site,
              "ISO 27001:2013 numbering; no ISO 27001:2022 equivalent of " + r.ref + " is known",
              std::nullopt);
        } else {
          add_warning(r, site,
                      std::string("ISO 27001:2013 numbering; the 2022 equivalent") +
                          (targets.size() == 1 ? " is " : "s are ") + join_and(targets),
                      first_2022(targets));
        }
      } else {
        auto same = key_if_exists(kIso27001Id, r.ref);
        add_warning(r, site,
                    same ? "ISO 27001:2013 numbering; ISO 27001:2022 has a clause " + r.ref
                         : "ISO 27001:2013 is not in the catalogue",
                    same);
      }
      return;
    }
    if (r.framework == kNis2Directive && r.ref.size() >= 8 && r.ref.starts_with("21(2)(") &&
        r.ref[7] == ')') {
      for (const Art21Point& pt : kArt21Points) {
        if (pt.point != r.ref[6]) continue;
        auto key = key_if_exists(kNis2AnnexId, pt.section);
        if (!key) key = nearest_parent(kNis2AnnexId, pt.section);
        add_warning(r, site,
                    "The NIS2 Directive is not in the catalogue; Art. " + r.ref +
                        " is implemented by " + std::string(pt.covered) + " of the 2024/2690 Annex",
                    key);
        return;
      }
    }
    add_warning(r, site, capitalized(framework_name(r.framework)) + " is not in the catalogue",
                std::nullopt);
  }

  void warn_unknown(const Reading& r, const Pending& site) {
    std::string name = capitalized(framework_name(r.framework));
    if (r.framework == kIso27001Id || r.framework == kIso2013) {
      if (r.kind == RefKind::kClause) {
        // A missing clause is most often the Annex A control of the same number
        // ("[ISO27001 5.4]" for A.5.4).
        auto key = key_if_exists(r.framework, "A." + r.ref);
        if (!key) key = nearest_parent(r.framework, r.ref);
        add_warning(r, site, name + " has no clause " + r.ref, key);
        return;
      }
      std::string message = name + " Annex A has no control " + r.ref;
      std::optional<std::string> key;
      if (r.framework == kIso27001Id) {
        // Only ids that cannot be 2022 ones: A.5.1 exists in both numberings.
        bool only_2013 = depth_of(r.ref) >= 4 || std::atoi(r.ref.c_str() + 2) >= 9;
        std::vector<std::string> targets;
        if (only_2013) targets = iso27001_2013_related(r.ref);
        if (!targets.empty()) {
          message += "; " + r.ref + " is ISO 27001:2013 numbering, the 2022 equivalent" +
                     (targets.size() == 1 ? " is " : "s are ") + join_and(targets);
          key = first_2022(targets);
        }
        if (!key) key = key_if_exists(r.framework, r.ref.substr(2));  // "A.4.3" -> clause 4.3
      } else {
        key = first_2022(iso27001_2013_related(r.ref));
        if (!key) key = key_if_exists(kIso27001Id, r.ref);
      }
      if (!key) key = nearest_parent(r.framework, r.ref);
      add_warning(r, site, message, key);
      return;
    }
    std::string what = r.framework == kNis2AnnexId                               ? "section "
                       : r.framework == kNist                                    ? "control "
                       : r.framework == kSoc2                                    ? "criterion "
                       : (r.framework == kNis2Directive || r.framework == kGdpr) ? "Art. "
                                                                                 : "";
    add_warning(r, site, name + " has no " + what + r.ref, nearest_parent(r.framework, r.ref));
  }

  const FrameworkIndex& index_of(const std::string& fw) {
    auto it = indexes_.find(fw);
    if (it != indexes_.end()) return it->second;
    FrameworkIndex idx;
    idx.ids = cat_.ref_ids(fw);
    for (size_t k = 0; k < idx.ids.size(); ++k) {
      idx.position.emplace(idx.ids[k], k);
      size_t d = static_cast<size_t>(depth_of(idx.ids[k]));
      if (idx.by_depth.size() <= d) idx.by_depth.resize(d + 1);
      idx.by_depth[d].push_back(k);
    }
    return indexes_.emplace(fw, std::move(idx)).first->second;
  }

  // "5.1-5.3": the catalogue's ids from 5.1 to 5.3 in document order that have as many
  // levels as the ends. Malformed ranges warn and expand to nothing.
  void emit_range(const Pending& p, size_t nb, size_t ne, bool warn) {
    const Reading& a = p.first;
    const Reading& b = *p.last;
    std::string_view raw = s_.substr(p.begin, p.end - p.begin);
    auto range_warning = [&](const Reading& r, std::string message,
                             std::optional<std::string> suggestion) {
      if (warn) add_warning(r, p, std::move(message), std::move(suggestion));
    };
    if (a.framework != b.framework || a.kind != b.kind || depth_of(a.ref) != depth_of(b.ref)) {
      range_warning(a, "range " + std::string(raw) + " ends at different levels; not expanded",
                    std::nullopt);
      return;
    }
    if (!has_framework(a.framework)) {
      if (a.framework == kIso2013) {
        range_warning(a, "ISO 27001:2013 numbering; range " + std::string(raw) + " not expanded",
                      first_2022(iso27001_2013_related(a.ref)));
      } else {
        range_warning(a,
                      capitalized(framework_name(a.framework)) +
                          " is not in the catalogue; range " + std::string(raw) + " not expanded",
                      std::nullopt);
      }
      return;
    }
    const FrameworkIndex& idx = index_of(a.framework);
    auto ia = idx.position.find(a.ref);
    auto ib = idx.position.find(b.ref);
    for (const Reading* end : {&a, &b}) {
      if ((end == &a ? ia : ib) != idx.position.end()) continue;
      range_warning(*end,
                    "range end " + end->ref + " is not in " + framework_name(a.framework) + "; " +
                        std::string(raw) + " not expanded",
                    nearest_parent(a.framework, end->ref));
      return;
    }
    if (ia->second > ib->second) {
      range_warning(a, "reversed range " + std::string(raw) + "; not expanded", std::nullopt);
      return;
    }
    size_t d = static_cast<size_t>(depth_of(a.ref));
    const std::vector<size_t>& level = idx.by_depth[d];
    auto lo = std::lower_bound(level.begin(), level.end(), ia->second);
    auto hi = std::upper_bound(level.begin(), level.end(), ib->second);
    size_t count = static_cast<size_t>(hi - lo);
    if (count > kMaxRangeIds) {
      range_warning(a,
                    "range " + std::string(raw) + " spans " + std::to_string(count) +
                        " ids (more than " + std::to_string(kMaxRangeIds) + "); not expanded",
                    std::nullopt);
      return;
    }
    bool annex = a.ref.starts_with("A.");
    for (auto k = lo; k != hi && !stop_; ++k) {
      const std::string& id = idx.ids[*k];
      if (id.starts_with("A.") != annex) continue;  // clauses and Annex A share depths
      add_citation(a.framework, id, p, nb, ne, true);
    }
  }

  std::string_view s_;
  const CatalogueIndex& cat_;
  std::unordered_map<std::string, bool> has_framework_;
  std::map<std::string, FrameworkIndex> indexes_;
  CitationScan out_;
  bool stop_ = false;
  bool truncated_ = false;
  CitationWarning truncation_;
  size_t dropped_warnings_ = 0;
};

Resolver::Resolver(std::string_view text, const CatalogueIndex& catalogue)
    : state_(std::make_unique<State>(text, catalogue)) {}
Resolver::~Resolver() = default;

void Resolver::emit(const std::vector<Pending>& items, size_t nb, size_t ne, bool warn) {
  state_->emit(items, nb, ne, warn);
}

bool Resolver::stopped() const { return state_->stop_; }

CitationScan Resolver::finish() { return state_->finish(); }

}  // namespace isms::citation_internal
