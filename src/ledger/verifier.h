// ChainVerifier: checks a ledger read in sequence order, entry by entry, in O(1) memory.
//
// Checks, in order: sequence numbers start at 1 without gaps or repeats; each prev_hash
// equals the previous entry's hash; each hash equals compute_hash(entry); every
// checkpoint names an existing entry with the same hash and carries a valid signature;
// no checkpoint lies beyond the last entry (a truncated tail). The first failure is
// kept and named by sequence number. Not thread-safe; one instance per verification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/entry.h"
#include "ledger/signer.h"

namespace isms::ledger {

struct VerifyReport {
  bool ok = true;
  int64_t entries = 0;
  int64_t checkpoints = 0;
  std::string head_hash;                 // hash of the last entry seen
  std::optional<int64_t> first_bad_seq;  // set when !ok
  std::string reason;                    // human-readable, names the check that failed
};

class ChainVerifier {
 public:
  // `checkpoints` sorted by seq; `signer` holds the public key to check them against.
  ChainVerifier(std::vector<Checkpoint> checkpoints, const Signer* signer);

  // Feeds the next entry in storage order (ascending seq). Returns false once a failure
  // is found; later calls are ignored.
  bool feed(const Entry& entry);
  // Completes the checks (checkpoints past the end) and returns the report.
  VerifyReport finish();

 private:
  bool fail(int64_t seq, std::string reason);
  std::vector<Checkpoint> checkpoints_;
  size_t next_checkpoint_ = 0;
  const Signer* signer_;
  VerifyReport report_;
  int64_t expected_seq_ = 1;
  std::string prev_hash_;
};

}  // namespace isms::ledger
