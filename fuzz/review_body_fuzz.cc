// Fuzz target: request and stored bodies of management reviews (domain/management_review.h)
// and policy exceptions (domain/policy_exception.h).
//
// Feeds the bytes to parse_json; when they parse, the value to review_fields_from_json,
// review_from_body, exception_fields_from_json and exception_from_body. Beyond "no crash,
// no leak, no uncaught exception" it checks:
//  - accepted review fields applied to a planned and to a held review (one with actions
//    that raised findings): when the result validates, its stored body reads back to the
//    same body, its API form can go into the ledger, and that API form sent back as a
//    PATCH (read-only members left out, the inputs' comments as "comments") is accepted
//    and changes nothing, findings of actions included;
//  - accepted exception fields applied to a requested exception: when the result
//    validates, its stored body reads back to the same body, its API form (requested and,
//    once approved, with its derived state) can go into the ledger, and that API form sent
//    back (read-only members left out) is accepted and changes nothing;
//  - stored bodies that review_from_body / exception_from_body accept write back to bodies
//    that read back to themselves.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"
#include "domain/management_review.h"
#include "domain/policy_exception.h"
#include "domain/review_request.h"
#include "op_body_check.h"

namespace {

using isms::Json;
using isms::fuzz::check_ledger_safe;
using isms::fuzz::check_same;
using isms::fuzz::kToday;

// --- management reviews ---

isms::ManagementReview stored_review(isms::ReviewStatus status) {
  isms::ManagementReview r;
  r.id = "mr-1";
  r.ref = "MR-0001";
  r.title = "Management review 2026";
  r.planned_on = "2026-09-01";
  r.chair_id = "person-1";
  r.status = status;
  r.attendee_ids = {"person-1", "person-2"};
  r.inputs = isms::empty_review_inputs();
  r.inputs.front().comment = "All actions of the last review are done.";
  r.inputs_assembled_at = "2026-08-30T08:00:00Z";
  r.version = 4;
  r.created_at = "2026-08-01T08:00:00Z";
  r.updated_at = "2026-08-30T08:00:00Z";
  if (status != isms::ReviewStatus::kPlanned) {
    r.held_on = "2026-09-02";
    r.decisions = {{"Budget a second backup site", "resource_needs"}};
    // Two actions of the same title, each with the finding raised for it.
    r.actions = {{"Test the restore", "person-2", "2026-10-01", "open", "f-1", "F-0001"},
                 {"Test the restore", "person-3", "2026-11-01", "open", "f-2", "F-0002"}};
  }
  return r;
}

void check_review_fields(const Json& body) {
  auto f = isms::review_fields_from_json(body);
  if (!f.ok()) return;
  for (auto status : {isms::ReviewStatus::kPlanned, isms::ReviewStatus::kHeld}) {
    isms::ManagementReview r = stored_review(status);
    if (!isms::apply_review_fields(*f, &r).ok()) continue;
    if (!isms::validate_management_review(r).empty()) continue;
    Json stored = isms::review_body_to_json(r);
    isms::ManagementReview back;
    FUZZ_CHECK(isms::review_from_body(stored, &back).ok());
    check_same(stored, isms::review_body_to_json(back), "management review body");
    Json wire = isms::management_review_to_json(r, kToday);
    check_ledger_safe(wire);

    Json echo = wire;
    for (const char* k : {"id", "ref", "status", "inputs", "inputs_assembled_at", "inputs_since",
                          "previous_review_id", "approved_by", "approved_by_name", "approved_at",
                          "created_at", "updated_at"}) {
      echo.erase(k);
    }
    echo.erase(status == isms::ReviewStatus::kPlanned ? "held_on" : "planned_on");
    Json comments = Json::object();
    for (const Json& in : wire["inputs"]) comments[in["key"].get<std::string>()] = in["comment"];
    echo["comments"] = comments;
    auto again = isms::review_fields_from_json(echo);
    FUZZ_CHECK(again.ok());
    isms::ManagementReview r2 = r;
    FUZZ_CHECK(isms::apply_review_fields(*again, &r2).ok());
    check_same(stored, isms::review_body_to_json(r2),
               "management review after sending back its API form");
  }
}

void check_stored_review(const Json& body) {
  isms::ManagementReview r;
  if (!isms::review_from_body(body, &r).ok()) return;
  Json once = isms::review_body_to_json(r);
  isms::ManagementReview again;
  FUZZ_CHECK(isms::review_from_body(once, &again).ok());
  check_same(once, isms::review_body_to_json(again), "stored management review body");
  (void)isms::validate_management_review(r);
  (void)isms::management_review_to_json(r, kToday);
}

// --- exceptions ---

isms::PolicyException requested_exception() {
  isms::PolicyException e;
  e.id = "ex-1";
  e.ref = "EX-0001";
  e.requester_id = "person-1";
  e.requester_name = "Ada Owner";
  e.title = "Legacy VPN appliance";
  e.reason = "The vendor ships the replacement in the autumn.";
  e.scope.document_id = "doc-1";
  e.scope.control_ids = {"ctl-1"};
  e.version = 2;
  e.created_at = "2026-05-01T08:00:00Z";
  e.updated_at = "2026-05-02T08:00:00Z";
  return e;
}

void check_exception_fields(const Json& body) {
  auto f = isms::exception_fields_from_json(body);
  if (!f.ok()) return;
  isms::PolicyException e = requested_exception();
  isms::apply_exception_fields(*f, &e);
  if (f->requested_expires_on) {
    (void)isms::check_exception_expiry("requested_expires_on", *f->requested_expires_on, kToday);
  }
  if (!isms::validate_exception(e).empty()) return;
  Json stored = isms::exception_body(e);
  isms::PolicyException back;
  FUZZ_CHECK(isms::exception_from_body(stored, &back).ok());
  check_same(stored, isms::exception_body(back), "exception body");
  Json wire = isms::exception_to_json(e, kToday);
  check_ledger_safe(wire);

  Json echo = wire;
  for (const char* k : {"id",           "ref",           "status",         "state",
                        "days_left",    "requester_id",  "requester_name", "expires_on",
                        "approver_id",  "approver_name", "decided_at",     "decision_note",
                        "withdrawn_at", "revoked_at",    "revoked_by",     "revoke_note",
                        "renews_id",    "renewed_by_id", "created_at",     "updated_at"}) {
    echo.erase(k);
  }
  auto again = isms::exception_fields_from_json(echo);
  FUZZ_CHECK(again.ok());
  isms::PolicyException e2 = e;
  isms::apply_exception_fields(*again, &e2);
  check_same(stored, isms::exception_body(e2), "exception after sending back its API form");

  // Approved: the derived state and days left on the fixed day.
  isms::PolicyException approved = e;
  approved.status = isms::ExceptionStatus::kApproved;
  approved.expires_on = e.requested_expires_on.empty() ? isms::exception_latest_expiry(kToday)
                                                       : e.requested_expires_on;
  approved.approver_id = "person-9";
  approved.decided_at = "2026-06-01T10:00:00Z";
  check_ledger_safe(isms::exception_to_json(approved, kToday));
  std::string state = isms::exception_state(approved, kToday);
  FUZZ_CHECK(state == "active" || state == "expiring" || state == "expired");
}

void check_stored_exception(const Json& body) {
  isms::PolicyException e;
  if (!isms::exception_from_body(body, &e).ok()) return;
  Json once = isms::exception_body(e);
  isms::PolicyException again;
  FUZZ_CHECK(isms::exception_from_body(once, &again).ok());
  check_same(once, isms::exception_body(again), "stored exception body");
  (void)isms::validate_exception(e);
  (void)isms::exception_to_json(e, kToday);
}

// A decision on an exception and the completion of a review that fell due
// (domain/review_request.h): accepted means the required members are there, an expiry only
// where the route takes one, and the values can go into the ledger.
void check_decision_and_review_completion(const Json& body) {
  for (bool allow_expiry : {true, false}) {
    auto d = isms::exception_decision_from_json(body, allow_expiry);
    if (!d.ok()) continue;
    if (!allow_expiry) FUZZ_CHECK(!d->expires_on);
    if (d->version) FUZZ_CHECK(*d->version >= 1);
    check_ledger_safe(Json{{"note", d->note}, {"expires_on", d->expires_on.value_or("")}});
  }
  auto r = isms::review_completion_from_json(body);
  if (!r.ok()) return;
  FUZZ_CHECK(!r->object_type.empty() && !r->object_id.empty());
  check_ledger_safe(
      Json{{"object_type", r->object_type}, {"object_id", r->object_id}, {"note", r->note}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = isms::parse_json(text);
  if (!parsed.ok()) return 0;
  const Json& body = *parsed;
  check_review_fields(body);
  check_stored_review(body);
  check_exception_fields(body);
  check_stored_exception(body);
  check_decision_and_review_completion(body);
  return 0;
}
