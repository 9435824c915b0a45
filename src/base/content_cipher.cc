#include "base/content_cipher.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <utility>

#include "base/crypto.h"

namespace isms {
namespace {

constexpr std::string_view kSealedPrefix = "v1.";
constexpr size_t kKeyIdChars = 8;
constexpr size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::string_view kKeyLineTag = "isms-content-key";
constexpr std::string_view kKeyLineVersion = "v1";
// A key line is about 70 bytes; this leaves room for thousands of keys and comments.
constexpr size_t kKeyFileMaxBytes = 1 << 20;
constexpr const char* kEnvVar = "ISMS_CONTENT_KEY";

static_assert(kKeyBytes == 32 && kNonceBytes == 24 && kTagBytes == 16);

std::string key_id_for(std::string_view key_bytes) {
  return sha256_hex(key_bytes).substr(0, kKeyIdChars);
}

bool is_key_id(std::string_view id) {
  if (id.size() != kKeyIdChars) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Error error_with(ErrorCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return e;
}

std::string errno_text(int err) { return std::strerror(err); }

struct SealedParts {
  std::string_view key_id;
  std::string nonce_and_box;  // nonce || ciphertext || tag
};

// Splits "v1.<id>.<base64url>" and decodes the payload; kCorruption naming the problem.
Result<SealedParts> split_sealed(std::string_view sealed) {
  if (sealed.substr(0, kSealedPrefix.size()) != kSealedPrefix)
    return Error::corruption("sealed value does not start with \"v1.\"");
  std::string_view rest = sealed.substr(kSealedPrefix.size());
  if (rest.size() < kKeyIdChars + 1 || rest[kKeyIdChars] != '.' ||
      !is_key_id(rest.substr(0, kKeyIdChars)))
    return Error::corruption("sealed value does not name a key id of 8 lower-case hex digits");
  SealedParts parts;
  parts.key_id = rest.substr(0, kKeyIdChars);
  std::string_view payload = rest.substr(kKeyIdChars + 1);
  if (!base64url_decode(payload, &parts.nonce_and_box))
    return Error::corruption("sealed value payload is not unpadded base64url");
  if (parts.nonce_and_box.size() < kNonceBytes + kTagBytes)
    return Error::corruption("sealed value payload is too short for nonce and tag");
  return parts;
}

// Reads a key file, refusing anything but a regular file that only its owner can access.
Result<std::string> read_key_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Error::not_found("content key file " + path + " does not exist");
    return error_with(ErrorCode::kUnavailable,
                      "cannot open content key file " + path + ": " + errno_text(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return error_with(ErrorCode::kUnavailable,
                      "cannot stat content key file " + path + ": " + errno_text(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return error_with(ErrorCode::kInvalid, "content key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return error_with(ErrorCode::kInvalid, "content key file " + path + " has mode " + mode +
                                               "; group and other must have no access to it "
                                               "(run: chmod 600 " +
                                               path + ")");
  }
  if (static_cast<uint64_t>(st.st_size) > kKeyFileMaxBytes) {
    ::close(fd);
    return Error::corruption("content key file " + path + " is too large to be a key file");
  }
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return error_with(ErrorCode::kUnavailable,
                        "cannot read content key file " + path + ": " + errno_text(err));
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > kKeyFileMaxBytes) {
      ::close(fd);
      return Error::corruption("content key file " + path + " is too large to be a key file");
    }
  }
  ::close(fd);
  return text;
}

Result<std::vector<ContentKey>> load_key_file(const std::string& path) {
  ISMS_ASSIGN(std::string text, read_key_file(path));
  auto keys = parse_content_key_file(text);
  if (!keys.ok()) {
    Error e = std::move(keys).error();
    e.message = "content key file " + path + ": " + e.message;
    return e;
  }
  return keys;
}

std::string dir_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return error_with(ErrorCode::kUnavailable, "write failed: " + errno_text(errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}

Status fsync_dir(const std::string& dir) {
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) {
    return error_with(ErrorCode::kUnavailable,
                      "cannot open directory " + dir + ": " + errno_text(errno));
  }
  int rc = ::fsync(dfd);
  int err = errno;
  ::close(dfd);
  if (rc != 0)
    return error_with(ErrorCode::kUnavailable, "cannot fsync " + dir + ": " + errno_text(err));
  return ok_status();
}

// Writes text to a fresh temporary file (mode 0600) in path's directory and fsyncs it.
// Returns the temporary file's name.
Result<std::string> write_temp_beside(const std::string& path, std::string_view text) {
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());  // creates with mode 0600
  if (fd < 0) {
    return error_with(ErrorCode::kUnavailable,
                      "cannot create a temporary file beside " + path + ": " + errno_text(errno));
  }
  Status st = ok_status();
  if (::fchmod(fd, 0600) != 0) {
    st = error_with(ErrorCode::kUnavailable, "chmod failed: " + errno_text(errno));
  }
  if (st.ok()) st = write_all(fd, text);
  if (st.ok() && ::fsync(fd) != 0) {
    st = error_with(ErrorCode::kUnavailable, "fsync failed: " + errno_text(errno));
  }
  if (::close(fd) != 0 && st.ok()) {
    st = error_with(ErrorCode::kUnavailable, "close failed: " + errno_text(errno));
  }
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    Error e = std::move(st).error();
    e.message = "writing " + tmp + ": " + e.message;
    return e;
  }
  return tmp;
}

// Replaces path by text atomically: temp file in the same directory, fsync, rename, fsync
// of the directory.
Status replace_file(const std::string& path, std::string_view text) {
  ISMS_ASSIGN(std::string tmp, write_temp_beside(path, text));
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return error_with(ErrorCode::kUnavailable,
                      "cannot rename " + tmp + " to " + path + ": " + errno_text(err));
  }
  return fsync_dir(dir_of(path));
}

