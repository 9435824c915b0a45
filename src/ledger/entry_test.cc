#include "ledger/entry.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "base/crypto.h"

namespace isms::ledger {
namespace {

// The worked example of docs/formats/ledger.md. The expected bytes and hash were computed
// from the specification by an independent script, not by this code.
Entry vector_entry() {
  Entry e;
  e.seq = 42;
  e.at = "2026-11-28T07:30:00.123456Z";
  e.actor = "cli:alice";
  e.action = "asset.create";
  e.object_type = "asset";
  e.object_id = "0b9e6c1e-4a8f-4d2b-9c3e-5f7a1b2c3d4e";
  e.change = canonical_json(Json{{"name", "Mail server"},
                                 {"classification", "internal"},
                                 {"confidentiality", 3},
                                 {"note", "Z\xC3\xBCrich \"HQ\"\n"}});
  e.prev_hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  return e;
}

constexpr const char* kVectorChange =
    R"({"classification":"internal","confidentiality":3,"name":"Mail server",)"
    "\"note\":\"Z\xC3\xBCrich \\\"HQ\\\"\\n\"}";
constexpr const char* kVectorEncoding =
    "69736d732d6c65646765722d763100"                                  // magic
    "000000000000002a"                                                // seq 42
    "0000001b323032362d31312d32385430373a33303a30302e3132333435365a"  // at
    "00000009636c693a616c696365"                                      // actor
    "0000000c61737365742e637265617465"                                // action
    "000000056173736574"                                              // object_type
    "0000002430623965366331652d346138662d346432622d396333652d356637613162326333643465"
    "000000607b22636c617373696669636174696f6e223a22696e7465726e616c222c22636f6e666964656e74"
    "69616c697479223a332c226e616d65223a224d61696c20736572766572222c226e6f7465223a225ac3bc72"
    "696368205c2248515c225c6e227d"                                       // change
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";  // prev_hash
constexpr const char* kVectorHash =
    "295a9c73efb415b06c43893024609a96ea85fd86c3e81e31759b574138edfe72";
constexpr const char* kVectorCheckpointMessage =
    "69736d732d636865636b706f696e742d763100"                            // magic
    "000000000000002a"                                                  // seq 42
    "295a9c73efb415b06c43893024609a96ea85fd86c3e81e31759b574138edfe72"  // hash
    "0000001b323032362d31312d32385430373a33303a30312e3030303030305a";   // at

TEST(Entry, TestVectorMatchesTheSpecification) {
  Entry e = vector_entry();
  EXPECT_EQ(e.change, kVectorChange);
  EXPECT_EQ(hex_encode(encode_for_hash(e)), kVectorEncoding);
  EXPECT_EQ(compute_hash(e), kVectorHash);
}

TEST(Entry, CheckpointMessageMatchesTheSpecification) {
  Checkpoint c;
  c.seq = 42;
  c.hash = kVectorHash;
  c.at = "2026-11-28T07:30:01.000000Z";
  c.key_id = "ignored";  // not part of the signed message
  c.signature = "ignored";
  EXPECT_EQ(hex_encode(checkpoint_message(c)), kVectorCheckpointMessage);
}

TEST(Entry, HashIgnoresTheHashField) {
  Entry e = vector_entry();
  e.hash = "anything";
  EXPECT_EQ(compute_hash(e), kVectorHash);
}

TEST(Entry, EveryFieldIsCovered) {
  std::set<std::string> hashes{compute_hash(vector_entry())};
  auto changed = [&](auto mutate) {
    Entry e = vector_entry();
    mutate(e);
    return hashes.insert(compute_hash(e)).second;
  };
  EXPECT_TRUE(changed([](Entry& e) { e.seq = 43; }));
  EXPECT_TRUE(changed([](Entry& e) { e.seq = -42; }));
  EXPECT_TRUE(changed([](Entry& e) { e.at += " "; }));
  EXPECT_TRUE(changed([](Entry& e) { e.actor = "cli:mallory"; }));
  EXPECT_TRUE(changed([](Entry& e) { e.action = "asset.archive"; }));
  EXPECT_TRUE(changed([](Entry& e) { e.object_type = "person"; }));
  EXPECT_TRUE(changed([](Entry& e) { e.object_id[0] = '1'; }));
  EXPECT_TRUE(changed([](Entry& e) { e.change = "{}"; }));
  EXPECT_TRUE(changed([](Entry& e) { e.prev_hash[63] = '0'; }));
}

TEST(Entry, FieldBoundariesAreUnambiguous) {
  // Moving bytes from one field to its neighbour must change the hash.
  Entry a = vector_entry(), b = vector_entry();
  a.actor = "cli:alice";
  a.action = "asset.create";
  b.actor = "cli:alic";
  b.action = "easset.create";
  EXPECT_NE(compute_hash(a), compute_hash(b));
  a.object_type = "";
  a.object_id = "x";
  b = a;
  b.object_type = "x";
  b.object_id = "";
  EXPECT_NE(compute_hash(a), compute_hash(b));
}

TEST(Entry, OddPrevHashIsEncodedWithoutThrowingAndNeverCollides) {
  Entry lower = vector_entry();
  Entry upper = lower;
  for (char& c : upper.prev_hash) c = static_cast<char>(std::toupper(c));
  Entry short_prev = lower;
  short_prev.prev_hash = "abc";
  Entry empty_prev = lower;
  empty_prev.prev_hash.clear();
  std::set<std::string> hashes;
  for (const Entry& e : {lower, upper, short_prev, empty_prev})
    EXPECT_TRUE(hashes.insert(compute_hash(e)).second) << e.prev_hash;
  EXPECT_EQ(encode_for_hash(short_prev).rfind("isms-ledger-v1-odd-prev-hash", 0), 0u);
}

TEST(Entry, GenesisHashIsSixtyFourZeros) { EXPECT_EQ(kGenesisHash, std::string(64, '0')); }

TEST(Entry, ToJsonParsesTheChange) {
  Entry e = vector_entry();
  e.hash = compute_hash(e);
  Json j = entry_to_json(e);
  EXPECT_EQ(j["seq"], 42);
  EXPECT_EQ(j["actor"], "cli:alice");
  EXPECT_EQ(j["change"]["confidentiality"], 3);
  EXPECT_EQ(j["prev_hash"], e.prev_hash);
  EXPECT_EQ(j["hash"], kVectorHash);
  EXPECT_EQ(j.size(), 9u);
}

TEST(Entry, ToJsonShowsADamagedChangeAsText) {
  Entry e = vector_entry();
  e.change = "{not json";
  EXPECT_EQ(entry_to_json(e)["change"], "{not json");
}

}  // namespace
}  // namespace isms::ledger
