// The per-audit report: the audit, its checklist, its findings with their actions and
// verifications, and totals (JSON and PDF, render/audit_report.h).
#include <set>

#include "render/audit_report.h"
#include "service/admin_common.h"
#include "service/audit_service.h"
#include "service/audit_support.h"

namespace isms {

using namespace audit_internal;

namespace {

AuditReportDocument document_of(const AuditReport& r) {
  AuditReportDocument d;
  d.organization_name = r.organization_name;
  d.generated_at = r.generated_at;
  d.today = r.today;
  d.audit = r.audit;
  d.programme_ref = r.programme_ref;
  for (const auto& v : r.findings) d.findings.push_back({v.finding, v.actions, v.overdue});
  for (const auto& [id, name] : r.person_names) d.person_names[id] = name;
  return d;
}

}  // namespace

Json finding_view_to_json(const FindingView& v, const std::string& today) {
  Json j = finding_to_json(v.finding);
  j["overdue"] = v.overdue;
  j["source_ref"] = v.source_ref.empty() ? Json(nullptr) : Json(v.source_ref);
  j["source_title"] = v.source_title.empty() ? Json(nullptr) : Json(v.source_title);
  Json actions = Json::array();
  for (const auto& a : v.actions) actions.push_back(action_to_json(a, today));
  j["actions"] = std::move(actions);
  return j;
}

Json audit_report_to_json(const AuditReport& r) {
  AuditReportTotals t = audit_report_totals(document_of(r));
  Json findings = Json::array();
  for (const auto& v : r.findings) findings.push_back(finding_view_to_json(v, r.today));
  Json by_grade = Json::object();
  for (const auto& [grade, n] : t.by_grade) by_grade[grade] = n;
  Json persons = Json::object();
  for (const auto& [id, name] : r.person_names) persons[id] = name;
  return Json{{"audit", audit_to_json(r.audit)},
              {"programme_ref", r.programme_ref.empty() ? Json(nullptr) : Json(r.programme_ref)},
              {"findings", std::move(findings)},
              {"totals", Json{{"findings", static_cast<int64_t>(r.findings.size())},
                              {"by_grade", std::move(by_grade)},
                              {"open", t.open},
                              {"closed", t.closed},
                              {"overdue", t.overdue},
                              {"actions", t.actions},
                              {"actions_open", t.actions_open},
                              {"actions_verified", t.actions_verified},
                              {"actions_ineffective", t.actions_ineffective}}},
              {"persons", std::move(persons)},
              {"generated_at", r.generated_at}};
}

Result<AuditReport> AuditService::report(const Principal& p, const std::string& audit_id) const {
  ISMS_TRY(admin::require_permission(p, "audits:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  AuditReport r;
  ISMS_ASSIGN(r.audit, load_audit(*tx, audit_id));
  ISMS_ASSIGN(r.today, today_in(ctx_, *tx));
  r.generated_at = ctx_.clock->now_utc();
  ISMS_ASSIGN(auto org, tx->get_organization());
  if (org) r.organization_name = org->name;
  if (!r.audit.programme_id.empty()) {
    auto prog = load_programme(*tx, r.audit.programme_id);
    if (auto e = admin::unless_not_found(prog)) return *e;
    if (prog) r.programme_ref = programme_ref(prog->year);
  }
  OpRecordQuery q;
  q.kind = kFindingKind;
  q.parent_id = r.audit.id;
  q.order = OpRecordOrder::kRef;
  ISMS_ASSIGN(auto rows, tx->list_op_records(q));
  std::set<std::string> persons = {r.audit.lead_auditor_id};
  persons.insert(r.audit.auditor_ids.begin(), r.audit.auditor_ids.end());
  for (const auto& row : rows) {
    ISMS_ASSIGN(Finding f, finding_from_record(row));
    if (f.source != FindingSource::kAudit) continue;
    ISMS_ASSIGN(FindingView v, finding_view(*tx, std::move(f), r.today));
    persons.insert(v.finding.owner_id);
    for (const auto& a : v.actions) {
      persons.insert(a.owner_id);
      persons.insert(a.verified_by);
    }
    r.findings.push_back(std::move(v));
  }
  for (const auto& id : persons) {
    if (id.empty()) continue;
    auto person = tx->get_person(id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (person) r.person_names.emplace_back(id, person->name);
  }
  return r;
}

Result<std::string> AuditService::report_pdf(const Principal& p,
                                             const std::string& audit_id) const {
  ISMS_ASSIGN(AuditReport r, report(p, audit_id));
  return audit_report_pdf(document_of(r));
}

}  // namespace isms
