// Keeps the served OpenAPI document and the route table in step, in both directions, and
// checks the document is internally consistent (every $ref resolves, every path parameter
// is declared, operation ids are unique).
#include "http/openapi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "domain/access.h"
#include "domain/asset.h"
#include "http/access_log.h"
#include "http/app.h"
#include "http/test_support.h"

namespace isms::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override { set_http_logging_enabled(false); }
  testing::FakeContext fake;
  App app{fake.ctx, AppOptions{}};
  const Json& doc = app.openapi();
};

TEST_F(OpenApiTest, EveryRouteIsDocumented) {
  for (const Route& r : app.router().routes()) {
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << r.pattern;
    EXPECT_TRUE(doc["paths"][r.pattern].contains(lower(r.method))) << r.method << " " << r.pattern;
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsRouted) {
  static const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                                 "options", "head", "patch", "trace"};
  size_t operations = 0;
  for (auto path = doc["paths"].begin(); path != doc["paths"].end(); ++path) {
    for (auto op = path.value().begin(); op != path.value().end(); ++op) {
      if (!kMethods.count(op.key())) continue;
      ++operations;
      const auto& routes = app.router().routes();
      bool routed = std::any_of(routes.begin(), routes.end(), [&](const Route& r) {
        return r.pattern == path.key() && lower(r.method) == op.key();
      });
      EXPECT_TRUE(routed) << op.key() << " " << path.key();
    }
  }
  EXPECT_EQ(operations, app.router().routes().size());
}

