#include "domain/catalogue.h"

#include <array>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/json.h"

namespace isms {

std::string requirement_key(std::string_view framework_id, std::string_view ref_id) {
  std::string key;
  key.reserve(framework_id.size() + 1 + ref_id.size());
  key.append(framework_id).append(":").append(ref_id);
  return key;
}

std::optional<std::pair<std::string, std::string>> split_requirement_key(std::string_view key) {
  size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == key.size()) return std::nullopt;
  return std::make_pair(std::string(key.substr(0, colon)), std::string(key.substr(colon + 1)));
}

namespace {

// A library is outside input (imports); past this many problems the rest adds nothing a
// person fixing the file could use, and the list itself must stay small.
constexpr size_t kMaxProblems = 100;
// Levels of a framework's tree; real frameworks use up to 6.
constexpr int kMaxTreeDepth = 20;

constexpr std::array<std::string_view, 8> kKinds = {
    "clause", "control", "group", "section", "subsection", "paragraph", "point", "requirement"};
constexpr std::array<std::string_view, 6> kRelationships = {"equal",     "subset",      "superset",
                                                            "intersect", "not_related", "related"};
constexpr std::array<std::string_view, 3> kSources = {"builtin", "ciso-assistant", "oscal"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view v) {
  for (auto s : set)
    if (s == v) return true;
  return false;
}

class Problems {
 public:
  explicit Problems(std::vector<CatalogueProblem>* out) : out_(out) {}
  bool full() const { return out_->size() >= kMaxProblems; }
  void add(std::string field, std::string message) {
    if (!full()) out_->push_back({std::move(field), std::move(message)});
  }

 private:
  std::vector<CatalogueProblem>* out_;
};

bool has_control_char(std::string_view s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (c == 0x7F) return true;
    if (c >= 0x20) continue;
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    return true;
  }
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Text field rule: valid UTF-8, at most `max` bytes, no control characters (single-line
// fields also refuse line breaks, since they end up in OSCAL titles and prop values,
// which are one line).
void check_text(Problems* p, const std::string& field, std::string_view v, size_t min, size_t max,
                bool multiline) {
  if (v.size() < min) {
    p->add(field, "required");
    return;
  }
  if (v.size() > max) {
    p->add(field, "longer than " + std::to_string(max) + " bytes");
    return;
  }
  if (!is_valid_utf8(v)) {
    p->add(field, "not valid UTF-8");
    return;
  }
  if (has_control_char(v, multiline)) {
    p->add(field, multiline ? "contains control characters"
                            : "contains line breaks or control "
                              "characters");
  }
}

// Identifiers (ref ids, URNs) are compared byte for byte, so surrounding blanks would
// make two spellings of one id.
void check_trimmed(Problems* p, const std::string& field, std::string_view v) {
  if (!v.empty() && (is_space(v.front()) || is_space(v.back())))
    p->add(field, "has leading or trailing spaces");
}

bool valid_framework_id(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(id[0])) return false;
  for (char c : id)
    if (!alnum(c) && c != '.' && c != '-') return false;
  return true;
}

bool valid_urn(std::string_view urn, size_t max) {
  if (urn.size() <= 4 || urn.size() > max || urn.substr(0, 4) != "urn:") return false;
  for (unsigned char c : urn)
    if (c <= 0x20 || c >= 0x7F) return false;
  return true;
}

// A requirement's urn is a CISO Assistant URN or an OSCAL id (which may hold non-ASCII
// letters): one word of UTF-8.
bool valid_token(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max || !is_valid_utf8(s)) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7F) return false;
  return true;
}

void check_ref_id(Problems* p, const std::string& field, std::string_view ref) {
  check_text(p, field, ref, 1, 100, false);
  check_trimmed(p, field, ref);
  // "urn:" marks a mapping end that still names a requirement by its URN
  // (formats/catalogue_formats.h); a real ref id must never look like one.
  if (ref.substr(0, 4) == "urn:") p->add(field, "must not start with \"urn:\"");
}

