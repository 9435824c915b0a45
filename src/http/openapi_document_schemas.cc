// Component schemas of the requirements catalogue, citations, documents and traceability
// (docs/api.md "Catalogue", "Documents", "Traceability and gaps"): what catalogue.cc,
// documents*.cc and traceability.cc send and accept, as service/catalogue_json.h and
// service/document_json.h write them.
#include "http/openapi_schemas.h"

namespace isms::http {
namespace {

Json ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }
Json str() { return Json{{"type", "string"}}; }
Json integer() { return Json{{"type", "integer"}}; }
Json number() { return Json{{"type", "number"}}; }
Json boolean() { return Json{{"type", "boolean"}}; }
Json nullable_str() { return Json{{"type", {"string", "null"}}}; }
Json datetime() { return Json{{"type", "string"}, {"format", "date-time"}}; }
Json nullable_time() { return Json{{"type", {"string", "null"}}, {"format", "date-time"}}; }
Json nullable_date() { return Json{{"type", {"string", "null"}}, {"format", "date"}}; }
Json array_of(Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; }
Json enum_of(Json values) { return Json{{"type", "string"}, {"enum", std::move(values)}}; }
Json string_max(int min, int max) {
  return Json{{"type", "string"}, {"minLength", min}, {"maxLength", max}};
}

// An object schema whose every property is required (what the server always sends).
Json object_of(Json properties) {
  Json required = Json::array();
  for (auto it = properties.begin(); it != properties.end(); ++it) required.push_back(it.key());
  return Json{{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}

// A request body: only these members, `required` of them must be present.
Json closed(Json properties, Json required) {
  return Json{{"type", "object"},
              {"properties", std::move(properties)},
              {"required", std::move(required)},
              {"additionalProperties", false}};
}

Json list_of(const std::string& name) { return object_of({{"items", array_of(ref(name))}}); }

Json classification() { return enum_of({"public", "internal", "confidential", "customer_data"}); }

Json catalogue_schemas() {
  Json framework = object_of({{"id", str()},
                              {"urn", str()},
                              {"ref_id", str()},
                              {"name", str()},
                              {"description", str()},
                              {"version", str()},
                              {"provider", str()},
                              {"source", enum_of({"builtin", "ciso-assistant", "oscal"})},
                              {"copyright", str()},
                              {"updated_at", datetime()},
                              {"requirement_count", integer()}});
  Json requirement = object_of({{"key", str()},
                                {"framework_id", str()},
                                {"ref_id", str()},
                                {"parent_ref_id", str()},
                                {"title", str()},
                                {"description", str()},
                                {"kind", str()},
                                {"assessable", boolean()},
                                {"position", integer()},
                                {"urn", str()},
                                {"notes", str()}});
  Json mapping =
      object_of({{"source", str()},
                 {"target", str()},
                 {"source_title", str()},
                 {"target_title", str()},
                 {"relationship",
                  enum_of({"equal", "subset", "superset", "intersect", "not_related", "related"})},
                 {"origin", str()},
                 {"notes", str()}});
  Json citation = object_of({{"key", str()},
                             {"framework_id", str()},
                             {"ref_id", str()},
                             {"raw", str()},
                             {"offset", integer()},
                             {"length", integer()},
                             {"bracket_offset", integer()},
                             {"bracket_length", integer()},
                             {"from_range", boolean()}});
  Json warning = object_of({{"raw", str()},
                            {"offset", integer()},
                            {"length", integer()},
                            {"framework_id", str()},
                            {"ref_id", str()},
                            {"message", str()},
                            {"suggestion", nullable_str()}});
  Json published = object_of({{"document_id", str()},
                              {"document_title", str()},
                              {"document_kind", enum_of({"policy", "standard", "procedure"})},
                              {"version_id", str()},
                              {"version_label", str()},
                              {"section_number", str()},
                              {"section_title", str()},
                              {"section_anchor", str()},
                              {"framework_id", str()},
                              {"ref_id", str()}});
  Json detail = object_of({{"requirement", ref("Requirement")},
                           {"ancestors", array_of(ref("Requirement"))},
                           {"children", array_of(ref("Requirement"))},
                           {"mappings", array_of(ref("Mapping"))},
                           {"citations", array_of(ref("PublishedCitation"))}});
  Json import_result = object_of({{"framework_ids", array_of(str())},
                                  {"frameworks_created", integer()},
                                  {"frameworks_updated", integer()},
                                  {"requirements_added", integer()},
                                  {"requirements_changed", integer()},
                                  {"requirements_removed", integer()},
                                  {"mappings", integer()},
                                  {"warnings", array_of(str())}});
  return Json{
      {"Framework", framework},
      {"FrameworkList", list_of("Framework")},
      {"Requirement", requirement},
      {"RequirementList", list_of("Requirement")},
      {"Mapping", mapping},
      {"MappingList", list_of("Mapping")},
      {"RequirementDetail", detail},
      {"CatalogueImportResult", import_result},
      {"OscalCatalog",
       {{"type", "object"},
        {"properties", {{"catalog", {{"type", "object"}}}}},
        {"required", {"catalog"}},
        {"description", "An OSCAL 1.1.2 catalog (https://pages.nist.gov/OSCAL/)."}}},
      {"Citation", citation},
      {"CitationWarning", warning},
      {"CitationScan", object_of({{"citations", array_of(ref("Citation"))},
                                  {"warnings", array_of(ref("CitationWarning"))}})},
      {"CitationScanRequest", closed({{"text", str()}}, {"text"})},
      {"PublishedCitation", published},
  };
}

Json version_schema() {
  Json change = object_of(
      {{"version", str()}, {"date", nullable_date()}, {"author", str()}, {"changes", str()}});
  Json section =
      object_of({{"number", str()}, {"title", str()}, {"level", integer()}, {"anchor", str()}});
  Json props{{"id", str()},
             {"document_id", str()},
             {"number", integer()},
             {"status", enum_of({"draft", "in_review", "approved", "published", "superseded"})},
             {"title", str()},
             {"classification", classification()},
             {"label", str()},
             {"last_update", nullable_date()},
             {"author", str()},
             {"information_owner", str()},
             {"approver", str()},
             {"change_log", array_of(change)},
             {"review_interval_months", integer()},
             {"requires_acknowledgement", boolean()},
             {"body", str()},
             {"sections", array_of(section)},
             {"citations", array_of(ref("DocumentCitation"))},
             {"warnings", array_of(ref("CitationWarning"))},
             {"created_by", str()},
             {"created_at", datetime()},
             {"updated_at", datetime()},
             {"submitted_by", nullable_str()},
             {"submitted_at", nullable_time()},
             {"approved_by", nullable_str()},
             {"approved_at", nullable_time()},
             {"published_by", nullable_str()},
             {"published_at", nullable_time()},
             {"superseded_at", nullable_time()},
             {"review_comment", str()},
             {"version", integer()}};
  Json required = Json::array();
  for (auto it = props.begin(); it != props.end(); ++it) {
    // History lists leave the content's derived parts out.
    if (it.key() != "body" && it.key() != "sections" && it.key() != "citations" &&
        it.key() != "warnings") {
      required.push_back(it.key());
    }
  }
  return Json{{"type", "object"}, {"properties", props}, {"required", required}};
}

Json document_schemas() {
  Json document = object_of({{"id", str()},
                             {"kind", enum_of({"policy", "standard", "procedure"})},
                             {"title", str()},
                             {"classification", classification()},
                             {"information_owner", str()},
                             {"owner_role_key", nullable_str()},
                             {"owner_person_id", nullable_str()},
                             {"working_group_ids", array_of(str())},
                             {"latest_version_id", nullable_str()},
                             {"published_version_id", nullable_str()},
                             {"published_label", nullable_str()},
                             {"next_review_date", nullable_date()},
                             {"review_due", boolean()},
                             {"archived_at", nullable_time()},
                             {"version", integer()},
                             {"created_at", datetime()},
                             {"updated_at", datetime()}});
  Json change_in =
      closed({{"version", str()}, {"date", nullable_date()}, {"author", str()}, {"changes", str()}},
             {"version"});
  Json fields{{"title", string_max(1, 300)},
              {"classification", classification()},
              {"label", string_max(1, 20)},
              {"last_update", nullable_date()},
              {"author", string_max(0, 200)},
              {"information_owner", string_max(0, 200)},
              {"approver", string_max(0, 200)},
              {"change_log", {{"type", "array"}, {"items", change_in}, {"maxItems", 500}}},
              {"review_interval_months", {{"type", "integer"}, {"minimum", 1}, {"maximum", 60}}},
              {"requires_acknowledgement", boolean()},
              {"body", {{"type", "string"}, {"description", "Markdown, at most 2 MiB."}}},
              {"owner_person_id", nullable_str()},
              {"working_group_ids", array_of(str())}};
  Json create = fields;
  create["kind"] = enum_of({"policy", "standard", "procedure"});
  Json update = fields;
  update["version"] = Json{
      {"type", "integer"}, {"minimum", 1}, {"description", "The version of the draft last read."}};
  Json view = object_of({{"document", ref("Document")},
                         {"latest", {{"oneOf", {ref("Version"), {{"type", "null"}}}}}},
                         {"published", {{"oneOf", {ref("Version"), {{"type", "null"}}}}}},
                         {"can_write", boolean()},
                         {"can_approve", boolean()}});
  Json diff_line = object_of({{"op", enum_of({" ", "+", "-"})},
                              {"text", str()},
                              {"old_line", integer()},
                              {"new_line", integer()}});
  Json diff = object_of(
      {{"fields", array_of(object_of({{"field", str()}, {"before", str()}, {"after", str()}}))},
       {"lines", array_of(diff_line)},
       {"added", integer()},
       {"removed", integer()}});
  Json section =
      object_of({{"number", str()}, {"title", str()}, {"level", integer()}, {"anchor", str()}});
  Json acknowledgement = object_of({{"version_id", str()},
                                    {"person_id", str()},
                                    {"person_name", str()},
                                    {"acknowledged_at", nullable_time()},
                                    {"last_reminded_at", nullable_time()},
                                    {"reminder_count", integer()}});
  Json pending = object_of({{"document_id", str()},
                            {"document_title", str()},
                            {"version_id", str()},
                            {"version_label", str()},
                            {"published_at", datetime()}});
  Json file = closed({{"name", string_max(1, 255)}, {"content", str()}}, {"name", "content"});
  Json outcome =
      object_of({{"file_name", str()},
                 {"document_id", str()},
                 {"version_id", str()},
                 {"action", enum_of({"created", "new_version", "updated_draft", "unchanged"})},
                 {"notes", array_of(str())},
                 {"citations", integer()},
                 {"warnings", array_of(ref("CitationWarning"))}});
  Json cited{
      {"allOf",
       {ref("Citation"), object_of({{"section_number", str()}, {"section_anchor", str()}})}}};
  return Json{
      {"Document", document},
      {"DocumentList", list_of("Document")},
      {"Version", version_schema()},
      {"VersionList", list_of("Version")},
      {"DocumentCitation", cited},
      {"DocumentView", view},
      {"DocumentCreate", closed(create, {"kind", "title", "classification"})},
      {"DocumentUpdate", closed(update, {"version"})},
      {"WorkflowVersion",
       closed({{"version", {{"type", "integer"}, {"minimum", 1}}}}, {"version"})},
      {"WorkflowReturn", closed({{"version", {{"type", "integer"}, {"minimum", 1}}},
                                 {"comment", string_max(1, 2000)}},
                                {"version", "comment"})},
      {"DocumentArchiveRequest", closed({{"reason", string_max(1, 2000)}}, {"reason"})},
      {"VersionDiff", diff},
      {"DocumentPreviewRequest",
       closed(
           {{"body", str()}, {"title", string_max(1, 300)}, {"classification", classification()}},
           {"body"})},
      {"DocumentPreview", object_of({{"html", str()},
                                     {"sections", array_of(section)},
                                     {"citations", array_of(ref("DocumentCitation"))},
                                     {"warnings", array_of(ref("CitationWarning"))}})},
      {"Acknowledgement", acknowledgement},
      {"AcknowledgementList", list_of("Acknowledgement")},
      {"AcknowledgementStatus", object_of({{"version_id", str()},
                                           {"persons", array_of(ref("Acknowledgement"))},
                                           {"acknowledged", integer()},
                                           {"pending", integer()},
                                           {"completion_rate", number()}})},
      {"PendingAcknowledgement", pending},
      {"PendingAcknowledgementList", list_of("PendingAcknowledgement")},
      {"DocumentImportRequest",
       closed({{"files", {{"type", "array"}, {"items", file}, {"minItems", 1}, {"maxItems", 200}}}},
              {"files"})},
      {"DocumentImportResult", object_of({{"items", array_of(outcome)}})},
      {"DocumentFiles", object_of({{"files", array_of(file)}})},
  };
}

Json traceability_schemas() {
  Json figures = object_of({{"total", integer()},
                            {"covered", integer()},
                            {"covered_through_mapping", integer()},
                            {"percent", number()},
                            {"percent_with_mapping", number()}});
  Json row = object_of({{"requirement", ref("Requirement")},
                        {"citations", array_of(ref("PublishedCitation"))},
                        {"covered_through", array_of(str())}});
  Json report = object_of({{"framework_id", str()},
                           {"framework_name", str()},
                           {"scope", str()},
                           {"figures", ref("CoverageFigures")},
                           {"rows", array_of(ref("TraceRow"))},
                           {"gaps", array_of(ref("Requirement"))}});
  Json summary_report = object_of({{"framework_id", str()},
                                   {"framework_name", str()},
                                   {"scope", str()},
                                   {"figures", ref("CoverageFigures")}});
  return Json{
      {"CoverageFigures", figures},
      {"TraceRow", row},
      {"TraceMatrix", list_of("TraceRow")},
      {"GapReport", report},
      {"CoverageReport", summary_report},
      {"CoverageSummary", object_of({{"reports", array_of(ref("CoverageReport"))}})},
  };
}

}  // namespace

Json catalogue_document_schemas() {
  Json all = catalogue_schemas();
  for (const Json& more : {document_schemas(), traceability_schemas()}) {
    for (auto it = more.begin(); it != more.end(); ++it) all[it.key()] = it.value();
  }
  return all;
}

}  // namespace isms::http