TEST_F(OpenApiTest, RoutesCoverTheApiContract) {
  // docs/api.md, endpoint by endpoint.
  const std::vector<std::pair<std::string, std::string>> contract = {
      {"GET", "/healthz"},
      {"GET", "/readyz"},
      {"GET", "/api/v1/organization"},
      {"GET", "/api/v1/persons"},
      {"POST", "/api/v1/persons"},
      {"GET", "/api/v1/persons/{id}"},
      {"PATCH", "/api/v1/persons/{id}"},
      {"POST", "/api/v1/persons/{id}/access-review"},
      {"GET", "/api/v1/roles"},
      {"POST", "/api/v1/roles"},
      {"PATCH", "/api/v1/roles/{id}"},
      {"DELETE", "/api/v1/roles/{id}"},
      {"GET", "/api/v1/permissions"},
      {"GET", "/api/v1/registers"},
      {"GET", "/api/v1/registers/{name}"},
      {"GET", "/api/v1/assets"},
      {"POST", "/api/v1/assets"},
      {"GET", "/api/v1/assets/{id}"},
      {"PATCH", "/api/v1/assets/{id}"},
      {"POST", "/api/v1/assets/{id}/archive"},
      {"GET", "/api/v1/assets/{id}/grants"},
      {"POST", "/api/v1/assets/{id}/grants"},
      {"DELETE", "/api/v1/assets/{id}/grants/{person_id}"},
      {"POST", "/api/v1/demo"},
      {"GET", "/api/v1/dashboard"},
      {"GET", "/api/v1/ledger"},
      {"GET", "/api/v1/ledger/verify"},
      {"GET", "/api/v1/openapi.json"},
      {"POST", "/api/v1/auth/login"},
      {"GET", "/api/v1/auth/session"},
      {"POST", "/api/v1/auth/logout"},
      {"POST", "/api/v1/auth/mfa"},
      {"POST", "/api/v1/auth/password"},
      {"POST", "/api/v1/auth/mfa/enrolment"},
      {"POST", "/api/v1/auth/mfa/enrolment/confirm"},
      {"POST", "/api/v1/auth/mfa/recovery-codes"},
      {"POST", "/api/v1/auth/mfa/disable"},
      {"GET", "/api/v1/auth/events"},
      {"GET", "/api/v1/me"},
      {"GET", "/api/v1/tokens"},
      {"POST", "/api/v1/tokens"},
      {"POST", "/api/v1/tokens/{id}/revoke"},
      {"GET", "/api/v1/users"},
      {"POST", "/api/v1/users"},
      {"GET", "/api/v1/users/{id}"},
      {"PATCH", "/api/v1/users/{id}"},
      {"POST", "/api/v1/users/{id}/reset-password"},
      {"POST", "/api/v1/users/{id}/unlock"},
      {"POST", "/api/v1/users/{id}/reset-mfa"},
      {"POST", "/api/v1/users/{id}/revoke-sessions"},
      {"GET", "/api/v1/groups"},
      {"POST", "/api/v1/groups"},
      {"GET", "/api/v1/groups/{id}"},
      {"PATCH", "/api/v1/groups/{id}"},
      {"GET", "/api/v1/settings"},
      {"PUT", "/api/v1/settings"},
      // Issue 4: catalogue, citations, documents, traceability.
      {"GET", "/api/v1/catalogue/frameworks"},
      {"GET", "/api/v1/catalogue/frameworks/{id}"},
      {"GET", "/api/v1/catalogue/frameworks/{id}/requirements"},
      {"GET", "/api/v1/catalogue/frameworks/{id}/oscal"},
      {"GET", "/api/v1/catalogue/requirements/{key}"},
      {"GET", "/api/v1/catalogue/search"},
      {"GET", "/api/v1/catalogue/mappings"},
      {"POST", "/api/v1/catalogue/import"},
      {"POST", "/api/v1/citations/scan"},
      {"GET", "/api/v1/documents"},
      {"POST", "/api/v1/documents"},
      {"POST", "/api/v1/documents/preview"},
      {"POST", "/api/v1/documents/import"},
      {"GET", "/api/v1/documents/export"},
      {"GET", "/api/v1/documents/{id}"},
      {"PATCH", "/api/v1/documents/{id}"},
      {"GET", "/api/v1/documents/{id}/versions"},
      {"GET", "/api/v1/documents/{id}/versions/{vid}"},
      {"GET", "/api/v1/documents/{id}/diff"},
      {"GET", "/api/v1/documents/{id}/render"},
      {"POST", "/api/v1/documents/{id}/new-version"},
      {"POST", "/api/v1/documents/{id}/submit"},
      {"POST", "/api/v1/documents/{id}/return"},
      {"POST", "/api/v1/documents/{id}/approve"},
      {"POST", "/api/v1/documents/{id}/publish"},
      {"POST", "/api/v1/documents/{id}/archive"},
      {"GET", "/api/v1/documents/{id}/acknowledgements"},
      {"POST", "/api/v1/documents/{id}/acknowledge"},
      {"POST", "/api/v1/documents/{id}/remind"},
      {"GET", "/api/v1/me/acknowledgements"},
      {"GET", "/api/v1/traceability/matrix"},
      {"GET", "/api/v1/traceability/gaps"},
      {"GET", "/api/v1/traceability/gaps/export"},
      {"GET", "/api/v1/traceability/coverage"},
      // Issue 5: risk method, threats, vulnerabilities, risks, cycles, controls, SoA.
      {"GET", "/api/v1/risk-method"},
      {"POST", "/api/v1/risk-method"},
      {"POST", "/api/v1/risk-method/preview"},
      {"GET", "/api/v1/risk-method/versions"},
      {"GET", "/api/v1/risk-method/versions/{number}"},
      {"GET", "/api/v1/threats"},
      {"POST", "/api/v1/threats"},
      {"GET", "/api/v1/threats/{id}"},
      {"PATCH", "/api/v1/threats/{id}"},
      {"POST", "/api/v1/threats/{id}/archive"},
      {"GET", "/api/v1/vulnerabilities"},
      {"POST", "/api/v1/vulnerabilities"},
      {"GET", "/api/v1/vulnerabilities/{id}"},
      {"PATCH", "/api/v1/vulnerabilities/{id}"},
      {"POST", "/api/v1/vulnerabilities/{id}/archive"},
      {"GET", "/api/v1/risks"},
      {"POST", "/api/v1/risks"},
      {"GET", "/api/v1/risks/heat-map"},
      {"GET", "/api/v1/risks/summary"},
      {"GET", "/api/v1/risks/export"},
      {"GET", "/api/v1/risks/{id}"},
      {"PATCH", "/api/v1/risks/{id}"},
      {"POST", "/api/v1/risks/{id}/accept"},
      {"POST", "/api/v1/risks/{id}/revoke-acceptance"},
      {"POST", "/api/v1/risks/{id}/archive"},
      {"GET", "/api/v1/risk-cycles"},
      {"POST", "/api/v1/risk-cycles"},
      {"GET", "/api/v1/risk-cycles/compare"},
      {"GET", "/api/v1/risk-cycles/{id}"},
      {"PATCH", "/api/v1/risk-cycles/{id}"},
      {"POST", "/api/v1/risk-cycles/{id}/reviews"},
      {"POST", "/api/v1/risk-cycles/{id}/close"},
      {"GET", "/api/v1/controls"},
      {"POST", "/api/v1/controls"},
      {"GET", "/api/v1/controls/{id}"},
      {"PATCH", "/api/v1/controls/{id}"},
      {"POST", "/api/v1/controls/{id}/archive"},
      {"POST", "/api/v1/controls/{id}/check"},
      {"POST", "/api/v1/controls/{id}/evidence"},
      {"GET", "/api/v1/controls/{id}/evidence"},
      {"GET", "/api/v1/evidence/{id}/file"},
      {"POST", "/api/v1/evidence/{id}/archive"},
      {"GET", "/api/v1/soa"},
      {"GET", "/api/v1/soa/lines/{framework}/{ref}"},
      {"PATCH", "/api/v1/soa/lines/{framework}/{ref}"},
      {"POST", "/api/v1/soa/approve"},
      {"GET", "/api/v1/soa/versions"},
      {"GET", "/api/v1/soa/versions/{id}"},
      {"GET", "/api/v1/soa/compare"},
      {"GET", "/api/v1/soa/export"},
      {"POST", "/api/v1/soa/import"},
      // Issue 6: calendar, notifications, objectives, audits, management reviews,
      // exceptions and reviews due, events and incidents.
      {"GET", "/api/v1/activities"},
      {"POST", "/api/v1/activities"},
      {"DELETE", "/api/v1/activities/{id}"},
      {"GET", "/api/v1/activities/{id}"},
      {"PATCH", "/api/v1/activities/{id}"},
      {"POST", "/api/v1/activities/{id}/archive"},
      {"GET", "/api/v1/activities/{id}/occurrences"},
      {"POST", "/api/v1/activities/{id}/occurrences/{date}/complete"},
      {"POST", "/api/v1/activities/{id}/occurrences/{date}/skip"},
      {"GET", "/api/v1/audit-programmes"},
      {"POST", "/api/v1/audit-programmes"},
      {"GET", "/api/v1/audit-programmes/{id}"},
      {"PATCH", "/api/v1/audit-programmes/{id}"},
      {"POST", "/api/v1/audit-programmes/{id}/approve"},
      {"GET", "/api/v1/audits"},
      {"POST", "/api/v1/audits"},
      {"GET", "/api/v1/audits/{id}"},
      {"PATCH", "/api/v1/audits/{id}"},
      {"POST", "/api/v1/audits/{id}/cancel"},
      {"PATCH", "/api/v1/audits/{id}/checklist/{index}"},
      {"POST", "/api/v1/audits/{id}/complete"},
      {"GET", "/api/v1/audits/{id}/findings"},
      {"POST", "/api/v1/audits/{id}/findings"},
      {"GET", "/api/v1/audits/{id}/report"},
      {"GET", "/api/v1/audits/{id}/report.pdf"},
      {"POST", "/api/v1/audits/{id}/start"},
      {"GET", "/api/v1/calendar.ics"},
      {"GET", "/api/v1/calendar/agenda"},
      {"GET", "/api/v1/calendar/settings"},
      {"PATCH", "/api/v1/calendar/settings"},
      {"PUT", "/api/v1/calendar/settings"},
      {"GET", "/api/v1/corrective-actions"},
      {"GET", "/api/v1/corrective-actions/{id}"},
      {"PATCH", "/api/v1/corrective-actions/{id}"},
      {"POST", "/api/v1/corrective-actions/{id}/implement"},
      {"POST", "/api/v1/corrective-actions/{id}/verify"},
      {"GET", "/api/v1/events"},
      {"POST", "/api/v1/events"},
      {"GET", "/api/v1/events/{id}"},
      {"POST", "/api/v1/events/{id}/triage"},
      {"GET", "/api/v1/exceptions"},
      {"POST", "/api/v1/exceptions"},
      {"GET", "/api/v1/exceptions/{id}"},
      {"PATCH", "/api/v1/exceptions/{id}"},
      {"POST", "/api/v1/exceptions/{id}/approve"},
      {"POST", "/api/v1/exceptions/{id}/reject"},
      {"POST", "/api/v1/exceptions/{id}/renew"},
      {"POST", "/api/v1/exceptions/{id}/revoke"},
      {"POST", "/api/v1/exceptions/{id}/withdraw"},
      {"GET", "/api/v1/findings"},
      {"POST", "/api/v1/findings"},
      {"GET", "/api/v1/findings/{id}"},
      {"PATCH", "/api/v1/findings/{id}"},
      {"POST", "/api/v1/findings/{id}/actions"},
      {"POST", "/api/v1/findings/{id}/close"},
      {"GET", "/api/v1/incidents"},
      {"POST", "/api/v1/incidents"},
      {"GET", "/api/v1/incidents/{id}"},
      {"PATCH", "/api/v1/incidents/{id}"},
      {"POST", "/api/v1/incidents/{id}/assessment"},
      {"GET", "/api/v1/incidents/{id}/clocks"},
      {"POST", "/api/v1/incidents/{id}/intermediate-request"},
      {"GET", "/api/v1/incidents/{id}/reports"},
      {"POST", "/api/v1/incidents/{id}/reports"},
      {"GET", "/api/v1/incidents/{id}/reports/{report_id}"},
      {"POST", "/api/v1/incidents/{id}/review"},
      {"GET", "/api/v1/incidents/{id}/timeline"},
      {"POST", "/api/v1/incidents/{id}/timeline"},
      {"DELETE", "/api/v1/indicators/{id}"},
      {"GET", "/api/v1/indicators/{id}"},
      {"PATCH", "/api/v1/indicators/{id}"},
      {"GET", "/api/v1/indicators/{id}/measurements"},
      {"POST", "/api/v1/indicators/{id}/measurements"},
      {"GET", "/api/v1/indicators/{id}/measurements.csv"},
      {"GET", "/api/v1/management-reviews"},
      {"POST", "/api/v1/management-reviews"},
      {"GET", "/api/v1/management-reviews/{id}"},
      {"PATCH", "/api/v1/management-reviews/{id}"},
      {"PATCH", "/api/v1/management-reviews/{id}/actions/{index}"},
      {"POST", "/api/v1/management-reviews/{id}/approve"},
      {"POST", "/api/v1/management-reviews/{id}/hold"},
      {"POST", "/api/v1/management-reviews/{id}/inputs/refresh"},
      {"GET", "/api/v1/management-reviews/{id}/minutes.pdf"},
      {"POST", "/api/v1/measurements/{id}/supersede"},
      {"GET", "/api/v1/notifications/deliveries"},
      {"GET", "/api/v1/notifications/deliveries/{id}"},
      {"POST", "/api/v1/notifications/deliveries/{id}/retry"},
      {"POST", "/api/v1/notifications/run"},
      {"GET", "/api/v1/notifications/settings"},
      {"PATCH", "/api/v1/notifications/settings"},
      {"PUT", "/api/v1/notifications/settings"},
      {"POST", "/api/v1/notifications/test-email"},
      {"GET", "/api/v1/notifications/webhooks"},
      {"POST", "/api/v1/notifications/webhooks"},
      {"DELETE", "/api/v1/notifications/webhooks/{id}"},
      {"PATCH", "/api/v1/notifications/webhooks/{id}"},
      {"GET", "/api/v1/objectives"},
      {"POST", "/api/v1/objectives"},
      {"GET", "/api/v1/objectives/summary"},
      {"DELETE", "/api/v1/objectives/{id}"},
      {"GET", "/api/v1/objectives/{id}"},
      {"PATCH", "/api/v1/objectives/{id}"},
      {"POST", "/api/v1/objectives/{id}/indicators"},
      {"POST", "/api/v1/objectives/{id}/review"},
      {"POST", "/api/v1/reviews/complete"},
      {"GET", "/api/v1/reviews/due"},
  };
  for (const auto& [method, pattern] : contract) {
    EXPECT_TRUE(doc["paths"].contains(pattern) && doc["paths"][pattern].contains(lower(method)))
        << method << " " << pattern;
  }
  EXPECT_EQ(app.router().routes().size(), contract.size());
}

