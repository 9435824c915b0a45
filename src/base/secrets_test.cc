#include "base/secrets.h"

#include <gtest/gtest.h>

#include <set>

#include "base/crypto.h"

namespace isms {
namespace {

bool has_problem(const std::vector<std::string>& problems, std::string_view fragment) {
  for (const std::string& p : problems) {
    if (p.find(fragment) != std::string::npos) return true;
  }
  return false;
}

TEST(PasswordPolicy, AcceptsAGoodPassword) {
  EXPECT_TRUE(password_problems("correct horse battery", "alice", "alice@example.com").empty());
  EXPECT_TRUE(password_problems("Tr0ub4dor&3xyz", "", "").empty());
  // 12 code points in 24 bytes.
  EXPECT_TRUE(password_problems("ÄÖÜäöüßéèêëç", "bob", "").empty());
}

TEST(PasswordPolicy, NeedsTwelveCodePoints) {
  auto p = password_problems("xK9#mQ2$vL7", "", "");  // 11
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(has_problem(p, "at least 12"));
  EXPECT_TRUE(password_problems("xK9#mQ2$vL7!", "", "").empty());  // 12
  // 11 code points but 22 bytes: still too short.
  EXPECT_TRUE(has_problem(password_problems("äöüäöüßéèêë", "", ""), "at least 12"));
  EXPECT_TRUE(has_problem(password_problems("", "", ""), "at least 12"));
}

TEST(PasswordPolicy, AtMost1024Bytes) {
  std::string ok = "Xy7!" + std::string(1020, 'q');
  EXPECT_TRUE(password_problems(ok, "", "").empty());
  auto p = password_problems(ok + "q", "", "");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(has_problem(p, "1024"));
}

TEST(PasswordPolicy, MustBeUtf8) {
  auto p = password_problems("valid prefix \xff\xfe then more", "", "");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(has_problem(p, "UTF-8"));
  EXPECT_FALSE(password_problems("overlong \xc0\xaf slash here", "", "").empty());
}

TEST(PasswordPolicy, MustNotContainUsername) {
  EXPECT_TRUE(has_problem(password_problems("my-AliceSmith-pass!", "alicesmith", ""), "username"));
  EXPECT_TRUE(has_problem(password_problems("xxbobxxyyzz42", "BOB", ""), "username"));
  // Usernames under 3 characters are not checked.
  EXPECT_TRUE(password_problems("xxboxxyyzz42!", "bo", "").empty());
}

TEST(PasswordPolicy, MustNotContainEmailLocalPart) {
  EXPECT_TRUE(has_problem(password_problems("Carol.Jones2024!", "cj", "carol.jones@example.com"),
                          "e-mail"));
  // The domain part alone is fine.
  EXPECT_TRUE(password_problems("example-horse-battery", "cj", "carol@example.com").empty());
  // Local parts under 3 characters are not checked.
  EXPECT_TRUE(password_problems("jo-horse-battery", "", "jo@example.com").empty());
}

TEST(PasswordPolicy, RefusesRepeatedCharacter) {
  EXPECT_TRUE(has_problem(password_problems("aaaaaaaaaaaa", "", ""), "repeated"));
  EXPECT_TRUE(has_problem(password_problems("éééééééééééééé", "", ""), "repeated"));
  EXPECT_TRUE(password_problems("aaaaaaaaaaab", "", "").empty());
}

TEST(PasswordPolicy, RefusesSimpleSequences) {
  for (const char* seq : {"123456789012", "abcdefghijkl", "ABCDEFGHIJKLMNOP", "987654321098",
                          "zyxwvutsrqpo", "uvwxyzabcdef", "aBcDeFgHiJkL"}) {
    EXPECT_TRUE(has_problem(password_problems(seq, "", ""), "sequence")) << seq;
  }
  EXPECT_TRUE(password_problems("123456789013", "", "").empty());
  EXPECT_TRUE(password_problems("abcdef123456", "", "").empty());
}

TEST(PasswordPolicy, RefusesCommonPasswords) {
  EXPECT_TRUE(has_problem(password_problems("password1234", "", ""), "common"));
  EXPECT_TRUE(has_problem(password_problems("QwertyUiop12", "", ""), "common"));
  EXPECT_TRUE(password_problems("password1234x", "", "").empty());
}

TEST(PasswordPolicy, ReportsEveryProblem) {
  auto p = password_problems("aaa", "aaa", "aaa@x");
  EXPECT_TRUE(has_problem(p, "at least 12"));
  EXPECT_TRUE(has_problem(p, "username"));
  EXPECT_TRUE(has_problem(p, "e-mail"));
  EXPECT_TRUE(has_problem(p, "repeated"));
  EXPECT_EQ(p.size(), 4u);
  for (const std::string& s : p) EXPECT_EQ(s.back(), '.');
}

TEST(ApiToken, FormatsAndParsesBack) {
  ASSERT_TRUE(crypto_init());
  std::string id = new_token_id(), secret = new_token_secret();
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(secret.size(), 43u);
  std::string token = format_api_token(id, secret);
  EXPECT_EQ(token.size(), 65u);
  EXPECT_EQ(token.substr(0, 5), "isms_");
  auto parts = parse_api_token(token);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->id, id);
  EXPECT_EQ(parts->secret, secret);
}

TEST(ApiToken, SecretMayContainUnderscoresAndDashes) {
  std::string secret = "_-" + std::string(40, 'a') + "A";  // 43 chars, last one canonical
  auto parts = parse_api_token(format_api_token("0123456789abcdef", secret));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->secret, secret);
}

