// Finding intake: how modules other than audits (incidents' post-incident review,
// management reviews, risk cycles, self-assessment) raise a finding and its first
// corrective action. Implemented by the audit module (service/audit_findings.cc) so that
// every finding, whatever its source, follows one set of rules and one ledger shape
// ("finding.create", "corrective_action.create") and is reportable per source.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/finding_intake.h"
#include "service/ledger_recorder.h"
#include "store/store.h"

namespace isms {

struct FindingIntakeResult {
  std::string finding_id;
  std::string finding_ref;  // "F-0001"
  std::string action_id;    // "" when no action was given
  std::string action_ref;   // "CA-0001"
};

// Validates and writes the finding (and its action) inside the caller's write transaction,
// recording the ledger entries through `ledger`. `now` is the RFC 3339 time of the write.
// kInvalid names the field (e.g. "grade", "action.due_on"); nothing is written then.
Result<FindingIntakeResult> record_finding_in_tx(StoreTx& tx, LedgerRecorder& ledger,
                                                 const FindingIntake& intake,
                                                 const std::string& now);

}  // namespace isms
