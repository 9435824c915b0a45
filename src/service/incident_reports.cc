// Significance assessment, reporting clocks, filed (frozen) reports, the authority's
// intermediate-report request and the post-incident review.
#include <algorithm>

#include "base/crypto.h"
#include "base/time.h"
#include "render/incident_report.h"
#include "service/admin_common.h"
#include "service/finding_intake.h"
#include "service/incident_internal.h"
#include "service/incident_service.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace incident_internal;

namespace {

constexpr size_t kPdfMaxBytes = 4 * 1024 * 1024;

Result<Json> view_of(StoreTx& tx, const Incident& i, int64_t now) {
  ISMS_ASSIGN(std::string zone, organization_time_zone(tx));
  ISMS_ASSIGN(std::vector<IncidentReport> reports, load_reports(tx, i.id));
  ISMS_ASSIGN(std::vector<ReportClock> clocks, incident_clocks(i, reports, zone, now));
  return incident_view(i, clocks, zone);
}

Result<IncidentReport> load_report(StoreTx& tx, const std::string& incident_id,
                                   const std::string& report_id) {
  auto r = tx.get_op_record(kIncidentReportKind, report_id);
  if (!r || r->parent_id != incident_id) {
    if (r || r.error().code == ErrorCode::kNotFound) {
      return Error::not_found("report " + report_id + " of incident " + incident_id + " not found");
    }
    return r.error();
  }
  return report_of(*r);
}

std::string text_list(const std::vector<CriterionMet>& met) {
  std::string out;
  for (const auto& c : met) out += (out.empty() ? "" : ", ") + c.code;
  return out.empty() ? "none" : out;
}

}  // namespace