// Creates path with text unless it exists (link(2) fails with EEXIST: two processes
// starting at once cannot both create a key file). Returns true when this call created it.
Result<bool> create_file_exclusive(const std::string& path, std::string_view text) {
  ISMS_ASSIGN(std::string tmp, write_temp_beside(path, text));
  int rc = ::link(tmp.c_str(), path.c_str());
  int err = errno;
  ::unlink(tmp.c_str());
  if (rc != 0) {
    if (err == EEXIST) return false;
    return error_with(ErrorCode::kUnavailable,
                      "cannot create content key file " + path + ": " + errno_text(err));
  }
  ISMS_TRY(fsync_dir(dir_of(path)));
  return true;
}

// An exclusive advisory lock on "<path>.lock" that serializes read-modify-write of the key
// file between processes (two concurrent rotations must not drop each other's key).
class KeyFileLock {
 public:
  static Result<std::unique_ptr<KeyFileLock>> acquire(const std::string& path) {
    std::string lock_path = path + ".lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
      return error_with(ErrorCode::kUnavailable,
                        "cannot open lock file " + lock_path + ": " + errno_text(errno));
    }
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return error_with(ErrorCode::kUnavailable,
                        "cannot lock " + lock_path + ": " + errno_text(err));
    }
    return std::unique_ptr<KeyFileLock>(new KeyFileLock(fd));
  }
  ~KeyFileLock() { ::close(fd_); }  // closing releases the lock
  KeyFileLock(const KeyFileLock&) = delete;
  KeyFileLock& operator=(const KeyFileLock&) = delete;

 private:
  explicit KeyFileLock(int fd) : fd_(fd) {}
  int fd_;
};

const ContentKey* find_key(const std::vector<ContentKey>& keys, std::string_view id) {
  for (const ContentKey& k : keys) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

}  // namespace

std::string sealed_associated_data(std::string_view table, std::string_view column,
                                   std::string_view row_id) {
  std::string ad;
  ad.reserve(table.size() + column.size() + row_id.size() + 2);
  ad.append(table);
  ad.push_back('\x1f');
  ad.append(column);
  ad.push_back('\x1f');
  ad.append(row_id);
  return ad;
}

ContentKeyring::ContentKeyring(std::vector<ContentKey> keys, std::string file_path)
    : keys_(std::make_shared<const std::vector<ContentKey>>(std::move(keys))),
      file_path_(std::move(file_path)) {}

