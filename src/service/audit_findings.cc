// PLACEHOLDER until the audit module lands: replaced by its implementation.
#include "service/finding_intake.h"

namespace isms {

Result<FindingIntakeResult> record_finding_in_tx(StoreTx& tx, LedgerRecorder& ledger,
                                                 const FindingIntake& intake,
                                                 const std::string& now) {
  (void)tx;
  (void)ledger;
  (void)intake;
  (void)now;
  return Error::internal("findings are not available yet");
}

}  // namespace isms
