// Test doubles for the HTTP layer's unit tests: a Store without a database, so App and
// its handlers can be exercised without a server or database. Every data access fails
// with kUnavailable (a message naming a secret path, to check it never reaches clients).
#pragma once

#include <memory>
#include <string>

#include "service/context.h"
#include "store/store.h"

namespace isms::http::testing {

inline constexpr const char* kSecretDetail = "/var/lib/secret/isms.db: disk I/O error";

class FakeStore : public Store {
 public:
  std::string engine() const override { return "sqlite"; }
  Result<MigrationReport> migrate() override { return Error::unavailable(kSecretDetail); }
  Result<int> schema_version() override { return Error::unavailable(kSecretDetail); }
  Result<std::unique_ptr<StoreTx>> begin_read() override {
    return Error::unavailable(kSecretDetail);
  }
  Result<std::unique_ptr<StoreTx>> begin_write() override {
    return Error::unavailable(kSecretDetail);
  }
  Status scan_ledger(const std::function<bool(const ledger::Entry&)>&) override {
    return Error::unavailable(kSecretDetail);
  }
  Result<std::vector<ledger::Checkpoint>> list_checkpoints() override {
    return Error::unavailable(kSecretDetail);
  }
  Status ping() override {
    if (ping_ok) return ok_status();
    return Error::unavailable(kSecretDetail);
  }

  bool ping_ok = true;
};

// A ServiceContext over a FakeStore; no clock or signer is needed by failing calls.
struct FakeContext {
  FakeStore store;
  SystemClock clock;
  ServiceContext ctx{&store, &clock, nullptr};
};

}  // namespace isms::http::testing
