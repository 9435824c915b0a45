// OSCAL catalogs (JSON) in and out, by the rules of formats/catalogue_formats.h. Model
// facts (field names, required fields, the token and UUID patterns, oscal-version 1.1.2)
// are from NIST's OSCAL catalog model reference.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "base/crypto.h"
#include "base/json.h"
#include "base/time.h"
#include "formats/catalogue_formats.h"
#include "formats/catalogue_internal.h"

namespace isms {

namespace {

using namespace catalogue_internal;
using OrderedJson = nlohmann::ordered_json;

// Namespace of the props this writer adds (kind, assessable, untitled, version-unknown);
// a URI, as OSCAL's ns must be, that names no one's web site.
constexpr std::string_view kIsmsNs = "urn:isms";
constexpr std::string_view kOscalNs = "http://csrc.nist.gov/ns/oscal";
constexpr size_t kMaxText = 20000;
constexpr size_t kMaxTitle = 1000;

// ---------------------------------------------------------------------------------------
// Reading

Result<std::string> json_text(const Json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Error::invalid(path + "." + key, "must be a string");
  return it->get<std::string>();
}

Result<const Json*> json_array(const Json& object, const char* key, const std::string& path) {
  static const Json kEmpty = Json::array();
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return &kEmpty;
  if (!it->is_array()) return Error::invalid(path + "." + key, "must be a list");
  return &*it;
}

struct Props {
  std::string label;
  std::map<std::string, std::string> isms;  // this writer's props by name
};

Result<Props> read_props(const Json& object, const std::string& path) {
  Props out;
  ISMS_ASSIGN(const Json* props, json_array(object, "props", path));
  for (size_t i = 0; i < props->size(); ++i) {
    const Json& p = (*props)[i];
    std::string p_path = path + ".props[" + std::to_string(i) + "]";
    if (!p.is_object()) return Error::invalid(p_path, "must be an object");
    ISMS_ASSIGN(std::string name, json_text(p, "name", p_path));
    ISMS_ASSIGN(std::string ns, json_text(p, "ns", p_path));
    ISMS_ASSIGN(std::string value, json_text(p, "value", p_path));
    if (ns == kIsmsNs) {
      out.isms.emplace(name, value);
    } else if (name == "label" && (ns.empty() || ns == kOscalNs) && out.label.empty()) {
      out.label = trim(value);
    }
  }
  return out;
}

// A part's prose followed by its sub-parts' ("a. prose" when labelled), depth first, as
// paragraphs.
Status part_text(const Json& part, const std::string& path, std::string* out) {
  ISMS_ASSIGN(std::string prose, json_text(part, "prose", path));
  ISMS_ASSIGN(Props props, read_props(part, path));
  std::string line = trim(props.label.empty() ? prose : props.label + " " + prose);
  if (!line.empty()) *out += (out->empty() ? "" : "\n\n") + line;
  ISMS_ASSIGN(const Json* parts, json_array(part, "parts", path));
  for (size_t i = 0; i < parts->size(); ++i) {
    const Json& sub = (*parts)[i];
    std::string sub_path = path + ".parts[" + std::to_string(i) + "]";
    if (!sub.is_object()) return Error::invalid(sub_path, "must be an object");
    ISMS_TRY(part_text(sub, sub_path, out));
  }
  return ok_status();
}

// The text of the first part named `name` ("" when none).
Result<std::string> named_part(const Json& object, std::string_view name, const std::string& path) {
  ISMS_ASSIGN(const Json* parts, json_array(object, "parts", path));
  for (size_t i = 0; i < parts->size(); ++i) {
    const Json& part = (*parts)[i];
    std::string p_path = path + ".parts[" + std::to_string(i) + "]";
    if (!part.is_object()) return Error::invalid(p_path, "must be an object");
    ISMS_ASSIGN(std::string part_name, json_text(part, "name", p_path));
    if (part_name != name) continue;
    std::string text;
    ISMS_TRY(part_text(part, p_path, &text));
    return text;
  }
  return std::string();
}

class CatalogReader {
 public:
  CatalogReader(CatalogueLibrary* lib, std::string framework_id)
      : lib_(lib), framework_id_(std::move(framework_id)) {}

