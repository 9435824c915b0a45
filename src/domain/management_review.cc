// Rules of a management review: statuses, the inputs of clause 9.3.2, what each status
// allows, field validation and the strict reading of a create/PATCH body. The stored body's
// JSON is in management_review_json.cc.
#include "domain/management_review.h"

#include <algorithm>
#include <set>

#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;
using risk_detail::is_valid_date;
using risk_detail::JsonFields;

std::string_view review_status_name(ReviewStatus s) {
  switch (s) {
    case ReviewStatus::kPlanned:
      return "planned";
    case ReviewStatus::kHeld:
      return "held";
    case ReviewStatus::kApproved:
      return "approved";
  }
  return "planned";
}

std::optional<ReviewStatus> parse_review_status(std::string_view s) {
  if (s == "planned") return ReviewStatus::kPlanned;
  if (s == "held") return ReviewStatus::kHeld;
  if (s == "approved") return ReviewStatus::kApproved;
  return std::nullopt;
}

bool is_decision_category(std::string_view s) {
  return s == "continual_improvement" || s == "isms_change" || s == "resource_needs";
}

bool action_overdue(const ReviewAction& a, std::string_view today) {
  // Dates sort as text; an action due today is not overdue yet.
  return a.status == "open" && !a.due_on.empty() && a.due_on < today;
}

const std::vector<InputSpec>& review_input_specs() {
  static const std::vector<InputSpec> specs = {
      {"a", "9.3.2 a)", "Status of actions from previous management reviews", true},
      {"b", "9.3.2 b)", "Changes in external and internal issues relevant to the ISMS", false},
      {"c", "9.3.2 c)", "Changes in needs and expectations of interested parties", false},
      {"d1", "9.3.2 d) 1)", "Nonconformities and corrective actions", true},
      {"d2", "9.3.2 d) 2)", "Monitoring and measurement results", true},
      {"d3", "9.3.2 d) 3)", "Audit results", true},
      {"d4", "9.3.2 d) 4)", "Fulfilment of information security objectives", true},
      {"e", "9.3.2 e)", "Feedback from interested parties", false},
      {"f", "9.3.2 f)", "Results of risk assessment and status of the risk treatment plan", true},
      {"g", "9.3.2 g)", "Opportunities for continual improvement", true},
      {"incidents", "", "Information security incidents since the previous review", true},
      {"exceptions", "", "Policy exceptions active and expiring", true},
  };
  return specs;
}

bool is_input_key(std::string_view key) {
  for (const InputSpec& s : review_input_specs()) {
    if (key == s.key) return true;
  }
  return false;
}

std::vector<ReviewInput> empty_review_inputs() {
  std::vector<ReviewInput> out;
  for (const InputSpec& s : review_input_specs()) {
    ReviewInput in;
    in.key = s.key;
    in.clause = s.clause;
    in.heading = s.heading;
    out.push_back(std::move(in));
  }
  return out;
}

std::vector<ReviewInput> merge_input_comments(std::vector<ReviewInput> assembled,
                                              const std::vector<ReviewInput>& previous) {
  for (ReviewInput& in : assembled) {
    for (const ReviewInput& old : previous) {
      if (old.key == in.key) in.comment = old.comment;
    }
  }
  return assembled;
}

namespace {

Error wrong_status(const ManagementReview& r, const std::string& what) {
  return Error::conflict("management review " + (r.ref.empty() ? r.id : r.ref) + " is " +
                         std::string(review_status_name(r.status)) + ": " + what);
}

std::optional<ReviewDecision> decision_from_json(JsonFields& d, const Json& v,
                                                 const std::string& field) {
  if (!v.is_object()) {
    d.add(field, "must be an object {\"text\",\"category\"}");
    return std::nullopt;
  }
  ReviewDecision out;
  size_t before = d.errors.size();
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string f = field + "." + it.key();
    if (it.key() == "text") {
      if (auto t = d.string(it.value(), f)) out.text = *t;
    } else if (it.key() == "category") {
      if (auto t = d.string(it.value(), f)) out.category = *t;
    } else {
      d.add(f, "unknown field");
    }
  }
  if (d.errors.size() != before) return std::nullopt;
  return out;
}

