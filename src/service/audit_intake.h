// Internals of finding intake shared by audit_findings.cc and audit_checklist.cc: the one
// place a finding (and its first action) is validated and written, and the JSON form of
// an intake request.
#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "service/finding_intake.h"

namespace isms::audit_internal {

// record_finding_in_tx with the audit checklist item that raised the finding.
Result<FindingIntakeResult> record_finding(StoreTx& tx, LedgerRecorder& ledger,
                                           const FindingIntake& intake,
                                           std::optional<int64_t> checklist_index,
                                           const std::string& now);

// {"source","source_id","grade","title","description","requirement_keys","owner_id",
//  "action":{...}}; with_source false: "source"/"source_id" are refused (the route fixes
// them). prefix names the members in errors ("finding.").
Result<FindingIntake> intake_from_json(const Json& body, bool with_source,
                                       const std::string& prefix = "");

}  // namespace isms::audit_internal
