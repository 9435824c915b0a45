// KeyService: the content encryption keys (policy 8.15, key lifecycle). status() counts
// the sealed values per key; rotate() adds a fresh key to the key file, which becomes the
// active one, and re-encrypts every sealed value under it in small transactions, so
// servers keep serving meanwhile (a server meeting the new key id reloads the key file);
// prune() removes keys that no stored value uses any more. Each step is in the ledger.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/context.h"

namespace isms {

struct KeyStatus {
  std::string active_key_id;
  std::vector<std::string> key_ids;              // as in the key file, active last
  std::map<std::string, int64_t> values_by_key;  // sealed values in the database per key id
};

struct RotationReport {
  std::string old_key_id;
  std::string new_key_id;
  int64_t reencrypted = 0;
};

class KeyService {
 public:
  explicit KeyService(const ServiceContext& ctx) : ctx_(ctx) {}
  Result<KeyStatus> status() const;
  // kInvalid when the keyring has no key file (ISMS_CONTENT_KEY).
  Result<RotationReport> rotate(const Actor& actor) const;
  // Removes keys (never the active one) that no stored value uses; returns their ids.
  // Servers started before the last rotation should be restarted first: they seal with
  // the key that was active when they last read the key file.
  Result<std::vector<std::string>> prune(const Actor& actor) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