void check_framework_fields(Problems* p, const std::string& prefix, const Framework& f) {
  if (!valid_framework_id(f.id)) p->add(prefix + "id", "must match [a-z0-9][a-z0-9.-]{0,99}");
  if (!f.urn.empty() && !valid_urn(f.urn, 300))
    p->add(prefix + "urn", "must be \"urn:...\" without spaces, at most 300 bytes");
  check_text(p, prefix + "ref_id", f.ref_id, 0, 300, false);
  check_text(p, prefix + "name", f.name, 1, 300, false);
  if (!f.name.empty() && f.name.find_first_not_of(" \t") == std::string::npos)
    p->add(prefix + "name", "required");
  check_text(p, prefix + "description", f.description, 0, 20000, true);
  check_text(p, prefix + "version", f.version, 0, 100, false);
  check_text(p, prefix + "provider", f.provider, 0, 300, false);
  if (!one_of(kSources, f.source))
    p->add(prefix + "source", "must be builtin, ciso-assistant or oscal");
  check_text(p, prefix + "copyright", f.copyright, 0, 20000, true);
}

using RefIndex = std::unordered_map<std::string, size_t>;  // ref_id -> requirement index

// Parents must exist within the framework and must not loop, and trees stay shallow
// (exports nest one level per tree level, and readers refuse deep nesting). Walks each
// chain once, iteratively: state 1 = on the current walk, 2 = depth known.
void check_parents(Problems* p, const CatalogueLibrary& lib,
                   const std::map<std::string, RefIndex>& refs) {
  const auto& reqs = lib.requirements;
  std::vector<int> state(reqs.size(), 0);
  std::vector<int> depth(reqs.size(), 1);
  std::vector<size_t> walk;
  // A cycle has no depth; reporting one as too deep too would only repeat it.
  bool too_deep_reported = false, cycle = false;
  for (size_t start = 0; start < reqs.size() && !p->full(); ++start) {
    if (state[start] != 0) continue;
    walk.clear();
    size_t i = start;
    int last_depth = 1;  // depth of walk.back()
    for (;;) {
      state[i] = 1;
      walk.push_back(i);
      const Requirement& r = reqs[i];
      auto fw = refs.find(r.framework_id);
      // No parent, or an unknown framework (reported elsewhere): a root.
      if (r.parent_ref_id.empty() || fw == refs.end()) break;
      auto parent = fw->second.find(r.parent_ref_id);
      if (parent == fw->second.end()) {
        p->add("requirements[" + std::to_string(i) + "].parent_ref_id",
               "no requirement \"" + r.parent_ref_id + "\" in framework " + r.framework_id);
        break;
      }
      if (state[parent->second] == 1) {
        cycle = true;
        p->add("requirements[" + std::to_string(i) + "].parent_ref_id",
               "parent cycle through \"" + r.ref_id + "\"");
        break;
      }
      if (state[parent->second] == 2) {
        last_depth = depth[parent->second] + 1;
        break;
      }
      i = parent->second;
    }
    for (size_t k = walk.size(); k-- > 0;) {
      size_t w = walk[k];
      depth[w] = last_depth + static_cast<int>(walk.size() - 1 - k);
      state[w] = 2;
      if (depth[w] > kMaxTreeDepth && !too_deep_reported && !cycle) {
        too_deep_reported = true;
        p->add("requirements[" + std::to_string(w) + "].parent_ref_id",
               "nested deeper than " + std::to_string(kMaxTreeDepth) + " levels");
      }
    }
  }
}

void check_mapping_end(Problems* p, const std::string& prefix, const std::string& framework_id,
                       const std::string& ref_id, const std::map<std::string, RefIndex>& refs) {
  if (!valid_framework_id(framework_id)) {
    p->add(prefix + "framework_id", "must match [a-z0-9][a-z0-9.-]{0,99}");
    return;
  }
  if (ref_id.substr(0, 4) == "urn:") {
    p->add(prefix + "ref_id", "unresolved requirement URN " + ref_id.substr(0, 300));
    return;
  }
  check_ref_id(p, prefix + "ref_id", ref_id);
  auto fw = refs.find(framework_id);
  if (fw != refs.end() && !fw->second.count(ref_id))
    p->add(prefix + "ref_id", "no requirement \"" + ref_id + "\" in framework " + framework_id);
}

}  // namespace

