#include "base/totp.h"

#include <gtest/gtest.h>

#include <set>

#include "base/crypto.h"

namespace isms {
namespace {

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

struct Rfc6238Vector {
  int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

// RFC 6238 Appendix B (8 digits, 30-second steps, T0 = 0).
constexpr Rfc6238Vector kRfc6238[] = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};

TEST(Totp, Rfc6238AppendixB) {
  for (const auto& v : kRfc6238) {
    int64_t step = totp_step(v.time);
    EXPECT_EQ(totp_code_at_step(kSeed20, step, 8, TotpHash::kSha1), v.sha1) << v.time;
    EXPECT_EQ(totp_code_at_step(kSeed32, step, 8, TotpHash::kSha256), v.sha256) << v.time;
    EXPECT_EQ(totp_code_at_step(kSeed64, step, 8, TotpHash::kSha512), v.sha512) << v.time;
  }
  // The table's T column (hex step values).
  EXPECT_EQ(totp_step(59), 0x1);
  EXPECT_EQ(totp_step(1111111109), 0x23523EC);
  EXPECT_EQ(totp_step(1111111111), 0x23523ED);
  EXPECT_EQ(totp_step(1234567890), 0x273EF07);
  EXPECT_EQ(totp_step(2000000000), 0x3F940AA);
  EXPECT_EQ(totp_step(20000000000), 0x27BC86AA);
}

TEST(Totp, Rfc4226AppendixDHotp) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (int count = 0; count < 10; ++count) {
    EXPECT_EQ(totp_code_at_step(kSeed20, count), expected[count]) << count;
  }
}

TEST(Totp, SixDigitsAreTheLastSixOfEight) {
  // Truncation is value mod 10^digits, so the 6-digit code is the 8-digit one's tail.
  for (const auto& v : kRfc6238) {
    EXPECT_EQ(totp_code_at_step(kSeed20, totp_step(v.time)), std::string(v.sha1).substr(2));
  }
  EXPECT_EQ(totp_code_at_step(kSeed20, 1, 7), "4287082");
}

TEST(Totp, StepFloorsIncludingNegativeTimes) {
  EXPECT_EQ(totp_step(0), 0);
  EXPECT_EQ(totp_step(29), 0);
  EXPECT_EQ(totp_step(30), 1);
  EXPECT_EQ(totp_step(-1), -1);
  EXPECT_EQ(totp_step(-30), -1);
  EXPECT_EQ(totp_step(-31), -2);
  EXPECT_EQ(totp_step(119, 60), 1);
}

class TotpVerify : public ::testing::Test {
 protected:
  const int64_t now = 1111111111;
  const int64_t step = totp_step(now);
  std::string code(int64_t s) const { return totp_code_at_step(kSeed20, s); }
};

TEST_F(TotpVerify, AcceptsCurrentCodeOnce) {
  auto first = totp_verify(kSeed20, code(step), now, 0);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, step);
  // Replay in the same step (and any later time in the window) is refused.
  EXPECT_FALSE(totp_verify(kSeed20, code(step), now, *first).has_value());
  EXPECT_FALSE(totp_verify(kSeed20, code(step), now + 29, *first).has_value());
  // An earlier step's code is refused once a later one was used.
  EXPECT_FALSE(totp_verify(kSeed20, code(step - 1), now, *first).has_value());
  // The next step's code is fine.
  EXPECT_EQ(totp_verify(kSeed20, code(step + 1), now + 30, *first), step + 1);
}

