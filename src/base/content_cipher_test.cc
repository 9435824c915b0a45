#include "base/content_cipher.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/crypto.h"

namespace isms {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAd =
    "people\x1f"
    "notes_sealed\x1f"
    "row-1";

ContentKeyring ring_of(std::vector<ContentKey> keys, std::string path = "") {
  return ContentKeyring(std::move(keys), std::move(path));
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const std::string& path, std::string_view text, mode_t mode) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "isms-cipher-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::string path_;
};

class ContentCipherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto_init());
    ::unsetenv("ISMS_CONTENT_KEY");
  }
  void TearDown() override { ::unsetenv("ISMS_CONTENT_KEY"); }
};

TEST_F(ContentCipherTest, AssociatedDataJoinsWithUnitSeparators) {
  EXPECT_EQ(sealed_associated_data("people", "notes_sealed", "row-1"), kAd);
}

TEST_F(ContentCipherTest, GeneratedKeyIdIsHashPrefix) {
  ContentKey k = generate_content_key();
  EXPECT_EQ(k.bytes.size(), 32u);
  EXPECT_EQ(k.id, sha256_hex(k.bytes).substr(0, 8));
  EXPECT_NE(generate_content_key().bytes, k.bytes);
}

TEST_F(ContentCipherTest, SealThenOpenRoundTrips) {
  ContentKeyring ring = ring_of({generate_content_key()});
  for (std::string plain : {std::string(), std::string("secret note"), std::string("\0\xff\x01", 3),
                            std::string(100000, 'x')}) {
    std::string sealed = ring.seal(plain, kAd);
    auto opened = ring.open(sealed, kAd);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, plain);
  }
}

TEST_F(ContentCipherTest, SealedFormNamesActiveKey) {
  ContentKey a = generate_content_key(), b = generate_content_key();
  ContentKeyring ring = ring_of({a, b});
  EXPECT_EQ(ring.active_key_id(), b.id);
  EXPECT_EQ(ring.key_ids(), (std::vector<std::string>{a.id, b.id}));
  std::string sealed = ring.seal("hello", kAd);
  EXPECT_EQ(sealed.substr(0, 12), "v1." + b.id + ".");
  // 24-byte nonce + 5 bytes + 16-byte tag = 45 bytes = 60 base64url characters.
  EXPECT_EQ(sealed.size(), 12u + 60u);
  auto id = ContentKeyring::key_id_of(sealed);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, b.id);
}

TEST_F(ContentCipherTest, SealIsRandomized) {
  ContentKeyring ring = ring_of({generate_content_key()});
  EXPECT_NE(ring.seal("same", kAd), ring.seal("same", kAd));
}

TEST_F(ContentCipherTest, OtherPlaceFailsToOpen) {
  ContentKeyring ring = ring_of({generate_content_key()});
  std::string sealed = ring.seal("salary", sealed_associated_data("people", "notes", "1"));
  for (const std::string& ad : {sealed_associated_data("people", "notes", "2"),
                                sealed_associated_data("people", "other", "1"),
                                sealed_associated_data("assets", "notes", "1"), std::string()}) {
    auto opened = ring.open(sealed, ad);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::kCorruption);
    EXPECT_NE(opened.error().message.find("authentication"), std::string::npos);
  }
}

TEST_F(ContentCipherTest, AnyTamperingFailsToOpen) {
  ContentKeyring ring = ring_of({generate_content_key()});
  std::string sealed = ring.seal("the quick brown fox", kAd);
  for (size_t i = 12; i < sealed.size(); ++i) {
    std::string bad = sealed;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    auto opened = ring.open(bad, kAd);
    ASSERT_FALSE(opened.ok()) << i;
    EXPECT_EQ(opened.error().code, ErrorCode::kCorruption);
  }
  auto truncated = ring.open(sealed.substr(0, sealed.size() - 4), kAd);
  EXPECT_FALSE(truncated.ok());
}

