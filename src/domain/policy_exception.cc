#include "domain/policy_exception.h"

#include <algorithm>
#include <array>

#include "base/time_zone.h"
#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;
using risk_detail::JsonFields;

namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"requested", "approved", "rejected",
                                                          "withdrawn", "revoked"};

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Json nullable(const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); }

// Reads a string member that may be null (stored as ""); records type errors.
std::optional<std::string> text_or_null(JsonFields& d, const Json& v, const std::string& field) {
  if (v.is_null()) return std::string();
  return d.string(v, field);
}

std::optional<ExceptionScope> scope_from_json(JsonFields& d, const Json& v) {
  if (!v.is_object()) {
    d.add("scope",
          "must be an object {document_id, section, control_ids, requirement_keys, asset_ids}");
    return std::nullopt;
  }
  ExceptionScope s;
  size_t before = d.errors.size();
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string f = "scope." + it.key();
    if (it.key() == "document_id") {
      if (auto t = text_or_null(d, it.value(), f)) s.document_id = *t;
    } else if (it.key() == "section") {
      if (auto t = text_or_null(d, it.value(), f)) s.section = *t;
    } else if (it.key() == "control_ids") {
      if (auto t = d.strings(it.value(), f, kExceptionIdsMax)) s.control_ids = sorted_unique(*t);
    } else if (it.key() == "requirement_keys") {
      if (auto t = d.strings(it.value(), f, kExceptionIdsMax)) {
        s.requirement_keys = sorted_unique(*t);
      }
    } else if (it.key() == "asset_ids") {
      if (auto t = d.strings(it.value(), f, kExceptionIdsMax)) s.asset_ids = sorted_unique(*t);
    } else {
      d.add(f, "unknown field");
    }
  }
  if (d.errors.size() != before) return std::nullopt;
  return s;
}

std::optional<CompensatingControls> compensating_from_json(JsonFields& d, const Json& v) {
  if (!v.is_object()) {
    d.add("compensating_controls", "must be an object {control_ids, text}");
    return std::nullopt;
  }
  CompensatingControls c;
  size_t before = d.errors.size();
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string f = "compensating_controls." + it.key();
    if (it.key() == "control_ids") {
      if (auto t = d.strings(it.value(), f, kExceptionIdsMax)) c.control_ids = sorted_unique(*t);
    } else if (it.key() == "text") {
      if (auto t = text_or_null(d, it.value(), f)) c.text = *t;
    } else {
      d.add(f, "unknown field");
    }
  }
  if (d.errors.size() != before) return std::nullopt;
  return c;
}

std::optional<ExceptionRisk> risk_from_json(JsonFields& d, const Json& v) {
  if (!v.is_object()) {
    d.add("risk", "must be an object {risk_id, statement}");
    return std::nullopt;
  }
  ExceptionRisk r;
  size_t before = d.errors.size();
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string f = "risk." + it.key();
    if (it.key() == "risk_id") {
      if (auto t = text_or_null(d, it.value(), f)) r.risk_id = *t;
    } else if (it.key() == "statement") {
      if (auto t = text_or_null(d, it.value(), f)) r.statement = *t;
    } else {
      d.add(f, "unknown field");
    }
  }
  if (d.errors.size() != before) return std::nullopt;
  return r;
}

Json scope_json(const ExceptionScope& s) {
  return Json{{"document_id", nullable(s.document_id)},
              {"section", s.section},
              {"control_ids", s.control_ids},
              {"requirement_keys", s.requirement_keys},
              {"asset_ids", s.asset_ids}};
}

Json compensating_json(const CompensatingControls& c) {
  return Json{{"control_ids", c.control_ids}, {"text", c.text}};
}

Json risk_json(const ExceptionRisk& r) {
  return Json{{"risk_id", nullable(r.risk_id)}, {"statement", r.statement}};
}

void check_ids(std::vector<FieldError>& errors, const std::string& field,
               const std::vector<std::string>& ids) {
  if (ids.size() > kExceptionIdsMax) {
    errors.push_back({field, "at most " + std::to_string(kExceptionIdsMax) + " entries"});
  }
  for (const auto& id : ids) {
    if (id.empty() || id.size() > 200) {
      errors.push_back({field, "entries must be 1 to 200 characters"});
      return;
    }
  }
}

}  // namespace

bool ExceptionScope::empty() const {
  return document_id.empty() && section.empty() && control_ids.empty() &&
         requirement_keys.empty() && asset_ids.empty();
}

std::string_view exception_status_name(ExceptionStatus s) {
  return kStatusNames[static_cast<size_t>(s)];
}

std::optional<ExceptionStatus> parse_exception_status(std::string_view s) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == s) return static_cast<ExceptionStatus>(i);
  }
  return std::nullopt;
}