// docs/api.md "Authentication and access": each operation shows its rule as x-access;
// only these four need no login, and every other one documents 401.
TEST_F(OpenApiTest, EveryOperationDeclaresItsAccess) {
  const std::set<std::pair<std::string, std::string>> public_routes = {
      {"GET", "/healthz"},
      {"GET", "/readyz"},
      {"POST", "/api/v1/auth/login"},
      {"GET", "/api/v1/openapi.json"},
  };
  for (const Route& r : app.router().routes()) {
    const Json& op = doc["paths"][r.pattern][lower(r.method)];
    ASSERT_TRUE(op.contains("x-access")) << r.method << " " << r.pattern;
    std::string access = op["x-access"].get<std::string>();
    EXPECT_EQ(access, access_label(r.doc.access)) << r.method << " " << r.pattern;
    bool is_public = public_routes.count({r.method, r.pattern}) > 0;
    EXPECT_EQ(access == "public", is_public) << r.method << " " << r.pattern;
    if (access != "public" && access != "session" && access != "authenticated") {
      EXPECT_TRUE(is_known_permission(access)) << r.method << " " << r.pattern << " " << access;
      EXPECT_TRUE(op["responses"].contains("403")) << r.method << " " << r.pattern;
    }
    if (!is_public) {
      EXPECT_TRUE(op["responses"].contains("401")) << r.method << " " << r.pattern;
    }
  }
}