TEST_F(ContentCipherTest, NotSealedValuesAreCorruption) {
  ContentKeyring ring = ring_of({generate_content_key()});
  std::string good = ring.seal("x", kAd);
  std::string id = ring.active_key_id();
  for (const std::string& bad :
       {std::string(), std::string("plain text"), std::string("v2.") + good.substr(3),
        std::string("v1."), "v1." + id, "v1." + id + ".", "v1.ABCDEF01" + good.substr(11),
        "v1.1234567." + good.substr(12), "v1." + id + "." + good.substr(12) + "=",
        "v1." + id + "." + good.substr(12, 20), "v1." + id + ".!!!!"}) {
    auto opened = ring.open(bad, kAd);
    ASSERT_FALSE(opened.ok()) << bad;
    EXPECT_EQ(opened.error().code, ErrorCode::kCorruption) << bad;
  }
  EXPECT_FALSE(ContentKeyring::key_id_of("v1.abc.def").ok());
  EXPECT_EQ(ContentKeyring::key_id_of("nope").error().code, ErrorCode::kCorruption);
}

TEST_F(ContentCipherTest, OlderKeysStillOpen) {
  ContentKey a = generate_content_key(), b = generate_content_key();
  std::string old_value = ring_of({a}).seal("old", kAd);
  ContentKeyring rotated = ring_of({a, b});
  auto opened = rotated.open(old_value, kAd);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "old");
  std::string new_value = rotated.seal("new", kAd);
  auto in_old = ring_of({a}).open(new_value, kAd);
  ASSERT_FALSE(in_old.ok());
  EXPECT_EQ(in_old.error().code, ErrorCode::kCorruption);
  EXPECT_NE(in_old.error().message.find(b.id), std::string::npos);
}

TEST_F(ContentCipherTest, ParsesKeyFileWithCommentsAndCrlf) {
  ContentKey a = generate_content_key(), b = generate_content_key();
  std::string text = "# keys\r\n\r\n   \n  # indented comment\nisms-content-key v1 " + a.id + " " +
                     base64url_encode(a.bytes) + "\r\n\tisms-content-key  v1\t" + b.id + " " +
                     base64url_encode(b.bytes);  // no final newline
  auto keys = parse_content_key_file(text);
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].id, a.id);
  EXPECT_EQ((*keys)[0].bytes, a.bytes);
  EXPECT_EQ((*keys)[1].id, b.id);
  EXPECT_EQ((*keys)[1].bytes, b.bytes);
}

TEST_F(ContentCipherTest, FormatParsesBack) {
  std::vector<ContentKey> keys{generate_content_key(), generate_content_key(),
                               generate_content_key()};
  auto back = parse_content_key_file(format_content_key_file(keys));
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*back)[i].id, keys[i].id);
    EXPECT_EQ((*back)[i].bytes, keys[i].bytes);
  }
}

TEST_F(ContentCipherTest, BadKeyFilesNameTheLine) {
  ContentKey a = generate_content_key();
  std::string good = "isms-content-key v1 " + a.id + " " + base64url_encode(a.bytes) + "\n";
  std::string other_id = a.id == "00000000" ? "11111111" : "00000000";
  std::string short_key = base64url_encode(a.bytes.substr(0, 31));
  for (const std::string& bad_line :
       {std::string("isms-content-key v2 ") + a.id + " " + base64url_encode(a.bytes),
        "isms-content-key v1 " + a.id, "isms-content-key v1 " + a.id + " " + short_key,
        "isms-content-key v1 " + std::string("ABCDEF01") + " " + base64url_encode(a.bytes),
        "isms-content-key v1 " + other_id + " " + base64url_encode(a.bytes),
        "isms-content-key v1 " + a.id + " " + base64url_encode(a.bytes) + " extra",
        std::string("garbage"), good.substr(0, good.size() - 1) /* duplicate of line 2 */}) {
    auto keys = parse_content_key_file("# comment\n" + good + bad_line + "\n");
    ASSERT_FALSE(keys.ok()) << bad_line;
    EXPECT_EQ(keys.error().code, ErrorCode::kCorruption) << bad_line;
    EXPECT_NE(keys.error().message.find("line 3"), std::string::npos) << keys.error().message;
  }
  for (std::string_view empty : {"", "\n\n", "# only a comment\n"}) {
    auto keys = parse_content_key_file(empty);
    ASSERT_FALSE(keys.ok());
    EXPECT_EQ(keys.error().code, ErrorCode::kInvalid);
  }
  EXPECT_EQ(parse_content_key_file(std::string(2 << 20, '#')).error().code, ErrorCode::kCorruption);
}

