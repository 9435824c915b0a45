// Seeder: writes the benchmark data set into an initialized store through the same store
// calls and LedgerRecorder that the services use (AssetService, ControlService,
// RiskService), in write transactions of `batch` objects, so every object has its ledger
// entry, checkpoints are signed by the normal policy and `isms ledger verify` passes
// afterwards.
//
// Every step tops up to a target instead of adding a fixed amount, so re-running the
// seeder on a seeded data directory only adds what is missing. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "generator.h"
#include "service/context.h"

namespace isms::bench {

class Seeder {
 public:
  Seeder(const ServiceContext& ctx, Generator* generator, Actor actor, int batch);

  // Loads the existing persons and asset ids (owners and dependency targets).
  Status load_existing();
  // Creates persons until there are `count` besides the administrator. Returns how many
  // were created.
  Result<int64_t> ensure_persons(int count);
  // Creates assets until the registry holds `count` (archived included). Returns how many
  // were created.
  Result<int64_t> ensure_assets(int64_t count);
  // Appends asset.update entries about existing assets until the ledger holds `count`
  // entries. The assets themselves are not changed: this models history, cheaply.
  // Returns how many entries were appended.
  Result<int64_t> ensure_ledger_entries(int64_t count);

  // Creates controls until the register holds `count` (archived included), each naming
  // 1-3 Annex A controls of iso27001-2022 (the built-in catalogue must be there), ~60 %
  // with 1-2 evidence links, as ControlService::create and add_link write them. Returns
  // how many controls were created.
  Result<int64_t> ensure_controls(int64_t count);
  // Creates risks until the register holds `count` (archived included) on the loaded
  // assets (seed assets first), with the current method's scales, the stored threats and
  // vulnerabilities, owners among the persons and 0-3 of the controls (ensure_controls
  // first, else none), as RiskService::create writes them; ~1 % archived afterwards as
  // RiskService::archive does. Returns how many risks were created.
  Result<int64_t> ensure_risks(int64_t count);

  // Decides every undecided line of the SoA working copy through SoaService::update_line
  // (one transaction and "soa.line_update" entry each). Returns how many were decided.
  Result<int64_t> ensure_soa_decisions();

  // Canonical JSON bytes of the change payloads written by ensure_ledger_entries.
  int64_t change_bytes_written() const { return change_bytes_; }
  // Evidence links written by ensure_controls.
  int64_t evidence_written() const { return evidence_; }

 private:
  Status write_asset_batch(int64_t first_number, int64_t n);
  Status load_control_ids();

  const ServiceContext& ctx_;
  Generator* generator_;
  Actor actor_;
  int batch_;
  std::vector<std::string> owner_ids_;
  std::vector<std::string> asset_ids_;
  std::vector<std::string> control_ids_;
  bool controls_loaded_ = false;
  int64_t change_bytes_ = 0;
  int64_t evidence_ = 0;
};

}  // namespace isms::bench
