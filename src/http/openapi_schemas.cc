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

// Access administration (docs/api.md "Users", "Roles and permissions", "People", "Working
// groups and grants", "Settings"): wire objects and request bodies.
Json access_admin_schemas() {
  auto boolean = [] { return Json{{"type", "boolean"}}; };
  auto nullable_time = [] { return Json{{"type", {"string", "null"}}, {"format", "date-time"}}; };
  auto closed = [](Json properties, Json required) {
    return Json{{"type", "object"},
                {"properties", std::move(properties)},
                {"required", std::move(required)},
                {"additionalProperties", false}};
  };
  auto version = [] { return Json{{"type", "integer"}, {"minimum", 1}}; };
  auto string_max = [](int min, int max) {
    return Json{{"type", "string"}, {"minLength", min}, {"maxLength", max}};
  };
  Json employment = {{"type", "string"}, {"enum", {"active", "ended"}}};

  Json person = object_of({{"id", str()},
                           {"name", str()},
                           {"email", str()},
                           {"job_title", str()},
                           {"role_ids", array_of(str())},
                           {"employment_status", employment},
                           {"access_review_required", boolean()},
                           {"version", integer()},
                           {"created_at", datetime()}});
  Json person_fields{{"name", string_max(1, 200)},
                     {"email", string_max(3, 254)},
                     {"job_title", string_max(0, 200)},
                     {"role_ids", array_of(str())},
                     {"employment_status", employment}};
  Json person_update = person_fields;
  person_update["version"] = version();

  Json role = object_of({{"id", str()},
                         {"key", str()},
                         {"name", str()},
                         {"description", str()},
                         {"permissions", array_of(str())},
                         {"builtin", boolean()}});
  Json role_fields{{"name", string_max(1, 100)},
                   {"description", string_max(0, 2000)},
                   {"permissions", array_of(str())}};
  Json role_create = role_fields;
  role_create["key"] = Json{{"type", "string"}, {"pattern", "^[a-z][a-z0-9_]{1,39}$"}};

  Json user = object_of({{"id", str()},
                         {"username", str()},
                         {"person_id", str()},
                         {"person_name", str()},
                         {"disabled", boolean()},
                         {"access_expires_at", nullable_time()},
                         {"must_change_password", boolean()},
                         {"mfa_enabled", boolean()},
                         {"locked_until", nullable_time()},
                         {"failed_logins", integer()},
                         {"password_changed_at", datetime()},
                         {"created_at", datetime()},
                         {"version", integer()}});

  Json group = object_of({{"id", str()},
                          {"name", str()},
                          {"description", str()},
                          {"member_ids", array_of(str())},
                          {"version", integer()},
                          {"created_at", datetime()},
                          {"updated_at", datetime()}});
  Json group_fields{{"name", string_max(1, 100)},
                    {"description", string_max(0, 2000)},
                    {"member_ids", array_of(str())}};
  Json group_update = group_fields;
  group_update["version"] = version();

  Json grant = object_of({{"object_type", str()},
                          {"object_id", str()},
                          {"person_id", str()},
                          {"person_name", str()},
                          {"granted_by", str()},
                          {"granted_at", datetime()}});

  Json settings_props{
      {"mfa_required_role_keys", array_of(str())},
      {"session_idle_minutes", {{"type", "integer"}, {"minimum", 5}, {"maximum", 1440}}},
      {"session_absolute_hours", {{"type", "integer"}, {"minimum", 1}, {"maximum", 168}}},
      {"version", version()}};

  return Json{
      {"Person", person},
      {"PersonList", object_of({{"items", array_of(ref("Person"))}})},
      {"PersonCreate", closed(person_fields, {"name", "email"})},
      {"PersonUpdate", closed(person_update, {"version"})},
      {"AccessReviewRequest", closed({{"note", string_max(1, 2000)}}, {"note"})},
      {"Role", role},
      {"RoleList", object_of({{"items", array_of(ref("Role"))}})},
      {"RoleCreate", closed(role_create, {"key", "name"})},
      {"RoleUpdate", closed(role_fields, Json::array())},
      {"PermissionList",
       object_of({{"items", array_of(object_of({{"name", str()}, {"description", str()}}))}})},
      {"User", user},
      {"UserList", object_of({{"items", array_of(ref("User"))}})},
      {"UserCreate", closed({{"username", {{"type", "string"}, {"pattern", "^[a-z0-9._-]{3,64}$"}}},
                             {"person_id", str()},
                             {"access_expires_at", nullable_time()}},
                            {"username", "person_id"})},
      {"UserCreated", object_of({{"user", ref("User")}, {"one_time_password", str()}})},
      {"UserUpdate", closed({{"disabled", boolean()},
                             {"access_expires_at", nullable_time()},
                             {"version", version()}},
                            {"version"})},
      {"OneTimePassword", object_of({{"one_time_password", str()}})},
      {"RevokedAccess", object_of({{"sessions", integer()}, {"tokens", integer()}})},
      {"EmptyRequest", {{"type", "object"}, {"maxProperties", 0}}},
      {"WorkingGroup", group},
      {"WorkingGroupList", object_of({{"items", array_of(ref("WorkingGroup"))}})},
      {"WorkingGroupCreate", closed(group_fields, {"name"})},
      {"WorkingGroupUpdate", closed(group_update, {"version"})},
      {"ObjectGrant", grant},
      {"ObjectGrantList", object_of({{"items", array_of(ref("ObjectGrant"))}})},
      {"GrantRequest", closed({{"person_id", str()}}, {"person_id"})},
      {"Settings", object_of(settings_props)},
      {"SettingsUpdate", closed(settings_props, {"mfa_required_role_keys", "session_idle_minutes",
                                                 "session_absolute_hours", "version"})},
  };
}