  // Children of `container` under parent_ref: "controls" and/or "groups" (catalog level:
  // controls first, as the model orders them; inside a group: groups first).
  Status walk(const Json& container, const std::string& path, const std::string& parent_ref,
              bool is_catalog, bool is_control) {
    std::vector<const char*> keys;
    if (is_control) {
      keys = {"controls"};
    } else if (is_catalog) {
      keys = {"controls", "groups"};
    } else {
      keys = {"groups", "controls"};
    }
    for (const char* key : keys) {
      ISMS_ASSIGN(const Json* items, json_array(container, key, path));
      bool controls = std::string_view(key) == "controls";
      for (size_t i = 0; i < items->size(); ++i) {
        std::string item_path = path + "." + key + "[" + std::to_string(i) + "]";
        ISMS_TRY(read_item((*items)[i], item_path, parent_ref, controls));
      }
    }
    return ok_status();
  }

  const std::vector<std::string>& paths() const { return paths_; }

 private:
  Status read_item(const Json& item, const std::string& path, const std::string& parent_ref,
                   bool is_control) {
    if (!item.is_object()) return Error::invalid(path, "must be an object");
    ISMS_ASSIGN(std::string id, json_text(item, "id", path));
    if (is_control && trim(id).empty()) return Error::invalid(path + ".id", "missing");
    ISMS_ASSIGN(std::string title, json_text(item, "title", path));
    ISMS_ASSIGN(Props props, read_props(item, path));
    Requirement r;
    r.framework_id = framework_id_;
    r.urn = trim(id);
    r.ref_id = !props.label.empty() ? props.label : trim(id);
    if (r.ref_id.empty()) {
      r.ref_id = "group-" + std::to_string(++unnamed_groups_);
      lib_->warnings.push_back(path + ": a group without id or label is read as " + r.ref_id);
    }
    r.parent_ref_id = parent_ref;
    r.title = one_line(title);
    if (props.isms.count("untitled")) r.title.clear();
    if (r.title.size() > kMaxTitle) {
      r.title = one_line(utf8_prefix(r.title, kMaxTitle));
      lib_->warnings.push_back(path + ".title: cut to " + std::to_string(kMaxTitle) + " bytes");
    }
    ISMS_ASSIGN(r.description, named_part(item, "statement", path));
    if (r.description.empty() && !is_control) {
      ISMS_ASSIGN(r.description, named_part(item, "overview", path));
    }
    ISMS_ASSIGN(r.notes, named_part(item, "guidance", path));
    for (auto [field, name] : {std::pair{&r.description, "description"}, {&r.notes, "guidance"}}) {
      if (field->size() <= kMaxText) continue;
      *field = trim(utf8_prefix(*field, kMaxText));
      lib_->warnings.push_back(path + ": " + name + " cut to " + std::to_string(kMaxText) +
                               " bytes");
    }
    auto kind = props.isms.find("kind");
    r.kind = kind != props.isms.end() ? kind->second : is_control ? "control" : "group";
    auto assessable = props.isms.find("assessable");
    r.assessable = assessable != props.isms.end() ? assessable->second == "true" : is_control;
    r.position = static_cast<int>(lib_->requirements.size());
    std::string ref = r.ref_id;
    lib_->requirements.push_back(std::move(r));
    paths_.push_back(path);
    return walk(item, path, ref, false, is_control);
  }