TEST(ApiToken, RefusesAnyOtherForm) {
  const std::string id = "0123456789abcdef";
  const std::string secret = std::string(42, 'a') + "A";
  ASSERT_TRUE(parse_api_token(format_api_token(id, secret)).has_value());
  for (const std::string& bad : {
           std::string(), std::string("isms_"),
           "ISMS_" + id + "_" + secret,                      // prefix case
           "isms-" + id + "_" + secret,                      // prefix separator
           "isms_0123456789ABCDEF_" + secret,                // upper-case hex
           "isms_0123456789abcdeg_" + secret,                // not hex
           "isms_" + id + "-" + secret,                      // separator
           "isms_" + id + "_" + secret + "A",                // 44 chars
           "isms_" + id + "_" + secret.substr(1),            // 42 chars
           "isms_" + id.substr(1) + "_a" + secret,           // 15-char id
           "isms_" + id + "_" + std::string(42, 'a') + "B",  // non-zero spare bits
           "isms_" + id + "_" + std::string(42, 'a') + "=",  // padding
           "isms_" + id + "_" + std::string(42, 'a') + "+",  // standard base64
           " isms_" + id + "_" + secret.substr(1),           // leading space
           "isms_" + id + "_" + secret.substr(1) + "\n",     // trailing newline
       }) {
    EXPECT_FALSE(parse_api_token(bad).has_value()) << bad;
  }
}

TEST(SessionToken, Is43RandomBase64urlChars) {
  ASSERT_TRUE(crypto_init());
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = new_session_token();
    EXPECT_EQ(t.size(), 43u);
    std::string bytes;
    EXPECT_TRUE(base64url_decode(t, &bytes));
    EXPECT_EQ(bytes.size(), 32u);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_NE(new_token_secret(), new_token_secret());
  EXPECT_NE(new_token_id(), new_token_id());
}

TEST(RecoveryCodes, TenDistinctCodesFromTheAlphabet) {
  ASSERT_TRUE(crypto_init());
  auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), 10u);
  const std::string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::set<char> used;
  for (int round = 0; round < 20; ++round) {
    for (const std::string& c : new_recovery_codes()) {
      ASSERT_EQ(c.size(), 14u);
      EXPECT_EQ(c[4], '-');
      EXPECT_EQ(c[9], '-');
      for (size_t i = 0; i < c.size(); ++i) {
        if (i == 4 || i == 9) continue;
        EXPECT_NE(alphabet.find(c[i]), std::string::npos) << c;
        used.insert(c[i]);
      }
      EXPECT_EQ(normalize_recovery_code(c).size(), 12u);
    }
  }
  EXPECT_EQ(used.size(), 32u);  // 2400 symbols: every one of the 32 appears
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
  EXPECT_TRUE(new_recovery_codes(0).empty());
}

TEST(RecoveryCodes, NormalizeAcceptsLooseTyping) {
  EXPECT_EQ(normalize_recovery_code("abcd-efgh-jkmn"), "ABCDEFGHJKMN");
  EXPECT_EQ(normalize_recovery_code(" ABCD EFGH-jkmn "), "ABCDEFGHJKMN");
  EXPECT_EQ(normalize_recovery_code("abcdefghjkmn"), "ABCDEFGHJKMN");
  EXPECT_EQ(normalize_recovery_code("--"), "");
  EXPECT_EQ(normalize_recovery_code("ab_c\xc3\xa9"), "AB_C\xc3\xa9");  // others kept as-is
}

TEST(SecureEquals, ComparesContentAndLength) {
  EXPECT_TRUE(secure_equals("", ""));
  EXPECT_TRUE(secure_equals("abc", "abc"));
  EXPECT_FALSE(secure_equals("abc", "abd"));
  EXPECT_FALSE(secure_equals("abc", "ab"));
  EXPECT_FALSE(secure_equals("", "a"));
  EXPECT_TRUE(secure_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(secure_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace isms
