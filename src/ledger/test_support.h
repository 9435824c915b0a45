// Helpers shared by the ledger unit tests: a temporary directory and a ledger builder.
// Test-only; no production code includes this header.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ledger/canonical_json.h"
#include "ledger/entry.h"
#include "ledger/signer.h"

namespace isms::ledger::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "isms-ledger-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The entry with sequence number `seq` chained after `prev_hash`, hash filled in.
inline Entry make_entry(int64_t seq, const std::string& prev_hash) {
  Entry e;
  e.seq = seq;
  e.at = "2026-11-28T07:30:" + std::string(seq % 60 < 10 ? "0" : "") + std::to_string(seq % 60) +
         ".000000Z";
  e.actor = "cli:tester";
  e.action = "asset.update";
  e.object_type = "asset";
  e.object_id = "asset-" + std::to_string(seq % 7);
  e.change = canonical_json(Json{{"name", {{"from", "old"}, {"to", "n" + std::to_string(seq)}}}});
  e.prev_hash = prev_hash;
  e.hash = compute_hash(e);
  return e;
}

// Entries 1..n, correctly chained.
inline std::vector<Entry> make_chain(int64_t n) {
  std::vector<Entry> out;
  std::string prev(kGenesisHash);
  for (int64_t seq = 1; seq <= n; ++seq) {
    out.push_back(make_entry(seq, prev));
    prev = out.back().hash;
  }
  return out;
}

// Recomputes prev_hash and hash of entries[from..] so the chain is self-consistent again,
// as someone rewriting the history would.
inline void rechain(std::vector<Entry>* entries, size_t from) {
  for (size_t i = from; i < entries->size(); ++i) {
    Entry& e = (*entries)[i];
    e.prev_hash = i == 0 ? std::string(kGenesisHash) : (*entries)[i - 1].hash;
    e.hash = compute_hash(e);
  }
}

// A checkpoint on `entry`, signed by `signer`.
inline Checkpoint checkpoint_for(const Entry& entry, const Signer& signer) {
  Checkpoint c;
  c.seq = entry.seq;
  c.hash = entry.hash;
  c.at = entry.at;
  signer.sign(&c);
  return c;
}

}  // namespace isms::ledger::testing
