#include "render/incident_report.h"

#include "base/json.h"
#include "render/report_pdf.h"

namespace isms {

namespace {

std::string text_of(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_array()) {
    std::string out;
    for (const auto& v : *it) {
      if (!out.empty()) out += ", ";
      out += v.is_string() ? v.get<std::string>() : dump_json(v);
    }
    return out;
  }
  return it->dump();
}

// "suspected_malicious" -> "Suspected malicious".
std::string label(const std::string& key) {
  std::string out = key;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

ReportCell cell(std::string text, bool bold = false) {
  return ReportCell{std::move(text), {}, bold};
}

}  // namespace

std::string incident_report_title(const std::string& type) {
  if (type == "early_warning") return "NIS2 early warning";
  if (type == "notification") return "NIS2 incident notification";
  if (type == "intermediate") return "NIS2 intermediate report";
  if (type == "final") return "NIS2 final report";
  if (type == "progress") return "NIS2 progress report";
  if (type == "gdpr_breach") return "GDPR personal data breach notification";
  return "Incident report";
}

Result<std::string> render_incident_report_pdf(const Json& frozen,
                                               const std::string& organization_name) {
  const Json& report = frozen.at("report");
  const Json& incident = frozen.at("incident");
  Report r;
  r.title = incident_report_title(text_of(report, "type")) + " - " + text_of(incident, "ref");
  r.subtitle = text_of(incident, "title");
  r.organization_name = organization_name;
  r.classification_label = "Confidential";
  r.generated_at = text_of(report, "submitted_at");
  r.facts = {{"Recipient", text_of(report, "recipient")},
             {"Submitted at (UTC)", text_of(report, "submitted_at")},
             {"Deadline (UTC)", text_of(report, "deadline").empty() ? std::string("none")
                                                                    : text_of(report, "deadline")},
             {"On time", text_of(report, "on_time")},
             {"Aware at (UTC)", text_of(incident, "aware_at")},
             {"Severity", text_of(incident, "severity")},
             {"Status", text_of(incident, "status")},
             {"Significant", text_of(incident, "significant")}};

  ReportSection fields;
  fields.heading = "Report";
  ReportTable ft;
  ft.header = {"Item", "Content"};
  ft.column_weights = {1, 3};
  if (auto f = report.find("fields"); f != report.end() && f->is_object()) {
    for (auto it = f->begin(); it != f->end(); ++it) {
      ft.rows.push_back({cell(label(it.key()), true), cell(text_of(*f, it.key().c_str()))});
    }
  }
  if (ft.rows.empty())
    fields.paragraphs.push_back("No report fields were given.");
  else
    fields.tables.push_back(std::move(ft));
  r.sections.push_back(std::move(fields));

  ReportSection inc;
  inc.heading = "Incident";
  if (!text_of(incident, "description").empty()) {
    inc.paragraphs.push_back(text_of(incident, "description"));
  }
  ReportTable it;
  it.header = {"Item", "Value"};
  it.column_weights = {1, 3};
  for (const char* key :
       {"occurred_at", "detected_at", "resolved_at", "suppliers", "personal_data",
        "personal_data_categories", "data_subjects_approx", "cross_border", "ongoing"}) {
    it.rows.push_back({cell(label(key), true), cell(text_of(incident, key))});
  }
  inc.tables.push_back(std::move(it));
  r.sections.push_back(std::move(inc));

  if (auto a = incident.find("assessment"); a != incident.end() && a->is_object()) {
    ReportSection s;
    s.heading = "Significance assessment";
    if (auto res = a->find("result"); res != a->end() && res->is_object()) {
      s.paragraphs.push_back(text_of(*res, "reasoning"));
    }
    if (a->contains("override_significant") && !(*a)["override_significant"].is_null()) {
      s.paragraphs.push_back(
          "Overridden by the assessor to significant = " + text_of(*a, "override_significant") +
          ": " + text_of(*a, "justification"));
    }
    r.sections.push_back(std::move(s));
  }

  if (auto c = frozen.find("clocks"); c != frozen.end() && c->is_array()) {
    ReportSection s;
    s.heading = "Reporting deadlines at filing";
    ReportTable t;
    t.header = {"Report", "State", "Due (local)", "Basis"};
    t.column_weights = {1.2, 1, 1.6, 2};
    for (const auto& clock : *c) {
      t.rows.push_back({cell(label(text_of(clock, "type"))), cell(text_of(clock, "state")),
                        cell(text_of(clock, "due_local")), cell(text_of(clock, "basis"))});
    }
    s.tables.push_back(std::move(t));
    r.sections.push_back(std::move(s));
  }

  if (auto tl = frozen.find("timeline"); tl != frozen.end() && tl->is_array()) {
    ReportSection s;
    s.heading = "Timeline";
    ReportTable t;
    t.header = {"At (UTC)", "Kind", "Entry"};
    t.column_weights = {1.4, 1, 3.6};
    for (const auto& e : *tl) {
      t.rows.push_back(
          {cell(text_of(e, "at")), cell(text_of(e, "kind")), cell(text_of(e, "text"))});
    }
    if (t.rows.empty())
      s.paragraphs.push_back("No entries.");
    else
      s.tables.push_back(std::move(t));
    r.sections.push_back(std::move(s));
  }
  return render_report_pdf(r);
}

}  // namespace isms
