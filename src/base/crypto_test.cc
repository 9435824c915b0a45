#include "base/crypto.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace isms {
namespace {

TEST(Sha256, MatchesKnownVectors) {
  // FIPS 180-2 examples.
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, PerThreadContextsAgree) {
  std::vector<std::thread> threads;
  std::vector<std::string> out(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) out[t] = sha256_hex("abc");
    });
  }
  for (auto& th : threads) th.join();
  for (auto& h : out) EXPECT_EQ(h, sha256_hex("abc"));
}

TEST(Ids, AreVersion4UuidsAndUnique) {
  ASSERT_TRUE(crypto_init());
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = new_id();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(Passwords, HashVerifiesAndRejects) {
  ASSERT_TRUE(crypto_init());
  std::string pw = random_password(20);
  EXPECT_EQ(pw.size(), 20u);
  std::string hash = hash_password(pw);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(pw, hash));
  EXPECT_FALSE(verify_password(pw + "x", hash));
}

TEST(Base64Url, RoundTripsAndRejectsGarbage) {
  std::string raw("\x00\xff\x10 cursor", 10);
  std::string out;
  ASSERT_TRUE(base64url_decode(base64url_encode(raw), &out));
  EXPECT_EQ(out, raw);
  EXPECT_FALSE(base64url_decode("not base64!", &out));
}

}  // namespace
}  // namespace isms
