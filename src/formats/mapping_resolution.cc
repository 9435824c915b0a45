// Mapping ends named by CISO Assistant URNs -> (framework id, ref id): the rule of
// formats/catalogue_formats.h (read_ciso_assistant_library, resolve_mapping_urns).
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/json.h"
#include "formats/catalogue_formats.h"
#include "formats/catalogue_internal.h"

namespace isms {

std::string ciso_framework_id(std::string_view framework_urn) {
  if (framework_urn == catalogue_internal::kIso27001Urn) return std::string(kIso27001Id);
  if (framework_urn == catalogue_internal::kNis2AnnexUrn) return std::string(kNis2AnnexId);
  size_t colon = framework_urn.rfind(':');
  std::string_view last =
      colon == std::string_view::npos ? framework_urn : framework_urn.substr(colon + 1);
  std::string id;
  for (char c : last) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    // An id starts with a letter or digit.
    if (id.empty() && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
    id += ok ? c : '-';
    if (id.size() == 100) break;
  }
  return id;
}

namespace catalogue_internal {

namespace {

bool is_urn(const std::string& s) { return s.rfind("urn:", 0) == 0; }

// What check_library accepts as a ref id (a URN suffix kept as one must pass it).
bool plausible_ref_id(std::string_view ref) {
  if (ref.empty() || ref.size() > 100 || ref.substr(0, 4) == "urn:" || !is_valid_utf8(ref))
    return false;
  for (unsigned char c : ref)
    if (c < 0x20 || c == 0x7F) return false;
  return ref.front() != ' ' && ref.back() != ' ';
}

// One framework's requirements as mapping ends may name them.
struct EndIndex {
  std::string id;
  bool in_library = false;
  std::unordered_map<std::string, std::string> by_urn;    // requirement URN -> ref id
  std::unordered_map<std::string, std::string> by_match;  // match_form(ref id) -> ref id
  std::set<std::string> ambiguous;                        // match forms of two ref ids

  void add(const Requirement& r) {
    if (!r.urn.empty()) by_urn.emplace(r.urn, r.ref_id);
    std::string m = match_form(r.ref_id);
    auto [it, inserted] = by_match.emplace(m, r.ref_id);
    if (!inserted && it->second != r.ref_id) ambiguous.insert(m);
  }
  const std::string* find(const std::string& node_urn) const {
    auto u = by_urn.find(node_urn);
    if (u != by_urn.end()) return &u->second;
    std::string m = match_form(urn_node_suffix(node_urn));
    if (ambiguous.count(m)) return nullptr;
    auto f = by_match.find(m);
    return f == by_match.end() ? nullptr : &f->second;
  }
};

class Resolver {
 public:
  Resolver(CatalogueLibrary* lib, const StoredFrameworkLookup* lookup, bool final_pass)
      : lib_(lib), lookup_(lookup), final_(final_pass) {}

  // Resolves one end in place. false: the mapping must be dropped (its framework is in
  // the library, which lacks the named requirement).
  bool resolve(std::string* framework_id, std::string* ref_id) {
    if (!is_urn(*framework_id)) return true;
    const EndIndex* index = framework(*framework_id);
    if (index == nullptr) {
      if (!final_) return true;  // left for resolve_mapping_urns
      std::string id = ciso_framework_id(*framework_id);
      if (id.empty()) return unusable(*framework_id);
      *framework_id = id;
      return is_urn(*ref_id) ? keep_by_suffix(ref_id) : true;
    }
    *framework_id = index->id;
    if (!is_urn(*ref_id)) return true;
    if (const std::string* ref = index->find(*ref_id)) {
      *ref_id = *ref;
      return true;
    }
    if (index->in_library) {
      missing_.push_back(*ref_id);
      return false;
    }
    return keep_by_suffix(ref_id);
  }

  // A requirement not in the catalogue yet, named by its URN's last part.
  bool keep_by_suffix(std::string* ref_id) {
    std::string suffix(urn_node_suffix(*ref_id));
    if (!plausible_ref_id(suffix)) return unusable(*ref_id);
    *ref_id = std::move(suffix);
    ++kept_by_suffix_;
    return true;
  }
  bool unusable(const std::string& urn) {
    unusable_.push_back(urn);
    return false;
  }

