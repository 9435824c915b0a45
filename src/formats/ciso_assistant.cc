// read_ciso_assistant_library: a CISO Assistant library (YAML) -> CatalogueLibrary, by the
// rules of formats/catalogue_formats.h. Field names follow CISO Assistant's library
// format as found in its published libraries (urn, ref_id, objects.framework
// .requirement_nodes with urn/parent_urn/depth/assessable, objects
// .requirement_mapping_sets with source/target_requirement_urn and relationship).
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/json.h"
#include "formats/catalogue_formats.h"
#include "formats/catalogue_internal.h"
#include "formats/yaml_tree.h"

namespace isms {

namespace {

using namespace catalogue_internal;

constexpr int kMaxDepth = 64;
constexpr size_t kMaxNotes = 20000;
// Warnings of one kind past this many are counted, not listed.
constexpr int kMaxWarningsPerKind = 10;

class Warnings {
 public:
  explicit Warnings(std::vector<std::string>* out) : out_(out) {}
  void add(const std::string& kind, std::string message) {
    if (++counts_[kind] <= kMaxWarningsPerKind) out_->push_back(std::move(message));
  }
  void flush() {
    for (const auto& [kind, n] : counts_)
      if (n > kMaxWarningsPerKind)
        out_->push_back("... and " + std::to_string(n - kMaxWarningsPerKind) + " more: " + kind);
  }

 private:
  std::vector<std::string>* out_;
  std::map<std::string, int> counts_;
};

// Scalar text at `path`; "" when absent or null. Strings come from yaml-cpp after escape
// processing ("\ud800" would give invalid UTF-8), so they are checked again.
Result<std::string> text(const YamlNode* node, const std::string& path) {
  if (node == nullptr || node->is_null()) return std::string();
  if (!node->is_scalar()) return Error::invalid(path, "must be a string");
  if (!is_valid_utf8(node->scalar)) return Error::invalid(path, "not valid UTF-8");
  return node->scalar;
}

Result<std::string> required_text(const YamlNode* node, const std::string& path) {
  ISMS_ASSIGN(std::string value, text(node, path));
  value = trim(value);
  if (value.empty()) return Error::invalid(path, "missing");
  return value;
}

Result<bool> boolean(const YamlNode* node, const std::string& path, bool fallback) {
  ISMS_ASSIGN(std::string value, text(node, path));
  if (value.empty()) return fallback;
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  return Error::invalid(path, "must be true or false");
}

Result<int> small_integer(const YamlNode* node, const std::string& path) {
  ISMS_ASSIGN(std::string value, text(node, path));
  if (value.empty()) return 0;
  if (value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos)
    return Error::invalid(path, "must be a whole number from 1 to 9999");
  return std::stoi(value);
}

Result<const YamlNode*> list(const YamlNode* node, const std::string& path) {
  if (node == nullptr || node->is_null()) return Error::invalid(path, "missing");
  if (!node->is_sequence()) return Error::invalid(path, "must be a list");
  return node;
}

std::string item_path(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// "Α.5.19" with a Greek capital alpha (or a Cyrillic А) reads as "A.5.19": lookalikes
// copied from PDFs, the kind ENISA's own table has.
std::string normalize_ref_id(std::string ref, const std::string& path, Warnings* warnings) {
  for (std::string_view lookalike : {"\xCE\x91", "\xD0\x90"}) {
    if (ref.rfind(lookalike, 0) == 0) {
      std::string fixed = "A" + ref.substr(lookalike.size());
      warnings->add("look-alike letters",
                    path + ": " + ref + ": a look-alike of the letter A read as A");
      return fixed;
    }
  }
  return ref;
}

// "1.1.1.a", "9.2.c.ii": a lettered point under a numbered paragraph.
bool is_point_ref(std::string_view ref) {
  size_t dot = ref.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == ref.size()) return false;
  std::string_view last = ref.substr(dot + 1);
  if (last.size() > 5) return false;
  for (char c : last)
    if (c < 'a' || c > 'z') return false;
  return true;
}

struct LibraryFields {
  std::string urn, ref_id, name, description, copyright, version, provider;
};

// Where check_library's field names come from in the YAML, for messages that point into
// the file.
struct Paths {
  std::vector<std::string> requirements;  // per requirement: its node's path
  std::vector<std::string> mappings;      // per mapping: its entry's path
};

std::string yaml_field(const std::string& prefix, const std::string& field,
                       const std::map<std::string, std::string>& names) {
  auto it = names.find(field);
  return it == names.end() ? prefix : prefix + "." + it->second;
}

FieldError locate(const CatalogueProblem& p, const Paths& paths) {
  auto index_of = [&](std::string_view head, size_t* i, std::string* rest) {
    if (p.field.rfind(head, 0) != 0) return false;
    size_t close = p.field.find(']', head.size());
    if (close == std::string::npos) return false;
    *i = std::stoul(p.field.substr(head.size(), close - head.size()));
    *rest = close + 2 <= p.field.size() ? p.field.substr(close + 2) : "";
    return true;
  };
  size_t i = 0;
  std::string rest;
  if (index_of("requirements[", &i, &rest) && i < paths.requirements.size()) {
    static const std::map<std::string, std::string> kNames = {
        {"ref_id", "ref_id"},           {"parent_ref_id", "parent_urn"}, {"title", "name"},
        {"description", "description"}, {"notes", "annotation"},         {"urn", "urn"}};
    return {yaml_field(paths.requirements[i], rest, kNames), p.message};
  }
  if (index_of("mappings[", &i, &rest) && i < paths.mappings.size()) {
    static const std::map<std::string, std::string> kNames = {
        {"source_ref_id", "source_requirement_urn"},
        {"target_ref_id", "target_requirement_urn"},
        {"relationship", "relationship"},
        {"notes", "rationale"}};
    return {yaml_field(paths.mappings[i], rest, kNames), p.message};
  }
  if (index_of("frameworks[", &i, &rest)) {
    static const std::map<std::string, std::string> kLibraryLevel = {
        {"version", "version"},
        {"provider", "provider"},
        {"copyright", "copyright"},
        {"id", "objects.framework.urn"}};
    auto lib = kLibraryLevel.find(rest);
    if (lib != kLibraryLevel.end()) return {lib->second, p.message};
    return {"objects.framework." + rest, p.message};
  }
  return {p.field, p.message};
}

class LibraryReader {
 public:
  LibraryReader(CatalogueLibrary* lib, Paths* paths, LibraryFields fields)
      : lib_(lib), paths_(paths), fields_(std::move(fields)), warnings_(&lib->warnings) {}