std::string ContentKeyring::seal(std::string_view plaintext,
                                 std::string_view associated_data) const {
  std::shared_ptr<const std::vector<ContentKey>> keys;
  {
    std::lock_guard<std::mutex> lock(mu_);
    keys = keys_;
  }
  const ContentKey& key = keys->back();
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long box_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonceBytes, &box_len, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(associated_data.data()),
      associated_data.size(), nullptr, nonce,
      reinterpret_cast<const unsigned char*>(key.bytes.data()));
  out.resize(kNonceBytes + static_cast<size_t>(box_len));
  std::string sealed(kSealedPrefix);
  sealed.append(key.id);
  sealed.push_back('.');
  sealed.append(base64url_encode(out));
  return sealed;
}

Result<std::string> ContentKeyring::open(std::string_view sealed,
                                         std::string_view associated_data) const {
  ISMS_ASSIGN(SealedParts parts, split_sealed(sealed));
  std::shared_ptr<const std::vector<ContentKey>> keys;
  {
    std::lock_guard<std::mutex> lock(mu_);
    keys = keys_;
  }
  const ContentKey* key = find_key(*keys, parts.key_id);
  if (key == nullptr && !file_path_.empty()) {
    // Another process may have added a key since this one loaded the file.
    if (reload().ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      keys = keys_;
    }
    key = find_key(*keys, parts.key_id);
  }
  if (key == nullptr) {
    return Error::corruption("sealed value names unknown content key " + std::string(parts.key_id));
  }
  if (key->bytes.size() != kKeyBytes) {
    return Error::corruption("content key " + key->id + " is not " + std::to_string(kKeyBytes) +
                             " bytes");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(parts.nonce_and_box.data());
  size_t box_len = parts.nonce_and_box.size() - kNonceBytes;
  std::string plain(box_len - kTagBytes, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr, nonce + kNonceBytes,
          box_len, reinterpret_cast<const unsigned char*>(associated_data.data()),
          associated_data.size(), nonce,
          reinterpret_cast<const unsigned char*>(key->bytes.data())) != 0) {
    return Error::corruption(
        "sealed value failed authentication (tampered, or moved from another row or column)");
  }
  plain.resize(static_cast<size_t>(plain_len));
  return plain;
}

Result<std::string> ContentKeyring::key_id_of(std::string_view sealed) {
  ISMS_ASSIGN(SealedParts parts, split_sealed(sealed));
  return std::string(parts.key_id);
}

std::string ContentKeyring::active_key_id() const {
  std::lock_guard<std::mutex> lock(mu_);
  return keys_->back().id;
}

std::vector<std::string> ContentKeyring::key_ids() const {
  std::shared_ptr<const std::vector<ContentKey>> keys;
  {
    std::lock_guard<std::mutex> lock(mu_);
    keys = keys_;
  }
  std::vector<std::string> ids;
  ids.reserve(keys->size());
  for (const ContentKey& k : *keys) ids.push_back(k.id);
  return ids;
}

Status ContentKeyring::reload() const {
  if (file_path_.empty()) return ok_status();
  ISMS_ASSIGN(std::vector<ContentKey> keys, load_key_file(file_path_));
  auto fresh = std::make_shared<const std::vector<ContentKey>>(std::move(keys));
  std::lock_guard<std::mutex> lock(mu_);
  keys_ = std::move(fresh);
  return ok_status();
}

ContentKey generate_content_key() {
  ContentKey key;
  key.bytes = random_bytes(kKeyBytes);
  key.id = key_id_for(key.bytes);
  return key;
}

Result<std::vector<ContentKey>> parse_content_key_file(std::string_view text) {
  if (text.size() > kKeyFileMaxBytes) return Error::corruption("too large to be a key file");
  std::vector<ContentKey> keys;
  std::set<std::string> seen;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Fields separated by runs of spaces or tabs.
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > start) fields.push_back(line.substr(start, i - start));
    }
    if (fields.empty() || fields[0][0] == '#') continue;
    std::string where = "line " + std::to_string(line_no) + ": ";
    if (fields.size() != 4 || fields[0] != kKeyLineTag || fields[1] != kKeyLineVersion) {
      return Error::corruption(where + "expected \"" + std::string(kKeyLineTag) + " " +
                               std::string(kKeyLineVersion) + " <id> <key>\"");
    }
    if (!is_key_id(fields[2]))
      return Error::corruption(where + "key id is not 8 lower-case hex digits");
    ContentKey key;
    key.id = std::string(fields[2]);
    if (!base64url_decode(fields[3], &key.bytes) || key.bytes.size() != kKeyBytes)
      return Error::corruption(where + "key is not unpadded base64url of 32 bytes");
    if (key_id_for(key.bytes) != key.id) {
      return Error::corruption(where + "key id " + key.id +
                               " does not match the key (damaged line?)");
    }
    if (!seen.insert(key.id).second)
      return Error::corruption(where + "key " + key.id + " appears twice");
    keys.push_back(std::move(key));
  }
  if (keys.empty()) return Error::invalid("content-keys", "the key file holds no key");
  return keys;
}