  CatalogueLibrary* lib_;
  std::string framework_id_;
  std::vector<std::string> paths_;
  int unnamed_groups_ = 0;
};

// check_library's "requirements[i].field" -> the JSON path it came from.
FieldError locate(const CatalogueProblem& p, const std::vector<std::string>& paths) {
  const std::string head = "requirements[";
  if (p.field.rfind(head, 0) == 0) {
    size_t close = p.field.find(']');
    size_t i = std::stoul(p.field.substr(head.size(), close - head.size()));
    std::string rest = close + 2 <= p.field.size() ? p.field.substr(close + 2) : "";
    static const std::map<std::string, std::string> kNames = {{"ref_id", "props.label"},
                                                              {"title", "title"},
                                                              {"urn", "id"},
                                                              {"kind", "props.kind"},
                                                              {"notes", "guidance"}};
    if (i < paths.size()) {
      auto it = kNames.find(rest);
      return {it == kNames.end() ? paths[i] : paths[i] + "." + it->second, p.message};
    }
  }
  if (p.field.rfind("frameworks[0].", 0) == 0) {
    std::string rest = p.field.substr(14);
    if (rest == "id") return {"framework", p.message};
    return {"catalog.metadata." + (rest == "name" ? std::string("title") : rest), p.message};
  }
  return {p.field, p.message};
}

Result<std::string> provider_of(const Json& metadata) {
  ISMS_ASSIGN(const Json* responsible, json_array(metadata, "responsible-parties", "metadata"));
  ISMS_ASSIGN(const Json* parties, json_array(metadata, "parties", "metadata"));
  for (const Json& rp : *responsible) {
    if (!rp.is_object() || rp.value("role-id", Json()) != "creator") continue;
    auto uuids = rp.find("party-uuids");
    if (uuids == rp.end() || !uuids->is_array() || uuids->empty()) continue;
    for (const Json& party : *parties)
      if (party.is_object() && party.value("uuid", Json()) == (*uuids)[0] &&
          party.value("name", Json()).is_string())
        return one_line(party["name"].get<std::string>());
  }
  return std::string();
}

}  // namespace

Result<CatalogueLibrary> read_oscal_catalog(std::string_view json, std::string_view framework_id) {
  if (json.size() > kMaxLibraryBytes)
    return Error::too_large("catalog larger than " + std::to_string(kMaxLibraryBytes) + " bytes");
  if (!is_valid_utf8(json)) return Error::malformed("catalog is not valid UTF-8");
  ISMS_ASSIGN(Json doc, parse_json(json));
  if (!doc.is_object() || !doc.contains("catalog"))
    return Error::invalid("catalog", "missing: not an OSCAL catalog");
  const Json& catalog = doc["catalog"];
  if (!catalog.is_object()) return Error::invalid("catalog", "must be an object");
  auto metadata_it = catalog.find("metadata");
  if (metadata_it == catalog.end() || !metadata_it->is_object())
    return Error::invalid("catalog.metadata", "missing");
  const Json& metadata = *metadata_it;
  const std::string mpath = "catalog.metadata";

  Framework f;
  ISMS_ASSIGN(std::string title, json_text(metadata, "title", mpath));
  f.name = one_line(title);
  if (f.name.empty()) return Error::invalid(mpath + ".title", "missing");
  f.id = framework_id.empty() ? slug(f.name, 100) : std::string(framework_id);
  if (f.id.empty()) return Error::invalid(mpath + ".title", "gives no framework id");
  ISMS_ASSIGN(f.version, json_text(metadata, "version", mpath));
  f.version = one_line(f.version);
  ISMS_ASSIGN(Props props, read_props(metadata, mpath));
  if (props.isms.count("version-unknown")) f.version.clear();
  ISMS_ASSIGN(std::string remarks, json_text(metadata, "remarks", mpath));
  f.description = trim(remarks);
  ISMS_ASSIGN(const Json* doc_ids, json_array(metadata, "document-ids", mpath));
  if (!doc_ids->empty() && (*doc_ids)[0].is_object()) {
    ISMS_ASSIGN(std::string ref,
                json_text((*doc_ids)[0], "identifier", mpath + ".document-ids[0]"));
    f.ref_id = one_line(ref);
  }
  ISMS_ASSIGN(f.provider, provider_of(metadata));
  auto back = catalog.find("back-matter");
  if (back != catalog.end() && back->is_object()) {
    ISMS_ASSIGN(const Json* resources, json_array(*back, "resources", "catalog.back-matter"));
    for (const Json& res : *resources)
      if (res.is_object() && res.value("title", Json()) == "Copyright" &&
          res.value("description", Json()).is_string())
        f.copyright = trim(res["description"].get<std::string>());
  }
  f.source = "oscal";

  CatalogueLibrary lib;
  lib.frameworks.push_back(f);
  CatalogReader reader(&lib, f.id);
  ISMS_TRY(reader.walk(catalog, "catalog", "", true, false));
  auto problems = check_library(lib);
  if (!problems.empty()) {
    std::vector<FieldError> details;
    for (const auto& p : problems) details.push_back(locate(p, reader.paths()));
    return Error::invalid(std::move(details));
  }
  return lib;
}

// ---------------------------------------------------------------------------------------
// Writing

namespace {

// A UUID in version 4 form whose bits come from SHA-256 of `seed`, so the same content
// always gets the same UUID.
std::string derived_uuid(std::string_view seed) {
  Sha256Digest d = sha256("isms-oscal\n" + std::string(seed));
  d[6] = static_cast<uint8_t>((d[6] & 0x0F) | 0x40);
  d[8] = static_cast<uint8_t>((d[8] & 0x3F) | 0x80);
  std::string hex = hex_encode(std::string_view(reinterpret_cast<const char*>(d.data()), 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

OrderedJson prop(std::string_view name, std::string_view value, bool isms_ns) {
  OrderedJson p;
  p["name"] = name;
  if (isms_ns) p["ns"] = kIsmsNs;
  p["value"] = value;
  return p;
}

// OSCAL's token: a letter or '_' first, then letters, digits, '.', '-', '_' (ASCII here).
bool is_oscal_token(const std::string& s) {
  if (s.empty() || s.size() > 100) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(s[0])) return false;
  for (char c : s) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') return false;
  }
  return true;
}

class CatalogWriter {
 public:
  explicit CatalogWriter(const std::vector<Requirement>& reqs) : reqs_(reqs) {
    for (size_t i = 0; i < reqs_.size(); ++i) order_.push_back(i);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](size_t a, size_t b) { return reqs_[a].position < reqs_[b].position; });
    std::set<std::string> refs;
    for (const Requirement& r : reqs_) refs.insert(r.ref_id);
    for (size_t i : order_) {
      const Requirement& r = reqs_[i];
      // A requirement whose parent is missing is written at the top level.
      std::string parent = refs.count(r.parent_ref_id) ? r.parent_ref_id : "";
      children_[parent].push_back(i);
    }
    for (size_t i : order_) ids_.emplace(i, unique_id(reqs_[i]));
  }