TEST_F(TotpVerify, WindowOfOneStepEachWay) {
  EXPECT_EQ(totp_verify(kSeed20, code(step - 1), now, 0), step - 1);
  EXPECT_EQ(totp_verify(kSeed20, code(step + 1), now, 0), step + 1);
  if (code(step - 2) != code(step) && code(step - 2) != code(step - 1) &&
      code(step - 2) != code(step + 1)) {
    EXPECT_FALSE(totp_verify(kSeed20, code(step - 2), now, 0).has_value());
  }
  if (code(step + 2) != code(step) && code(step + 2) != code(step - 1) &&
      code(step + 2) != code(step + 1)) {
    EXPECT_FALSE(totp_verify(kSeed20, code(step + 2), now, 0).has_value());
  }
  // window 0: only the current step.
  EXPECT_EQ(totp_verify(kSeed20, code(step), now, 0, 0), step);
  EXPECT_FALSE(totp_verify(kSeed20, code(step + 1), now, 0, 0).has_value());
  // window 2 reaches two steps.
  EXPECT_EQ(totp_verify(kSeed20, code(step - 2), now, 0, 2), step - 2);
  // A negative window behaves as 0.
  EXPECT_EQ(totp_verify(kSeed20, code(step), now, 0, -5), step);
}

TEST_F(TotpVerify, RefusesWrongCodes) {
  std::set<std::string> valid{code(step - 1), code(step), code(step + 1)};
  int tried = 0;
  for (int n = 0; n < 1000000 && tried < 50; n += 20011) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06d", n);
    if (valid.count(buf) != 0) continue;
    ++tried;
    EXPECT_FALSE(totp_verify(kSeed20, buf, now, 0).has_value()) << buf;
  }
  // The right code for another secret.
  std::string other = totp_code_at_step("another secret", step);
  if (valid.count(other) == 0) {
    EXPECT_FALSE(totp_verify(kSeed20, other, now, 0).has_value());
  }
}

TEST_F(TotpVerify, RefusesNonDigitInput) {
  std::string c = code(step);
  for (const std::string& bad :
       {std::string(), std::string("      "), c.substr(0, 5), c + "0", "0" + c,
        c.substr(0, 3) + " " + c.substr(3), c.substr(0, 5) + "a", "+" + c.substr(1),
        "-" + c.substr(1), c.substr(0, 5) + "\xd9\xa3" /* Arabic-Indic digit */,
        c + std::string(1, '\0'), "\t" + c, c + "\n", std::string("abcdef")}) {
    EXPECT_FALSE(totp_verify(kSeed20, bad, now, 0).has_value()) << bad;
  }
  // Surrounding spaces are ignored.
  EXPECT_EQ(totp_verify(kSeed20, "  " + c + " ", now, 0), step);
}

TEST(Totp, NewSecretsAre20RandomBytes) {
  ASSERT_TRUE(crypto_init());
  std::string a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
}

TEST(Base32, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded);
    auto back = base32_decode(encoded);
    ASSERT_TRUE(back.ok()) << encoded;
    EXPECT_EQ(*back, plain);
  }
  EXPECT_EQ(base32_encode(kSeed20), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, DecodeIsLenient) {
  EXPECT_EQ(*base32_decode("MZXW6YQ="), "foob");
  EXPECT_EQ(*base32_decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(*base32_decode("mzxw6ytboi"), "foobar");
  EXPECT_EQ(*base32_decode("mzxw 6ytb oi"), "foobar");
  EXPECT_EQ(*base32_decode(" MY== "), "f");
}

TEST(Base32, DecodeRefusesOtherText) {
  for (const char* bad : {"MZXW6YT1", "MZXW6YT0", "MZXW-6YTB", "MZ\tXQ", "MY=A", "M", "MZX",
                          "MZXW6Y", "MZ XW6YTB\xc3\xa9", "MZXW6YQ.", "MZXQ\n"}) {
    auto r = base32_decode(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << bad;
  }
}

TEST(Base32, RoundTripsRandomBytes) {
  ASSERT_TRUE(crypto_init());
  for (size_t n = 0; n < 64; ++n) {
    std::string bytes = random_bytes(n);
    auto back = base32_decode(base32_encode(bytes));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes);
  }
}

TEST(Otpauth, UriPercentEncodesIssuerAndAccount) {
  EXPECT_EQ(otpauth_uri("ACME Co", "alice@example.com", kSeed20),
            "otpauth://totp/ACME%20Co:alice%40example.com?secret="
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("a:b&c=d", "ü/?#", "f"),
            "otpauth://totp/a%3Ab%26c%3Dd:%C3%BC%2F%3F%23?secret=MY&issuer=a%3Ab%26c%3Dd&"
            "algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace isms
