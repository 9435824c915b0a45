// Internals of finding intake shared by audit_findings.cc and audit_checklist.cc: the one
// place a finding (and its first action) is validated and written (the request form is
// domain/finding_intake.h).
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

}  // namespace isms::audit_internal