std::optional<ReviewAction> action_from_json(JsonFields& d, const Json& v,
                                             const std::string& field) {
  if (!v.is_object()) {
    d.add(field, "must be an object {\"title\",\"owner_id\",\"due_on\",\"status\"}");
    return std::nullopt;
  }
  ReviewAction out;
  size_t before = d.errors.size();
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string f = field + "." + it.key();
    const std::string& k = it.key();
    if (k == "title") {
      if (auto t = d.string(it.value(), f)) out.title = *t;
    } else if (k == "owner_id") {
      if (auto t = d.string(it.value(), f)) out.owner_id = *t;
    } else if (k == "due_on") {
      if (auto t = d.string(it.value(), f)) out.due_on = *t;
    } else if (k == "status") {
      if (auto t = d.string(it.value(), f)) out.status = *t;
    } else if (k == "finding_id" || k == "finding_ref" || k == "overdue" || k == "owner_name") {
      // Read-only members a client echoes back from a GET; the service keeps the stored ones.
    } else {
      d.add(f, "unknown field");
    }
  }
  if (d.errors.size() != before) return std::nullopt;
  return out;
}

template <typename T, typename F>
std::optional<std::vector<T>> list_from_json(JsonFields& d, const Json& v, const std::string& key,
                                             const char* shape, F parse_one) {
  if (!v.is_array() || v.size() > kReviewListMax) {
    d.add(key, "must be an array of at most " + std::to_string(kReviewListMax) + " " + shape);
    return std::nullopt;
  }
  std::vector<T> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (auto one = parse_one(d, v[i], key + "[" + std::to_string(i) + "]")) {
      out.push_back(std::move(*one));
    }
  }
  if (out.size() != v.size()) return std::nullopt;
  return out;
}

}  // namespace

Result<ReviewFields> review_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ReviewFields f;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      f.title = d.string(v, key);
    } else if (key == "planned_on") {
      f.planned_on = d.string(v, key);
    } else if (key == "chair_id") {
      f.chair_id = d.string(v, key);
    } else if (key == "held_on") {
      f.held_on = d.string(v, key);
    } else if (key == "minutes") {
      f.minutes = d.string(v, key);
    } else if (key == "attendee_ids") {
      f.attendee_ids = d.strings(v, key, kReviewListMax);
    } else if (key == "guests") {
      f.guests = d.strings(v, key, kReviewListMax);
    } else if (key == "decisions") {
      f.decisions = list_from_json<ReviewDecision>(d, v, key, "decisions {\"text\",\"category\"}",
                                                   decision_from_json);
    } else if (key == "actions") {
      f.actions = list_from_json<ReviewAction>(
          d, v, key, "actions {\"title\",\"owner_id\",\"due_on\",\"status\"}", action_from_json);
    } else if (key == "comments") {
      if (!v.is_object()) {
        d.add(key, "must be an object {\"<input key>\": \"comment\"}");
        continue;
      }
      for (auto c = v.begin(); c != v.end(); ++c) {
        std::string field = "comments." + c.key();
        if (!is_input_key(c.key())) {
          d.add(field, "no such input (a, b, c, d1, d2, d3, d4, e, f, g, incidents, exceptions)");
        } else if (auto t = d.string(c.value(), field)) {
          f.comments[c.key()] = *t;
        }
      }
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) f.version = *n;
    } else if (key == "id" || key == "ref" || key == "status" || key == "inputs" ||
               key == "inputs_assembled_at" || key == "inputs_since" ||
               key == "previous_review_id" || key == "approved_by" || key == "approved_by_name" ||
               key == "approved_at" || key == "created_at" || key == "updated_at") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

Status check_review_editable(const ManagementReview& r) {
  if (r.status == ReviewStatus::kApproved) {
    return wrong_status(r, "an approved review cannot change (only its actions' status can)");
  }
  return ok_status();
}

Status check_inputs_refreshable(const ManagementReview& r) {
  if (r.status != ReviewStatus::kPlanned) {
    return wrong_status(r, "its inputs were frozen when it was held");
  }
  return ok_status();
}

Status check_review_holdable(const ManagementReview& r) {
  if (r.status != ReviewStatus::kPlanned) return wrong_status(r, "it was held already");
  return ok_status();
}

Status check_review_approvable(const ManagementReview& r) {
  if (r.status == ReviewStatus::kPlanned) return wrong_status(r, "hold it before approving");
  if (r.status == ReviewStatus::kApproved) return wrong_status(r, "it is approved already");
  return ok_status();
}

