#include "render/audit_report.h"

#include <cctype>

#include "render/report_pdf.h"

namespace isms {
namespace {

ReportCell cell(std::string text, bool bold = false) {
  return {std::move(text), std::nullopt, bold};
}

// Red for nonconformity and failure, amber for observations and waiting, green for done.
std::optional<std::string> result_colour(CheckResult r) {
  switch (r) {
    case CheckResult::kConform:
      return "#c8e6c9";
    case CheckResult::kNonconform:
      return "#ffcdd2";
    case CheckResult::kObservation:
      return "#fff3c4";
    case CheckResult::kNotChecked:
    case CheckResult::kNotApplicable:
      break;
  }
  return std::nullopt;
}

std::string label(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

AuditReportTotals audit_report_totals(const AuditReportDocument& doc) {
  AuditReportTotals t;
  for (std::string_view g : finding_grade_names()) t.by_grade[std::string(g)] = 0;
  for (const auto& f : doc.findings) {
    ++t.by_grade[std::string(finding_grade_name(f.finding.grade))];
    if (f.finding.status == FindingStatus::kOpen) {
      ++t.open;
    } else {
      ++t.closed;
    }
    if (f.overdue) ++t.overdue;
    for (const auto& a : f.actions) {
      ++t.actions;
      if (a.status == ActionStatus::kOpen || a.status == ActionStatus::kImplemented) {
        ++t.actions_open;
      }
      if (a.status == ActionStatus::kVerified) ++t.actions_verified;
      if (a.status == ActionStatus::kIneffective) ++t.actions_ineffective;
    }
  }
  return t;
}

Result<std::string> audit_report_pdf(const AuditReportDocument& doc) {
  const Audit& a = doc.audit;
  auto name = [&](const std::string& id) -> std::string {
    if (id.empty()) return "-";
    auto it = doc.person_names.find(id);
    return it == doc.person_names.end() ? id : it->second;
  };
  Report r;
  r.title = "Audit report " + a.ref + ": " + a.title;
  r.subtitle = label(audit_type_name(a.type)) + " audit, " + a.start_on + " to " + a.end_on + ", " +
               label(audit_status_name(a.status));
  r.organization_name = doc.organization_name;
  r.classification_label = doc.classification_label;
  r.generated_at = doc.generated_at;
  std::vector<std::string> auditors;
  for (const auto& id : a.auditor_ids) auditors.push_back(name(id));
  r.facts = {{"Audit", a.ref},
             {"Programme", or_dash(doc.programme_ref)},
             {"Lead auditor", name(a.lead_auditor_id)},
             {"Auditors", auditors.empty() ? "-" : join(auditors)},
             {"Status", label(audit_status_name(a.status))}};
  if (!a.completed_at.empty()) r.facts.push_back({"Completed", a.completed_at.substr(0, 10)});

  ReportSection scope;
  scope.heading = "Scope and criteria";
  scope.paragraphs = {a.scope, "Criteria: " + join(a.criteria)};
  r.sections.push_back(std::move(scope));

  ReportSection checklist;
  checklist.heading = "Checklist";
  ReportTable items;
  items.header = {"#", "Requirement", "Question", "Result", "Notes and evidence"};
  items.column_weights = {0.4, 2.4, 2.6, 1.6, 2.6};
  items.centered = {true, false, false, false, false};
  for (size_t i = 0; i < a.checklist.size(); ++i) {
    const ChecklistItem& it = a.checklist[i];
    std::string notes = it.notes;
    if (!it.evidence.empty())
      notes += (notes.empty() ? "" : "\n") + ("Evidence: " + join(it.evidence));
    items.rows.push_back({cell(std::to_string(i + 1)),
                          cell(it.requirement_key +
                               (it.requirement_title.empty() ? "" : " " + it.requirement_title)),
                          cell(it.question),
                          {label(check_result_name(it.result)), result_colour(it.result), false},
                          cell(or_dash(notes))});
  }
  checklist.tables.push_back(std::move(items));
  r.sections.push_back(std::move(checklist));

  AuditReportTotals totals = audit_report_totals(doc);
  ReportSection summary;
  summary.heading = "Findings summary";
  summary.paragraphs = {
      std::to_string(doc.findings.size()) + " finding(s): " + std::to_string(totals.open) +
      " open, " + std::to_string(totals.closed) + " closed, " + std::to_string(totals.overdue) +
      " overdue. " + std::to_string(totals.actions) +
      " corrective action(s): " + std::to_string(totals.actions_verified) +
      " verified effective, " + std::to_string(totals.actions_ineffective) + " ineffective, " +
      std::to_string(totals.actions_open) +
      " awaiting implementation or "
      "verification."};
  ReportTable by_grade;
  by_grade.header = {"Grade", "Findings"};
  by_grade.column_weights = {3, 1};
  by_grade.centered = {false, true};
  for (std::string_view g : finding_grade_names()) {
    by_grade.rows.push_back(
        {cell(label(g)), cell(std::to_string(totals.by_grade[std::string(g)]))});
  }
  summary.tables.push_back(std::move(by_grade));
  r.sections.push_back(std::move(summary));

  for (const auto& f : doc.findings) {
    ReportSection s;
    s.heading = f.finding.ref + " " + f.finding.title;
    std::string head = label(finding_grade_name(f.finding.grade)) + ", " +
                       label(finding_status_name(f.finding.status));
    if (f.overdue) head += ", overdue";
    if (f.finding.checklist_index) {
      head += "; checklist item " + std::to_string(*f.finding.checklist_index + 1);
    }
    if (!f.finding.requirement_keys.empty()) head += "; " + join(f.finding.requirement_keys);
    head += ". Owner: " + name(f.finding.owner_id) + ".";
    s.paragraphs.push_back(head);
    if (!f.finding.description.empty()) s.paragraphs.push_back(f.finding.description);
    if (f.finding.status == FindingStatus::kClosed) {
      s.paragraphs.push_back("Closed " + f.finding.closed_at.substr(0, 10) +
                             (f.finding.close_note.empty() ? "" : ": " + f.finding.close_note));
    }
    if (f.actions.empty()) {
      s.paragraphs.push_back("No corrective action recorded.");
    } else {
      ReportTable t;
      t.header = {"Action", "Root cause", "Owner / due", "Implemented", "Verification"};
      t.column_weights = {2.5, 2.5, 1.6, 1.6, 2.5};
      for (const auto& act : f.actions) {
        std::string verification = "-";
        if (act.effective) {
          verification = std::string(*act.effective ? "Effective" : "Not effective") + " (" +
                         act.verified_on + ", " + name(act.verified_by) + ")" +
                         (act.verification_note.empty() ? "" : ": " + act.verification_note);
        }
        std::string due = name(act.owner_id) + "\ndue " + act.due_on;
        if (action_overdue(act, doc.today)) due += " (overdue)";
        t.rows.push_back(
            {cell(act.ref + " " + act.title, true),
             cell(or_dash(act.root_cause)),
             cell(due),
             cell(act.implemented_on.empty()
                      ? "-"
                      : act.implemented_on + (act.implementation_note.empty()
                                                  ? ""
                                                  : ": " + act.implementation_note)),
             {verification,
              act.effective ? std::optional<std::string>(*act.effective ? "#c8e6c9" : "#ffcdd2")
                            : std::nullopt,
              false}});
      }
      s.tables.push_back(std::move(t));
    }
    r.sections.push_back(std::move(s));
  }

  ReportSection conclusion;
  conclusion.heading = "Conclusion";
  conclusion.paragraphs = {a.conclusion.empty() ? "No conclusion recorded yet." : a.conclusion};
  r.sections.push_back(std::move(conclusion));
  return render_report_pdf(r);
}

}  // namespace isms
