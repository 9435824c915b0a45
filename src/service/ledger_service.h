// LedgerService: read and verify the ledger. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "ledger/verifier.h"
#include "service/context.h"

namespace isms {

class LedgerService {
 public:
  explicit LedgerService(const ServiceContext& ctx) : ctx_(ctx) {}
  // Entries with seq > after_seq, oldest first; object_id filters when non-empty.
  Result<std::vector<ledger::Entry>> list(int64_t after_seq, int limit,
                                          const std::string& object_id) const;
  // Streams the whole chain through ChainVerifier. A broken chain is a report with
  // ok=false, not an error; errors mean the ledger could not be read.
  Result<ledger::VerifyReport> verify() const;
  // The seq of the newest committed entry, 0 for an empty ledger. Every change appends an
  // entry in its own transaction, so this is a version of all data: equal heads mean
  // equal data (response caches rely on it). Costs one short read transaction.
  Result<int64_t> head_seq() const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
