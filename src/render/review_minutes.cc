#include "render/review_minutes.h"

#include "render/report_pdf.h"

namespace isms {
namespace {

std::string name_of(const std::map<std::string, std::string>& names, const std::string& id) {
  if (id.empty()) return "-";
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

std::string category_display(const std::string& c) {
  if (c == "continual_improvement") return "Continual improvement";
  if (c == "isms_change") return "Changes to the ISMS";
  if (c == "resource_needs") return "Resource needs";
  return c;
}

ReportCell cell(std::string text, bool bold = false) {
  return {std::move(text), std::nullopt, bold};
}

// The input's own section (facts, notes, the comment), then one section per data table
// headed by the table's title: the report renders a section's paragraphs before its
// tables, so a table title can only go into a heading.
void add_input_sections(const ReviewInput& in, std::vector<ReportSection>* out) {
  ReportSection s;
  s.heading = (in.clause.empty() ? "" : in.clause + " ") + in.heading;
  for (const std::string& note : in.notes) s.paragraphs.push_back(note);
  s.paragraphs.push_back(in.comment.empty() ? "Comment: none." : "Comment: " + in.comment);
  if (!in.facts.empty()) {
    ReportTable facts;
    facts.header = {"Measure", "Value"};
    facts.column_weights = {3, 1};
    facts.centered = {false, true};
    for (const InputFact& f : in.facts) facts.rows.push_back({cell(f.label), cell(f.value)});
    s.tables.push_back(std::move(facts));
  }
  out->push_back(std::move(s));
  for (const InputTable& t : in.tables) {
    if (t.columns.empty()) continue;
    ReportSection ts;
    ts.heading = t.title;
    ReportTable table;
    table.header = t.columns;
    for (const auto& row : t.rows) {
      std::vector<ReportCell> cells;
      for (size_t i = 0; i < t.columns.size(); ++i)
        cells.push_back(cell(i < row.size() ? row[i] : ""));
      table.rows.push_back(std::move(cells));
    }
    if (table.rows.empty()) ts.paragraphs.push_back("None.");
    ts.tables.push_back(std::move(table));
    out->push_back(std::move(ts));
  }
}

}  // namespace

std::string review_approval_line(const ManagementReview& r,
                                 const std::map<std::string, std::string>& names) {
  if (r.status != ReviewStatus::kApproved) return "Not approved yet";
  std::string who = r.approved_by_name.empty() ? name_of(names, r.approved_by) : r.approved_by_name;
  return "Approved by " + who + " on " + r.approved_at.substr(0, 10);
}

Result<std::string> render_review_minutes_pdf(const ReviewMinutes& doc) {
  const ManagementReview& r = doc.review;
  Report rep;
  rep.title = "Minutes: " + r.title;
  rep.subtitle = r.ref + " - " + review_approval_line(r, doc.person_names);
  rep.organization_name = doc.organization_name;
  rep.classification_label = doc.classification_label;
  rep.generated_at = doc.generated_at;
  std::string attendees;
  for (const std::string& id : r.attendee_ids) {
    attendees += (attendees.empty() ? "" : ", ") + name_of(doc.person_names, id);
  }
  std::string guests;
  for (const std::string& g : r.guests) guests += (guests.empty() ? "" : ", ") + g;
  rep.facts = {
      {"Reference", r.ref},
      {"Status", std::string(review_status_name(r.status))},
      {"Planned on", r.planned_on},
      {"Held on", r.held_on.empty() ? "not held yet" : r.held_on},
      {"Chair", name_of(doc.person_names, r.chair_id)},
      {"Attendees", attendees.empty() ? "-" : attendees},
      {"Guests", guests.empty() ? "-" : guests},
      {"Inputs assembled at", r.inputs_assembled_at.empty() ? "-" : r.inputs_assembled_at},
      {"Inputs cover", r.inputs_since.empty() ? "everything recorded" : "since " + r.inputs_since},
      {"Approval", review_approval_line(r, doc.person_names)}};

  for (const ReviewInput& in : r.inputs) add_input_sections(in, &rep.sections);

  ReportSection minutes;
  minutes.heading = "Minutes";
  minutes.paragraphs = {r.minutes.empty() ? "No minutes recorded." : r.minutes};
  rep.sections.push_back(std::move(minutes));

  ReportSection decisions;
  decisions.heading = "Decisions";
  if (r.decisions.empty()) {
    decisions.paragraphs = {"No decisions recorded."};
  } else {
    ReportTable t;
    t.header = {"#", "Category", "Decision"};
    t.column_weights = {0.5, 2, 6};
    t.centered = {true, false, false};
    for (size_t i = 0; i < r.decisions.size(); ++i) {
      t.rows.push_back({cell(std::to_string(i + 1)),
                        cell(category_display(r.decisions[i].category)),
                        cell(r.decisions[i].text)});
    }
    decisions.tables.push_back(std::move(t));
  }
  rep.sections.push_back(std::move(decisions));

  ReportSection actions;
  actions.heading = "Actions";
  if (r.actions.empty()) {
    actions.paragraphs = {"No actions recorded."};
  } else {
    ReportTable t;
    t.header = {"#", "Action", "Owner", "Due", "Status", "Finding"};
    t.column_weights = {0.5, 5, 2, 1.5, 1.2, 1.3};
    t.centered = {true, false, false, true, true, false};
    for (size_t i = 0; i < r.actions.size(); ++i) {
      const ReviewAction& a = r.actions[i];
      t.rows.push_back({cell(std::to_string(i + 1)), cell(a.title),
                        cell(name_of(doc.person_names, a.owner_id)), cell(a.due_on), cell(a.status),
                        cell(a.finding_ref.empty() ? "-" : a.finding_ref)});
    }
    actions.tables.push_back(std::move(t));
  }
  rep.sections.push_back(std::move(actions));

  ReportSection approval;
  approval.heading = "Approval";
  approval.paragraphs = {review_approval_line(r, doc.person_names)};
  rep.sections.push_back(std::move(approval));
  return render_report_pdf(rep);
}

}  // namespace isms
