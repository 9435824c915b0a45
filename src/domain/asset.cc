#include "domain/asset.h"

#include "base/crypto.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace isms {

namespace {

constexpr std::array<std::pair<AssetType, std::string_view>, 9> kTypes = {{
    {AssetType::kInformation, "information"},
    {AssetType::kSystem, "system"},
    {AssetType::kApplication, "application"},
    {AssetType::kService, "service"},
    {AssetType::kDevice, "device"},
    {AssetType::kNetwork, "network"},
    {AssetType::kCloudService, "cloud_service"},
    {AssetType::kFacility, "facility"},
    {AssetType::kOther, "other"},
}};

constexpr std::array<std::pair<LifecycleStatus, std::string_view>, 4> kStatuses = {{
    {LifecycleStatus::kPlanned, "planned"},
    {LifecycleStatus::kActive, "active"},
    {LifecycleStatus::kRetiring, "retiring"},
    {LifecycleStatus::kRetired, "retired"},
}};

// Counts code points; input is known-valid UTF-8 (the JSON parser checked it).
size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// C0 controls, DEL and the C1 controls U+0080..U+009F (UTF-8 C2 80..C2 9F), which render
// invisibly or move the cursor in terminals and logs.
bool has_control_characters(std::string_view s, bool allow_newlines) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_text(std::vector<FieldError>& errors, const char* field, std::string_view value,
                size_t max, bool multiline) {
  if (!is_valid_utf8(value)) return errors.push_back({field, "must be valid UTF-8"});
  size_t n = utf8_length(value);
  if (n > max) {
    errors.push_back({field, "must be at most " + std::to_string(max) + " characters (got " +
                                 std::to_string(n) + ")"});
  } else if (has_control_characters(value, multiline)) {
    errors.push_back({field, "must not contain control characters"});
  }
}

// Per-field decoders: each records a FieldError and leaves the output unset on failure.
struct Decoder {
  std::vector<FieldError> errors;

  void string(const Json& v, const char* field, std::optional<std::string>* out) {
    if (!v.is_string()) return errors.push_back({field, "must be a string"});
    *out = v.get<std::string>();
  }
  template <typename E>
  void enumeration(const Json& v, const char* field, std::optional<E> (*parse)(std::string_view),
                   const std::string& allowed, std::optional<E>* out) {
    if (!v.is_string()) return errors.push_back({field, "must be a string, one of " + allowed});
    auto parsed = parse(v.get<std::string>());
    if (!parsed) {
      return errors.push_back(
          {field, "unknown value \"" + v.get<std::string>() + "\"; expected one of " + allowed});
    }
    *out = *parsed;
  }
  void level(const Json& v, const char* field, std::optional<int>* out) {
    if (!v.is_number_integer()) return errors.push_back({field, "must be an integer from 1 to 4"});
    auto n = v.get<int64_t>();
    if (n < kMinLevel || n > kMaxLevel) {
      return errors.push_back(
          {field, "must be from 1 (low) to 4 (very high), got " + std::to_string(n)});
    }
    *out = static_cast<int>(n);
  }
};

std::string allowed_types() {
  std::string s;
  for (auto& [t, name] : kTypes) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}
std::string allowed_statuses() {
  std::string s;
  for (auto& [t, name] : kStatuses) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}
std::string allowed_classifications() { return "public, internal, confidential, customer_data"; }

}  // namespace

std::string_view asset_type_name(AssetType t) {
  for (auto& [type, name] : kTypes)
    if (type == t) return name;
  return "other";
}
std::optional<AssetType> parse_asset_type(std::string_view name) {
  for (auto& [type, n] : kTypes)
    if (n == name) return type;
  return std::nullopt;
}
std::string_view lifecycle_status_name(LifecycleStatus s) {
  for (auto& [status, name] : kStatuses)
    if (status == s) return name;
  return "active";
}
std::optional<LifecycleStatus> parse_lifecycle_status(std::string_view name) {
  for (auto& [status, n] : kStatuses)
    if (n == name) return status;
  return std::nullopt;
}
std::string_view level_label(int level) {
  switch (level) {
    case 1:
      return "Low";
    case 2:
      return "Medium";
    case 3:
      return "High";
    case 4:
      return "Very high";
  }
  return "Unknown";
}