std::string format_content_key_file(const std::vector<ContentKey>& keys) {
  std::string out =
      "# isms content encryption keys (docs: content_cipher.h). The last key seals new\n"
      "# values; earlier keys open older ones. Losing this file loses the sealed data.\n";
  for (const ContentKey& k : keys) {
    out.append(kKeyLineTag);
    out.push_back(' ');
    out.append(kKeyLineVersion);
    out.push_back(' ');
    out.append(k.id);
    out.push_back(' ');
    out.append(base64url_encode(k.bytes));
    out.push_back('\n');
  }
  return out;
}

std::string content_key_path(const std::string& data_dir) { return data_dir + "/content-keys"; }

Result<std::unique_ptr<ContentKeyring>> load_keyring(const std::string& data_dir, bool create) {
  const char* env = std::getenv(kEnvVar);
  if (env != nullptr && *env != '\0') {
    std::string bytes;
    if (!base64url_decode(env, &bytes) || bytes.size() != kKeyBytes) {
      return Error::invalid(kEnvVar, "must be unpadded base64url of 32 bytes");
    }
    ContentKey key;
    key.id = key_id_for(bytes);
    key.bytes = std::move(bytes);
    std::vector<ContentKey> keys;
    keys.push_back(std::move(key));
    return std::make_unique<ContentKeyring>(std::move(keys));
  }
  std::string path = content_key_path(data_dir);
  auto keys = load_key_file(path);
  if (!keys.ok() && keys.error().code == ErrorCode::kNotFound && create) {
    std::vector<ContentKey> fresh{generate_content_key()};
    ISMS_TRY(create_file_exclusive(path, format_content_key_file(fresh)));
    // Created here or by a process that won the race: read what is on disk either way.
    keys = load_key_file(path);
  }
  if (!keys.ok()) return std::move(keys).error();
  return std::make_unique<ContentKeyring>(std::move(keys).value(), path);
}

Result<ContentKey> add_content_key(const std::string& path) {
  const char* env = std::getenv(kEnvVar);
  if (env != nullptr && *env != '\0') {
    return Error::invalid(kEnvVar,
                          "the content key comes from this variable; unset it and use the key "
                          "file to rotate keys");
  }
  if (path.empty()) return Error::invalid("content-keys", "the keyring has no key file");
  ISMS_ASSIGN(auto lock, KeyFileLock::acquire(path));
  auto keys = load_key_file(path);
  if (!keys.ok()) {
    if (keys.error().code == ErrorCode::kNotFound)
      return Error::invalid("content-keys", "no key file at " + path);
    return std::move(keys).error();
  }
  ContentKey key = generate_content_key();
  while (find_key(*keys, key.id) != nullptr) key = generate_content_key();  // 2^-32 chance
  keys->push_back(key);
  ISMS_TRY(replace_file(path, format_content_key_file(*keys)));
  return key;
}

Status prune_content_keys(const std::string& path, const std::vector<std::string>& keep) {
  if (path.empty()) return Error::invalid("content-keys", "the keyring has no key file");
  ISMS_ASSIGN(auto lock, KeyFileLock::acquire(path));
  auto keys = load_key_file(path);
  if (!keys.ok()) {
    if (keys.error().code == ErrorCode::kNotFound)
      return Error::invalid("content-keys", "no key file at " + path);
    return std::move(keys).error();
  }
  std::set<std::string> wanted(keep.begin(), keep.end());
  std::vector<ContentKey> kept;
  for (size_t i = 0; i < keys->size(); ++i) {
    const ContentKey& k = (*keys)[i];
    if (i + 1 == keys->size() || wanted.count(k.id) != 0) kept.push_back(k);
  }
  if (kept.size() == keys->size()) return ok_status();
  return replace_file(path, format_content_key_file(kept));
}

}  // namespace isms