  Status read_framework(const YamlNode& node);
  Status read_mapping_sets(const YamlNode& node);
  void finish() { warnings_.flush(); }

 private:
  // index: the node's position in requirement_nodes.
  Status read_node(const YamlNode& node, const std::string& path, const Framework& f, size_t index);
  Status read_mapping_set(const YamlNode& set, const std::string& path);

  CatalogueLibrary* lib_;
  Paths* paths_;
  LibraryFields fields_;
  Warnings warnings_;
  // The framework being read: its first requirement in lib_->requirements, node URN ->
  // node index, and per node its parent_urn and depth (0 = not given).
  size_t first_ = 0;
  std::unordered_map<std::string, size_t> by_urn_;
  std::unordered_map<std::string, std::string> builtin_by_urn_;  // built-in URN -> ref id
  std::vector<std::string> parent_urns_;
  std::vector<int> depths_;
};

Status LibraryReader::read_framework(const YamlNode& node) {
  const std::string path = "objects.framework";
  if (!node.is_map()) return Error::invalid(path, "must be a mapping");
  Framework f;
  ISMS_ASSIGN(f.urn, required_text(node.find("urn"), path + ".urn"));
  f.id = ciso_framework_id(f.urn);
  if (f.id.empty()) return Error::invalid(path + ".urn", "gives no framework id");
  ISMS_ASSIGN(f.ref_id, text(node.find("ref_id"), path + ".ref_id"));
  ISMS_ASSIGN(f.name, text(node.find("name"), path + ".name"));
  ISMS_ASSIGN(f.description, text(node.find("description"), path + ".description"));
  f.ref_id = one_line(f.ref_id.empty() ? fields_.ref_id : f.ref_id);
  f.name = one_line(f.name.empty() ? fields_.name : f.name);
  f.description = trim(f.description.empty() ? fields_.description : f.description);
  f.version = fields_.version;
  f.provider = fields_.provider;
  f.copyright = fields_.copyright;
  f.source = "ciso-assistant";
  lib_->frameworks.push_back(f);

  const std::string nodes_path = path + ".requirement_nodes";
  ISMS_ASSIGN(const YamlNode* nodes, list(node.find("requirement_nodes"), nodes_path));
  builtin_by_urn_.clear();
  for (const Requirement& b : builtin_catalogue().requirements)
    if (b.framework_id == f.id) builtin_by_urn_.emplace(b.urn, b.ref_id);
  first_ = lib_->requirements.size();
  by_urn_.clear();
  parent_urns_.clear();
  depths_.clear();
  for (size_t i = 0; i < nodes->items.size(); ++i)
    ISMS_TRY(read_node(nodes->items[i], item_path(nodes_path, i), f, i));

  // Parents, once every node is known (a parent may come after its child).
  std::vector<size_t> open_at_depth;  // latest node per depth 1, 2, ..., for depth-only
  std::set<std::string> has_children;
  for (size_t i = 0; i < nodes->items.size(); ++i) {
    Requirement& r = lib_->requirements[first_ + i];
    const std::string& parent_urn = parent_urns_[i];
    size_t depth = static_cast<size_t>(depths_[i]);
    if (!parent_urn.empty()) {
      auto parent = by_urn_.find(parent_urn);
      if (parent == by_urn_.end())
        return Error::invalid(item_path(nodes_path, i) + ".parent_urn",
                              "no requirement node has the URN " + parent_urn.substr(0, 300));
      r.parent_ref_id = lib_->requirements[first_ + parent->second].ref_id;
    } else if (depth > 1 && open_at_depth.size() >= depth - 1 &&
               open_at_depth[depth - 2] != SIZE_MAX) {
      r.parent_ref_id = lib_->requirements[open_at_depth[depth - 2]].ref_id;
    }
    if (depth > 0) {
      open_at_depth.resize(depth - 1, SIZE_MAX);
      open_at_depth.push_back(first_ + i);
    }
    if (!r.parent_ref_id.empty()) has_children.insert(r.parent_ref_id);
  }

  // Kinds and titles; the built-in data knows the built-in frameworks' kinds.
  std::unordered_map<std::string, const Requirement*> builtin;
  for (const Requirement& b : builtin_catalogue().requirements)
    if (b.framework_id == f.id) builtin.emplace(b.ref_id, &b);
  for (size_t i = first_; i < lib_->requirements.size(); ++i) {
    Requirement& r = lib_->requirements[i];
    auto b = builtin.find(r.ref_id);
    if (b != builtin.end()) {
      r.kind = b->second->kind;
      if (r.title.empty()) r.title = b->second->title;
    } else if (is_point_ref(r.ref_id)) {
      r.kind = "point";
    } else if (!r.assessable && has_children.count(r.ref_id)) {
      r.kind = "group";
    } else {
      r.kind = "requirement";
    }
  }
  return ok_status();
}

Status LibraryReader::read_node(const YamlNode& node, const std::string& path, const Framework& f,
                                size_t index) {
  if (!node.is_map()) return Error::invalid(path, "must be a mapping");
  Requirement r;
  r.framework_id = f.id;
  ISMS_ASSIGN(r.urn, required_text(node.find("urn"), path + ".urn"));
  auto [dup, inserted] = by_urn_.emplace(r.urn, index);
  if (!inserted)
    return Error::invalid(path + ".urn",
                          "the same URN as requirement_nodes[" + std::to_string(dup->second) + "]");
  ISMS_ASSIGN(std::string ref, text(node.find("ref_id"), path + ".ref_id"));
  ref = trim(ref);
  if (ref.empty()) {
    // The node's number is the URN's part after "req_node:<framework part>:".
    ref = std::string(urn_node_suffix(r.urn));
    warnings_.add("nodes without ref_id",
                  path + ": no ref_id; \"" + ref + "\" from its URN is used");
  }
  r.ref_id = normalize_ref_id(ref, path + ".ref_id", &warnings_);
  // A built-in requirement keeps its ref id when the library names it differently
  // (CISO Assistant's "annex-a" is the built-in "A"): same URN, same requirement.
  auto same = builtin_by_urn_.find(r.urn);
  if (same != builtin_by_urn_.end() && same->second != r.ref_id) {
    warnings_.add("built-in ref ids", path + ": ref_id \"" + r.ref_id +
                                          "\" read as the built-in \"" + same->second +
                                          "\" (same URN)");
    r.ref_id = same->second;
  }
  ISMS_ASSIGN(std::string name, text(node.find("name"), path + ".name"));
  r.title = one_line(name);
  ISMS_ASSIGN(std::string description, text(node.find("description"), path + ".description"));
  r.description = trim(description);
  ISMS_ASSIGN(std::string annotation, text(node.find("annotation"), path + ".annotation"));
  ISMS_ASSIGN(std::string evidence,
              text(node.find("typical_evidence"), path + ".typical_evidence"));
  r.notes = trim(annotation);
  if (!trim(evidence).empty())
    r.notes +=
        (r.notes.empty() ? "" : "\n\n") + std::string("Typical evidence:\n") + trim(evidence);
  if (r.notes.size() > kMaxNotes) {
    r.notes = trim(utf8_prefix(r.notes, kMaxNotes));
    warnings_.add("notes cut", path + ": annotation and typical evidence cut to " +
                                   std::to_string(kMaxNotes) + " bytes");
  }
  ISMS_ASSIGN(r.assessable, boolean(node.find("assessable"), path + ".assessable", false));
  ISMS_ASSIGN(int depth, small_integer(node.find("depth"), path + ".depth"));
  ISMS_ASSIGN(std::string parent_urn, text(node.find("parent_urn"), path + ".parent_urn"));
  parent_urns_.push_back(trim(parent_urn));
  depths_.push_back(depth);
  lib_->requirements.push_back(std::move(r));
  paths_->requirements.push_back(path);
  return ok_status();
}

Status LibraryReader::read_mapping_sets(const YamlNode& node) {
  const std::string path = "objects.requirement_mapping_sets";
  ISMS_ASSIGN(const YamlNode* sets, list(&node, path));
  for (size_t i = 0; i < sets->items.size(); ++i)
    ISMS_TRY(read_mapping_set(sets->items[i], item_path(path, i)));
  return ok_status();
}

Status LibraryReader::read_mapping_set(const YamlNode& set, const std::string& path) {
  if (!set.is_map()) return Error::invalid(path, "must be a mapping");
  ISMS_ASSIGN(std::string source_fw,
              required_text(set.find("source_framework_urn"), path + ".source_framework_urn"));
  ISMS_ASSIGN(std::string target_fw,
              required_text(set.find("target_framework_urn"), path + ".target_framework_urn"));
  ISMS_ASSIGN(std::string origin, text(set.find("ref_id"), path + ".ref_id"));
  if (trim(origin).empty()) {
    ISMS_ASSIGN(std::string urn, text(set.find("urn"), path + ".urn"));
    origin = urn.substr(urn.rfind(':') == std::string::npos ? 0 : urn.rfind(':') + 1);
  }
  origin = one_line(origin.empty() ? fields_.ref_id : origin);
  if (origin.empty()) return Error::invalid(path + ".ref_id", "missing");
  for (const std::string* fw : {&source_fw, &target_fw}) {
    std::string field = path + (fw == &source_fw ? ".source" : ".target") + "_framework_urn";
    if (fw->rfind("urn:", 0) != 0) return Error::invalid(field, "must be a URN (\"urn:...\")");
    if (ciso_framework_id(*fw).empty()) return Error::invalid(field, "gives no framework id");
  }

  const std::string list_path = path + ".requirement_mappings";
  ISMS_ASSIGN(const YamlNode* mappings, list(set.find("requirement_mappings"), list_path));
  for (size_t j = 0; j < mappings->items.size(); ++j) {
    const YamlNode& entry = mappings->items[j];
    std::string entry_path = item_path(list_path, j);
    if (!entry.is_map()) return Error::invalid(entry_path, "must be a mapping");
    RequirementMapping m;
    m.source_framework_id = source_fw;
    m.target_framework_id = target_fw;
    ISMS_ASSIGN(m.source_ref_id, required_text(entry.find("source_requirement_urn"),
                                               entry_path + ".source_requirement_urn"));
    ISMS_ASSIGN(m.target_ref_id, required_text(entry.find("target_requirement_urn"),
                                               entry_path + ".target_requirement_urn"));
    for (const std::string* urn : {&m.source_ref_id, &m.target_ref_id})
      if (urn->rfind("urn:", 0) != 0)
        return Error::invalid(
            entry_path + (urn == &m.source_ref_id ? ".source" : ".target") + "_requirement_urn",
            "must be a URN (\"urn:...\")");
    ISMS_ASSIGN(m.relationship, text(entry.find("relationship"), entry_path + ".relationship"));
    m.relationship = trim(m.relationship);
    if (m.relationship.empty()) m.relationship = "related";
    static const std::set<std::string> kRelationships = {"equal",     "subset",      "superset",
                                                         "intersect", "not_related", "related"};
    if (!kRelationships.count(m.relationship))
      return Error::invalid(entry_path + ".relationship",
                            "must be equal, subset, superset, intersect or not_related");
    ISMS_ASSIGN(std::string rationale, text(entry.find("rationale"), entry_path + ".rationale"));
    ISMS_ASSIGN(std::string annotation, text(entry.find("annotation"), entry_path + ".annotation"));
    m.notes = trim(utf8_prefix(trim(rationale.empty() ? annotation : rationale), kMaxNotes));
    m.origin = origin;
    lib_->mappings.push_back(std::move(m));
    paths_->mappings.push_back(entry_path);
  }
  return ok_status();
}

// CISO Assistant ships many mapping libraries with a set and its exact reverse; both
// would list every pair twice in a requirement's mappings (which show both directions).
void skip_reverse_sets(CatalogueLibrary* lib, Paths* paths) {
  using Pair = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  auto reverse = [](const std::string& r) {
    return r == "subset" ? std::string("superset") : r == "superset" ? std::string("subset") : r;
  };
  std::vector<std::string> origins;
  std::map<std::string, std::set<Pair>> sets, reversed;
  for (const RequirementMapping& m : lib->mappings) {
    if (!sets.count(m.origin)) origins.push_back(m.origin);
    sets[m.origin].emplace(m.source_framework_id, m.source_ref_id, m.target_framework_id,
                           m.target_ref_id, m.relationship);
    reversed[m.origin].emplace(m.target_framework_id, m.target_ref_id, m.source_framework_id,
                               m.source_ref_id, reverse(m.relationship));
  }
  std::set<std::string> skipped;
  for (size_t b = 1; b < origins.size(); ++b) {
    for (size_t a = 0; a < b; ++a) {
      if (skipped.count(origins[a]) || sets[origins[b]] != reversed[origins[a]]) continue;
      skipped.insert(origins[b]);
      lib->warnings.push_back("mapping set " + origins[b] + " is the reverse of " + origins[a] +
                              ": skipped");
      break;
    }
  }
  if (skipped.empty()) return;
  std::vector<RequirementMapping> kept;
  std::vector<std::string> kept_paths;
  for (size_t i = 0; i < lib->mappings.size(); ++i) {
    if (skipped.count(lib->mappings[i].origin)) continue;
    kept.push_back(std::move(lib->mappings[i]));
    kept_paths.push_back(std::move(paths->mappings[i]));
  }
  lib->mappings = std::move(kept);
  paths->mappings = std::move(kept_paths);
}

Result<LibraryFields> library_fields(const YamlNode& root) {
  LibraryFields f;
  ISMS_ASSIGN(f.urn, required_text(root.find("urn"), "urn"));
  ISMS_ASSIGN(f.ref_id, text(root.find("ref_id"), "ref_id"));
  ISMS_ASSIGN(f.name, text(root.find("name"), "name"));
  ISMS_ASSIGN(f.description, text(root.find("description"), "description"));
  ISMS_ASSIGN(f.copyright, text(root.find("copyright"), "copyright"));
  ISMS_ASSIGN(f.version, text(root.find("version"), "version"));
  ISMS_ASSIGN(f.provider, text(root.find("provider"), "provider"));
  ISMS_ASSIGN(std::string packager, text(root.find("packager"), "packager"));
  f.ref_id = one_line(f.ref_id);
  f.version = one_line(f.version);
  f.provider = one_line(f.provider.empty() ? packager : f.provider);
  f.copyright = trim(f.copyright);
  return f;
}

}  // namespace

Result<CatalogueLibrary> read_ciso_assistant_library(std::string_view yaml) {
  if (yaml.size() > kMaxLibraryBytes)
    return Error::too_large("library larger than " + std::to_string(kMaxLibraryBytes) + " bytes");
  if (!is_valid_utf8(yaml)) return Error::malformed("library is not valid UTF-8");
  // Without aliases the tree costs about the input's size; twice that leaves room for
  // a few legitimate anchors and nothing for an alias bomb.
  ISMS_ASSIGN(YamlNode root, parse_yaml(yaml, kMaxDepth, 2 * yaml.size() + 4096));
  if (!root.is_map()) return Error::invalid("library", "must be a YAML mapping");
  const YamlNode* objects = root.find("objects");
  if (objects == nullptr || objects->is_null()) return Error::invalid("objects", "missing");
  if (!objects->is_map()) return Error::invalid("objects", "must be a mapping");
  const YamlNode* framework = objects->find("framework");
  const YamlNode* sets = objects->find("requirement_mapping_sets");
  if ((framework == nullptr || framework->is_null()) && (sets == nullptr || sets->is_null()))
    return Error::invalid("objects", "has neither framework nor requirement_mapping_sets");
  ISMS_ASSIGN(LibraryFields fields, library_fields(root));

  CatalogueLibrary lib;
  Paths paths;
  LibraryReader reader(&lib, &paths, fields);
  if (framework != nullptr && !framework->is_null()) ISMS_TRY(reader.read_framework(*framework));
  if (sets != nullptr && !sets->is_null()) ISMS_TRY(reader.read_mapping_sets(*sets));
  reader.finish();
  assign_positions(&lib.requirements);

  resolve_mapping_ends(&lib, nullptr, /*final_pass=*/false, &paths.mappings);
  skip_reverse_sets(&lib, &paths);

  // The rest of the field rules are the domain's. Unresolved ends are the caller's: for
  // the check they become distinct placeholders outside the library.
  CatalogueLibrary resolved = lib;
  for (size_t i = 0; i < resolved.mappings.size(); ++i) {
    RequirementMapping& m = resolved.mappings[i];
    for (auto [fw, ref] : {std::pair{&m.source_framework_id, &m.source_ref_id},
                           {&m.target_framework_id, &m.target_ref_id}}) {
      if (fw->rfind("urn:", 0) != 0 && ref->rfind("urn:", 0) != 0) continue;
      *fw = "unresolved";
      *ref = "m" + std::to_string(i);
    }
  }
  auto problems = check_library(resolved);
  if (!problems.empty()) {
    std::vector<FieldError> details;
    for (const auto& p : problems) details.push_back(locate(p, paths));
    return Error::invalid(std::move(details));
  }
  return lib;
}

}  // namespace isms
