// Micro benchmarks of the per-entry work of `isms ledger verify`, on an entry shaped like
// the ones isms_bench_seed writes (~300-byte asset.update change). Comparing
// BM_VerifyEntryHash with BM_Sha256Stream over the same number of bytes shows how much of
// the verifier's cost is hashing itself, how much is the per-entry framing (encode_for_hash,
// hex), and — by difference with the end-to-end figure — how much is reading the store.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <string>

#include "base/crypto.h"
#include "ledger/entry.h"

namespace {

isms::ledger::Entry typical_entry() {
  isms::ledger::Entry e;
  e.seq = 123456;
  e.at = "2026-11-28T07:30:00.123456Z";
  e.actor = "cli:isms-bench-seed";
  e.action = "asset.update";
  e.object_type = "asset";
  e.object_id = "6f1c2b7e-9a0d-4c1e-8b6a-2f3d4e5a6b7c";
  e.change =
      R"({"description":{"from":"Holds personal data of customers in the EU. Reachable only )"
      R"(through the corporate VPN.","to":"Contains pseudonymised data only. Access reviewed )"
      R"(quarterly by the system owner."},"justification":"quarterly access review",)"
      R"("lifecycle_status":{"from":"active","to":"retiring"}})";
  e.prev_hash = std::string(isms::ledger::kGenesisHash);
  e.hash = isms::ledger::compute_hash(e);
  return e;
}

// What the verifier does per entry: encode, hash, hex, compare.
void BM_VerifyEntryHash(benchmark::State& state) {
  const auto e = typical_entry();
  const auto bytes = isms::ledger::encode_for_hash(e).size();
  for (auto _ : state) benchmark::DoNotOptimize(e.hash == isms::ledger::compute_hash(e));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_VerifyEntryHash);

void BM_EncodeForHash(benchmark::State& state) {
  const auto e = typical_entry();
  for (auto _ : state) benchmark::DoNotOptimize(isms::ledger::encode_for_hash(e));
}
BENCHMARK(BM_EncodeForHash);

// SHA-256 of one entry's bytes as one message: the floor for per-entry hashing.
void BM_Sha256OneEntry(benchmark::State& state) {
  const auto bytes = isms::ledger::encode_for_hash(typical_entry());
  for (auto _ : state) benchmark::DoNotOptimize(isms::sha256(bytes));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_Sha256OneEntry);

// The same hash through a pre-fetched EVP_MD and a reused EVP_MD_CTX. OpenSSL 3's one-shot
// SHA256() looks the algorithm up and allocates a context on every call; the difference
// to BM_Sha256OneEntry is that per-call overhead.
void BM_Sha256OneEntryReusedContext(benchmark::State& state) {
  const auto bytes = isms::ledger::encode_for_hash(typical_entry());
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  for (auto _ : state) {
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, bytes.data(), bytes.size());
    EVP_DigestFinal_ex(ctx, digest, &length);
    benchmark::DoNotOptimize(digest);
  }
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_Sha256OneEntryReusedContext);

// SHA-256 over a long stream, as sha256sum hashes a file: no per-message overhead.
void BM_Sha256Stream(benchmark::State& state) {
  const std::string bytes(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) benchmark::DoNotOptimize(isms::sha256(bytes));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_Sha256Stream)->Arg(1 << 20);

}  // namespace