Result<AssetPatch> asset_patch_from_json(const Json& body) {
  if (!body.is_object()) {
    return Error::invalid("body", "must be a JSON object");
  }
  AssetPatch patch;
  AssetFields& f = patch.fields;
  Decoder d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "name") {
      d.string(v, "name", &f.name);
    } else if (key == "description") {
      d.string(v, "description", &f.description);
    } else if (key == "business_function") {
      d.string(v, "business_function", &f.business_function);
    } else if (key == "type") {
      d.enumeration(v, "type", parse_asset_type, allowed_types(), &f.type);
    } else if (key == "classification") {
      d.enumeration(v, "classification", parse_classification, allowed_classifications(),
                    &f.classification);
    } else if (key == "lifecycle_status") {
      d.enumeration(v, "lifecycle_status", parse_lifecycle_status, allowed_statuses(),
                    &f.lifecycle_status);
    } else if (key == "confidentiality") {
      d.level(v, "confidentiality", &f.confidentiality);
    } else if (key == "integrity") {
      d.level(v, "integrity", &f.integrity);
    } else if (key == "availability") {
      d.level(v, "availability", &f.availability);
    } else if (key == "authenticity") {
      d.level(v, "authenticity", &f.authenticity);
    } else if (key == "owner_id") {
      if (v.is_null()) {
        f.owner_id = std::optional<std::string>{};
      } else if (v.is_string()) {
        f.owner_id = std::optional<std::string>{v.get<std::string>()};
      } else {
        d.errors.push_back({"owner_id", "must be a person id (string) or null"});
      }
    } else if (key == "depends_on") {
      if (!v.is_array()) {
        d.errors.push_back({"depends_on", "must be an array of asset ids"});
        continue;
      }
      std::vector<std::string> ids;
      bool ok = true;
      for (const Json& e : v) {
        if (!e.is_string()) {
          d.errors.push_back({"depends_on", "must contain only asset ids (strings)"});
          ok = false;
          break;
        }
        ids.push_back(e.get<std::string>());
      }
      if (ok) f.depends_on = std::move(ids);
    } else if (key == "working_group_ids") {
      if (!v.is_array()) {
        d.errors.push_back({"working_group_ids", "must be an array of working group ids"});
        continue;
      }
      std::vector<std::string> ids;
      bool ok = true;
      for (const Json& e : v) {
        if (!e.is_string()) {
          d.errors.push_back(
              {"working_group_ids", "must contain only working group ids (strings)"});
          ok = false;
          break;
        }
        ids.push_back(e.get<std::string>());
      }
      if (ok) f.working_group_ids = std::move(ids);
    } else if (key == "version") {
      if (!v.is_number_integer() || v.get<int64_t>() < 1) {
        d.errors.push_back({"version", "must be a positive integer"});
      } else {
        patch.version = v.get<int64_t>();
      }
    } else if (key == "justification") {
      std::optional<std::string> j;
      d.string(v, "justification", &j);
      if (j) {
        if (utf8_length(*j) > 2000) {
          d.errors.push_back({"justification", "must be at most 2000 characters"});
        } else {
          patch.justification = *j;
        }
      }
    } else if (key == "id" || key == "owner_name" || key == "archived" || key == "archived_at" ||
               key == "archive_reason" || key == "created_at" || key == "updated_at" ||
               key == "content_hidden") {
      d.errors.push_back({key, "is read-only"});
    } else {
      d.errors.push_back({key, "unknown field"});
    }
  }
  // Field rules for the fields given, so one response names every problem at once.
  Asset scratch;
  apply_asset_fields(f, &scratch);
  for (auto& e : validate_asset(scratch)) {
    bool reported = std::any_of(d.errors.begin(), d.errors.end(),
                                [&](const FieldError& x) { return x.field == e.field; });
    if (body.contains(e.field) && !reported) d.errors.push_back(std::move(e));
  }
  if (!d.errors.empty()) return Error::invalid(std::move(d.errors));
  return patch;
}

void apply_asset_fields(const AssetFields& f, Asset* a) {
  if (f.name) a->name = *f.name;
  if (f.type) a->type = *f.type;
  if (f.description) a->description = *f.description;
  if (f.owner_id) a->owner_id = *f.owner_id;
  if (f.business_function) a->business_function = *f.business_function;
  if (f.classification) a->classification = *f.classification;
  if (f.confidentiality) a->confidentiality = *f.confidentiality;
  if (f.integrity) a->integrity = *f.integrity;
  if (f.availability) a->availability = *f.availability;
  if (f.authenticity) a->authenticity = *f.authenticity;
  if (f.lifecycle_status) a->lifecycle_status = *f.lifecycle_status;
  if (f.depends_on) {
    // Stored sorted and unique so equal sets compare equal and diffs stay quiet.
    std::set<std::string> unique(f.depends_on->begin(), f.depends_on->end());
    a->depends_on.assign(unique.begin(), unique.end());
  }
  if (f.working_group_ids) {
    std::set<std::string> unique(f.working_group_ids->begin(), f.working_group_ids->end());
    a->working_group_ids.assign(unique.begin(), unique.end());
  }
}