Result<Json> IncidentService::assess(const Principal& p, const std::string& id,
                                     const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  std::optional<SignificanceFacts> facts;
  if (body.is_object() && body.contains("facts")) {
    auto f = significance_facts_from_json(body["facts"]);
    if (f) {
      facts = *f;
    } else {
      for (const auto& d : f.error().details) r.add(d.field, d.message);
      if (f.error().details.empty()) r.add("facts", f.error().message);
    }
  } else {
    r.add("facts", "is required");
  }
  r.reject("facts", "");  // marks it seen (errors were added above)
  auto override_v = r.boolean("override_significant");
  std::string justification = r.string("justification").value_or("");
  auto version = r.integer("version", 1, INT64_MAX);
  Status read = r.finish();
  if (!read.ok()) {
    auto err = read.error();
    std::erase_if(err.details,
                  [](const FieldError& fe) { return fe.field == "facts" && fe.message.empty(); });
    if (!err.details.empty()) return err;
  }
  if (override_v) {
    std::vector<FieldError> errs;
    admin::check_text(errs, "justification", justification, 1, kJustificationMax, true);
    if (!errs.empty()) {
      return Error::invalid("justification",
                            "is required (1..5000 characters) to override "
                            "the assessed result");
    }
  } else if (!justification.empty()) {
    return Error::invalid("justification", "is only for an override (override_significant)");
  }
  std::string now = ctx_.clock->now_utc();
  int64_t now_micros = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  if (version && *version != i.version) {
    return Error::conflict("incident " + i.ref + " was changed by someone else: version " +
                           std::to_string(i.version) + " is current");
  }
  SignificanceAssessment a;
  a.facts = *facts;
  a.result = assess_significance(a.facts);
  a.override_significant = override_v;
  a.justification = justification;
  a.significant = override_v ? *override_v : a.result.significant;
  a.assessed_at = now;
  a.assessed_by = author_of(p);
  bool was_significant = i.significant();
  i.assessment = a;
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  int64_t before_version = i.version;
  ISMS_TRY(store_incident(*tx, i, before_version, zone, now_micros, now));
  std::string text =
      std::string(a.significant ? "Assessed significant" : "Assessed not significant") +
      " (criteria met: " + text_list(a.result.criteria_met) + "). " + a.result.reasoning;
  if (override_v) {
    text += " Override by the assessor to " +
            std::string(*override_v ? "significant" : "not significant") + ": " + justification;
  }
  ISMS_TRY(append_timeline(*tx, id, "assessment", text, author_of(p), now, now));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = assessment_to_json(a);
  change["was_significant"] = was_significant;
  ISMS_TRY(ledger.record("incident.assess", kIncidentKind, id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Incident stored, load_incident(*tx, id));
  ISMS_ASSIGN(Json v, view_of(*tx, stored, now_micros));
  ISMS_TRY(tx->commit());
  return v;
}

Result<Json> IncidentService::clocks(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  ISMS_ASSIGN(Json v, view_of(*tx, i, ctx_.clock->now_micros()));
  return Json{{"incident_id", id},
              {"aware_at", i.aware_at},
              {"zone", v["zone"]},
              {"now", ctx_.clock->now_utc()},
              {"next_deadline", v["next_deadline"]},
              {"items", v["clocks"]}};
}

Result<Json> IncidentService::request_intermediate(const Principal& p, const std::string& id,
                                                   const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  auto requested = r.required_string("requested_at");
  auto due = r.required_string("due_at");
  std::string by = r.string("by").value_or("");
  std::optional<std::string> requested_n, due_n;
  if (requested && !(requested_n = admin::normalize_timestamp(*requested))) {
    r.add("requested_at", "must be an RFC 3339 UTC instant (...Z)");
  }
  if (due && !(due_n = admin::normalize_timestamp(*due))) {
    r.add("due_at", "must be an RFC 3339 UTC instant (...Z)");
  }
  std::vector<FieldError> errs;
  admin::check_text(errs, "by", by, 1, kIncidentTitleMax);
  for (const auto& e : errs) r.add(e.field, e.message);
  ISMS_TRY(r.finish());
  int64_t now_micros = ctx_.clock->now_micros();
  if (micros_of(*requested_n) > now_micros) {
    return Error::invalid("requested_at", "must not be in the future");
  }
  if (micros_of(*due_n) <= micros_of(*requested_n)) {
    return Error::invalid("due_at", "must be after requested_at");
  }
  std::string now = ctx_.clock->now_utc();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  if (!i.significant()) {
    return Error::conflict("incident " + i.ref +
                           " is not assessed significant: no intermediate report applies");
  }
  i.intermediate_request = IntermediateRequestRecord{*requested_n, *due_n, by};
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  ISMS_TRY(store_incident(*tx, i, i.version, zone, now_micros, now));
  ISMS_TRY(append_timeline(*tx, id, "communication",
                           by + " requested an intermediate report due " + *due_n, author_of(p),
                           *requested_n, now));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("incident.intermediate_request", kIncidentKind, id,
                         Json{{"requested_at", *requested_n}, {"due_at", *due_n}, {"by", by}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Json v, view_of(*tx, i, now_micros));
  ISMS_TRY(tx->commit());
  return v;
}

Result<Json> IncidentService::list_reports(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_TRY(load_incident(*tx, id));
  ISMS_ASSIGN(std::vector<IncidentReport> reports, load_reports(*tx, id));
  std::stable_sort(reports.begin(), reports.end(),
                   [](const IncidentReport& a, const IncidentReport& b) {
                     return a.submitted_at < b.submitted_at;
                   });
  Json items = Json::array();
  for (const auto& rep : reports) items.push_back(report_to_json(rep));
  return Json{{"items", std::move(items)}};
}

Result<Json> IncidentService::file_report(const Principal& p, const std::string& id,
                                          const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  auto type_text = r.required_string("type");
  auto recipient = r.required_string("recipient");
  std::optional<ReportType> type;
  if (type_text && !(type = parse_report_type(*type_text))) {
    r.add("type",
          "must be early_warning, notification, intermediate, final, progress or "
          "gdpr_breach");
  }
  if (recipient) {
    std::vector<FieldError> errs;
    admin::check_text(errs, "recipient", *recipient, 1, kIncidentTitleMax);
    for (const auto& e : errs) r.add(e.field, e.message);
  }
  Json fields = Json::object();
  if (body.is_object() && body.contains("fields")) {
    const Json& f = body["fields"];
    if (!f.is_object()) {
      r.add("fields", "must be an object");
    } else if (type) {
      const auto& allowed = report_field_names(report_type_name(*type));
      for (auto it = f.begin(); it != f.end(); ++it) {
        std::string name = "fields." + it.key();
        if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
          r.add(name, "unknown field for a " + std::string(report_type_name(*type)) + " report");
        } else if (it->is_boolean()) {
          fields[it.key()] = *it;
        } else if (it->is_string()) {
          std::vector<FieldError> errs;
          admin::check_text(errs, name, it->get<std::string>(), 0, kIncidentTextMax, true);
          for (const auto& e : errs) r.add(e.field, e.message);
          fields[it.key()] = *it;
        } else {
          r.add(name, "must be a string or a boolean");
        }
      }
    }
  }
  r.reject("fields", "");
  Status read = r.finish();
  if (!read.ok()) {
    auto err = read.error();
    std::erase_if(err.details,
                  [](const FieldError& fe) { return fe.field == "fields" && fe.message.empty(); });
    if (!err.details.empty()) return err;
  }
  std::string now = ctx_.clock->now_utc();
  int64_t now_micros = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  ISMS_ASSIGN(std::vector<IncidentReport> reports, load_reports(*tx, id));
  ISMS_ASSIGN(std::vector<ReportClock> clocks_before,
              incident_clocks(i, reports, zone, now_micros));
  IncidentReport rep;
  rep.id = new_id();
  rep.incident_id = id;
  rep.type = std::string(report_type_name(*type));
  rep.submitted_at = now;
  rep.submitted_by = author_of(p);
  rep.recipient = *recipient;
  rep.fields = fields;
  rep.created_at = now;
  // The deadline this report answers: its clock's due time if one is running.
  for (const auto& c : clocks_before) {
    if (c.type == *type && c.due_at &&
        (c.state == ClockState::kPending || c.state == ClockState::kDueSoon ||
         c.state == ClockState::kOverdue)) {
      rep.deadline = format_utc_micros(*c.due_at);
      rep.on_time = now_micros <= *c.due_at;
    }
  }
  ISMS_TRY(append_timeline(
      *tx, id, "report",
      incident_report_title(rep.type) + " submitted to " + rep.recipient +
          (rep.deadline.empty()
               ? std::string()
               : (rep.on_time ? " on time" : " LATE") + std::string(" (due ") + rep.deadline + ")"),
      rep.submitted_by, now, now));
  // Frozen document: the incident, its clocks and timeline as they stand, and the report.
  ISMS_ASSIGN(std::vector<TimelineEntry> timeline, load_timeline(*tx, id));
  reports.push_back(rep);
  ISMS_ASSIGN(std::vector<ReportClock> clocks_after, incident_clocks(i, reports, zone, now_micros));
  Json frozen_clocks = Json::array();
  for (const auto& c : clocks_after) frozen_clocks.push_back(clock_to_json(c, zone));
  Json frozen_timeline = Json::array();
  for (const auto& t : timeline) frozen_timeline.push_back(timeline_to_json(t));
  Json report_part{{"id", rep.id},
                   {"type", rep.type},
                   {"submitted_at", rep.submitted_at},
                   {"submitted_by", rep.submitted_by},
                   {"deadline", rep.deadline},
                   {"on_time", rep.on_time},
                   {"recipient", rep.recipient},
                   {"fields", rep.fields}};
  Json frozen{{"report", report_part},
              {"incident", incident_to_json(i)},
              {"clocks", frozen_clocks},
              {"timeline", frozen_timeline},
              {"zone", zone}};
  rep.frozen_json = dump_json(frozen);
  std::string org_name;
  if (auto org = tx->get_organization(); org && *org) org_name = (*org)->name;
  ISMS_ASSIGN(std::string pdf, render_incident_report_pdf(frozen, org_name));
  if (pdf.size() > kPdfMaxBytes) {
    return Error::invalid("fields", "the report's PDF is larger than 4 MiB; shorten the texts");
  }
  rep.pdf_base64url = base64url_encode(pdf);
  rep.pdf_sha256 = sha256_hex(pdf);
  OpRecord rec;
  rec.kind = kIncidentReportKind;
  rec.id = rep.id;
  rec.parent_id = id;
  rec.status = "submitted";
  rec.owner_id = p.person_id;
  rec.due_at = rep.deadline;
  rec.body = dump_json(report_body(rep));
  rec.created_at = rec.updated_at = now;
  ISMS_TRY(tx->insert_op_record(rec));
  // The incident's next deadline moves (and filing the notification starts the final clock).
  ISMS_TRY(store_incident(*tx, i, i.version, zone, now_micros, now));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("incident.report", kIncidentReportKind, rep.id,
                         Json{{"incident_id", id},
                              {"type", rep.type},
                              {"submitted_at", rep.submitted_at},
                              {"deadline", rep.deadline},
                              {"on_time", rep.on_time},
                              {"recipient", rep.recipient},
                              {"json_sha256", sha256_hex(rep.frozen_json)},
                              {"pdf_sha256", rep.pdf_sha256}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return report_to_json(rep);
}

Result<Json> IncidentService::get_report(const Principal& p, const std::string& id,
                                         const std::string& report_id) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(IncidentReport rep, load_report(*tx, id, report_id));
  return report_to_json(rep);
}

Result<ReportFile> IncidentService::report_file(const Principal& p, const std::string& id,
                                                const std::string& report_id,
                                                const std::string& format) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(IncidentReport rep, load_report(*tx, id, report_id));
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  std::string base = i.ref + "-" + rep.type + "-" + rep.submitted_at.substr(0, 10);
  if (format == "json") return ReportFile{"application/json", rep.frozen_json, base + ".json"};
  std::string pdf;
  if (!base64url_decode(rep.pdf_base64url, &pdf)) {
    return Error::internal("the stored PDF of report " + report_id + " cannot be decoded");
  }
  return ReportFile{"application/pdf", std::move(pdf), base + ".pdf"};
}

Result<Json> IncidentService::review(const Principal& p, const std::string& id,
                                     const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  auto lessons = r.required_string("lessons");
  if (lessons) {
    std::vector<FieldError> errs;
    admin::check_text(errs, "lessons", *lessons, 1, kIncidentTextMax, true);
    for (const auto& e : errs) r.add(e.field, e.message);
  }
  std::vector<FindingIntake> intakes;
  if (body.is_object() && body.contains("findings")) {
    const Json& list = body["findings"];
    if (!list.is_array() || list.size() > 50) {
      r.add("findings", "must be an array of at most 50 findings");
    } else {
      for (size_t k = 0; k < list.size(); ++k) {
        std::string base = "findings[" + std::to_string(k) + "]";
        admin::BodyReader fr(list[k]);
        FindingIntake in;
        in.source = "incident";
        in.source_id = id;
        in.grade = fr.required_string("grade").value_or("");
        in.title = fr.required_string("title").value_or("");
        in.description = fr.string("description").value_or("");
        in.requirement_keys =
            fr.strings("requirement_keys", 50).value_or(std::vector<std::string>{});
        in.owner_id = fr.string("owner_id").value_or("");
        if (list[k].is_object() && list[k].contains("action") && !list[k]["action"].is_null()) {
          admin::BodyReader ar(list[k]["action"]);
          CorrectiveActionIntake a;
          a.title = ar.required_string("title").value_or("");
          a.owner_id = ar.required_string("owner_id").value_or("");
          a.due_on = ar.required_string("due_on").value_or("");
          a.root_cause = ar.string("root_cause").value_or("");
          Status as = ar.finish();
          if (!as.ok()) {
            for (const auto& d : as.error().details) r.add(base + ".action." + d.field, d.message);
          }
          in.action = a;
        }
        fr.reject("action", "");
        Status fs = fr.finish();
        if (!fs.ok()) {
          for (const auto& d : fs.error().details) {
            if (d.field == "action" && d.message.empty()) continue;
            r.add(base + "." + d.field, d.message);
          }
        }
        intakes.push_back(std::move(in));
      }
    }
  }
  r.reject("findings", "");
  Status read = r.finish();
  if (!read.ok()) {
    auto err = read.error();
    std::erase_if(err.details, [](const FieldError& fe) {
      return fe.field == "findings" && fe.message.empty();
    });
    if (!err.details.empty()) return err;
  }
  std::string now = ctx_.clock->now_utc();
  int64_t now_micros = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  if (!i.review.is_null()) {
    return Error::conflict("incident " + i.ref + " already has its post-incident review");
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json created = Json::array();
  for (size_t k = 0; k < intakes.size(); ++k) {
    auto res = record_finding_in_tx(*tx, ledger, intakes[k], now);
    if (!res) {
      Error err = res.error();
      for (auto& d : err.details) d.field = "findings[" + std::to_string(k) + "]." + d.field;
      return err;
    }
    created.push_back(Json{{"finding_id", res->finding_id},
                           {"finding_ref", res->finding_ref},
                           {"action_id", res->action_id},
                           {"action_ref", res->action_ref}});
  }
  i.review = Json{{"lessons", *lessons},
                  {"reviewed_at", now},
                  {"reviewed_by", author_of(p)},
                  {"findings", created}};
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  ISMS_TRY(store_incident(*tx, i, i.version, zone, now_micros, now));
  ISMS_TRY(append_timeline(*tx, id, "note",
                           "Post-incident review recorded with " + std::to_string(created.size()) +
                               " finding(s). Lessons: " + *lessons,
                           author_of(p), now, now));
  ISMS_TRY(ledger.record("incident.review", kIncidentKind, id, i.review));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Json v, view_of(*tx, i, now_micros));
  ISMS_TRY(tx->commit());
  return v;
}

}  // namespace isms
