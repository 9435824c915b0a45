// isms_bench_seed: fills a data directory (or a PostgreSQL database) with the benchmark data
// set — N assets with ~50 owners and dependencies; optionally C controls with Annex A
// requirements and evidence links and R risks on those assets (bench/risks.sh); then
// synthetic asset.update history until the ledger holds M entries — and optionally writes
// the bytes `isms ledger verify` hashes to a file for the sha256sum reference. Prints
// "key value" lines with counts and timings on stdout for bench/run.sh and bench/risks.sh;
// progress goes to stderr.
//
//   isms_bench_seed --data DIR [--database URL] [--assets 100000] [--controls C] [--risks R]
//                   [--ledger-entries M] [--dump-hashed-bytes FILE]
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include "base/content_cipher.h"
#include "base/crypto.h"
#include "base/time.h"
#include "hashed_bytes.h"
#include "ledger/signer.h"
#include "seeder.h"
#include "service/organization_service.h"
#include "store/store.h"

namespace {

using isms::Error;
using isms::Status;

struct Options {
  std::string data_dir;
  std::string database_url;  // default sqlite:<data>/isms.db, as the isms CLI
  int64_t assets = 100000;
  int64_t controls = 0;        // 0 = none (or as many as there are)
  int64_t risks = 0;           // 0 = none (or as many as there are)
  int64_t ledger_entries = 0;  // 0 = leave the ledger as the asset seeding left it
  int persons = 50;
  int batch = 1000;
  uint64_t seed = 20261128;
  std::string dump_path;
};

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void report(const std::string& key, int64_t value) { std::cout << key << " " << value << "\n"; }
void report(const std::string& key, double value) {
  std::cout << key << " " << std::fixed << value << std::defaultfloat << "\n";
}

Status ensure_dir(const std::string& dir) {
  // The signing key's directory must exist; 0700 as `isms init` makes it.
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Error::unavailable("cannot create " + dir + ": " + std::strerror(errno));
  }
  return isms::ok_status();
}

Status run(const Options& o) {
  if (!isms::crypto_init()) return Error::internal("libsodium failed to initialize");
  ISMS_TRY(ensure_dir(o.data_dir));
  const std::string url =
      o.database_url.empty() ? "sqlite:" + o.data_dir + "/isms.db" : o.database_url;
  ISMS_ASSIGN(auto store, isms::open_store(url));
  ISMS_TRY(store->migrate());
  ISMS_ASSIGN(auto signer,
              isms::ledger::Signer::load(o.data_dir + "/ledger-signing.key", /*create=*/true));
  // The content key the server will use on this data directory (or ISMS_CONTENT_KEY), so
  // confidential and customer_data descriptions are stored sealed, as isms stores them.
  ISMS_ASSIGN(auto keyring, isms::load_keyring(o.data_dir, /*create=*/true));
  isms::SystemClock clock;
  isms::ServiceContext ctx{store.get(), &clock, &signer, keyring.get()};
  const isms::Actor actor{"cli:isms-bench-seed"};

  ISMS_TRY(isms::OrganizationService(ctx).initialize(actor, "Benchmark Cloud GmbH"));
  isms::bench::Generator generator(o.seed, clock.now_micros());
  isms::bench::Seeder seeder(ctx, &generator, actor, o.batch);
  ISMS_TRY(seeder.load_existing());
  ISMS_ASSIGN(int64_t persons, seeder.ensure_persons(o.persons));
  report("persons_created", persons);

  Stopwatch assets_time;
  ISMS_ASSIGN(int64_t assets, seeder.ensure_assets(o.assets));
  report("assets_created", assets);
  report("assets_seconds", assets_time.seconds());

  // Controls before risks: a risk names controls.
  if (o.controls > 0) {
    Stopwatch controls_time;
    ISMS_ASSIGN(int64_t controls, seeder.ensure_controls(o.controls));
    report("controls_created", controls);
    report("evidence_created", seeder.evidence_written());
    report("controls_seconds", controls_time.seconds());
    ISMS_ASSIGN(int64_t decided, seeder.ensure_soa_decisions());
    report("soa_lines_decided", decided);
  }
  if (o.risks > 0) {
    Stopwatch risks_time;
    ISMS_ASSIGN(int64_t risks, seeder.ensure_risks(o.risks));
    report("risks_created", risks);
    report("risks_seconds", risks_time.seconds());
  }

  if (o.ledger_entries > 0) {
    Stopwatch ledger_time;
    ISMS_ASSIGN(int64_t entries, seeder.ensure_ledger_entries(o.ledger_entries));
    report("ledger_entries_appended", entries);
    report("ledger_seconds", ledger_time.seconds());
    if (entries > 0) {
      report("ledger_change_bytes_avg",
             static_cast<double>(seeder.change_bytes_written()) / entries);
    }
  }

  if (!o.dump_path.empty()) {
    Stopwatch dump_time;
    ISMS_ASSIGN(auto dumped, isms::bench::dump_hashed_bytes(*store, o.dump_path));
    report("dump_entries", dumped.entries);
    report("dump_hashed_bytes", dumped.hashed_bytes);
    report("dump_field_bytes", dumped.field_bytes);
    report("dump_seconds", dump_time.seconds());
  }
  return isms::ok_status();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"Fill an isms store with the benchmark data set", "isms_bench_seed"};
  app.add_option("--data", o.data_dir, "Data directory (signing key; SQLite database)")->required();
  app.add_option("--database", o.database_url, "Store URL (default sqlite:<data>/isms.db)");
  app.add_option("--assets", o.assets, "Assets the registry should hold")->capture_default_str();
  app.add_option("--controls", o.controls,
                 "Controls the register should hold (Annex A requirements, evidence links)");
  app.add_option("--risks", o.risks, "Risks the register should hold (on the seeded assets)");
  app.add_option("--ledger-entries", o.ledger_entries,
                 "Append asset.update history until the ledger holds this many entries");
  app.add_option("--persons", o.persons, "Asset owners to create")->capture_default_str();
  app.add_option("--batch", o.batch, "Objects per write transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Random seed")->capture_default_str();
  app.add_option("--dump-hashed-bytes", o.dump_path,
                 "Write the bytes `isms ledger verify` hashes to this file");
  CLI11_PARSE(app, argc, argv);

  std::cout.precision(3);
  Status status = run(o);
  if (!status.ok()) {
    std::cerr << "isms_bench_seed: " << isms::error_code_name(status.error().code) << ": "
              << status.error().message << "\n";
    return 1;
  }
  return 0;
}
