// Component schemas of the risk method, threats and vulnerabilities, risks, risk cycles,
// controls and evidence, and the Statement of Applicability (docs/api.md, the sections of
// issue 5): what risk_method.cc, risks.cc, risk_cycles.cc, controls.cc and soa.cc send and
// accept, as the domain encoders (domain/risk*.h, control.h, soa.h) write them.
#include "http/openapi_schemas.h"

namespace isms::http {
namespace {

Json ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }
Json str() { return Json{{"type", "string"}}; }
Json integer() { return Json{{"type", "integer"}}; }
Json boolean() { return Json{{"type", "boolean"}}; }
Json nullable_str() { return Json{{"type", {"string", "null"}}}; }
Json datetime() { return Json{{"type", "string"}, {"format", "date-time"}}; }
Json nullable_time() { return Json{{"type", {"string", "null"}}, {"format", "date-time"}}; }
Json date() { return Json{{"type", "string"}, {"format", "date"}}; }
Json nullable_date() { return Json{{"type", {"string", "null"}}, {"format", "date"}}; }
Json array_of(Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; }
Json enum_of(Json values) { return Json{{"type", "string"}, {"enum", std::move(values)}}; }
Json nullable(const std::string& name) { return Json{{"oneOf", {ref(name), {{"type", "null"}}}}}; }
Json version() { return Json{{"type", "integer"}, {"minimum", 1}}; }
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

// {"items", "next_cursor", "total"?}: a register page.
Json page_of(const std::string& name) {
  return Json{
      {"type", "object"},
      {"properties",
       {{"items", array_of(ref(name))}, {"next_cursor", nullable_str()}, {"total", integer()}}},
      {"required", {"items", "next_cursor"}}};
}

Json properties() {
  return array_of(enum_of({"confidentiality", "integrity", "availability", "authenticity"}));
}

Json method_schemas() {
  Json scale = object_of({{"value", integer()}, {"name", str()}, {"description", str()}});
  Json level = object_of({{"rank", integer()},
                          {"key", str()},
                          {"name", str()},
                          {"colour", {{"type", "string"}, {"pattern", "^#[0-9A-Fa-f]{6}$"}}}});
  Json grid = array_of(array_of(integer()));
  Json method = object_of({{"number", integer()},
                           {"name", str()},
                           {"likelihood", array_of(ref("ScaleLevel"))},
                           {"impact", array_of(ref("ScaleLevel"))},
                           {"levels", array_of(ref("RiskLevel"))},
                           {"grid", grid},
                           {"appetite_rank", integer()},
                           {"appetite_level", ref("RiskLevel")},
                           {"acceptance_role_key", str()},
                           {"acceptance_validity_months", integer()},
                           {"change_note", str()},
                           {"created_by", str()},
                           {"created_at", datetime()}});
  Json scale_write =
      closed({{"name", str()}, {"description", str()}, {"value", integer()}}, {"name"});
  Json method_write = closed(
      {{"name", str()},
       {"likelihood",
        {{"type", "array"}, {"items", scale_write}, {"minItems", 3}, {"maxItems", 6}}},
       {"impact", {{"type", "array"}, {"items", scale_write}, {"minItems", 3}, {"maxItems", 6}}},
       {"levels",
        {{"type", "array"}, {"items", ref("RiskLevel")}, {"minItems", 2}, {"maxItems", 6}}},
       {"grid", grid},
       {"appetite_rank", integer()},
       {"acceptance_role_key", str()},
       {"acceptance_validity_months", {{"type", "integer"}, {"minimum", 1}, {"maximum", 36}}},
       {"change_note", str()}},
      {"likelihood", "impact", "levels", "grid"});
  Json value_map = {{"type", "object"},
                    {"description", "Old scale value -> new value, one entry per old value."},
                    {"additionalProperties", integer()}};
  Json change = object_of({{"likelihood_before", integer()},
                           {"impact_before", integer()},
                           {"level_before", integer()},
                           {"likelihood_after", integer()},
                           {"impact_after", integer()},
                           {"level_after", integer()}});
  Json changed = object_of({{"risk_id", str()},
                            {"ref", str()},
                            {"title", str()},
                            {"inherent", ref("RatingChange")},
                            {"residual", ref("RatingChange")}});
  return Json{
      {"ScaleLevel", scale},
      {"RiskLevel", level},
      {"RiskMethod", method},
      {"RiskMethodList", list_of("RiskMethod")},
      {"RiskMethodWrite", method_write},
      {"RiskMethodPreviewRequest", closed({{"method", ref("RiskMethodWrite")},
                                           {"likelihood_map", value_map},
                                           {"impact_map", value_map}},
                                          {"method"})},
      {"RiskMethodSave", closed({{"method", ref("RiskMethodWrite")},
                                 {"expected_number", version()},
                                 {"rerate", boolean()},
                                 {"likelihood_map", value_map},
                                 {"impact_map", value_map}},
                                {"method", "expected_number", "rerate"})},
      {"RatingChange", change},
      {"RiskMethodPreview", object_of({{"current", ref("RiskMethod")},
                                       {"proposed", ref("RiskMethod")},
                                       {"changed_count", integer()},
                                       {"unchanged_count", integer()},
                                       {"changed", array_of(changed)}})},
  };
}

Json source_schemas() {
  Json source = object_of({{"id", str()},
                           {"kind", enum_of({"threat", "vulnerability"})},
                           {"key", str()},
                           {"name", str()},
                           {"category", str()},
                           {"description", str()},
                           {"properties", properties()},
                           {"archived", boolean()},
                           {"archived_at", nullable_time()},
                           {"version", integer()},
                           {"created_at", datetime()},
                           {"updated_at", datetime()}});
  Json fields{{"name", string_max(1, 200)},
              {"category", string_max(0, 60)},
              {"description", string_max(0, 4000)},
              {"properties", properties()}};
  Json update = fields;
  update["version"] = version();
  return Json{
      {"RiskSource", source},
      {"RiskSourceList", list_of("RiskSource")},
      {"RiskSourceCreate", closed(fields, {"name"})},
      {"RiskSourceUpdate", closed(update, Json::array())},
      {"VersionRequest", closed({{"version", version()}}, Json::array())},
      {"ReasonVersionRequest", closed({{"reason", str()}, {"version", version()}}, {"reason"})},
  };
}

Json risk_schemas() {
  Json impact_in = {{"type", "integer"}, {"minimum", 0}, {"maximum", 6}};
  Json impact_request = closed({{"confidentiality", impact_in},
                                {"integrity", impact_in},
                                {"availability", impact_in},
                                {"authenticity", impact_in}},
                               Json::array());
  Json rating_request =
      closed({{"likelihood", {{"type", "integer"}, {"minimum", 1}, {"maximum", 6}}},
              {"impact", impact_request}},
             {"likelihood", "impact"});
  Json rating = object_of({{"likelihood", integer()},
                           {"impact", object_of({{"confidentiality", integer()},
                                                 {"integrity", integer()},
                                                 {"availability", integer()},
                                                 {"authenticity", integer()}})},
                           {"impact_level", integer()},
                           {"level", ref("RiskLevel")}});
  Json acceptance = object_of({{"accepted_by_person_id", str()},
                               {"accepted_by_name", str()},
                               {"accepted_by_role", str()},
                               {"accepted_at", datetime()},
                               {"expires_on", date()},
                               {"justification", str()},
                               {"level_rank", integer()},
                               {"method_number", integer()}});
  Json flags = object_of({{"residual_above_inherent", boolean()},
                          {"above_appetite", boolean()},
                          {"needs_acceptance", boolean()},
                          {"acceptance_expired", boolean()},
                          {"review_overdue", boolean()},
                          {"mitigation_without_controls", boolean()},
                          {"rated_under_old_method", boolean()}});
  Json treatment = enum_of({"undecided", "mitigate", "accept", "avoid", "transfer"});
  Json risk = object_of({{"id", str()},
                         {"ref", str()},
                         {"title", str()},
                         {"description", str()},
                         {"asset_ids", array_of(str())},
                         {"threat_id", str()},
                         {"threat_name", str()},
                         {"vulnerability_id", str()},
                         {"vulnerability_name", str()},
                         {"owner_id", nullable_str()},
                         {"owner_name", nullable_str()},
                         {"method_number", integer()},
                         {"inherent", ref("Rating")},
                         {"residual", ref("Rating")},
                         {"treatment", treatment},
                         {"treatment_plan", str()},
                         {"control_ids", array_of(str())},
                         {"acceptance", nullable("RiskAcceptance")},
                         {"next_review_on", nullable_date()},
                         {"flags", ref("RiskFlags")},
                         {"archived", boolean()},
                         {"archived_at", nullable_time()},
                         {"archive_reason", nullable_str()},
                         {"version", integer()},
                         {"created_at", datetime()},
                         {"updated_at", datetime()}});
  Json fields{{"title", string_max(1, 200)},
              {"description", string_max(0, 10000)},
              {"asset_ids", {{"type", "array"}, {"items", str()}, {"minItems", 1}}},
              {"threat_id", str()},
              {"vulnerability_id", str()},
              {"owner_id", nullable_str()},
              {"inherent", ref("RatingRequest")},
              {"residual", ref("RatingRequest")},
              {"treatment", treatment},
              {"treatment_plan", string_max(0, 10000)},
              {"control_ids", array_of(str())},
              {"next_review_on", nullable_date()}};
  Json update = fields;
  update["version"] = version();
  Json heat_map = object_of({{"basis", enum_of({"residual", "inherent"})},
                             {"method", ref("RiskMethod")},
                             {"counts", array_of(array_of(integer()))},
                             {"rated_under_old_methods", integer()},
                             {"total", integer()}});
  Json owner = object_of({{"owner_id", nullable_str()},
                          {"owner_name", str()},
                          {"risks", integer()},
                          {"above_appetite", integer()},
                          {"max_residual_level", integer()}});
  return Json{
      {"RatingRequest", rating_request},
      {"Rating", rating},
      {"RiskAcceptance", acceptance},
      {"RiskFlags", flags},
      {"Risk", risk},
      {"RiskList", page_of("Risk")},
      {"RiskCreate", closed(fields, {"title", "asset_ids", "threat_id", "vulnerability_id"})},
      {"RiskUpdate", closed(update, Json::array())},
      {"RiskAcceptRequest",
       closed({{"version", version()}, {"justification", str()}, {"expires_on", date()}},
              {"justification"})},
      {"HeatMap", heat_map},
      {"RiskOwnerSummary", owner},
      {"RiskSummary", object_of({{"inherent", ref("HeatMap")},
                                 {"residual", ref("HeatMap")},
                                 {"above_appetite", integer()},
                                 {"top_owners", array_of(ref("RiskOwnerSummary"))},
                                 {"top_risks", array_of(ref("Risk"))}})},
  };
}

Json cycle_schemas() {
  Json decision =
      Json{{"type", "object"},
           {"properties", {{"text", str()}, {"owner_id", str()}, {"due_on", nullable_date()}}},
           {"required", {"text"}}};
  Json cycle = object_of({{"id", str()},
                          {"title", str()},
                          {"opened_on", date()},
                          {"status", enum_of({"open", "closed"})},
                          {"closed_at", nullable_time()},
                          {"method_number", integer()},
                          {"attendee_ids", array_of(str())},
                          {"decisions", array_of(ref("CycleDecision"))},
                          {"minutes", str()},
                          {"interval_months", integer()},
                          {"reviewed_count", integer()},
                          {"risk_count", integer()},
                          {"next_due", date()},
                          {"schedule_state", str()},
                          {"version", integer()},
                          {"created_at", datetime()},
                          {"updated_at", datetime()}});
  Json review = object_of({{"cycle_id", str()},
                           {"risk_id", str()},
                           {"risk_ref", str()},
                           {"risk_title", str()},
                           {"outcome", enum_of({"confirmed", "changed"})},
                           {"reviewed_by", str()},
                           {"reviewed_by_name", str()},
                           {"reviewed_at", datetime()},
                           {"note", str()},
                           {"inherent_level_before", integer()},
                           {"residual_level_before", integer()},
                           {"inherent_level_after", integer()},
                           {"residual_level_after", integer()}});
  Json schedule = object_of({{"next_due", nullable_date()},
                             {"state", enum_of({"none", "open", "scheduled", "due", "overdue"})}});
  Json interval = {{"type", "integer"}, {"minimum", 1}, {"maximum", 24}};
  Json entry = object_of({{"risk_id", str()},
                          {"ref", str()},
                          {"title", str()},
                          {"owner_name", str()},
                          {"method_number", integer()},
                          {"inherent_likelihood", integer()},
                          {"inherent_impact", integer()},
                          {"inherent_level", integer()},
                          {"residual_likelihood", integer()},
                          {"residual_impact", integer()},
                          {"residual_level", integer()},
                          {"treatment", str()},
                          {"archived", boolean()}});
  Json pair =
      object_of({{"before", ref("RiskSnapshotEntry")}, {"after", ref("RiskSnapshotEntry")}});
  Json change = ref("RiskUpdate");
  return Json{
      {"CycleDecision", decision},
      {"RiskCycle", cycle},
      {"RiskReview", review},
      {"RiskCycleView",
       object_of({{"cycle", ref("RiskCycle")}, {"reviews", array_of(ref("RiskReview"))}})},
      {"RiskCycleList", object_of({{"items", array_of(ref("RiskCycle"))}, {"schedule", schedule}})},
      {"RiskCycleCreate", closed({{"title", string_max(1, 200)},
                                  {"opened_on", date()},
                                  {"attendee_ids", array_of(str())},
                                  {"interval_months", interval}},
                                 Json::array())},
      {"RiskCycleUpdate", closed({{"title", string_max(1, 200)},
                                  {"attendee_ids", array_of(str())},
                                  {"decisions", array_of(ref("CycleDecision"))},
                                  {"minutes", string_max(0, 10000)},
                                  {"interval_months", interval},
                                  {"version", version()}},
                                 Json::array())},
      {"RiskReviewRequest", closed({{"risk_id", str()},
                                    {"outcome", enum_of({"confirmed", "changed"})},
                                    {"note", str()},
                                    {"change", change}},
                                   {"risk_id", "outcome"})},
      {"RiskSnapshotEntry", entry},
      {"RiskCycleComparison", object_of({{"added", array_of(ref("RiskSnapshotEntry"))},
                                         {"removed", array_of(ref("RiskSnapshotEntry"))},
                                         {"raised", array_of(pair)},
                                         {"lowered", array_of(pair)},
                                         {"unchanged", integer()}})},
  };
}

Json control_schemas() {
  Json status = enum_of({"planned", "in_progress", "implemented", "not_applicable"});
  Json classification = enum_of({"public", "internal", "confidential"});
  Json control = object_of({{"id", str()},
                            {"ref", str()},
                            {"title", str()},
                            {"description", nullable_str()},
                            {"content_hidden", boolean()},
                            {"owner_id", nullable_str()},
                            {"owner_name", nullable_str()},
                            {"status", status},
                            {"classification", classification},
                            {"requirement_keys", array_of(str())},
                            {"risk_ids", array_of(str())},
                            {"next_check_on", nullable_date()},
                            {"last_checked_on", nullable_date()},
                            {"check_interval_months", integer()},
                            {"check_overdue", boolean()},
                            {"evidence_count", integer()},
                            {"valid_evidence_count", integer()},
                            {"archived", boolean()},
                            {"archived_at", nullable_time()},
                            {"archive_reason", nullable_str()},
                            {"version", integer()},
                            {"created_at", datetime()},
                            {"updated_at", datetime()}});
  Json fields{{"title", string_max(1, 200)},
              {"description", string_max(0, 10000)},
              {"owner_id", nullable_str()},
              {"status", status},
              {"classification", classification},
              {"requirement_keys", array_of(str())},
              {"next_check_on", nullable_date()},
              {"check_interval_months", {{"type", "integer"}, {"minimum", 1}, {"maximum", 36}}}};
  Json update = fields;
  update["version"] = version();
  Json evidence = object_of({{"id", str()},
                             {"control_id", str()},
                             {"title", str()},
                             {"description", str()},
                             {"kind", enum_of({"file", "link"})},
                             {"url", str()},
                             {"sha256", str()},
                             {"file_name", str()},
                             {"media_type", str()},
                             {"size", integer()},
                             {"valid_from", date()},
                             {"valid_until", nullable_date()},
                             {"state", enum_of({"valid", "expired", "not_yet_valid"})},
                             {"created_by", str()},
                             {"archived", boolean()},
                             {"archived_at", nullable_time()},
                             {"version", integer()},
                             {"created_at", datetime()}});
  return Json{
      {"Control", control},
      {"ControlList", page_of("Control")},
      {"ControlView",
       object_of({{"control", ref("Control")}, {"evidence", array_of(ref("Evidence"))}})},
      {"ControlCreate", closed(fields, {"title"})},
      {"ControlUpdate", closed(update, Json::array())},
      {"ControlCheckRequest",
       closed({{"version", version()}, {"note", str()}, {"checked_on", date()}}, Json::array())},
      {"Evidence", evidence},
      {"EvidenceList", list_of("Evidence")},
      {"EvidenceLinkRequest", closed({{"kind", enum_of({"link"})},
                                      {"title", string_max(1, 200)},
                                      {"url", string_max(1, 2000)},
                                      {"description", str()},
                                      {"valid_from", date()},
                                      {"valid_until", nullable_date()}},
                                     {"title", "url"})},
  };
}

Json soa_schemas() {
  Json reasons = array_of(enum_of({"risk_treatment", "legal", "contractual", "business_need"}));
  Json implementation = enum_of({"not_started", "planned", "partial", "implemented"});
  Json applicable = enum_of({"yes", "no", "undecided"});
  Json line = object_of({{"framework_id", str()},
                         {"ref_id", str()},
                         {"title", str()},
                         {"applicable", applicable},
                         {"reasons", reasons},
                         {"justification", str()},
                         {"implementation", implementation},
                         {"control_ids", array_of(str())},
                         {"control_refs", array_of(str())},
                         {"risk_ids", array_of(str())},
                         {"evidence_count", integer()},
                         {"valid_evidence_count", integer()},
                         {"updated_by", str()},
                         {"updated_at", str()},
                         {"version", integer()}});
  Json totals = object_of({{"lines", integer()},
                           {"applicable", integer()},
                           {"not_applicable", integer()},
                           {"undecided", integer()},
                           {"implemented", integer()},
                           {"partial", integer()},
                           {"planned", integer()},
                           {"not_started", integer()}});
  // Lists of versions leave the lines out.
  Json soa{{"type", "object"},
           {"properties",
            {{"id", str()},
             {"number", integer()},
             {"framework_ids", array_of(str())},
             {"approved_by_person_id", str()},
             {"approved_by_name", str()},
             {"approved_at", datetime()},
             {"note", str()},
             {"totals", ref("SoaTotals")},
             {"lines", array_of(ref("Applicability"))}}},
           {"required", {"id", "number", "framework_ids", "approved_at", "totals"}}};
  Json change = object_of({{"framework_id", str()},
                           {"ref_id", str()},
                           {"title", str()},
                           {"changed_fields", array_of(str())},
                           {"before", nullable("Applicability")},
                           {"after", nullable("Applicability")}});
  Json column = {{"type", {"string", "null"}}};
  Json mapping{{"type", "object"},
               {"properties",
                {{"sheet", str()},
                 {"header_row", {{"type", {"integer", "null"}}}},
                 {"ref", column},
                 {"applicable", column},
                 {"reasons", column},
                 {"reason_risk", column},
                 {"reason_legal", column},
                 {"reason_contractual", column},
                 {"reason_business", column},
                 {"justification", column},
                 {"implementation", column}}}};
  Json row = Json{{"type", "object"},
                  {"properties",
                   {{"row", integer()},
                    {"raw_ref", str()},
                    {"ref_id", str()},
                    {"warnings", array_of(str())},
                    {"error", nullable_str()}}},
                  {"required", {"row", "raw_ref", "ref_id", "warnings", "error"}}};
  return Json{
      {"Applicability", line},
      {"ApplicabilityUpdate", closed({{"applicable", applicable},
                                      {"reasons", reasons},
                                      {"justification", string_max(0, 4000)},
                                      {"implementation", implementation},
                                      {"version", {{"type", "integer"}, {"minimum", 0}}}},
                                     Json::array())},
      {"SoaTotals", totals},
      {"Soa", soa},
      {"SoaList", list_of("Soa")},
      {"SoaWorkingCopy", object_of({{"framework_ids", array_of(str())},
                                    {"lines", array_of(ref("Applicability"))},
                                    {"totals", ref("SoaTotals")},
                                    {"last_approved", nullable("Soa")},
                                    {"changed_since_approval", integer()}})},
      {"SoaStatus", object_of({{"framework_ids", array_of(str())},
                               {"totals", ref("SoaTotals")},
                               {"last_approved", nullable("Soa")},
                               {"changed_since_approval", integer()}})},
      {"SoaApproveRequest", closed({{"note", str()}}, Json::array())},
      {"SoaLineChange", change},
      {"SoaComparison", list_of("SoaLineChange")},
      {"SoaColumnMapping", mapping},
      {"SoaImportRow", row},
      {"SoaImportResult", object_of({{"mapping", ref("SoaColumnMapping")},
                                     {"headers", array_of(str())},
                                     {"rows", array_of(ref("SoaImportRow"))},
                                     {"changes", array_of(ref("SoaLineChange"))},
                                     {"rows_ok", integer()},
                                     {"rows_rejected", integer()},
                                     {"rows_unchanged", integer()},
                                     {"applied", boolean()}})},
  };
}

}  // namespace

Json risk_control_schemas() {
  Json all = method_schemas();
  for (const Json& more :
       {source_schemas(), risk_schemas(), cycle_schemas(), control_schemas(), soa_schemas()}) {
    for (auto it = more.begin(); it != more.end(); ++it) all[it.key()] = it.value();
  }
  return all;
}

}  // namespace isms::http