std::string_view exception_action_name(ExceptionAction a) {
  switch (a) {
    case ExceptionAction::kUpdate:
      return "change";
    case ExceptionAction::kApprove:
      return "approve";
    case ExceptionAction::kReject:
      return "reject";
    case ExceptionAction::kWithdraw:
      return "withdraw";
    case ExceptionAction::kRevoke:
      return "revoke";
    case ExceptionAction::kRenew:
      return "renew";
  }
  return "change";
}

Status check_exception_transition(ExceptionStatus from, ExceptionAction action) {
  bool allowed = false;
  switch (action) {
    case ExceptionAction::kUpdate:
    case ExceptionAction::kApprove:
    case ExceptionAction::kReject:
    case ExceptionAction::kWithdraw:
      allowed = from == ExceptionStatus::kRequested;
      break;
    case ExceptionAction::kRevoke:
    case ExceptionAction::kRenew:
      allowed = from == ExceptionStatus::kApproved;
      break;
  }
  if (allowed) return ok_status();
  std::string need = (action == ExceptionAction::kRevoke || action == ExceptionAction::kRenew)
                         ? "approved"
                         : "requested";
  return Error::conflict("cannot " + std::string(exception_action_name(action)) +
                         " an exception that is " + std::string(exception_status_name(from)) +
                         " (only " + need + " ones)");
}

std::optional<int64_t> exception_days_left(const PolicyException& e, std::string_view today) {
  if (e.status != ExceptionStatus::kApproved || e.expires_on.empty()) return std::nullopt;
  auto days = days_between(std::string(today), e.expires_on);
  if (!days) return std::nullopt;
  return *days;
}

std::string exception_state(const PolicyException& e, std::string_view today) {
  if (e.status != ExceptionStatus::kApproved) return std::string(exception_status_name(e.status));
  auto left = exception_days_left(e, today);
  if (!left) return "active";
  if (*left < 0) return "expired";
  if (*left <= kExceptionExpiringDays) return "expiring";
  return "active";
}

std::string exception_latest_expiry(std::string_view today) {
  auto d = add_months(std::string(today), kExceptionMaxMonths);
  return d ? *d : std::string();
}

Status check_exception_expiry(const std::string& field, const std::string& expires_on,
                              std::string_view today) {
  if (!is_valid_date(expires_on)) return Error::invalid(field, "must be a date YYYY-MM-DD");
  if (expires_on <= today) {
    return Error::invalid(field, "must be after today (" + std::string(today) + ")");
  }
  std::string latest = exception_latest_expiry(today);
  if (expires_on > latest) {
    return Error::invalid(field, "an exception runs at most " +
                                     std::to_string(kExceptionMaxMonths) +
                                     " months: the latest expiry is " + latest);
  }
  return ok_status();
}

std::vector<FieldError> validate_exception(const PolicyException& e) {
  std::vector<FieldError> errors;
  check_text(errors, "title", e.title, kExceptionTitleMax, false, true);
  check_text(errors, "reason", e.reason, kExceptionTextMax, true, true);
  check_text(errors, "scope.section", e.scope.section, kExceptionSectionMax, false, false);
  check_text(errors, "compensating_controls.text", e.compensating.text, kExceptionTextMax, true,
             false);
  check_text(errors, "risk.statement", e.risk.statement, kExceptionTextMax, true, false);
  check_ids(errors, "scope.control_ids", e.scope.control_ids);
  check_ids(errors, "scope.requirement_keys", e.scope.requirement_keys);
  check_ids(errors, "scope.asset_ids", e.scope.asset_ids);
  check_ids(errors, "compensating_controls.control_ids", e.compensating.control_ids);
  if (e.scope.empty()) {
    errors.push_back({"scope",
                      "name what the exception exempts from: a policy document or section, "
                      "controls, requirements or assets"});
  }
  if (!e.requested_expires_on.empty() && !is_valid_date(e.requested_expires_on)) {
    errors.push_back({"requested_expires_on", "must be a date YYYY-MM-DD"});
  }
  return errors;
}

Result<ExceptionFields> exception_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ExceptionFields f;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      f.title = d.string(v, key);
    } else if (key == "reason") {
      f.reason = d.string(v, key);
    } else if (key == "scope") {
      f.scope = scope_from_json(d, v);
    } else if (key == "compensating_controls") {
      f.compensating = compensating_from_json(d, v);
    } else if (key == "risk") {
      f.risk = risk_from_json(d, v);
    } else if (key == "requested_expires_on") {
      auto t = text_or_null(d, v, key);
      if (t && !t->empty() && !is_valid_date(*t)) {
        d.add(key, "must be a date YYYY-MM-DD");
      } else {
        f.requested_expires_on = t;
      }
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) f.version = *n;
    } else if (key == "id" || key == "ref" || key == "status" || key == "state" ||
               key == "requester_id" || key == "requester_name" || key == "expires_on" ||
               key == "approver_id" || key == "approver_name" || key == "decided_at" ||
               key == "decision_note" || key == "withdrawn_at" || key == "revoked_at" ||
               key == "revoked_by" || key == "revoke_note" || key == "renews_id" ||
               key == "renewed_by_id" || key == "days_left" || key == "created_at" ||
               key == "updated_at") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

