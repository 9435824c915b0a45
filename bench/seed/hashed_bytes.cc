#include "hashed_bytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "ledger/entry.h"

namespace isms::bench {

Result<HashedBytes> dump_hashed_bytes(Store& store, const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!out) return Error::unavailable("cannot write " + path + ": " + std::strerror(errno));
  HashedBytes result;
  bool write_failed = false;
  ISMS_TRY(store.scan_ledger([&](const ledger::Entry& e) {
    const std::string bytes = ledger::encode_for_hash(e);
    if (std::fwrite(bytes.data(), 1, bytes.size(), out.get()) != bytes.size()) {
      write_failed = true;
      return false;
    }
    ++result.entries;
    result.hashed_bytes += static_cast<int64_t>(bytes.size());
    result.field_bytes += static_cast<int64_t>(
        8 + e.at.size() + e.actor.size() + e.action.size() + e.object_type.size() +
        e.object_id.size() + e.change.size() + e.prev_hash.size() + e.hash.size());
    return true;
  }));
  if (write_failed || std::fflush(out.get()) != 0) {
    return Error::unavailable("cannot write " + path + ": " + std::strerror(errno));
  }
  return result;
}

}  // namespace isms::bench
