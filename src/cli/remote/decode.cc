#include "cli/remote/decode.h"

#include <optional>
#include <string>
#include <vector>

namespace isms::cli {

namespace {

// Reads typed fields of one JSON object; remembers the first problem, after which every
// read returns a default. `what` names the object in messages ("asset", "items[3]").
class Reader {
 public:
  Reader(const Json& json, std::string what) : json_(json), what_(std::move(what)) {
    if (!json_.is_object()) fail("is not a JSON object");
  }

  std::string string(const char* key) {
    const Json* v = find(key, /*required=*/true);
    if (v == nullptr) return {};
    if (!v->is_string()) return fail(key, "is not a string"), std::string();
    return v->get<std::string>();
  }

  // A string that may be null or absent.
  std::optional<std::string> optional_string(const char* key) {
    const Json* v = find(key, /*required=*/false);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) return fail(key, "is not a string or null"), std::nullopt;
    return v->get<std::string>();
  }

  int64_t integer(const char* key) {
    const Json* v = find(key, /*required=*/true);
    if (v == nullptr) return 0;
    if (!v->is_number_integer()) return fail(key, "is not an integer"), 0;
    return v->get<int64_t>();
  }

  int level(const char* key) {
    int64_t n = integer(key);
    if (ok() && (n < kMinLevel || n > kMaxLevel)) fail(key, "is not a level from 1 to 4");
    return static_cast<int>(n);
  }

  bool boolean(const char* key, bool fallback) {
    const Json* v = find(key, /*required=*/false);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_boolean()) return fail(key, "is not true or false"), fallback;
    return v->get<bool>();
  }

  // An array of strings; absent or null = empty.
  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    const Json* v = find(key, /*required=*/false);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) return fail(key, "is not an array"), out;
    for (const Json& item : *v) {
      if (!item.is_string()) return fail(key, "holds a value that is not a string"), out;
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  // A string naming an enum value, parsed with `parse`.
  template <typename Parse>
  auto enumeration(const char* key, Parse parse) -> decltype(parse(std::string_view())) {
    std::string name = string(key);
    if (!ok()) return std::nullopt;
    auto value = parse(name);
    if (!value) fail(key, "has the unknown value '" + name.substr(0, 40) + "'");
    return value;
  }

  bool ok() const { return !error_.has_value(); }
  Error error() const { return *error_; }

 private:
  const Json* find(const char* key, bool required) {
    if (!ok()) return nullptr;
    auto it = json_.find(key);
    if (it == json_.end()) {
      if (required) fail(key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  // "<what> <why>" or, for a field, "<what>.<key> <why>".
  void fail(const std::string& why) { fail_at("", why); }
  void fail(const char* key, const std::string& why) { fail_at("." + std::string(key), why); }
  void fail_at(const std::string& where, const std::string& why) {
    if (ok()) {
      Error e;
      e.code = ErrorCode::kMalformed;
      e.message = "unexpected answer from the server: " + what_ + where + " " + why;
      error_ = std::move(e);
    }
  }

  const Json& json_;
  std::string what_;
  std::optional<Error> error_;
};

// The "items" array of a list body, each decoded with `decode`.
template <typename T>
Result<std::vector<T>> items_from_json(const Json& json, const char* what,
                                       Result<T> (*decode)(const Json&)) {
  if (!json.is_object() || !json.contains("items") || !json["items"].is_array()) {
    Error e;
    e.code = ErrorCode::kMalformed;
    e.message = std::string("unexpected answer from the server: no \"items\" array of ") + what;
    return e;
  }
  std::vector<T> out;
  out.reserve(json["items"].size());
  for (const Json& item : json["items"]) {
    ISMS_ASSIGN(T value, decode(item));
    out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

Result<Asset> asset_from_json(const Json& json) {
  Reader r(json, "asset");
  Asset a;
  a.id = r.string("id");
  a.name = r.string("name");
  if (auto type = r.enumeration("type", parse_asset_type)) a.type = *type;
  a.description = r.optional_string("description").value_or("");
  // A list leaves out the content of confidential objects: description null.
  a.content_hidden =
      r.boolean("content_hidden", false) ||
      (json.is_object() && json.contains("description") && json["description"].is_null());
  a.working_group_ids = r.strings("working_group_ids");
  a.owner_id = r.optional_string("owner_id");
  a.owner_name = r.optional_string("owner_name");
  a.business_function = r.optional_string("business_function").value_or("");
  if (auto c = r.enumeration("classification", parse_classification)) a.classification = *c;
  a.confidentiality = r.level("confidentiality");
  a.integrity = r.level("integrity");
  a.availability = r.level("availability");
  a.authenticity = r.level("authenticity");
  if (auto s = r.enumeration("lifecycle_status", parse_lifecycle_status)) a.lifecycle_status = *s;
  a.depends_on = r.strings("depends_on");
  a.archived_at = r.optional_string("archived_at");
  a.archive_reason = r.optional_string("archive_reason");
  a.version = r.integer("version");
  a.created_at = r.string("created_at");
  a.updated_at = r.string("updated_at");
  if (!r.ok()) return r.error();
  return a;
}

Result<AssetListResult> asset_list_from_json(const Json& json) {
  AssetListResult result;
  ISMS_ASSIGN(result.items, items_from_json<Asset>(json, "assets", asset_from_json));
  Reader r(json, "asset list");
  result.next_cursor = r.optional_string("next_cursor").value_or("");
  if (json.contains("total") && !json["total"].is_null()) result.total = r.integer("total");
  if (!r.ok()) return r.error();
  return result;
}

Result<Person> person_from_json(const Json& json) {
  Reader r(json, "person");
  Person p;
  p.id = r.string("id");
  p.name = r.string("name");
  p.email = r.optional_string("email").value_or("");
  p.job_title = r.optional_string("job_title").value_or("");
  p.role_ids = r.strings("role_ids");
  std::string status = r.optional_string("employment_status").value_or("active");
  if (status == "ended") {
    p.employment_status = EmploymentStatus::kEnded;
  } else if (status != "active" && r.ok()) {
    Error e;
    e.code = ErrorCode::kMalformed;
    e.message =
        "unexpected answer from the server: person.employment_status has the unknown "
        "value '" +
        status.substr(0, 40) + "'";
    return e;
  }
  p.access_review_required = r.boolean("access_review_required", false);
  if (json.is_object() && json.contains("version")) p.version = r.integer("version");
  p.created_at = r.optional_string("created_at").value_or("");
  if (!r.ok()) return r.error();
  return p;
}

Result<Role> role_from_json(const Json& json) {
  Reader r(json, "role");
  Role role;
  role.id = r.string("id");
  role.key = r.string("key");
  role.name = r.string("name");
  role.description = r.optional_string("description").value_or("");
  role.permissions = r.strings("permissions");
  role.builtin = r.boolean("builtin", false);
  if (!r.ok()) return r.error();
  return role;
}

Result<std::vector<Person>> persons_from_json(const Json& json) {
  return items_from_json<Person>(json, "persons", person_from_json);
}

Result<std::vector<Role>> roles_from_json(const Json& json) {
  return items_from_json<Role>(json, "roles", role_from_json);
}

}  // namespace isms::cli
