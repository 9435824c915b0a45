// CliContext: everything a CLI command needs to call the service layer — the opened and
// migrated store, the ledger signing key, a clock and the ServiceContext that points at
// them — plus the resolution of the global options (--data, --database and their
// environment variables). The CLI never touches SQL; it only reaches the store through
// open_store()/migrate() here and through the services.
//
// Ownership: a CliContext owns the store, signer and clock; services built from
// services() must not outlive it. Not copyable or movable (services keep references to
// the ServiceContext inside it). Used by one thread (the CLI's), except that
// `isms serve` hands services() to the HTTP server, which the Store's and Signer's own
// thread-safety covers.
#pragma once

#include <memory>
#include <string>

#include "base/content_cipher.h"
#include "base/error.h"
#include "base/time.h"
#include "ledger/signer.h"
#include "service/context.h"
#include "store/store.h"

namespace isms::cli {

// The options every command accepts. Empty strings mean "not given on the command line";
// resolve() fills them from the environment or the defaults.
struct GlobalOptions {
  std::string data_dir;      // --data, env ISMS_DATA, default "./data"
  std::string database_url;  // --database, env ISMS_DATABASE_URL, default sqlite:<data>/isms.db
};

// The options after applying environment variables and defaults.
GlobalOptions resolve(const GlobalOptions& given);

// "<data>/ledger-signing.key": the checkpoint signing key always lives beside the data.
std::string signing_key_path(const std::string& data_dir);

// The actor recorded in the ledger for CLI changes: "cli:<OS user name>" (the effective
// user; "cli:uid<N>" when the user has no passwd entry).
Actor cli_actor();

// Who local CLI commands act as: the operator, who holds the data files and the keys and
// so may read and change everything (domain/access.h operator_principal), recorded in the
// ledger as cli_actor().
Principal cli_operator();

enum class OpenMode {
  // The data directory and the signing key must already exist (made by `isms init` or
  // `isms serve`); a missing key is reported as "not initialized" and nothing is created.
  kExisting,
  // Creates the data directory (mode 0700) and the signing key (mode 0600) when absent.
  kCreate,
};

class CliContext {
 public:
  // Opens the store named by options.database_url, applies pending migrations and loads
  // the signing key. REQUIRES: options already resolve()d. Errors keep the store's code;
  // messages say which step failed (e.g. "database migration failed: ...; the database
  // was left unchanged").
  static Result<std::unique_ptr<CliContext>> open(const GlobalOptions& options, OpenMode mode);

  CliContext(const CliContext&) = delete;
  CliContext& operator=(const CliContext&) = delete;

  const ServiceContext& services() const { return services_; }
  Store& store() const { return *store_; }
  const GlobalOptions& options() const { return options_; }
  const ContentKeyring& keyring() const { return *keyring_; }
  const MigrationReport& migration() const { return migration_; }
  // Non-empty when ISMS_FAKE_CLOCK_FILE drives the clock (tests); serve logs it.
  const std::string& fake_clock_path() const { return fake_clock_path_; }

 private:
  CliContext() = default;

  GlobalOptions options_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ledger::Signer> signer_;
  std::unique_ptr<ContentKeyring> keyring_;
  std::unique_ptr<Clock> clock_;  // make_process_clock: system, or a test's fake clock file
  std::string fake_clock_path_;
  MigrationReport migration_;
  ServiceContext services_{};
};

}  // namespace isms::cli
