#include "service/ledger_service.h"

namespace isms {

Result<std::vector<ledger::Entry>> LedgerService::list(int64_t after_seq, int limit,
                                                       const std::string& object_id) const {
  if (limit < 1 || limit > 1000) return Error::malformed("limit must be 1 to 1000", "limit");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_ledger(after_seq, limit, object_id);
}

Result<int64_t> LedgerService::head_seq() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(LedgerHead head, tx->ledger_head());
  return head.seq;
}

Result<ledger::VerifyReport> LedgerService::verify() const {
  ISMS_ASSIGN(auto checkpoints, ctx_.store->list_checkpoints());
  ledger::ChainVerifier verifier(std::move(checkpoints), ctx_.signer);
  // Entries committed after list_checkpoints() only extend the chain; checkpoints read
  // first can only refer to entries the scan will see.
  ISMS_TRY(ctx_.store->scan_ledger([&](const ledger::Entry& e) { return verifier.feed(e); }));
  return verifier.finish();
}

}  // namespace isms
