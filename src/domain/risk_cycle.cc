#include "domain/risk_cycle.h"

#include <algorithm>

#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;

namespace {

constexpr int kIntervalMonthsMax = 12;
constexpr int kDueWindowDays = 14;

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// Present in a snapshot = listed and not archived.
bool present(const RiskSnapshotEntry* e) { return e && !e->archived; }

Json entry_json(const RiskSnapshotEntry& e) {
  return Json{{"risk_id", e.risk_id},
              {"ref", e.ref},
              {"title", e.title},
              {"owner_name", e.owner_name},
              {"method_number", e.method_number},
              {"inherent_likelihood", e.inherent_likelihood},
              {"inherent_impact", e.inherent_impact},
              {"inherent_level", e.inherent_level},
              {"residual_likelihood", e.residual_likelihood},
              {"residual_impact", e.residual_impact},
              {"residual_level", e.residual_level},
              {"treatment", e.treatment},
              {"archived", e.archived}};
}

}  // namespace

std::string_view cycle_status_name(CycleStatus s) {
  return s == CycleStatus::kOpen ? "open" : "closed";
}

std::string_view review_outcome_name(ReviewOutcome o) {
  return o == ReviewOutcome::kConfirmed ? "confirmed" : "changed";
}

std::optional<ReviewOutcome> parse_review_outcome(std::string_view s) {
  if (s == "confirmed") return ReviewOutcome::kConfirmed;
  if (s == "changed") return ReviewOutcome::kChanged;
  return std::nullopt;
}

std::string cycle_next_due(const RiskCycle& c) {
  auto opened = risk_detail::parse_date(c.opened_on);
  if (!opened) return "";
  return risk_detail::format_date(risk_detail::add_months(*opened, c.interval_months));
}

std::string cycle_schedule_state(const RiskCycle& last, std::string_view today) {
  if (last.status == CycleStatus::kOpen) return "open";
  auto due = risk_detail::parse_date(cycle_next_due(last));
  if (!due) return "overdue";
  std::string due_text = risk_detail::format_date(*due);
  if (today > due_text) return "overdue";
  if (today >= risk_detail::format_date(risk_detail::add_days(*due, -kDueWindowDays))) {
    return "due";
  }
  return "scheduled";
}

CycleComparison compare_snapshots(const std::vector<RiskSnapshotEntry>& a,
                                  const std::vector<RiskSnapshotEntry>& b) {
  CycleComparison out;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const RiskSnapshotEntry* x = nullptr;
    const RiskSnapshotEntry* y = nullptr;
    if (j == b.size() || (i < a.size() && a[i].risk_id < b[j].risk_id)) {
      x = &a[i++];
    } else if (i == a.size() || b[j].risk_id < a[i].risk_id) {
      y = &b[j++];
    } else {
      x = &a[i++];
      y = &b[j++];
    }
    bool in_a = present(x), in_b = present(y);
    if (in_b && !in_a) {
      out.added.push_back(*y);
    } else if (in_a && !in_b) {
      out.removed.push_back(y ? *y : *x);
    } else if (in_a && in_b) {
      if (y->residual_level > x->residual_level) {
        out.raised.emplace_back(*x, *y);
      } else if (y->residual_level < x->residual_level) {
        out.lowered.emplace_back(*x, *y);
      } else {
        ++out.unchanged;
      }
    }
  }
  return out;
}

RiskSnapshotEntry snapshot_of(const Risk& r) {
  RiskSnapshotEntry e;
  e.risk_id = r.id;
  e.ref = r.ref;
  e.title = r.title;
  e.owner_name = r.owner_name.value_or("");
  e.method_number = r.method_number;
  e.inherent_likelihood = r.inherent.likelihood;
  e.inherent_impact = r.inherent.impact();
  e.inherent_level = r.inherent_level;
  e.residual_likelihood = r.residual.likelihood;
  e.residual_impact = r.residual.impact();
  e.residual_level = r.residual_level;
  e.treatment = std::string(treatment_name(r.treatment));
  e.archived = r.archived_at.has_value();
  return e;
}

