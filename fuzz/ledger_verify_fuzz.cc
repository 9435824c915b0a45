// Fuzz target: ChainVerifier on a tampered ledger. Database rows are outside input too:
// whoever can write the database can put anything in them.
//
// Builds a valid 8-entry ledger whose last entry carries a checkpoint, lets the fuzzer
// tamper with it (flip bytes in any field of any entry or checkpoint, delete, swap,
// duplicate, renumber), then verifies. Property: the verdict is "ok" exactly when the
// tampered ledger equals the original. (No operation recomputes hashes or signs, and the
// checkpoint on the last entry makes removing the tail detectable.)
#include <fuzzer/FuzzedDataProvider.h>
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "ledger/canonical_json.h"
#include "ledger/entry.h"
#include "ledger/signer.h"
#include "ledger/verifier.h"

namespace {

using isms::ledger::Checkpoint;
using isms::ledger::Entry;

constexpr int kEntries = 8;

struct Fixture {
  isms::ledger::Signer signer;
  std::vector<Entry> entries;
  std::vector<Checkpoint> checkpoints;
};

const Fixture& fixture() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    char dir[] = "/tmp/isms-ledger-fuzz-XXXXXX";
    if (::mkdtemp(dir) == nullptr) std::abort();
    std::string path = std::string(dir) + "/ledger.key";
    auto signer = isms::ledger::Signer::load(path, /*create=*/true);
    if (!signer.ok()) std::abort();
    fx->signer = std::move(signer).value();
    std::remove(path.c_str());
    std::remove(dir);
    std::string prev(isms::ledger::kGenesisHash);
    for (int seq = 1; seq <= kEntries; ++seq) {
      Entry e;
      e.seq = seq;
      e.at = "2026-11-28T07:30:0" + std::to_string(seq) + ".000000Z";
      e.actor = seq % 2 ? "cli:alice" : "system";
      e.action = "asset.update";
      e.object_type = "asset";
      e.object_id = "a" + std::to_string(seq % 3);
      e.change = isms::ledger::canonical_json(isms::Json{{"n", seq}});
      e.prev_hash = prev;
      e.hash = isms::ledger::compute_hash(e);
      prev = e.hash;
      fx->entries.push_back(e);
      if (seq == 1 || seq == 5 || seq == kEntries) {
        Checkpoint c{e.seq, e.hash, e.at, "", ""};
        fx->signer.sign(&c);
        fx->checkpoints.push_back(c);
      }
    }
    return fx;
  }();
  return *f;
}

bool same(const Entry& a, const Entry& b) {
  return a.seq == b.seq && a.at == b.at && a.actor == b.actor && a.action == b.action &&
         a.object_type == b.object_type && a.object_id == b.object_id && a.change == b.change &&
         a.prev_hash == b.prev_hash && a.hash == b.hash;
}

bool same(const Checkpoint& a, const Checkpoint& b) {
  return a.seq == b.seq && a.hash == b.hash && a.at == b.at && a.key_id == b.key_id &&
         a.signature == b.signature;
}

template <typename T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

std::string* entry_field(Entry& e, int which) {
  std::string* fields[] = {&e.at,        &e.actor,  &e.action,    &e.object_type,
                           &e.object_id, &e.change, &e.prev_hash, &e.hash};
  return fields[which];
}

std::string* checkpoint_field(Checkpoint& c, int which) {
  std::string* fields[] = {&c.hash, &c.at, &c.key_id, &c.signature};
  return fields[which];
}

void flip_byte(FuzzedDataProvider& in, std::string* s) {
  if (s->empty()) return;
  size_t pos = in.ConsumeIntegralInRange<size_t>(0, s->size() - 1);
  (*s)[pos] = static_cast<char>((*s)[pos] ^ in.ConsumeIntegralInRange<int>(1, 255));
}

void tamper(FuzzedDataProvider& in, std::vector<Entry>* entries,
            std::vector<Checkpoint>* checkpoints) {
  int ops = in.ConsumeIntegralInRange(0, 4);
  for (int op = 0; op < ops && !entries->empty(); ++op) {
    size_t i = in.ConsumeIntegralInRange<size_t>(0, entries->size() - 1);
    size_t j = in.ConsumeIntegralInRange<size_t>(0, entries->size() - 1);
    switch (in.ConsumeIntegralInRange(0, 6)) {
      case 0:
        flip_byte(in, entry_field((*entries)[i], in.ConsumeIntegralInRange(0, 7)));
        break;
      case 1:
        entries->erase(entries->begin() + static_cast<ptrdiff_t>(i));
        break;
      case 2:
        std::swap((*entries)[i], (*entries)[j]);
        break;
      case 3:
        entries->insert(entries->begin() + static_cast<ptrdiff_t>(i), (*entries)[j]);
        break;
      case 4:
        (*entries)[i].seq += in.ConsumeIntegralInRange<int64_t>(-3, 3);
        break;
      case 5: {
        Checkpoint& c = (*checkpoints)[i % checkpoints->size()];
        flip_byte(in, checkpoint_field(c, in.ConsumeIntegralInRange(0, 3)));
        break;
      }
      case 6:
        (*checkpoints)[i % checkpoints->size()].seq += in.ConsumeIntegralInRange<int64_t>(-9, 9);
        break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& fx = fixture();
  FuzzedDataProvider in(data, size);
  std::vector<Entry> entries = fx.entries;
  std::vector<Checkpoint> checkpoints = fx.checkpoints;
  tamper(in, &entries, &checkpoints);

  isms::ledger::ChainVerifier verifier(checkpoints, &fx.signer);
  for (const Entry& e : entries) {
    if (!verifier.feed(e)) break;
  }
  isms::ledger::VerifyReport report = verifier.finish();
  const bool untouched = same(entries, fx.entries) && same(checkpoints, fx.checkpoints);
  if (report.ok != untouched) std::abort();
  if (!report.ok && (!report.first_bad_seq || report.reason.empty())) std::abort();
  return 0;
}
