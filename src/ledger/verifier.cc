// ChainVerifier: see verifier.h for the contract and docs/formats/ledger.md,
// "Verification", for the algorithm and what each failure means.
#include "ledger/verifier.h"

#include <algorithm>

namespace isms::ledger {
namespace {

std::string entry_label(int64_t seq) { return "entry " + std::to_string(seq); }

std::string checkpoint_label(int64_t seq) { return "checkpoint at entry " + std::to_string(seq); }

}  // namespace

ChainVerifier::ChainVerifier(std::vector<Checkpoint> checkpoints, const Signer* signer)
    : checkpoints_(std::move(checkpoints)), signer_(signer) {
  // The contract asks callers for seq order; sorting is cheap insurance against a store
  // that returns them otherwise, which would make valid checkpoints look orphaned.
  std::stable_sort(checkpoints_.begin(), checkpoints_.end(),
                   [](const Checkpoint& a, const Checkpoint& b) { return a.seq < b.seq; });
}

bool ChainVerifier::fail(int64_t seq, std::string reason) {
  report_.ok = false;
  report_.first_bad_seq = seq;
  report_.reason = std::move(reason);
  return false;
}

bool ChainVerifier::feed(const Entry& entry) {
  if (!report_.ok) return false;
  const int64_t seq = entry.seq;

  if (seq > expected_seq_) {
    std::string missing = seq == expected_seq_ + 1
                              ? "entry missing"
                              : "entries " + std::to_string(expected_seq_) + " to " +
                                    std::to_string(seq - 1) + " missing";
    return fail(expected_seq_, "expected entry " + std::to_string(expected_seq_) + ", found " +
                                   std::to_string(seq) + " (" + missing + ")");
  }
  if (seq < expected_seq_) {
    return fail(expected_seq_, "expected entry " + std::to_string(expected_seq_) + ", found " +
                                   std::to_string(seq) + " (entry repeated or out of order)");
  }
  // Sorted checkpoints are consumed as their entry passes; one still waiting with a
  // smaller seq names an entry that cannot exist (seq 0 or below).
  if (next_checkpoint_ < checkpoints_.size() && checkpoints_[next_checkpoint_].seq < seq) {
    return fail(checkpoints_[next_checkpoint_].seq,
                checkpoint_label(checkpoints_[next_checkpoint_].seq) + ": no such entry");
  }

  if (seq == 1) {
    if (entry.prev_hash != kGenesisHash)
      return fail(seq,
                  "entry 1: prev_hash is not the genesis hash (altered, or entries "
                  "inserted before it)");
  } else if (entry.prev_hash != prev_hash_) {
    return fail(seq, entry_label(seq) + ": prev_hash does not match " + entry_label(seq - 1) +
                         " (reordered or inserted)");
  }
  if (entry.hash != compute_hash(entry))
    return fail(seq, entry_label(seq) + ": hash does not match its content (altered)");

  for (; next_checkpoint_ < checkpoints_.size() && checkpoints_[next_checkpoint_].seq == seq;
       ++next_checkpoint_) {
    const Checkpoint& cp = checkpoints_[next_checkpoint_];
    if (cp.hash != entry.hash) {
      // Entries up to the previous good checkpoint are proven; the rewrite began after it.
      int64_t proven = next_checkpoint_ == 0 ? 0 : checkpoints_[next_checkpoint_ - 1].seq;
      std::string since = proven > 0 ? " after entry " + std::to_string(proven) : "";
      return fail(seq, checkpoint_label(seq) + ": hash differs from the entry (chain rewritten" +
                           since + ")");
    }
    if (signer_ == nullptr)
      return fail(seq, checkpoint_label(seq) + ": no signing key to check the signature with");
    if (cp.key_id != signer_->key_id()) {
      return fail(seq, checkpoint_label(seq) + ": bad signature (made by key " + cp.key_id +
                           ", this ledger's key is " + signer_->key_id() + ")");
    }
    if (!signer_->verify(cp)) return fail(seq, checkpoint_label(seq) + ": bad signature");
    ++report_.checkpoints;
  }

  ++report_.entries;
  report_.head_hash = entry.hash;
  prev_hash_ = entry.hash;
  ++expected_seq_;
  return true;
}

VerifyReport ChainVerifier::finish() {
  if (!report_.ok) return report_;
  const int64_t last = expected_seq_ - 1;
  if (next_checkpoint_ < checkpoints_.size()) {
    int64_t cp_seq = checkpoints_[next_checkpoint_].seq;
    if (last == 0) {
      fail(1, checkpoint_label(cp_seq) + " but the ledger is empty (entries deleted)");
    } else {
      fail(last + 1, checkpoint_label(cp_seq) + " but ledger ends at " + std::to_string(last) +
                         " (entries deleted from the end)");
    }
  } else if (last > 0 && checkpoints_.empty()) {
    // The checkpoint policy signs the first write transaction, so a ledger with entries
    // always has a checkpoint; none at all means they were removed, and with them the
    // only protection against a chain rewritten with recomputed hashes.
    fail(1, "ledger has " + std::to_string(last) +
                " entries but no checkpoint (checkpoints deleted; the chain cannot be trusted)");
  }
  return report_;
}

}  // namespace isms::ledger
