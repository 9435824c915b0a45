// ManagementReview: top management's review of the ISMS (ISO/IEC 27001:2022 clause 9.3;
// policy sections 4 and 5). A review is planned (title, planned_on, chair), its inputs
// (9.3.2 a-g, d split into its four feedback items, plus incidents and exceptions) are
// assembled from the ISMS records while it is planned, it is held (held_on, attendees,
// decisions, actions, minutes; the inputs snapshot freezes) and approved by top
// management (approved_by, approved_at; then nothing but an action's status changes).
//
// Stored as the operational record kind "management_review" (store/README.md
// "Operational records"): ref MR-0001, status, owner_id = chair, due_at = planned_on; the
// body is the JSON of review_body_to_json, parsed strictly by review_from_body. Every
// value in a body is a string, an integer, a boolean, an array or an object (no floating
// point numbers), so bodies can go into the ledger as they are. Pure; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr const char* kManagementReviewKind = "management_review";
inline constexpr size_t kReviewTitleMax = 200;
inline constexpr size_t kReviewTextMax = 20000;     // minutes, comments
inline constexpr size_t kReviewItemTextMax = 2000;  // a decision, an action title, a guest
inline constexpr size_t kReviewListMax = 200;       // attendees, guests, decisions, actions

enum class ReviewStatus { kPlanned, kHeld, kApproved };
std::string_view review_status_name(ReviewStatus s);  // "planned" | "held" | "approved"
std::optional<ReviewStatus> parse_review_status(std::string_view s);

// What a decision is about (9.3.3: continual improvement, changes to the ISMS).
// "continual_improvement" | "isms_change" | "resource_needs".
bool is_decision_category(std::string_view s);

struct ReviewDecision {
  std::string text;
  std::string category;
  bool operator==(const ReviewDecision&) const = default;
};

// An action the review assigns; carried to the next review as input a). status "open" or
// "done"; finding_id/finding_ref name a finding raised for it (may be empty).
struct ReviewAction {
  std::string title;
  std::string owner_id;  // person id, required
  std::string due_on;    // YYYY-MM-DD, required
  std::string status = "open";
  std::string finding_id;
  std::string finding_ref;
  bool operator==(const ReviewAction&) const = default;
};
bool action_overdue(const ReviewAction& a, std::string_view today);

// Assembled data of one input: label/value facts and tables of text cells.
struct InputFact {
  std::string label;
  std::string value;
  bool operator==(const InputFact&) const = default;
};
struct InputTable {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  bool operator==(const InputTable&) const = default;
};
struct ReviewInput {
  std::string key;      // "a", "b", "c", "d1".."d4", "e", "f", "g", "incidents", "exceptions"
  std::string clause;   // "9.3.2 a)", "" for the additions
  std::string heading;  // "Status of actions from previous management reviews"
  std::vector<InputFact> facts;
  std::vector<InputTable> tables;
  std::vector<std::string> notes;  // "No audits were completed since 2026-03-01."
  std::string comment;             // the preparer's text
  bool operator==(const ReviewInput&) const = default;
};

struct InputSpec {
  const char* key;
  const char* clause;
  const char* heading;
  bool from_data;  // false: text only (b, c, e)
};
// Every input in the order of the standard.
const std::vector<InputSpec>& review_input_specs();
bool is_input_key(std::string_view key);
// One input per spec, without data or comments.
std::vector<ReviewInput> empty_review_inputs();

struct ManagementReview {
  std::string id;
  std::string ref;  // "MR-0001"
  std::string title;
  std::string planned_on;  // YYYY-MM-DD
  std::string chair_id;    // person
  ReviewStatus status = ReviewStatus::kPlanned;
  std::string held_on;                    // "" until held
  std::vector<std::string> attendee_ids;  // persons, sorted unique
  std::vector<std::string> guests;        // free text ("Auditor from ACME")
  std::vector<ReviewDecision> decisions;
  std::vector<ReviewAction> actions;
  std::string minutes;
  std::vector<ReviewInput> inputs;  // always every spec's key, in spec order
  std::string inputs_assembled_at;  // RFC 3339; "" = never
  std::string inputs_since;         // the previous review's held_on ("" = none)
  std::string previous_review_id;
  std::string approved_by;  // person
  std::string approved_by_name;
  std::string approved_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// Fields a create or PATCH may set. Unset = unchanged.
struct ReviewFields {
  std::optional<std::string> title, planned_on, chair_id, held_on, minutes;
  std::optional<std::vector<std::string>> attendee_ids, guests;
  std::optional<std::vector<ReviewDecision>> decisions;
  std::optional<std::vector<ReviewAction>> actions;
  std::map<std::string, std::string> comments;  // input key -> comment
  std::optional<int64_t> version;
};
// Strict: unknown or read-only keys, wrong types and oversize lists are kInvalid naming
// the field ("actions[2].due_on").
Result<ReviewFields> review_fields_from_json(const Json& body);

// What may happen in a status; kConflict naming the review and its status otherwise.
Status check_review_editable(const ManagementReview& r);     // planned or held
Status check_inputs_refreshable(const ManagementReview& r);  // planned
Status check_review_holdable(const ManagementReview& r);     // planned
Status check_review_approvable(const ManagementReview& r);   // held

// Applies fields; fields a status does not allow (held_on while planned) are kInvalid.
Status apply_review_fields(const ReviewFields& f, ManagementReview* r);
// Field rules (text sizes, dates, categories, action statuses, input keys). Person ids are
// checked by the service.
std::vector<FieldError> validate_management_review(const ManagementReview& r);

// Keeps the comments of `previous` (by key) on freshly assembled inputs.
std::vector<ReviewInput> merge_input_comments(std::vector<ReviewInput> assembled,
                                              const std::vector<ReviewInput>& previous);

Json review_input_to_json(const ReviewInput& in);
// The stored body (no id, ref, status, version, times: those are columns).
Json review_body_to_json(const ManagementReview& r);
// REQUIRES nothing: a malformed body is kInvalid naming "body.<field>".
Status review_from_body(const Json& body, ManagementReview* r);
// The API form: columns and body, plus each action's "overdue" on `today`.
Json management_review_to_json(const ManagementReview& r, std::string_view today);

}  // namespace isms
