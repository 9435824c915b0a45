// A finding (and its first corrective action) as raised from any source: the request body
// of POST /api/v1/findings, of an audit's findings and of a checklist item (docs/api.md
// "Audits"), and what other modules hand to service/finding_intake.h. Read strictly;
// outside input (fuzz/audit_body_fuzz.cc). Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

struct CorrectiveActionIntake {
  std::string title;
  std::string root_cause;  // may be empty at intake; required before verification
  std::string owner_id;    // person id, required
  std::string due_on;      // YYYY-MM-DD, required
};

struct FindingIntake {
  // "audit" | "incident" | "management_review" | "risk_cycle" | "self_assessment"
  std::string source;
  std::string source_id;  // id of the audit, incident, review, cycle; "" for self_assessment
  // "major_nonconformity" | "minor_nonconformity" | "observation" | "opportunity"
  std::string grade;
  std::string title;
  std::string description;
  std::vector<std::string> requirement_keys;  // "<framework>:<ref>", checked against the catalogue
  std::string owner_id;                       // person id; "" = none yet
  std::optional<CorrectiveActionIntake> action;
};

// {"source","source_id","grade","title","description","requirement_keys","owner_id",
//  "action":{...}}; with_source false: "source"/"source_id" are refused (the route fixes
// them). prefix names the members in errors ("finding.").
Result<FindingIntake> finding_intake_from_json(const Json& body, bool with_source,
                                               const std::string& prefix = "");

}  // namespace isms
