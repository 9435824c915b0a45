// LedgerRecorder: appends ledger entries inside the caller's write transaction, chaining
// each to the previous one, and signs a checkpoint when the policy asks for one.
//
// Checkpoint policy: finish() signs the transaction's last entry when it is the first
// checkpoint, when >= kCheckpointEvery entries have passed since the last checkpoint, or
// when the last checkpoint is older than kCheckpointMaxAgeMicros. Not thread-safe; one
// recorder per transaction.
#pragma once

#include <cstdint>
#include <string>

#include "base/json.h"
#include "service/context.h"

namespace isms {

inline constexpr int64_t kCheckpointEvery = 1000;
inline constexpr int64_t kCheckpointMaxAgeMicros = 60LL * 1000000;

class LedgerRecorder {
 public:
  LedgerRecorder(const ServiceContext& ctx, StoreTx* tx, Actor actor);

  // Appends one entry. change must hold no floating point numbers.
  Status record(const std::string& action, const std::string& object_type,
                const std::string& object_id, const Json& change);
  // Writes a checkpoint when due. Call once, before tx->commit().
  Status finish();

 private:
  const ServiceContext& ctx_;
  StoreTx* tx_;
  Actor actor_;
  bool head_loaded_ = false;
  LedgerHead head_;
};

}  // namespace isms