TEST_F(OpenApiTest, AuthSchemasAreDefined) {
  const Json& schemas = doc["components"]["schemas"];
  for (const char* name :
       {"LoginRequest", "SessionInfo", "MfaRequest", "PasswordChange", "MfaEnrolment", "MfaCode",
        "MfaConfirmation", "PasswordConfirmation", "RecoveryCodes", "AuthEventList", "AuthEvent",
        "ApiTokenList", "ApiToken", "TokenCreate", "CreatedToken", "MyAccess"}) {
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
  for (const Route& r : app.router().routes()) {
    for (const std::string& name : {r.doc.request_schema, r.doc.response_schema}) {
      if (!name.empty()) {
        EXPECT_TRUE(schemas.contains(name)) << r.pattern << " " << name;
      }
    }
  }
  EXPECT_EQ(schemas["SessionInfo"]["properties"]["state"]["enum"],
            Json::parse(R"(["active","mfa_required","password_change_required",)"
                        R"("mfa_enrolment_required"])"));
  // "My access" shows the caller's account as the User wire form.
  EXPECT_EQ(schemas["MyAccess"]["properties"]["user"]["$ref"], "#/components/schemas/User");
}

TEST_F(OpenApiTest, CatalogueAndDocumentSchemasAreDefined) {
  const Json& schemas = doc["components"]["schemas"];
  for (const char* name :
       {"Framework", "Requirement", "Mapping", "Document", "Version", "Citation", "CitationWarning",
        "GapReport", "PublishedCitation", "DocumentView", "CoverageSummary"}) {
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
  // Files in and out: the library import takes the file as its body, exports are files.
  const Json& import = doc["paths"]["/api/v1/catalogue/import"]["post"];
  EXPECT_TRUE(import["requestBody"]["content"].contains("*/*"));
  EXPECT_EQ(import["x-max-body-bytes"], 16 * 1024 * 1024);
  const Json& render = doc["paths"]["/api/v1/documents/{id}/render"]["get"];
  EXPECT_TRUE(render["responses"]["200"]["content"].contains("application/pdf"));
  EXPECT_TRUE(render["responses"]["200"]["headers"].contains("Content-Disposition"));
}

TEST_F(OpenApiTest, RiskControlAndSoaSchemasAreDefined) {
  const Json& schemas = doc["components"]["schemas"];
  for (const char* name : {"RiskMethod", "RiskSource", "Risk", "Rating", "HeatMap", "RiskSummary",
                           "RiskCycle", "RiskCycleView", "Control", "ControlView", "Evidence",
                           "Applicability", "Soa", "SoaWorkingCopy", "SoaImportResult"}) {
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
  // Evidence is either a link (JSON) or the file itself, up to 25 MiB.
  const Json& evidence = doc["paths"]["/api/v1/controls/{id}/evidence"]["post"];
  EXPECT_TRUE(evidence["requestBody"]["content"].contains("application/json"));
  EXPECT_TRUE(evidence["requestBody"]["content"].contains("*/*"));
  EXPECT_EQ(evidence["x-max-body-bytes"], 25 * 1024 * 1024);
  const Json& import = doc["paths"]["/api/v1/soa/import"]["post"];
  EXPECT_TRUE(import["requestBody"]["content"].contains("*/*"));
  EXPECT_EQ(import["x-max-body-bytes"], 20 * 1024 * 1024);
  const Json& dashboard = schemas["Dashboard"]["properties"];
  EXPECT_TRUE(dashboard.contains("risks"));
  EXPECT_TRUE(dashboard.contains("soa"));
  // The accept route needs only risks:read: the service names the role that may accept.
  EXPECT_EQ(doc["paths"]["/api/v1/risks/{id}/accept"]["post"]["x-access"], "risks:read");
}

TEST_F(OpenApiTest, RunningTheIsmsSchemasAreDefined) {
  const Json& schemas = doc["components"]["schemas"];
  // Each issue 6 schema by name (space-separated).
  std::istringstream names(
      "Cadence Activity ActivityList ActivityCreate ActivityUpdate Occurrence OccurrenceList "
      "OccurrenceCompletion OccurrenceSkip AgendaItem Agenda CalendarSettings "
      "CalendarSettingsUpdate NotificationSettings NotificationSettingsUpdate TestEmailRequest "
      "Webhook WebhookList CreatedWebhook WebhookCreate WebhookUpdate Delivery DeliveryPage "
      "NotificationRun Measurement Indicator IndicatorSummary IndicatorView ObjectiveReview "
      "Objective ObjectiveList ObjectivesSummary ObjectiveCreate ObjectiveUpdate "
      "ObjectiveReviewRequest IndicatorCreate IndicatorUpdate MeasurementRequest "
      "MeasurementList RecordedMeasurement ReviewDecision ReviewAction ReviewInput "
      "ManagementReview ManagementReviewSummary ManagementReviewList ManagementReviewCreate "
      "ManagementReviewUpdate ManagementReviewHold ManagementReviewActionUpdate PolicyException "
      "PolicyExceptionList PolicyExceptionRequest PolicyExceptionUpdate PolicyExceptionRenewal "
      "PolicyExceptionApproval PolicyExceptionDecision ReviewDueItem ReviewsDue "
      "ReviewCompletionRequest ReviewCompletion DashboardOperations AuditProgramme "
      "AuditProgrammeList AuditProgrammeView AuditProgrammeCreate AuditProgrammeUpdate "
      "ChecklistItem Audit AuditSummary AuditList AuditCreate AuditUpdate AuditCompleteRequest "
      "AuditCancelRequest ChecklistItemUpdate AuditCheckResult AuditReport CorrectiveAction "
      "CorrectiveActionList Finding FindingList FirstCorrectiveAction ChecklistFindingIntake "
      "AuditFindingCreate FindingCreate FindingUpdate FindingCloseRequest "
      "CorrectiveActionCreate CorrectiveActionUpdate ImplementationRequest VerificationRequest "
      "SecurityEvent SecurityEventList SecurityEventReport EventTriageRequest TriagedEvent "
      "SignificanceFacts SignificanceFactsInput IncidentAssessment IncidentReview "
      "IncidentRecord ReportClock Incident IncidentList IncidentFields IncidentCreate "
      "IncidentUpdate TimelineEntry IncidentTimeline TimelineNoteRequest AssessmentRequest "
      "IncidentClocks IntermediateReportRequest IncidentReport IncidentReportList "
      "FrozenIncidentReport IncidentReportOrFile IncidentReportRequest IncidentReviewRequest ");
  for (std::string name; names >> name;) EXPECT_TRUE(schemas.contains(name)) << name;
  // Every route of issue 6 documents its JSON body and its JSON answer.
  std::vector<std::string> prefixes;
  std::istringstream segments(
      "activities calendar notifications objectives indicators measurements audit-programmes "
      "audits findings corrective-actions management-reviews exceptions reviews events "
      "incidents");
  for (std::string s; segments >> s;) prefixes.push_back("/api/v1/" + s);
  size_t covered = 0;
  for (const Route& r : app.router().routes()) {
    bool issue6 = std::any_of(prefixes.begin(), prefixes.end(),
                              [&](const std::string& p) { return r.pattern.rfind(p, 0) == 0; });
    if (!issue6) continue;
    ++covered;
    if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
      EXPECT_FALSE(r.doc.request_schema.empty()) << r.method << " " << r.pattern;
    }
    const auto& types = r.doc.response_media_types;
    bool json =
        types.empty() || std::find(types.begin(), types.end(), "application/json") != types.end();
    if (r.doc.status != 204 && json) {
      EXPECT_FALSE(r.doc.response_schema.empty()) << r.method << " " << r.pattern;
    }
  }
  EXPECT_EQ(covered, 106u);
  EXPECT_EQ(schemas["Dashboard"]["properties"]["operations"]["$ref"],
            "#/components/schemas/DashboardOperations");
  const Json& report = doc["paths"]["/api/v1/incidents/{id}/reports/{report_id}"]["get"];
  EXPECT_EQ(report["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/IncidentReportOrFile");
  EXPECT_TRUE(report["responses"]["200"]["content"].contains("application/pdf"));
  EXPECT_EQ(schemas["ActivityCreate"]["additionalProperties"], false);
  EXPECT_EQ(schemas["Incident"]["properties"]["clocks"]["items"]["$ref"],
            "#/components/schemas/ReportClock");
}

TEST_F(OpenApiTest, OperationIdsAreUnique) {
  std::set<std::string> ids;
  for (const Route& r : app.router().routes()) {
    EXPECT_FALSE(r.doc.operation_id.empty()) << r.pattern;
    EXPECT_TRUE(ids.insert(r.doc.operation_id).second) << r.doc.operation_id;
  }
}

void collect_refs(const Json& j, std::vector<std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "$ref" && it->is_string()) out->push_back(it->get<std::string>());
      collect_refs(it.value(), out);
    }
  } else if (j.is_array()) {
    for (const auto& e : j) collect_refs(e, out);
  }
}