std::vector<FieldError> validate_risk_cycle(const RiskCycle& c) {
  std::vector<FieldError> errors;
  check_text(errors, "title", c.title, kCycleTitleMax, false, true);
  if (!risk_detail::is_valid_date(c.opened_on)) {
    errors.push_back({"opened_on", "must be a date YYYY-MM-DD"});
  }
  check_text(errors, "minutes", c.minutes, kCycleTextMax, true, false);
  if (c.interval_months < 1 || c.interval_months > kIntervalMonthsMax) {
    errors.push_back({"interval_months", "must be from 1 to 12"});
  }
  if (c.attendee_ids.size() > kCycleAttendeesMax) {
    errors.push_back(
        {"attendee_ids", "must name at most " + std::to_string(kCycleAttendeesMax) + " persons"});
  }
  for (const auto& id : c.attendee_ids) {
    if (id.empty()) {
      errors.push_back({"attendee_ids", "must contain only person ids"});
      break;
    }
  }
  if (c.decisions.size() > kCycleDecisionsMax) {
    errors.push_back(
        {"decisions", "must list at most " + std::to_string(kCycleDecisionsMax) + " decisions"});
  } else {
    for (size_t i = 0; i < c.decisions.size(); ++i) {
      const CycleDecision& d = c.decisions[i];
      std::string f = "decisions[" + std::to_string(i) + "]";
      check_text(errors, f + ".text", d.text, kCycleTextMax, true, true);
      if (d.due_on && !risk_detail::is_valid_date(*d.due_on)) {
        errors.push_back({f + ".due_on", "must be a date YYYY-MM-DD or null"});
      }
    }
  }
  return errors;
}

Json risk_cycle_to_json(const RiskCycle& c, std::string_view today) {
  Json decisions = Json::array();
  for (const auto& d : c.decisions) {
    decisions.push_back(
        Json{{"text", d.text}, {"owner_id", d.owner_id}, {"due_on", optional_json(d.due_on)}});
  }
  return Json{{"id", c.id},
              {"title", c.title},
              {"opened_on", c.opened_on},
              {"status", cycle_status_name(c.status)},
              {"closed_at", optional_json(c.closed_at)},
              {"method_number", c.method_number},
              {"attendee_ids", c.attendee_ids},
              {"decisions", std::move(decisions)},
              {"minutes", c.minutes},
              {"interval_months", c.interval_months},
              {"reviewed_count", c.reviewed_count},
              {"risk_count", c.risk_count},
              {"next_due", cycle_next_due(c)},
              {"schedule_state", cycle_schedule_state(c, today)},
              {"version", c.version},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at}};
}

Json risk_review_to_json(const RiskReview& r) {
  return Json{{"cycle_id", r.cycle_id},
              {"risk_id", r.risk_id},
              {"risk_ref", r.risk_ref},
              {"risk_title", r.risk_title},
              {"outcome", review_outcome_name(r.outcome)},
              {"reviewed_by", r.reviewed_by},
              {"reviewed_by_name", r.reviewed_by_name},
              {"reviewed_at", r.reviewed_at},
              {"note", r.note},
              {"inherent_level_before", r.inherent_level_before},
              {"residual_level_before", r.residual_level_before},
              {"inherent_level_after", r.inherent_level_after},
              {"residual_level_after", r.residual_level_after}};
}

Json cycle_comparison_to_json(const CycleComparison& c) {
  Json added = Json::array(), removed = Json::array(), raised = Json::array(),
       lowered = Json::array();
  for (const auto& e : c.added) added.push_back(entry_json(e));
  for (const auto& e : c.removed) removed.push_back(entry_json(e));
  for (const auto& [before, after] : c.raised) {
    raised.push_back(Json{{"before", entry_json(before)}, {"after", entry_json(after)}});
  }
  for (const auto& [before, after] : c.lowered) {
    lowered.push_back(Json{{"before", entry_json(before)}, {"after", entry_json(after)}});
  }
  return Json{{"added", std::move(added)},
              {"removed", std::move(removed)},
              {"raised", std::move(raised)},
              {"lowered", std::move(lowered)},
              {"unchanged", c.unchanged}};
}

}  // namespace isms