  // Writes the children of parent_ref into `out` as "groups" or "controls".
  void write_children(const std::string& parent_ref, bool parent_is_control, OrderedJson* out,
                      std::set<std::string>* visiting) {
    auto kids = children_.find(parent_ref);
    if (kids == children_.end()) return;
    // Siblings are all groups (headings only) or all controls: JSON keeps groups and
    // controls in separate lists, which would lose the order of mixed siblings.
    bool groups = !parent_is_control;
    for (size_t i : kids->second)
      if (reqs_[i].assessable || !children_.count(reqs_[i].ref_id)) groups = false;
    OrderedJson list = OrderedJson::array();
    for (size_t i : kids->second) {
      const Requirement& r = reqs_[i];
      // A parent cycle cannot be written as nesting; check_library refuses one anyway.
      if (!visiting->insert(r.ref_id).second) continue;
      OrderedJson item;
      item["id"] = ids_[i];
      item["title"] = r.title.empty() ? r.ref_id : r.title;
      OrderedJson props = OrderedJson::array();
      props.push_back(prop("label", r.ref_id, false));
      props.push_back(prop("kind", r.kind, true));
      props.push_back(prop("assessable", r.assessable ? "true" : "false", true));
      if (r.title.empty()) props.push_back(prop("untitled", "true", true));
      item["props"] = props;
      OrderedJson parts = OrderedJson::array();
      if (!r.description.empty())
        parts.push_back(
            {{"id", ids_[i] + "_smt"}, {"name", "statement"}, {"prose", r.description}});
      if (!r.notes.empty())
        parts.push_back({{"id", ids_[i] + "_gdn"}, {"name", "guidance"}, {"prose", r.notes}});
      if (!parts.empty()) item["parts"] = parts;
      write_children(r.ref_id, !groups, &item, visiting);
      visiting->erase(r.ref_id);
      list.push_back(std::move(item));
    }
    if (!list.empty()) (*out)[groups ? "groups" : "controls"] = std::move(list);
  }