TEST_F(OpenApiTest, EveryRefResolves) {
  std::vector<std::string> refs;
  collect_refs(doc, &refs);
  EXPECT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    Json::json_pointer pointer(ref.substr(1));
    EXPECT_TRUE(doc.contains(pointer)) << "dangling $ref " << ref;
  }
}

TEST_F(OpenApiTest, PathParametersAndQueryParametersAreDeclared) {
  for (const Route& r : app.router().routes()) {
    const Json& op = doc["paths"][r.pattern][lower(r.method)];
    std::set<std::string> path_params, query_params;
    for (const auto& p : op.value("parameters", Json::array())) {
      if (p["in"] == "path") path_params.insert(p["name"].get<std::string>());
      if (p["in"] == "query") query_params.insert(p["name"].get<std::string>());
    }
    auto expected = pattern_params(r.pattern);
    EXPECT_EQ(path_params, std::set<std::string>(expected.begin(), expected.end())) << r.pattern;
    std::set<std::string> accepted;
    for (const auto& q : r.doc.query) accepted.insert(q.name);
    EXPECT_EQ(query_params, accepted) << r.pattern;
  }
}

TEST_F(OpenApiTest, OperationsHaveSuccessAndErrorResponses) {
  for (const Route& r : app.router().routes()) {
    const Json& responses = doc["paths"][r.pattern][lower(r.method)]["responses"];
    EXPECT_TRUE(responses.contains(std::to_string(r.doc.status))) << r.pattern;
    EXPECT_TRUE(responses.contains("default")) << r.pattern;
    for (int status : r.doc.errors) {
      EXPECT_TRUE(responses.contains(std::to_string(status))) << r.pattern << " " << status;
    }
  }
}

