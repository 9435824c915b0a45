// PLACEHOLDER until the module lands: replaced by the module's implementation.
#include "service/operations_defaults.h"

namespace isms {

Status ensure_default_calendar(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger) {
  (void)ctx;
  (void)tx;
  (void)ledger;
  return ok_status();
}

}  // namespace isms