 private:
  // OSCAL ids are tokens (a letter or '_' first; letters, digits, '.', '-', '_'): the
  // ref id's slug, "r-" before a digit, "-2", "-3", ... when taken.
  // A requirement read from OSCAL keeps its original id (stored as urn), so a catalog that
  // went in comes back out with the same ids and re-imports unchanged.
  std::string unique_id(const Requirement& r) {
    if (is_oscal_token(r.urn) && used_.insert(r.urn).second) return r.urn;
    const std::string& ref_id = r.ref_id;
    std::string base = slug(ref_id, 90);
    if (base.empty() || (base[0] >= '0' && base[0] <= '9')) base = "r-" + base;
    if (base == "r-") base = "r";
    std::string id = base;
    for (int n = 2; !used_.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    return id;
  }

  const std::vector<Requirement>& reqs_;
  std::vector<size_t> order_;
  std::map<std::string, std::vector<size_t>> children_;
  std::unordered_map<size_t, std::string> ids_;
  std::set<std::string> used_;
};

// OSCAL's last-modified needs a date-time with a zone; the stored form has one.
std::string last_modified(const std::string& updated_at) {
  int64_t micros = 0;
  if (!updated_at.empty() && parse_utc_micros(updated_at, &micros))
    return format_utc_micros(micros);
  return "1970-01-01T00:00:00Z";
}

}  // namespace

std::string write_oscal_catalog(const Framework& framework,
                                const std::vector<Requirement>& requirements) {
  OrderedJson metadata;
  metadata["title"] = framework.name.empty() ? framework.id : framework.name;
  metadata["last-modified"] = last_modified(framework.updated_at);
  metadata["version"] = framework.version.empty() ? "unspecified" : framework.version;
  metadata["oscal-version"] = "1.1.2";
  if (!framework.ref_id.empty())
    metadata["document-ids"] = OrderedJson::array({{{"identifier", framework.ref_id}}});
  if (framework.version.empty())
    metadata["props"] = OrderedJson::array({prop("version-unknown", "true", true)});
  if (!framework.provider.empty()) {
    std::string party = derived_uuid("party\n" + framework.id + "\n" + framework.provider);
    metadata["roles"] = OrderedJson::array({{{"id", "creator"}, {"title", "Creator"}}});
    metadata["parties"] = OrderedJson::array(
        {{{"uuid", party}, {"type", "organization"}, {"name", framework.provider}}});
    metadata["responsible-parties"] = OrderedJson::array(
        {{{"role-id", "creator"}, {"party-uuids", OrderedJson::array({party})}}});
  }
  if (!framework.description.empty()) metadata["remarks"] = framework.description;

  OrderedJson body;
  body["metadata"] = std::move(metadata);
  CatalogWriter writer(requirements);
  std::set<std::string> visiting;
  writer.write_children("", false, &body, &visiting);
  if (!framework.copyright.empty()) {
    OrderedJson resource = {{"uuid", derived_uuid("copyright\n" + framework.id)},
                            {"title", "Copyright"},
                            {"description", framework.copyright}};
    body["back-matter"] = {{"resources", OrderedJson::array({resource})}};
  }
  auto dump = [](const OrderedJson& j) {
    return j.dump(2, ' ', false, OrderedJson::error_handler_t::replace);
  };
  OrderedJson catalog;
  // The document's UUID changes exactly when its content does.
  catalog["uuid"] = derived_uuid("catalog\n" + framework.id + "\n" + sha256_hex(dump(body)));
  for (auto& [key, value] : body.items()) catalog[key] = value;
  OrderedJson doc;
  doc["catalog"] = std::move(catalog);
  return dump(doc) + "\n";
}

}  // namespace isms