TEST_F(ContentCipherTest, LoadCreatesKeyFileOnceWithMode0600) {
  TempDir dir;
  std::string path = content_key_path(dir.path());
  EXPECT_EQ(path, dir.path() + "/content-keys");

  auto none = load_keyring(dir.path(), /*create=*/false);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);

  auto ring = load_keyring(dir.path(), /*create=*/true);
  ASSERT_TRUE(ring.ok()) << ring.error().message;
  EXPECT_EQ((*ring)->file_path(), path);
  EXPECT_EQ((*ring)->key_ids().size(), 1u);
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"content-keys"});

  auto again = load_keyring(dir.path(), /*create=*/true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->active_key_id(), (*ring)->active_key_id());
  std::string sealed = (*ring)->seal("x", kAd);
  EXPECT_EQ(*(*again)->open(sealed, kAd), "x");
}

TEST_F(ContentCipherTest, RefusesKeyFileOthersCanAccess) {
  TempDir dir;
  std::string path = content_key_path(dir.path());
  std::string text = format_content_key_file({generate_content_key()});
  for (mode_t mode : {0640, 0604, 0620, 0644, 0660}) {
    write_text(path, text, mode);
    auto ring = load_keyring(dir.path(), true);
    ASSERT_FALSE(ring.ok()) << std::oct << mode;
    EXPECT_EQ(ring.error().code, ErrorCode::kInvalid);
    EXPECT_NE(ring.error().message.find("chmod 600"), std::string::npos) << ring.error().message;
    EXPECT_NE(ring.error().message.find(path), std::string::npos);
    // Not replaced by a fresh key either.
    EXPECT_EQ(read_text(path), text);
  }
  write_text(path, text, 0400);
  EXPECT_TRUE(load_keyring(dir.path(), false).ok());
}

TEST_F(ContentCipherTest, BadKeyFileReportsPathAndLine) {
  TempDir dir;
  std::string path = content_key_path(dir.path());
  write_text(path, "isms-content-key v1 zz\n", 0600);
  auto ring = load_keyring(dir.path(), true);
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.error().code, ErrorCode::kCorruption);
  EXPECT_NE(ring.error().message.find(path), std::string::npos);
  EXPECT_NE(ring.error().message.find("line 1"), std::string::npos);
}

TEST_F(ContentCipherTest, EnvironmentKeyWinsOverFile) {
  TempDir dir;
  std::string key = random_bytes(32);
  ASSERT_EQ(::setenv("ISMS_CONTENT_KEY", base64url_encode(key).c_str(), 1), 0);
  auto ring = load_keyring(dir.path(), true);
  ASSERT_TRUE(ring.ok()) << ring.error().message;
  EXPECT_EQ((*ring)->active_key_id(), sha256_hex(key).substr(0, 8));
  EXPECT_EQ((*ring)->file_path(), "");
  EXPECT_TRUE((*ring)->reload().ok());
  EXPECT_TRUE(dir.entries().empty());  // no key file created
  std::string sealed = (*ring)->seal("x", kAd);
  EXPECT_EQ(*ContentKeyring({ContentKey{sha256_hex(key).substr(0, 8), key}}).open(sealed, kAd),
            "x");

  auto add = add_content_key(content_key_path(dir.path()));
  ASSERT_FALSE(add.ok());
  EXPECT_EQ(add.error().code, ErrorCode::kInvalid);

  for (std::string bad : {base64url_encode(random_bytes(31)), std::string("not base64!"),
                          base64url_encode(key) + "="}) {
    ASSERT_EQ(::setenv("ISMS_CONTENT_KEY", bad.c_str(), 1), 0);
    auto r = load_keyring(dir.path(), true);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  }
}

TEST_F(ContentCipherTest, AddKeyRotatesAtomically) {
  TempDir dir;
  auto ring = load_keyring(dir.path(), true);
  ASSERT_TRUE(ring.ok());
  std::string path = (*ring)->file_path();
  std::string first = (*ring)->active_key_id();
  std::string old_value = (*ring)->seal("old", kAd);

  auto added = add_content_key(path);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_NE(added->id, first);
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"content-keys", "content-keys.lock"}));

  // This process still seals with the old key until it reloads...
  EXPECT_EQ((*ring)->active_key_id(), first);
  ASSERT_TRUE((*ring)->reload().ok());
  EXPECT_EQ((*ring)->active_key_id(), added->id);
  EXPECT_EQ((*ring)->key_ids(), (std::vector<std::string>{first, added->id}));
  EXPECT_EQ(*(*ring)->open(old_value, kAd), "old");
}