  void report() {
    if (!unusable_.empty()) {
      lib_->warnings.push_back(std::to_string(unusable_.size()) +
                               " mappings skipped: a URN gives no usable id (" +
                               unusable_[0].substr(0, 200) + ")");
    }
    if (!missing_.empty()) {
      std::string list;
      for (size_t i = 0; i < missing_.size() && i < 5; ++i) list += (i ? ", " : "") + missing_[i];
      lib_->warnings.push_back(std::to_string(missing_.size()) +
                               " mappings skipped: they name requirement nodes that the "
                               "library's framework does not have (" +
                               list + (missing_.size() > 5 ? ", ..." : "") + ")");
    }
    if (kept_by_suffix_ > 0) {
      lib_->warnings.push_back(std::to_string(kept_by_suffix_) +
                               " mapping ends name requirements not in the catalogue yet; "
                               "they are kept by their URN's last part");
    }
  }

 private:
  const EndIndex* framework(const std::string& urn) {
    auto cached = cache_.find(urn);
    if (cached != cache_.end()) return cached->second ? &*cached->second : nullptr;
    std::optional<EndIndex> index;
    for (const Framework& f : lib_->frameworks) {
      if (f.urn != urn) continue;
      index.emplace();
      index->id = f.id;
      index->in_library = true;
      for (const Requirement& r : lib_->requirements)
        if (r.framework_id == f.id) index->add(r);
      break;
    }
    if (!index && lookup_ != nullptr && *lookup_) {
      if (auto stored = (*lookup_)(urn)) {
        index.emplace();
        index->id = stored->id;
        // The library replaces a framework it holds; its stored tree does not count then.
        for (const Framework& f : lib_->frameworks)
          if (f.id == stored->id) index->in_library = true;
        if (index->in_library) {
          for (const Requirement& r : lib_->requirements)
            if (r.framework_id == stored->id) index->add(r);
        } else {
          for (const Requirement& r : stored->requirements) index->add(r);
        }
      }
    }
    if (!index && final_) {
      // Not stored under this URN: the id it will get, which the library may hold.
      std::string id = ciso_framework_id(urn);
      for (const Framework& f : lib_->frameworks) {
        if (f.id != id) continue;
        index.emplace();
        index->id = id;
        index->in_library = true;
        for (const Requirement& r : lib_->requirements)
          if (r.framework_id == id) index->add(r);
      }
    }
    auto& slot = cache_[urn] = std::move(index);
    return slot ? &*slot : nullptr;
  }

  CatalogueLibrary* lib_;
  const StoredFrameworkLookup* lookup_;
  bool final_;
  std::map<std::string, std::optional<EndIndex>> cache_;
  std::vector<std::string> missing_;
  std::vector<std::string> unusable_;
  int kept_by_suffix_ = 0;
};

}  // namespace

void resolve_mapping_ends(CatalogueLibrary* lib, const StoredFrameworkLookup* lookup,
                          bool final_pass, std::vector<std::string>* paths) {
  Resolver resolver(lib, lookup, final_pass);
  std::vector<RequirementMapping> kept;
  std::vector<std::string> kept_paths;
  for (size_t i = 0; i < lib->mappings.size(); ++i) {
    RequirementMapping& m = lib->mappings[i];
    bool source = resolver.resolve(&m.source_framework_id, &m.source_ref_id);
    bool target = resolver.resolve(&m.target_framework_id, &m.target_ref_id);
    if (!source || !target) continue;
    kept.push_back(std::move(m));
    if (paths) kept_paths.push_back(std::move((*paths)[i]));
  }
  resolver.report();
  lib->mappings = std::move(kept);
  if (paths) *paths = std::move(kept_paths);
  drop_duplicate_mappings(lib, paths);
}

void drop_duplicate_mappings(CatalogueLibrary* lib, std::vector<std::string>* paths) {
  std::set<std::tuple<std::string, std::string, std::string, std::string, std::string>> seen;
  std::vector<RequirementMapping> kept;
  std::vector<std::string> kept_paths;
  std::map<std::string, int> dropped;  // per origin
  for (size_t i = 0; i < lib->mappings.size(); ++i) {
    RequirementMapping& m = lib->mappings[i];
    if (!seen.emplace(m.source_framework_id, m.source_ref_id, m.target_framework_id,
                      m.target_ref_id, m.origin)
             .second) {
      ++dropped[m.origin];
      continue;
    }
    kept.push_back(std::move(m));
    if (paths) kept_paths.push_back(std::move((*paths)[i]));
  }
  for (const auto& [origin, n] : dropped)
    lib->warnings.push_back(origin + ": " + std::to_string(n) + " duplicate mappings skipped");
  lib->mappings = std::move(kept);
  if (paths) *paths = std::move(kept_paths);
}

}  // namespace catalogue_internal

void resolve_mapping_urns(CatalogueLibrary* library, const StoredFrameworkLookup& lookup) {
  catalogue_internal::resolve_mapping_ends(library, &lookup, /*final_pass=*/true, nullptr);
}

}  // namespace isms