Status apply_review_fields(const ReviewFields& f, ManagementReview* r) {
  std::vector<FieldError> errors;
  if (f.held_on && r->status == ReviewStatus::kPlanned) {
    errors.push_back({"held_on", "is set when the review is held (POST .../hold)"});
  }
  if (f.planned_on && r->status != ReviewStatus::kPlanned) {
    errors.push_back({"planned_on", "cannot change once the review is held"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (f.title) r->title = *f.title;
  if (f.planned_on) r->planned_on = *f.planned_on;
  if (f.chair_id) r->chair_id = *f.chair_id;
  if (f.held_on) r->held_on = *f.held_on;
  if (f.minutes) r->minutes = *f.minutes;
  if (f.attendee_ids) {
    std::set<std::string> unique(f.attendee_ids->begin(), f.attendee_ids->end());
    r->attendee_ids.assign(unique.begin(), unique.end());
  }
  if (f.guests) r->guests = *f.guests;
  if (f.decisions) r->decisions = *f.decisions;
  if (f.actions) {
    // Findings raised for an action stay with the action at the same position and title;
    // an action that moved keeps its finding by title. Each finding goes to one action:
    // matching by title alone gave every action of a repeated title the last one's finding,
    // so sending a review's actions back unchanged moved findings (caught by
    // fuzz/review_body_fuzz.cc).
    std::vector<ReviewAction> next = *f.actions;
    std::vector<bool> carried(r->actions.size(), false);
    auto carry = [&](ReviewAction& a, size_t j) {
      a.finding_id = r->actions[j].finding_id;
      a.finding_ref = r->actions[j].finding_ref;
      carried[j] = true;
    };
    auto has_finding = [&](size_t j, const ReviewAction& a) {
      return !carried[j] && !r->actions[j].finding_id.empty() && r->actions[j].title == a.title;
    };
    for (size_t i = 0; i < next.size() && i < r->actions.size(); ++i) {
      if (has_finding(i, next[i])) carry(next[i], i);
    }
    for (ReviewAction& a : next) {
      if (!a.finding_id.empty()) continue;
      for (size_t j = 0; j < r->actions.size(); ++j) {
        if (has_finding(j, a)) {
          carry(a, j);
          break;
        }
      }
    }
    r->actions = std::move(next);
  }
  for (const auto& [key, text] : f.comments) {
    for (ReviewInput& in : r->inputs) {
      if (in.key == key) in.comment = text;
    }
  }
  return ok_status();
}

std::vector<FieldError> validate_management_review(const ManagementReview& r) {
  std::vector<FieldError> e;
  check_text(e, "title", r.title, kReviewTitleMax, false, true);
  if (!is_valid_date(r.planned_on)) e.push_back({"planned_on", "must be a date YYYY-MM-DD"});
  if (r.chair_id.empty()) e.push_back({"chair_id", "is required (a person id)"});
  if (r.status != ReviewStatus::kPlanned && !is_valid_date(r.held_on)) {
    e.push_back({"held_on", "must be a date YYYY-MM-DD"});
  }
  check_text(e, "minutes", r.minutes, kReviewTextMax, true, false);
  for (size_t i = 0; i < r.guests.size(); ++i) {
    check_text(e, "guests[" + std::to_string(i) + "]", r.guests[i], kReviewItemTextMax, false,
               true);
  }
  for (size_t i = 0; i < r.decisions.size(); ++i) {
    std::string f = "decisions[" + std::to_string(i) + "]";
    check_text(e, f + ".text", r.decisions[i].text, kReviewItemTextMax, true, true);
    if (!is_decision_category(r.decisions[i].category)) {
      e.push_back(
          {f + ".category", "must be continual_improvement, isms_change or resource_needs"});
    }
  }
  for (size_t i = 0; i < r.actions.size(); ++i) {
    const ReviewAction& a = r.actions[i];
    std::string f = "actions[" + std::to_string(i) + "]";
    check_text(e, f + ".title", a.title, kReviewItemTextMax, false, true);
    if (a.owner_id.empty()) e.push_back({f + ".owner_id", "is required (a person id)"});
    if (!is_valid_date(a.due_on)) e.push_back({f + ".due_on", "must be a date YYYY-MM-DD"});
    if (a.status != "open" && a.status != "done") {
      e.push_back({f + ".status", "must be open or done"});
    }
  }
  for (const ReviewInput& in : r.inputs) {
    check_text(e, "comments." + in.key, in.comment, kReviewTextMax, true, false);
  }
  return e;
}

}  // namespace isms
