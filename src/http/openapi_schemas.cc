#include "http/openapi_schemas.h"

#include "domain/asset.h"

namespace isms::http {
namespace {

Json ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }
Json str() { return Json{{"type", "string"}}; }
Json integer() { return Json{{"type", "integer"}}; }
Json nullable_str() { return Json{{"type", {"string", "null"}}}; }
Json datetime() { return Json{{"type", "string"}, {"format", "date-time"}}; }
Json array_of(Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; }

// An object schema whose every property is required (what the server always sends).
Json object_of(Json properties) {
  Json required = Json::array();
  for (auto it = properties.begin(); it != properties.end(); ++it) required.push_back(it.key());
  return Json{{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}

Json counts_map() { return Json{{"type", "object"}, {"additionalProperties", integer()}}; }

Json error_schema() {
  Json codes = Json::array();
  for (int c = static_cast<int>(ErrorCode::kMalformed);
       c <= static_cast<int>(ErrorCode::kMethodNotAllowed); ++c) {
    codes.push_back(std::string(error_code_name(static_cast<ErrorCode>(c))));
  }
  Json detail = object_of({{"field", str()}, {"message", str()}});
  Json inner{{"type", "object"},
             {"properties",
              {{"code", {{"type", "string"}, {"enum", codes}}},
               {"message", str()},
               {"field", str()},
               {"details", array_of(detail)},
               {"request_id", str()}}},
             {"required", {"code", "message", "request_id"}}};
  return object_of({{"error", inner}});
}

Json field_descriptor_schema() {
  Json option = object_of({{"value", Json{{"type", {"string", "integer"}}}}, {"label", str()}});
  Json types = {"string",         "text",     "enum",    "level",  "reference",
                "reference_list", "datetime", "boolean", "integer"};
  Json props{{"name", str()},
             {"label", str()},
             {"type", {{"type", "string"}, {"enum", types}}},
             {"required", {{"type", "boolean"}}},
             {"read_only", {{"type", "boolean"}}},
             {"list", {{"type", "boolean"}}},
             {"sortable", {{"type", "boolean"}}},
             {"filterable", {{"type", "boolean"}}},
             {"max_length", integer()},
             {"options", array_of(option)},
             {"reference", str()},
             {"display_field", str()},
             {"help", str()}};
  return Json{
      {"type", "object"},
      {"properties", props},
      {"required",
       {"name", "label", "type", "required", "read_only", "list", "sortable", "filterable"}}};
}

}  // namespace

Json register_wire_example(const std::string& name) {
  if (name == "assets") return asset_to_json(Asset{});
  return nullptr;
}

Json field_schema(const FieldDescriptor& f, bool nullable) {
  Json s;
  const std::string& t = f.type;
  if (t == "string" || t == "text" || t == "reference") {
    s = str();
    if (f.max_length > 0) s["maxLength"] = f.max_length;
    if (f.required && !f.read_only && t != "reference") s["minLength"] = 1;
  } else if (t == "enum" || t == "level") {
    Json values = Json::array();
    for (const auto& o : f.options) values.push_back(o.value);
    s = Json{{"type", t == "level" ? "integer" : "string"}, {"enum", values}};
    if (nullable) s["enum"].push_back(nullptr);
  } else if (t == "reference_list") {
    s = array_of(str());
  } else if (t == "datetime") {
    s = datetime();
  } else if (t == "boolean") {
    s = Json{{"type", "boolean"}};
  } else if (t == "integer") {
    s = integer();
  } else {
    s = Json::object();  // a type this generator does not know yet: any value
  }
  if (nullable && s.contains("type") && s["type"].is_string()) {
    s["type"] = {s["type"], "null"};
  }
  if (!f.label.empty()) s["title"] = f.label;
  if (!f.help.empty()) s["description"] = f.help;
  if (f.read_only) s["readOnly"] = true;
  return s;
}

Json register_schemas(const RegisterDescriptor& d, const Json& example) {
  Json all = Json::object(), writable = Json::object(), required_on_create = Json::array();
  for (const auto& f : d.fields) {
    bool nullable = example.is_object() && example.contains(f.name) && example[f.name].is_null();
    all[f.name] = field_schema(f, nullable);
    if (f.read_only) continue;
    Json w = field_schema(f, nullable);
    writable[f.name] = w;
    if (f.required) required_on_create.push_back(f.name);
  }
  Json object = object_of(all);
  object["title"] = d.singular;

  Json create{{"type", "object"},
              {"properties", writable},
              {"required", required_on_create},
              {"additionalProperties", false}};

  Json update_props = writable;
  update_props["version"] = Json{{"type", "integer"},
                                 {"minimum", 1},
                                 {"description", "The version last read; or send If-Match."}};
  update_props["justification"] =
      Json{{"type", "string"}, {"description", "Why; required when lowering classification."}};
  Json update{{"type", "object"}, {"properties", update_props}, {"additionalProperties", false}};

  Json list{{"type", "object"},
            {"properties",
             {{"items", array_of(ref(d.singular))},
              {"next_cursor", nullable_str()},
              {"total", Json{{"type", "integer"}, {"description", "With include_total=true."}}}}},
            {"required", {"items", "next_cursor"}}};

  return Json{{d.singular, object},
              {d.singular + "Create", create},
              {d.singular + "Update", update},
              {d.singular + "List", list}};
}

Json fixed_schemas() {
  Json person =
      object_of({{"id", str()},
                 {"name", str()},
                 {"email", str()},
                 {"job_title", str()},
                 {"role_ids", array_of(str())},
                 {"employment_status", {{"type", "string"}, {"enum", {"active", "ended"}}}},
                 {"created_at", datetime()}});
  Json role = object_of({{"id", str()}, {"key", str()}, {"name", str()}, {"description", str()}});
  Json entry = object_of({{"seq", integer()},
                          {"at", datetime()},
                          {"actor", str()},
                          {"action", str()},
                          {"object_type", str()},
                          {"object_id", str()},
                          {"change", {{"type", "object"}}},
                          {"prev_hash", str()},
                          {"hash", str()}});
  Json verify{{"type", "object"},
              {"properties",
               {{"ok", {{"type", "boolean"}}},
                {"entries", integer()},
                {"checkpoints", integer()},
                {"head_hash", str()},
                {"first_bad_seq", {{"type", {"integer", "null"}}}},
                {"reason", str()}}},
              {"required", {"ok", "entries"}}};
  Json dashboard =
      object_of({{"organization", ref("Organization")},
                 {"assets", object_of({{"total", integer()},
                                       {"by_classification", counts_map()},
                                       {"by_lifecycle_status", counts_map()},
                                       {"without_owner", integer()}})},
                 {"persons", integer()},
                 {"ledger", object_of({{"entries", integer()}, {"head_hash", str()}})}});
  Json descriptor = object_of({{"name", str()},
                               {"title", str()},
                               {"singular", str()},
                               {"path", str()},
                               {"default_sort", str()},
                               {"fields", array_of(ref("FieldDescriptor"))}});
  return Json{
      {"Error", error_schema()},
      {"Health", object_of({{"status", {{"type", "string"}, {"const", "ok"}}}})},
      {"Ready",
       object_of({{"status", {{"type", "string"}, {"const", "ready"}}},
                  {"database", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}}})},
      {"Organization", object_of({{"id", str()}, {"name", str()}, {"created_at", datetime()}})},
      {"Person", person},
      {"PersonList", object_of({{"items", array_of(ref("Person"))}})},
      {"Role", role},
      {"RoleList", object_of({{"items", array_of(ref("Role"))}})},
      {"FieldDescriptor", field_descriptor_schema()},
      {"RegisterDescriptor", descriptor},
      {"RegisterList", object_of({{"items", array_of(ref("RegisterDescriptor"))}})},
      {"DemoRequest", {{"type", "object"}, {"maxProperties", 0}}},
      {"DemoResult", object_of({{"persons", integer()}, {"assets", integer()}})},
      {"Dashboard", dashboard},
      {"LedgerEntry", entry},
      {"LedgerPage", object_of({{"items", array_of(ref("LedgerEntry"))},
                                {"next_after", {{"type", {"integer", "null"}}}}})},
      {"VerifyReport", verify},
      {"ArchiveRequest",
       {{"type", "object"},
        {"properties",
         {{"reason", {{"type", "string"}, {"minLength", 1}}},
          {"version", {{"type", "integer"}, {"minimum", 1}}}}},
        {"required", Json::array({"reason"})},
        {"additionalProperties", false}}},
      {"OpenApiDocument", {{"type", "object"}}},
  };
}

}  // namespace isms::http