// Authentication, API tokens and "my access" (docs/api.md "Authentication and access",
// "My access", "API tokens"): what auth.cc, tokens.cc and me.cc send and accept.
Json auth_schemas() {
  auto boolean = [] { return Json{{"type", "boolean"}}; };
  auto nullable_time = [] { return Json{{"type", {"string", "null"}}, {"format", "date-time"}}; };
  auto closed = [](Json properties, Json required) {
    return Json{{"type", "object"},
                {"properties", std::move(properties)},
                {"required", std::move(required)},
                {"additionalProperties", false}};
  };
  Json states = {"active", "mfa_required", "password_change_required", "mfa_enrolment_required"};
  Json kinds = {"login_succeeded", "login_failed",       "locked_out",      "throttled",
                "logout",          "password_changed",   "mfa_enrolled",    "mfa_disabled",
                "mfa_failed",      "recovery_code_used", "token_created",   "token_revoked",
                "token_used",      "sessions_revoked",   "account_unlocked"};
  Json scope = {{"type", "string"}, {"enum", {"read", "read_write"}}};

  Json session_info = object_of(
      {{"state", {{"type", "string"}, {"enum", states}}},
       {"csrf_token", str()},
       {"expires_at", datetime()},
       {"idle_expires_at", datetime()},
       {"user",
        object_of(
            {{"id", str()}, {"username", str()}, {"person_id", str()}, {"person_name", str()}})},
       {"roles", array_of(str())},
       {"permissions", array_of(str())},
       {"mfa_enabled", boolean()}});
  Json auth_event = object_of({{"id", integer()},
                               {"at", datetime()},
                               {"kind", {{"type", "string"}, {"enum", kinds}}},
                               {"username", str()},
                               {"user_id", nullable_str()},
                               {"remote_address", str()},
                               {"detail", str()}});
  Json api_token = object_of({{"id", str()},
                              {"user_id", str()},
                              {"name", str()},
                              {"scope", scope},
                              {"registers", array_of(str())},
                              {"created_at", datetime()},
                              {"expires_at", datetime()},
                              {"revoked_at", nullable_time()},
                              {"last_used_at", nullable_time()},
                              {"active", boolean()}});
  Json token_create =
      closed({{"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}}},
              {"scope", scope},
              {"registers", {{"type", "array"}, {"items", str()}, {"maxItems", 20}}},
              {"expires_in_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 365}}}},
             {"name", "scope", "expires_in_days"});
  Json my_session = object_of({{"created_at", datetime()},
                               {"last_seen_at", datetime()},
                               {"remote_address", str()},
                               {"user_agent", str()},
                               {"current", boolean()}});
  Json my_access = object_of({{"user", ref("User")},
                              {"person", ref("Person")},
                              {"roles", array_of(ref("Role"))},
                              {"permissions", array_of(str())},
                              {"groups", array_of(ref("WorkingGroup"))},
                              {"grants", array_of(ref("ObjectGrant"))},
                              {"sessions", array_of(my_session)},
                              {"tokens", array_of(ref("ApiToken"))},
                              {"recovery_codes_left", integer()},
                              {"via_token", boolean()}});

  return Json{
      {"LoginRequest",
       closed({{"username", str()}, {"password", str()}}, {"username", "password"})},
      {"SessionInfo", session_info},
      {"MfaRequest", closed({{"code", str()}, {"recovery_code", str()}}, Json::array())},
      {"PasswordChange", closed({{"current_password", str()}, {"new_password", str()}},
                                {"current_password", "new_password"})},
      {"MfaEnrolment", object_of({{"secret", str()}, {"otpauth_uri", str()}, {"qr_svg", str()}})},
      {"MfaCode", closed({{"code", str()}}, {"code"})},
      {"MfaConfirmation",
       object_of({{"recovery_codes", array_of(str())}, {"session", ref("SessionInfo")}})},
      {"PasswordConfirmation", closed({{"password", str()}}, {"password"})},
      {"RecoveryCodes", object_of({{"recovery_codes", array_of(str())}})},
      {"AuthEvent", auth_event},
      {"AuthEventList", object_of({{"items", array_of(ref("AuthEvent"))},
                                   {"next_before", {{"type", {"integer", "null"}}}}})},
      {"ApiToken", api_token},
      {"ApiTokenList", object_of({{"items", array_of(ref("ApiToken"))}})},
      {"TokenCreate", token_create},
      {"CreatedToken", object_of({{"token", ref("ApiToken")}, {"secret", str()}})},
      {"MyAccess", my_access},
  };
}

// What the asset wire form has beyond its register descriptor's fields (which drive the
// generic UI): working groups (writable), the hidden-content flag (lists of confidential
// and customer_data assets), and a description that is null when hidden.
void add_asset_access_fields(Json* schemas) {
  Json groups = array_of(str());
  groups["title"] = "Working groups";
  groups["description"] =
      "Working groups whose members may read the asset when it is confidential.";
  Json& asset = (*schemas)["Asset"];
  asset["properties"]["working_group_ids"] = groups;
  asset["properties"]["content_hidden"] = {
      {"type", "boolean"},
      {"readOnly", true},
      {"description",
       "true in lists for confidential and customer_data assets: description is then null; "
       "read the asset to see it."}};
  Json& description = asset["properties"]["description"];
  description["type"] = {"string", "null"};
  for (const char* name : {"working_group_ids", "content_hidden"}) {
    asset["required"].push_back(name);
  }
  (*schemas)["AssetCreate"]["properties"]["working_group_ids"] = groups;
  (*schemas)["AssetUpdate"]["properties"]["working_group_ids"] = groups;
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

  Json out{{d.singular, object},
           {d.singular + "Create", create},
           {d.singular + "Update", update},
           {d.singular + "List", list}};
  if (d.name == "assets") add_asset_access_fields(&out);
  return out;
}

Json fixed_schemas() {
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
                 {"ledger", object_of({{"entries", integer()}, {"head_hash", str()}})},
                 {"coverage", {{"oneOf", {ref("CoverageSummary"), {{"type", "null"}}}}}},
                 {"risks", {{"oneOf", {ref("RiskSummary"), {{"type", "null"}}}}}},
                 {"soa", {{"oneOf", {ref("SoaStatus"), {{"type", "null"}}}}}},
                 {"operations", ref("DashboardOperations")}});
  Json descriptor = object_of({{"name", str()},
                               {"title", str()},
                               {"singular", str()},
                               {"path", str()},
                               {"default_sort", str()},
                               {"fields", array_of(ref("FieldDescriptor"))}});
  Json all{
      {"Error", error_schema()},
      {"Health", object_of({{"status", {{"type", "string"}, {"const", "ok"}}}})},
      {"Ready",
       object_of({{"status", {{"type", "string"}, {"const", "ready"}}},
                  {"database", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}}})},
      {"Organization", object_of({{"id", str()}, {"name", str()}, {"created_at", datetime()}})},
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
  for (const Json& more : {access_admin_schemas(), auth_schemas(), catalogue_document_schemas(),
                           risk_control_schemas(), running_schemas(), audit_incident_schemas()}) {
    for (auto it = more.begin(); it != more.end(); ++it) all[it.key()] = it.value();
  }
  return all;
}

}  // namespace isms::http