TEST_F(OpenApiTest, AssetSchemaMatchesTheWireForm) {
  const Json& asset = doc["components"]["schemas"]["Asset"];
  Json wire = asset_to_json(Asset{});
  std::set<std::string> documented, sent;
  for (auto it = asset["properties"].begin(); it != asset["properties"].end(); ++it) {
    documented.insert(it.key());
  }
  for (auto it = wire.begin(); it != wire.end(); ++it) sent.insert(it.key());
  EXPECT_EQ(documented, sent);
  EXPECT_EQ(asset["properties"]["owner_id"]["type"], Json::parse(R"(["string","null"])"));
  // Lists hide the content of confidential assets: description null, content_hidden true.
  EXPECT_EQ(asset["properties"]["description"]["type"], Json::parse(R"(["string","null"])"));
  EXPECT_EQ(asset["properties"]["content_hidden"]["type"], "boolean");
  EXPECT_EQ(asset["properties"]["working_group_ids"]["items"]["type"], "string");
  EXPECT_TRUE(
      doc["components"]["schemas"]["AssetCreate"]["properties"].contains("working_group_ids"));
  EXPECT_EQ(asset["properties"]["name"]["type"], "string");
  EXPECT_EQ(asset["properties"]["confidentiality"]["enum"], Json::parse("[1,2,3,4]"));
}

TEST_F(OpenApiTest, WriteSchemasExcludeReadOnlyFields) {
  const Json& create = doc["components"]["schemas"]["AssetCreate"];
  EXPECT_FALSE(create["properties"].contains("id"));
  EXPECT_FALSE(create["properties"].contains("version"));
  EXPECT_FALSE(create["properties"].contains("owner_name"));
  EXPECT_TRUE(create["properties"].contains("name"));
  EXPECT_EQ(create["additionalProperties"], false);
  const Json& update = doc["components"]["schemas"]["AssetUpdate"];
  EXPECT_TRUE(update["properties"].contains("version"));
  EXPECT_TRUE(update["properties"].contains("justification"));
  EXPECT_FALSE(update["properties"].contains("created_at"));
}

TEST_F(OpenApiTest, ErrorSchemaListsEveryCode) {
  const Json& codes =
      doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
  EXPECT_EQ(codes.size(), static_cast<size_t>(ErrorCode::kMethodNotAllowed) + 1);
}

}  // namespace
}  // namespace isms::http