std::vector<FieldError> validate_asset(const Asset& a) {
  std::vector<FieldError> errors;
  if (is_blank(a.name)) {
    errors.push_back({"name", "must not be empty"});
  } else {
    check_text(errors, "name", a.name, kAssetNameMax, false);
  }
  check_text(errors, "description", a.description, kAssetDescriptionMax, true);
  check_text(errors, "business_function", a.business_function, kAssetBusinessFunctionMax, false);
  for (auto [field, value] : {std::pair{"confidentiality", a.confidentiality},
                              {"integrity", a.integrity},
                              {"availability", a.availability},
                              {"authenticity", a.authenticity}}) {
    if (value < kMinLevel || value > kMaxLevel) errors.push_back({field, "must be from 1 to 4"});
  }
  if (a.owner_id && a.owner_id->empty()) errors.push_back({"owner_id", "must not be empty"});
  if (a.depends_on.size() > kAssetDependenciesMax) {
    errors.push_back(
        {"depends_on", "must list at most " + std::to_string(kAssetDependenciesMax) + " assets"});
  } else if (!a.id.empty() &&
             std::find(a.depends_on.begin(), a.depends_on.end(), a.id) != a.depends_on.end()) {
    errors.push_back({"depends_on", "an asset cannot depend on itself"});
  }
  if (a.working_group_ids.size() > kAssetWorkingGroupsMax) {
    errors.push_back({"working_group_ids",
                      "must list at most " + std::to_string(kAssetWorkingGroupsMax) + " groups"});
  }
  return errors;
}

Status check_asset_update(const Asset& before, const Asset& after, std::string_view justification) {
  if (before.archived()) return Error::conflict("asset " + before.id + " is archived");
  auto errors = validate_asset(after);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return check_reclassification(before.classification, after.classification, justification);
}

namespace {
Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// What the ledger keeps of the description (see asset_ledger_record).
Json ledger_description(const Asset& a) {
  if (a.classification < Classification::kConfidential) return a.description;
  return "sha256:" + sha256_hex(a.description);
}
}  // namespace

Json asset_to_json(const Asset& a) {
  return Json{{"id", a.id},
              {"name", a.name},
              {"type", asset_type_name(a.type)},
              {"description", a.content_hidden ? Json(nullptr) : Json(a.description)},
              {"content_hidden", a.content_hidden},
              {"working_group_ids", a.working_group_ids},
              {"owner_id", optional_json(a.owner_id)},
              {"owner_name", optional_json(a.owner_name)},
              {"business_function", a.business_function},
              {"classification", classification_name(a.classification)},
              {"confidentiality", a.confidentiality},
              {"integrity", a.integrity},
              {"availability", a.availability},
              {"authenticity", a.authenticity},
              {"lifecycle_status", lifecycle_status_name(a.lifecycle_status)},
              {"depends_on", a.depends_on},
              {"archived", a.archived()},
              {"archived_at", optional_json(a.archived_at)},
              {"archive_reason", optional_json(a.archive_reason)},
              {"version", a.version},
              {"created_at", a.created_at},
              {"updated_at", a.updated_at}};
}

Json asset_ledger_record(const Asset& asset) {
  Json j = asset_to_json(asset);
  j.erase("owner_name");
  j.erase("archived");
  j.erase("content_hidden");
  j["description"] = ledger_description(asset);
  return j;
}

Json asset_diff(const Asset& before, const Asset& after, std::string_view justification) {
  Json b = asset_ledger_record(before), a = asset_ledger_record(after);
  Json diff = Json::object();
  for (const char* key :
       {"name", "type", "description", "owner_id", "business_function", "classification",
        "confidentiality", "integrity", "availability", "authenticity", "lifecycle_status",
        "depends_on", "working_group_ids", "archived_at", "archive_reason"}) {
    if (b[key] != a[key]) diff[key] = Json{{"from", b[key]}, {"to", a[key]}};
  }
  if (!justification.empty()) diff["justification"] = std::string(justification);
  return diff;
}

}  // namespace isms
