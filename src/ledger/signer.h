// Ed25519 signing key for ledger checkpoints (libsodium).
//
// The key lives outside the database in a file created at `isms init` with mode 0600, so
// someone who can rewrite the database cannot forge checkpoints. Thread-safe after load.
#pragma once

#include <string>

#include "base/error.h"
#include "ledger/entry.h"

namespace isms::ledger {

class Signer {
 public:
  // Loads the key at `path`, creating it (mode 0600, parent directory must exist) when
  // absent and `create` is true. Errors: kUnavailable when unreadable, kCorruption when
  // the file is not a key, kInvalid when its mode grants access to group or others.
  static Result<Signer> load(const std::string& path, bool create);

  // Fills checkpoint.key_id and checkpoint.signature over checkpoint_message(checkpoint).
  void sign(Checkpoint* checkpoint) const;
  // True when checkpoint.signature is a valid signature by this key.
  bool verify(const Checkpoint& checkpoint) const;
  const std::string& key_id() const { return key_id_; }

 private:
  std::string secret_key_;  // crypto_sign_SECRETKEYBYTES
  std::string public_key_;  // crypto_sign_PUBLICKEYBYTES
  std::string key_id_;
};

}  // namespace isms::ledger