std::vector<CatalogueProblem> check_framework(const Framework& f) {
  std::vector<CatalogueProblem> out;
  Problems p(&out);
  check_framework_fields(&p, "", f);
  return out;
}

std::vector<CatalogueProblem> check_library(const CatalogueLibrary& lib) {
  std::vector<CatalogueProblem> out;
  Problems p(&out);

  std::map<std::string, RefIndex> refs;  // framework id -> its requirements
  std::set<std::string> urns;
  for (size_t i = 0; i < lib.frameworks.size(); ++i) {
    const Framework& f = lib.frameworks[i];
    std::string prefix = "frameworks[" + std::to_string(i) + "].";
    check_framework_fields(&p, prefix, f);
    if (!refs.emplace(f.id, RefIndex{}).second) p.add(prefix + "id", "duplicate framework " + f.id);
    if (!f.urn.empty() && !urns.insert(f.urn).second)
      p.add(prefix + "urn", "duplicate framework URN " + f.urn);
  }

  std::map<std::string, std::set<std::string>> req_urns;  // per framework
  for (size_t i = 0; i < lib.requirements.size() && !p.full(); ++i) {
    const Requirement& r = lib.requirements[i];
    std::string prefix = "requirements[" + std::to_string(i) + "].";
    auto fw = refs.find(r.framework_id);
    if (fw == refs.end()) {
      p.add(prefix + "framework_id", "no framework " + r.framework_id + " in the library");
      continue;
    }
    check_ref_id(&p, prefix + "ref_id", r.ref_id);
    if (!fw->second.emplace(r.ref_id, i).second)
      p.add(prefix + "ref_id", "duplicate ref_id " + r.ref_id + " in framework " + r.framework_id);
    if (r.parent_ref_id == r.ref_id) p.add(prefix + "parent_ref_id", "a requirement's own ref_id");
    check_text(&p, prefix + "title", r.title, 0, 1000, false);
    check_text(&p, prefix + "description", r.description, 0, 20000, true);
    if (!one_of(kKinds, r.kind)) p.add(prefix + "kind", "unknown kind \"" + r.kind + "\"");
    if (r.position < 0) p.add(prefix + "position", "must not be negative");
    if (!r.urn.empty()) {
      if (!valid_token(r.urn, 500))
        p.add(prefix + "urn", "at most 500 bytes of UTF-8 without spaces or control characters");
      // Mapping sets name requirements by URN, so one URN must mean one requirement.
      else if (!req_urns[r.framework_id].insert(r.urn).second)
        p.add(prefix + "urn", "duplicate requirement URN " + r.urn);
    }
    check_text(&p, prefix + "notes", r.notes, 0, 20000, true);
  }
  if (!p.full()) check_parents(&p, lib, refs);

  std::set<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view,
                      std::string_view>>
      seen;
  for (size_t i = 0; i < lib.mappings.size() && !p.full(); ++i) {
    const RequirementMapping& m = lib.mappings[i];
    std::string prefix = "mappings[" + std::to_string(i) + "].";
    check_mapping_end(&p, prefix + "source_", m.source_framework_id, m.source_ref_id, refs);
    check_mapping_end(&p, prefix + "target_", m.target_framework_id, m.target_ref_id, refs);
    if (!one_of(kRelationships, m.relationship))
      p.add(prefix + "relationship", "unknown relationship \"" + m.relationship + "\"");
    check_text(&p, prefix + "origin", m.origin, 1, 300, false);
    check_text(&p, prefix + "notes", m.notes, 0, 20000, true);
    if (!seen.emplace(m.source_framework_id, m.source_ref_id, m.target_framework_id,
                      m.target_ref_id, m.origin)
             .second)
      p.add(prefix.substr(0, prefix.size() - 1), "duplicate mapping");
  }
  return out;
}

}  // namespace isms
