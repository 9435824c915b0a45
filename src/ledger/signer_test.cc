#include "ledger/signer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>

#include "base/crypto.h"
#include "ledger/key_file.h"
#include "ledger/test_support.h"

namespace isms::ledger {
namespace {

using testing::TempDir;

void write_file(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path, std::ios::binary) << text;
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

std::string seed_0_to_31() {
  std::string seed;
  for (int i = 0; i < 32; ++i) seed.push_back(static_cast<char>(i));
  return seed;
}

Checkpoint sample_checkpoint() {
  Checkpoint c;
  c.seq = 42;
  c.hash = "295a9c73efb415b06c43893024609a96ea85fd86c3e81e31759b574138edfe72";
  c.at = "2026-11-28T07:30:01.000000Z";
  return c;
}

TEST(KeyFile, RoundTrip) {
  std::string text = format_key_file(seed_0_to_31());
  EXPECT_EQ(text,
            "isms-ledger-signing-key v1\n"
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
  auto seed = parse_key_file(text);
  ASSERT_TRUE(seed.ok());
  EXPECT_EQ(*seed, seed_0_to_31());
  text.pop_back();  // final newline is optional
  EXPECT_TRUE(parse_key_file(text).ok());
}

TEST(KeyFile, RejectsMalformedText) {
  const std::string hex(64, 'a');
  for (const std::string& text :
       {std::string(), std::string("isms-ledger-signing-key v1"),
        "isms-ledger-signing-key v2\n" + hex + "\n", "isms-ledger-signing-key v1\n" + hex + "a\n",
        "isms-ledger-signing-key v1\n" + hex.substr(2) + "\n",
        "isms-ledger-signing-key v1\n" + hex.substr(1) + "g\n",
        "isms-ledger-signing-key v1\n" + hex + "\n\n", "isms-ledger-signing-key v1\r\n" + hex,
        " isms-ledger-signing-key v1\n" + hex, std::string(5000, 'x')}) {
    auto r = parse_key_file(text);
    EXPECT_FALSE(r.ok()) << text;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kCorruption);
    }
  }
}

TEST(Signer, CreatesAKeyFileReadableOnlyByItsOwner) {
  TempDir dir;
  std::string path = dir.file("ledger.key");
  auto created = Signer::load(path, /*create=*/true);
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(created->key_id().size(), 16u);
  // Loading again (with or without create) yields the same key, and no temp file is left.
  auto again = Signer::load(path, /*create=*/false);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->key_id(), created->key_id());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(Signer, MissingKeyWithoutCreateIsUnavailable) {
  TempDir dir;
  auto r = Signer::load(dir.file("absent.key"), /*create=*/false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(std::filesystem::exists(dir.file("absent.key")));
}

TEST(Signer, MissingParentDirectoryIsUnavailable) {
  TempDir dir;
  auto r = Signer::load(dir.file("no/such/dir/ledger.key"), /*create=*/true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

TEST(Signer, RefusesAKeyFileOthersCanRead) {
  TempDir dir;
  std::string path = dir.file("ledger.key");
  for (mode_t mode : {0644, 0640, 0604, 0660}) {
    write_file(path, format_key_file(seed_0_to_31()), mode);
    auto r = Signer::load(path, /*create=*/true);
    ASSERT_FALSE(r.ok()) << std::oct << mode;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_NE(r.error().message.find("chmod 600 " + path), std::string::npos) << r.error().message;
  }
  write_file(path, format_key_file(seed_0_to_31()), 0400);
  EXPECT_TRUE(Signer::load(path, false).ok());
}

TEST(Signer, RefusesAMalformedKeyFile) {
  TempDir dir;
  std::string path = dir.file("ledger.key");
  write_file(path, "-----BEGIN PRIVATE KEY-----\n", 0600);
  auto r = Signer::load(path, /*create=*/true);  // create must not overwrite it
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kCorruption);
  EXPECT_NE(r.error().message.find(path), std::string::npos);
}

TEST(Signer, RefusesADirectory) {
  TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
  auto r = Signer::load(dir.path(), false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kCorruption);
}

TEST(Signer, KnownSeedGivesTheSpecifiedKeyAndSignature) {
  // Vector from docs/formats/ledger.md, computed with an independent Ed25519 library.
  TempDir dir;
  std::string path = dir.file("ledger.key");
  write_file(path, format_key_file(seed_0_to_31()), 0600);
  auto signer = Signer::load(path, false);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  EXPECT_EQ(signer->key_id(), "56475aa75463474c");
  Checkpoint c = sample_checkpoint();
  signer->sign(&c);
  EXPECT_EQ(c.key_id, "56475aa75463474c");
  EXPECT_EQ(c.signature,
            "cd77c84f7787ec136e0db4612a710c6db7df531c16460d7870c9670db1161cbd"
            "738ebb5094edb1d27e241a7b016d5afc9e16e99e0e76915c2c04ba3f23b59406");
  EXPECT_TRUE(signer->verify(c));
}

TEST(Signer, VerifyRejectsAnyChange) {
  TempDir dir;
  auto signer = Signer::load(dir.file("k"), true);
  ASSERT_TRUE(signer.ok());
  Checkpoint good = sample_checkpoint();
  signer->sign(&good);
  ASSERT_TRUE(signer->verify(good));
  auto rejected = [&](auto mutate) {
    Checkpoint c = good;
    mutate(c);
    return !signer->verify(c);
  };
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.seq += 1; }));
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.hash[0] = c.hash[0] == '2' ? '3' : '2'; }));
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.at = "2026-11-28T07:30:02.000000Z"; }));
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.key_id = "0000000000000000"; }));
  EXPECT_TRUE(
      rejected([](Checkpoint& c) { c.signature[10] = c.signature[10] == 'a' ? 'b' : 'a'; }));
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.signature.pop_back(); }));
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.signature = "zz"; }));
  EXPECT_TRUE(rejected([](Checkpoint& c) { c.signature.clear(); }));
  EXPECT_TRUE(rejected([](Checkpoint& c) {
    for (char& ch : c.signature) ch = static_cast<char>(std::toupper(ch));
  }));
}

TEST(Signer, AnotherKeysSignatureIsRejected) {
  TempDir dir;
  auto ours = Signer::load(dir.file("ours"), true);
  auto theirs = Signer::load(dir.file("theirs"), true);
  ASSERT_TRUE(ours.ok() && theirs.ok());
  EXPECT_NE(ours->key_id(), theirs->key_id());
  Checkpoint c = sample_checkpoint();
  theirs->sign(&c);
  EXPECT_FALSE(ours->verify(c));
  c.key_id = ours->key_id();  // relabelling does not help
  EXPECT_FALSE(ours->verify(c));
}

TEST(Signer, DefaultConstructedSignerVerifiesNothingAndRefusesToSign) {
  Signer none;
  Checkpoint c = sample_checkpoint();
  EXPECT_FALSE(none.verify(c));
  EXPECT_THROW(none.sign(&c), std::logic_error);
}

}  // namespace
}  // namespace isms::ledger
