#include "domain/nis2_clock.h"

#include <algorithm>

#include "base/time.h"
#include "base/time_zone.h"

namespace isms {

namespace {

std::optional<int64_t> first_submission(const ClockInputs& in, ReportType type,
                                        int64_t not_before = INT64_MIN) {
  std::optional<int64_t> first;
  for (const auto& r : in.reports) {
    if (r.type != type || r.submitted_at < not_before) continue;
    if (!first || r.submitted_at < *first) first = r.submitted_at;
  }
  return first;
}

// A clock that runs from start to due.
ReportClock deadline_clock(ReportType type, std::string basis, int64_t start, int64_t due,
                           std::optional<int64_t> submitted, int64_t now) {
  ReportClock c;
  c.type = type;
  c.basis = std::move(basis);
  c.start_at = start;
  c.due_at = due;
  c.submitted_at = submitted;
  c.state = deadline_state(start, due, submitted, now);
  int64_t diff = due - now;
  // Floor division so that 0.5 s past the deadline reads -1, not 0.
  c.remaining_seconds = diff >= 0 ? diff / kNis2MicrosPerSecond
                                  : -((-diff + kNis2MicrosPerSecond - 1) / kNis2MicrosPerSecond);
  return c;
}

// A clock that is not required, or a report filed although no clock asked for it (kept
// visible as submitted).
ReportClock idle_clock(ReportType type, std::string basis, std::string note,
                       std::optional<int64_t> submitted) {
  ReportClock c;
  c.type = type;
  c.basis = std::move(basis);
  c.note = std::move(note);
  c.submitted_at = submitted;
  c.state = submitted ? ClockState::kSubmitted : ClockState::kNotRequired;
  return c;
}

std::string optional_instant(const std::optional<int64_t>& v) {
  return v ? format_utc_micros(*v) : std::string();
}

}  // namespace

std::string_view report_type_name(ReportType t) {
  switch (t) {
    case ReportType::kEarlyWarning:
      return "early_warning";
    case ReportType::kNotification:
      return "notification";
    case ReportType::kIntermediate:
      return "intermediate";
    case ReportType::kFinal:
      return "final";
    case ReportType::kProgress:
      return "progress";
    case ReportType::kGdprBreach:
      return "gdpr_breach";
  }
  return "early_warning";
}

std::optional<ReportType> parse_report_type(std::string_view s) {
  for (ReportType t : all_report_types()) {
    if (report_type_name(t) == s) return t;
  }
  return std::nullopt;
}

const std::vector<ReportType>& all_report_types() {
  static const std::vector<ReportType> kAll = {ReportType::kEarlyWarning, ReportType::kNotification,
                                               ReportType::kIntermediate, ReportType::kFinal,
                                               ReportType::kProgress,     ReportType::kGdprBreach};
  return kAll;
}

std::string_view clock_state_name(ClockState s) {
  switch (s) {
    case ClockState::kPending:
      return "pending";
    case ClockState::kDueSoon:
      return "due_soon";
    case ClockState::kOverdue:
      return "overdue";
    case ClockState::kSubmitted:
      return "submitted";
    case ClockState::kSubmittedLate:
      return "submitted_late";
    case ClockState::kNotRequired:
      return "not_required";
  }
  return "not_required";
}

Result<int64_t> month_period_end(int64_t from, const std::string& zone) {
  // 1182/71 Art. 3(1): the day of the event is not counted; Art. 3(2)(c): the period ends
  // with the last hour of the day in the following month that has the same date, or of the
  // month's last day when it has none (add_months clamps Jan 31 to Feb 28/29).
  ISMS_ASSIGN(std::string day, local_date(from, zone));
  ISMS_ASSIGN(std::string last_day, add_months(day, 1));
  return end_of_local_day(last_day, zone);
}

ClockState deadline_state(int64_t start, int64_t due, std::optional<int64_t> submitted,
                          int64_t now) {
  if (submitted) return *submitted <= due ? ClockState::kSubmitted : ClockState::kSubmittedLate;
  if (now > due) return ClockState::kOverdue;
  // due_soon: less than a quarter of the period left (6 h of 24, 18 h of 72). Integer
  // arithmetic: left * 4 < period.
  int64_t period = std::max<int64_t>(due - start, 0);
  if ((due - now) * 4 < period) return ClockState::kDueSoon;
  return ClockState::kPending;
}

Result<std::vector<ReportClock>> compute_clocks(const ClockInputs& in) {
  if (!is_known_time_zone(in.zone)) {
    return Error::invalid("zone", "unknown time zone \"" + in.zone + "\"");
  }
  std::vector<ReportClock> out;
  const int64_t aware = in.aware_at;
  const int64_t now = in.now;
  auto submitted = [&](ReportType t) { return first_submission(in, t); };
  const std::string not_significant = "not required: the incident is not assessed significant";

  // Early warning and notification: hours counted from aware_at.
  if (in.significant) {
    out.push_back(deadline_clock(ReportType::kEarlyWarning,
                                 std::string("Directive (EU) 2022/2555 Art. 23(4)(a)"), aware,
                                 aware + kEarlyWarningHours * kNis2MicrosPerHour,
                                 submitted(ReportType::kEarlyWarning), now));
    out.push_back(deadline_clock(ReportType::kNotification,
                                 std::string("Directive (EU) 2022/2555 Art. 23(4)(b)"), aware,
                                 aware + kNotificationHours * kNis2MicrosPerHour,
                                 submitted(ReportType::kNotification), now));
  } else {
    out.push_back(idle_clock(ReportType::kEarlyWarning,
                             std::string("Directive (EU) 2022/2555 Art. 23(4)(a)"), not_significant,
                             submitted(ReportType::kEarlyWarning)));
    out.push_back(idle_clock(ReportType::kNotification,
                             std::string("Directive (EU) 2022/2555 Art. 23(4)(b)"), not_significant,
                             submitted(ReportType::kNotification)));
  }

  // Intermediate: only on request; a report filed since the request answers it.
  {
    std::string basis = std::string("Directive (EU) 2022/2555 Art. 23(4)(c)");
    if (in.significant && in.intermediate) {
      const auto& rq = *in.intermediate;
      ReportClock c =
          deadline_clock(ReportType::kIntermediate, basis, rq.requested_at, rq.due_at,
                         first_submission(in, ReportType::kIntermediate, rq.requested_at), now);
      c.note = "requested by " + (rq.by.empty() ? std::string("the authority") : rq.by);
      out.push_back(std::move(c));
    } else {
      out.push_back(idle_clock(ReportType::kIntermediate, basis,
                               "not required: no intermediate report was requested",
                               submitted(ReportType::kIntermediate)));
    }
  }

  // Final and progress: run from the submission of the notification.
  {
    std::string final_basis = std::string("Directive (EU) 2022/2555 Art. 23(4)(d)");
    std::string progress_basis = std::string("Directive (EU) 2022/2555 Art. 23(4)(e)");
    auto notified = submitted(ReportType::kNotification);
    if (!in.significant || !notified) {
      std::string why =
          !in.significant ? not_significant : "starts when the incident notification is submitted";
      ReportClock f =
          idle_clock(ReportType::kFinal, final_basis, why, submitted(ReportType::kFinal));
      ReportClock p =
          idle_clock(ReportType::kProgress, progress_basis, why, submitted(ReportType::kProgress));
      if (in.significant && !f.submitted_at) f.state = ClockState::kPending;
      out.push_back(std::move(f));
      out.push_back(std::move(p));
    } else {
      ISMS_ASSIGN(int64_t month_end, month_period_end(*notified, in.zone));
      bool handled_in_time = in.handled_at && *in.handled_at <= month_end;
      if (handled_in_time) {
        out.push_back(deadline_clock(ReportType::kFinal, final_basis, *notified, month_end,
                                     submitted(ReportType::kFinal), now));
        out.push_back(idle_clock(ReportType::kProgress, progress_basis,
                                 "not required: the incident was handled before the final "
                                 "report was due",
                                 submitted(ReportType::kProgress)));
      } else if (now <= month_end && !in.handled_at) {
        // Still ongoing and the month not over: the final report is due at month_end if
        // the incident is handled by then; otherwise a progress report is due then.
        ReportClock f = deadline_clock(ReportType::kFinal, final_basis, *notified, month_end,
                                       submitted(ReportType::kFinal), now);
        f.note = "if the incident is still ongoing then, a progress report is due instead";
        ReportClock p = deadline_clock(ReportType::kProgress, progress_basis, *notified, month_end,
                                       submitted(ReportType::kProgress), now);
        p.note = "due only if the incident is still ongoing at this time";
        out.push_back(std::move(f));
        out.push_back(std::move(p));
      } else {
        // Ongoing when the month ended: progress report due then; final report one month
        // after handling (unknown while the incident is ongoing).
        ReportClock p = deadline_clock(ReportType::kProgress, progress_basis, *notified, month_end,
                                       submitted(ReportType::kProgress), now);
        p.note = "the incident was still ongoing when the final report was due";
        out.push_back(std::move(p));
        if (in.handled_at) {
          ISMS_ASSIGN(int64_t final_due, month_period_end(*in.handled_at, in.zone));
          ReportClock f = deadline_clock(ReportType::kFinal, final_basis, *in.handled_at, final_due,
                                         submitted(ReportType::kFinal), now);
          f.note = "one month after the incident was handled";
          out.push_back(std::move(f));
        } else {
          ReportClock f = idle_clock(ReportType::kFinal, final_basis,
                                     "due one month after the incident is handled",
                                     submitted(ReportType::kFinal));
          if (!f.submitted_at) f.state = ClockState::kPending;
          out.push_back(std::move(f));
        }
        std::swap(out[out.size() - 1], out[out.size() - 2]);  // keep final before progress
      }
    }
  }

  // GDPR Art. 33(1): personal data breach, 72 hours from awareness.
  {
    std::string basis = "Regulation (EU) 2016/679 Art. 33(1)";
    if (in.personal_data) {
      out.push_back(deadline_clock(ReportType::kGdprBreach, basis, aware,
                                   aware + kGdprBreachHours * kNis2MicrosPerHour,
                                   submitted(ReportType::kGdprBreach), now));
    } else {
      out.push_back(idle_clock(ReportType::kGdprBreach, basis,
                               "not required: no personal data is affected",
                               submitted(ReportType::kGdprBreach)));
    }
  }
  return out;
}

std::optional<int64_t> earliest_unmet_deadline(const std::vector<ReportClock>& clocks) {
  std::optional<int64_t> best;
  for (const auto& c : clocks) {
    bool unmet = c.state == ClockState::kPending || c.state == ClockState::kDueSoon ||
                 c.state == ClockState::kOverdue;
    if (!unmet || !c.due_at) continue;
    if (!best || *c.due_at < *best) best = c.due_at;
  }
  return best;
}

Json clock_to_json(const ReportClock& c, const std::string& zone) {
  Json j{{"type", std::string(report_type_name(c.type))},
         {"basis", c.basis},
         {"state", std::string(clock_state_name(c.state))},
         {"start_at", optional_instant(c.start_at)},
         {"due_at", optional_instant(c.due_at)},
         {"due_local", ""},
         {"submitted_at", optional_instant(c.submitted_at)},
         {"remaining_seconds", nullptr},
         {"note", c.note}};
  if (c.due_at) {
    auto local = format_local_time(*c.due_at, zone);
    if (local) j["due_local"] = *local;
  }
  if (c.remaining_seconds) j["remaining_seconds"] = *c.remaining_seconds;
  return j;
}

}  // namespace isms
