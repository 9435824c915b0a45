// PolicyException (an "exception" in the glossary, policy 3.3): a requested, time-limited
// exemption from a policy document (or one of its sections), controls, requirements or
// for assets, with the reason, compensating controls and the risk accepted meanwhile.
//
//   requested --approve--> approved --revoke--> revoked
//   requested --reject--> rejected        requested --withdraw--> withdrawn
//
// An approved exception runs until expires_on (inclusive), at most 12 months after the
// approval; its derived state on a day is "active", "expiring" (30 days or fewer left) or
// "expired" — never stored (operational records: due_at = expires_on). A renewal is a new
// request that names the exception it renews (renews_id). Pure; no I/O. The JSON body
// defined here is the stored form of the operational record kind "exception".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr const char* kExceptionKind = "exception";
inline constexpr size_t kExceptionTitleMax = 200;
inline constexpr size_t kExceptionTextMax = 10000;
inline constexpr size_t kExceptionSectionMax = 200;
inline constexpr size_t kExceptionIdsMax = 100;
inline constexpr int kExceptionMaxMonths = 12;  // approval to expiry
inline constexpr int kExceptionExpiringDays = 30;

enum class ExceptionStatus { kRequested, kApproved, kRejected, kWithdrawn, kRevoked };
// "requested" | "approved" | "rejected" | "withdrawn" | "revoked"
std::string_view exception_status_name(ExceptionStatus s);
std::optional<ExceptionStatus> parse_exception_status(std::string_view s);

enum class ExceptionAction { kUpdate, kApprove, kReject, kWithdraw, kRevoke, kRenew };
std::string_view exception_action_name(ExceptionAction a);
// ok when `action` is allowed from `from`; kConflict naming both otherwise.
Status check_exception_transition(ExceptionStatus from, ExceptionAction action);

// What the exception exempts from; at least one member is set.
struct ExceptionScope {
  std::string document_id;                    // a policy document, "" = none
  std::string section;                        // section text ("5.2 Passwords"), "" = none
  std::vector<std::string> control_ids;       // sorted unique
  std::vector<std::string> requirement_keys;  // "iso27001-2022:A.5.15", sorted unique
  std::vector<std::string> asset_ids;         // sorted unique
  bool empty() const;
  bool operator==(const ExceptionScope&) const = default;
};

struct CompensatingControls {
  std::vector<std::string> control_ids;  // sorted unique
  std::string text;
  bool operator==(const CompensatingControls&) const = default;
};

struct ExceptionRisk {
  std::string risk_id;    // an existing risk, "" = none
  std::string statement;  // the risk in words, "" = none
  bool operator==(const ExceptionRisk&) const = default;
};

struct PolicyException {
  std::string id;
  std::string ref;  // "EX-0001"
  ExceptionStatus status = ExceptionStatus::kRequested;
  std::string requester_id;    // person
  std::string requester_name;  // read-only, joined
  std::string title;
  std::string reason;
  ExceptionScope scope;
  CompensatingControls compensating;
  ExceptionRisk risk;
  std::string requested_expires_on;  // YYYY-MM-DD wished by the requester, "" = 12 months
  std::string expires_on;            // set on approval
  std::string approver_id;           // person who approved or rejected
  std::string approver_name;         // read-only, joined
  std::string decided_at;            // RFC 3339
  std::string decision_note;
  std::string withdrawn_at;
  std::string revoked_at;
  std::string revoked_by;  // person
  std::string revoke_note;
  std::string renews_id;      // the exception this request renews
  std::string renewed_by_id;  // the newest request renewing this one
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// "active" | "expiring" | "expired" for approved exceptions on `today` (YYYY-MM-DD);
// otherwise the status name.
std::string exception_state(const PolicyException& e, std::string_view today);
// Days from today to expires_on (negative once expired); nullopt unless approved.
std::optional<int64_t> exception_days_left(const PolicyException& e, std::string_view today);

// The latest expiry an approval on `today` may set: today + 12 months (end-of-month clamp).
std::string exception_latest_expiry(std::string_view today);
// Checks an expiry chosen on `today`: a valid date after today and at most
// exception_latest_expiry(today). kInvalid naming `field`.
Status check_exception_expiry(const std::string& field, const std::string& expires_on,
                              std::string_view today);

// Field rules of what a requester writes (title, reason, scope, compensating, risk, text
// sizes, id counts, date formats). Each problem names its field ("scope.control_ids").
std::vector<FieldError> validate_exception(const PolicyException& e);

// The fields of a request or of a change while requested; absent = unchanged.
struct ExceptionFields {
  std::optional<std::string> title, reason;
  std::optional<ExceptionScope> scope;
  std::optional<CompensatingControls> compensating;
  std::optional<ExceptionRisk> risk;
  std::optional<std::string> requested_expires_on;  // "" clears
  std::optional<int64_t> version;
};
// Strict: unknown keys, read-only keys and wrong types are refused naming the key.
Result<ExceptionFields> exception_fields_from_json(const Json& body);
void apply_exception_fields(const ExceptionFields& f, PolicyException* e);

// The stored body of the operational record (everything but id, ref, status, requester,
// version and times, which are columns) and back. from_body refuses unknown keys.
Json exception_body(const PolicyException& e);
Status exception_from_body(const Json& body, PolicyException* e);

// The wire form: the record with state and days_left derived on `today`.
Json exception_to_json(const PolicyException& e, std::string_view today);

// A decision: approve (expires_on default: the requested date, else 12 months), reject
// (note required), revoke (note required).
// Outside input (fuzz/review_body_fuzz.cc).
struct ExceptionDecision {
  std::optional<std::string> expires_on;
  std::string note;
  std::optional<int64_t> version;  // expected version when given
};
Result<ExceptionDecision> exception_decision_from_json(const Json& body, bool allow_expiry);

}  // namespace isms