TEST_F(ContentCipherTest, UnknownKeyIdTriggersReload) {
  TempDir dir;
  auto a = load_keyring(dir.path(), true);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(add_content_key((*a)->file_path()).ok());
  // Another process loads the rotated file and seals with the new key.
  auto b = load_keyring(dir.path(), false);
  ASSERT_TRUE(b.ok());
  std::string sealed = (*b)->seal("from b", kAd);
  ASSERT_NE((*a)->active_key_id(), (*b)->active_key_id());
  auto opened = (*a)->open(sealed, kAd);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(*opened, "from b");
  EXPECT_EQ((*a)->active_key_id(), (*b)->active_key_id());
}

TEST_F(ContentCipherTest, ReloadErrorLeavesKeysUnchanged) {
  TempDir dir;
  auto ring = load_keyring(dir.path(), true);
  ASSERT_TRUE(ring.ok());
  std::string id = (*ring)->active_key_id();
  write_text((*ring)->file_path(), "broken\n", 0600);
  Status st = (*ring)->reload();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kCorruption);
  EXPECT_EQ((*ring)->active_key_id(), id);
  std::string sealed = (*ring)->seal("still works", kAd);
  EXPECT_EQ(*(*ring)->open(sealed, kAd), "still works");
  // An unknown key id with an unreadable file is still just an unknown key.
  auto other = ring_of({generate_content_key()}).seal("x", kAd);
  EXPECT_EQ((*ring)->open(other, kAd).error().code, ErrorCode::kCorruption);
}

TEST_F(ContentCipherTest, AddWithoutFileIsInvalid) {
  TempDir dir;
  auto r = add_content_key(content_key_path(dir.path()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(add_content_key("").error().code, ErrorCode::kInvalid);
}

TEST_F(ContentCipherTest, ConcurrentAddsKeepEveryKey) {
  TempDir dir;
  ASSERT_TRUE(load_keyring(dir.path(), true).ok());
  std::string path = content_key_path(dir.path());
  std::vector<std::thread> threads;
  std::vector<std::string> ids(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto k = add_content_key(path);
      if (k.ok()) ids[i] = k->id;
    });
  }
  for (auto& t : threads) t.join();
  auto ring = load_keyring(dir.path(), false);
  ASSERT_TRUE(ring.ok());
  std::vector<std::string> all = (*ring)->key_ids();
  EXPECT_EQ(all.size(), 5u);
  for (const std::string& id : ids) {
    EXPECT_NE(std::find(all.begin(), all.end(), id), all.end()) << id;
  }
}

TEST_F(ContentCipherTest, PruneKeepsListedAndActive) {
  TempDir dir;
  ASSERT_TRUE(load_keyring(dir.path(), true).ok());
  std::string path = content_key_path(dir.path());
  ASSERT_TRUE(add_content_key(path).ok());
  ASSERT_TRUE(add_content_key(path).ok());
  auto before = load_keyring(dir.path(), false);
  ASSERT_TRUE(before.ok());
  std::vector<std::string> ids = (*before)->key_ids();
  ASSERT_EQ(ids.size(), 3u);

  ASSERT_TRUE(prune_content_keys(path, {ids[1], "ffffffff"}).ok());
  auto after = load_keyring(dir.path(), false);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->key_ids(), (std::vector<std::string>{ids[1], ids[2]}));
  EXPECT_EQ(mode_of(path), 0600u);

  ASSERT_TRUE(prune_content_keys(path, {}).ok());
  auto last = load_keyring(dir.path(), false);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ((*last)->key_ids(), std::vector<std::string>{ids[2]});
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"content-keys", "content-keys.lock"}));

  EXPECT_EQ(prune_content_keys(dir.path() + "/missing", {}).error().code, ErrorCode::kInvalid);
}

TEST_F(ContentCipherTest, ConcurrentSealOpenAndReload) {
  TempDir dir;
  auto ring = load_keyring(dir.path(), true);
  ASSERT_TRUE(ring.ok());
  const ContentKeyring& r = **ring;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        std::string s = r.seal("v" + std::to_string(i), kAd);
        auto o = r.open(s, kAd);
        if (!o.ok() || *o != "v" + std::to_string(i)) ++failures;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 5; ++i) {
      if (!add_content_key(r.file_path()).ok() || !r.reload().ok()) ++failures;
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(r.key_ids().size(), 6u);
}

}  // namespace
}  // namespace isms
