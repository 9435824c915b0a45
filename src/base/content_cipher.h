// ContentKeyring: encryption of content at rest (policy 8.15) with XChaCha20-Poly1305
// (libsodium crypto_aead_xchacha20poly1305_ietf), keys held outside the database.
//
// Sealed value (text, stored in *_sealed columns):
//   "v1." <key id> "." base64url(24-byte nonce || ciphertext || 16-byte tag), no padding
// The associated data binds a value to its place: "<table>\x1f<column>\x1f<row id>", so
// a sealed value copied into another row or column fails to open.
//
// Key sources (load_keyring):
//   1. environment variable ISMS_CONTENT_KEY = base64url of 32 bytes (one key; its id is
//      the first 8 hex chars of SHA-256 of the key); rotation then needs the key file;
//   2. else the key file "<data>/content-keys" (mode 0600; refused with kInvalid when
//      group or other have any access to it), created with one fresh key when absent and
//      create == true (link(2) of a finished temp file: concurrent starts agree on one).
// Key file format, one key per line, "#" comments and blank lines ignored, fields split
// by spaces or tabs, CRLF accepted; the LAST key line is the active key (used to seal),
// earlier ones only open older values:
//   isms-content-key v1 <8 lower-case hex id> <base64url 32 bytes>
// The id must be the first 8 hex chars of SHA-256 of the key (as for ISMS_CONTENT_KEY),
// which catches a damaged line; ids are unique within a file.
// Thread-safety: const methods are safe concurrently; reload() swaps keys atomically.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace isms {

// "<table>\x1f<column>\x1f<row id>"
std::string sealed_associated_data(std::string_view table, std::string_view column,
                                   std::string_view row_id);

struct ContentKey {
  std::string id;     // 8 lower-case hex chars
  std::string bytes;  // 32 bytes
};

class ContentKeyring {
 public:
  // A keyring over the given keys; the last is active. REQUIRES: non-empty, 32-byte keys.
  // file_path (may be empty) is where reload() reads from.
  explicit ContentKeyring(std::vector<ContentKey> keys, std::string file_path = "");

  // Seals plaintext under the active key. Never fails for valid keys.
  std::string seal(std::string_view plaintext, std::string_view associated_data) const;
  // Opens a sealed value. kCorruption naming what is wrong: not a sealed value, unknown
  // key id (after one reload attempt from the file, so values sealed by a newer key from
  // another process open), or authentication failure (tampered, or wrong place).
  Result<std::string> open(std::string_view sealed, std::string_view associated_data) const;
  // The key id a sealed value names; kCorruption when it is not a sealed value.
  static Result<std::string> key_id_of(std::string_view sealed);

  std::string active_key_id() const;
  std::vector<std::string> key_ids() const;
  const std::string& file_path() const { return file_path_; }

  // Re-reads the key file (no-op without one). Errors leave the keys unchanged.
  Status reload() const;

 private:
  mutable std::mutex mu_;
  mutable std::shared_ptr<const std::vector<ContentKey>> keys_;
  std::string file_path_;
};

ContentKey generate_content_key();

// Parses a key file's text (see above). kCorruption with the line number on bad lines
// (and over 1 MiB); kInvalid when there is no key.
Result<std::vector<ContentKey>> parse_content_key_file(std::string_view text);
std::string format_content_key_file(const std::vector<ContentKey>& keys);

// "<data_dir>/content-keys"
std::string content_key_path(const std::string& data_dir);

// Loads the keyring as described above. kInvalid for a bad ISMS_CONTENT_KEY or a key
// file others can access (the message says how to fix it); kNotFound when there is no
// key file and create is false; kCorruption (naming file and line) for a bad key file;
// kUnavailable when the file cannot be read or created.
Result<std::unique_ptr<ContentKeyring>> load_keyring(const std::string& data_dir, bool create);

// Appends a fresh key to the key file (atomically: temp file in the same directory, fsync,
// rename, mode 0600) and returns it; it becomes the active key for every process on its
// next reload. Read-modify-write is serialized between processes by flock(2) on
// "<path>.lock" (left in place), so concurrent rotations keep every key.
// kInvalid when ISMS_CONTENT_KEY is set (it overrides the file) or there is no file.
Result<ContentKey> add_content_key(const std::string& path);
// Rewrites the key file keeping only the keys whose ids are in keep (the active key is
// always kept; unknown ids are ignored). Atomic and locked like add_content_key; kInvalid
// when there is no file.
Status prune_content_keys(const std::string& path, const std::vector<std::string>& keep);

}  // namespace isms