void apply_exception_fields(const ExceptionFields& f, PolicyException* e) {
  if (f.title) e->title = *f.title;
  if (f.reason) e->reason = *f.reason;
  if (f.scope) e->scope = *f.scope;
  if (f.compensating) e->compensating = *f.compensating;
  if (f.risk) e->risk = *f.risk;
  if (f.requested_expires_on) e->requested_expires_on = *f.requested_expires_on;
}

Json exception_body(const PolicyException& e) {
  return Json{{"title", e.title},
              {"reason", e.reason},
              {"scope", scope_json(e.scope)},
              {"compensating_controls", compensating_json(e.compensating)},
              {"risk", risk_json(e.risk)},
              {"requested_expires_on", e.requested_expires_on},
              {"expires_on", e.expires_on},
              {"approver_id", e.approver_id},
              {"decided_at", e.decided_at},
              {"decision_note", e.decision_note},
              {"withdrawn_at", e.withdrawn_at},
              {"revoked_at", e.revoked_at},
              {"revoked_by", e.revoked_by},
              {"revoke_note", e.revoke_note},
              {"renews_id", e.renews_id},
              {"renewed_by_id", e.renewed_by_id}};
}

Status exception_from_body(const Json& body, PolicyException* e) {
  if (!body.is_object()) return Error::corruption("exception body is not a JSON object");
  JsonFields d;
  auto str = [&](const Json& v, const std::string& key, std::string* out) {
    if (auto t = text_or_null(d, v, key)) *out = *t;
  };
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      str(v, key, &e->title);
    } else if (key == "reason") {
      str(v, key, &e->reason);
    } else if (key == "scope") {
      if (auto s = scope_from_json(d, v)) e->scope = *s;
    } else if (key == "compensating_controls") {
      if (auto c = compensating_from_json(d, v)) e->compensating = *c;
    } else if (key == "risk") {
      if (auto r = risk_from_json(d, v)) e->risk = *r;
    } else if (key == "requested_expires_on") {
      str(v, key, &e->requested_expires_on);
    } else if (key == "expires_on") {
      str(v, key, &e->expires_on);
    } else if (key == "approver_id") {
      str(v, key, &e->approver_id);
    } else if (key == "decided_at") {
      str(v, key, &e->decided_at);
    } else if (key == "decision_note") {
      str(v, key, &e->decision_note);
    } else if (key == "withdrawn_at") {
      str(v, key, &e->withdrawn_at);
    } else if (key == "revoked_at") {
      str(v, key, &e->revoked_at);
    } else if (key == "revoked_by") {
      str(v, key, &e->revoked_by);
    } else if (key == "revoke_note") {
      str(v, key, &e->revoke_note);
    } else if (key == "renews_id") {
      str(v, key, &e->renews_id);
    } else if (key == "renewed_by_id") {
      str(v, key, &e->renewed_by_id);
    } else {
      d.add(key, "unknown field");
    }
  }
  if (!d.errors.empty()) {
    return Error::corruption("exception body: " + d.errors.front().field + " " +
                             d.errors.front().message);
  }
  return ok_status();
}

Json exception_to_json(const PolicyException& e, std::string_view today) {
  Json j = exception_body(e);
  j["id"] = e.id;
  j["ref"] = e.ref;
  j["status"] = exception_status_name(e.status);
  j["state"] = exception_state(e, today);
  auto left = exception_days_left(e, today);
  j["days_left"] = left ? Json(*left) : Json(nullptr);
  j["requester_id"] = e.requester_id;
  j["requester_name"] = e.requester_name;
  j["approver_name"] = e.approver_name;
  for (const char* k : {"requested_expires_on", "expires_on", "approver_id", "decided_at",
                        "withdrawn_at", "revoked_at", "revoked_by", "renews_id", "renewed_by_id"}) {
    if (j[k].is_string() && j[k].get<std::string>().empty()) j[k] = nullptr;
  }
  j["version"] = e.version;
  j["created_at"] = e.created_at;
  j["updated_at"] = e.updated_at;
  return j;
}

Result<ExceptionDecision> exception_decision_from_json(const Json& body, bool allow_expiry) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ExceptionDecision d;
  risk_detail::JsonFields f;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (key == "note") {
      if (it.value().is_null()) continue;
      if (auto t = f.string(it.value(), key)) d.note = *t;
    } else if (key == "expires_on" && allow_expiry) {
      if (it.value().is_null()) continue;
      if (auto t = f.string(it.value(), key)) d.expires_on = *t;
    } else if (key == "version") {
      if (auto n = f.integer(it.value(), key, 1, INT64_MAX)) d.version = *n;
    } else {
      f.add(key, "unknown field");
    }
  }
  risk_detail::check_text(f.errors, "note", d.note, kExceptionTextMax, true, false);
  ISMS_TRY(f.finish());
  return d;
}

}  // namespace isms
