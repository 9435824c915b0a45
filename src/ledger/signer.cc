// Signer: the ledger signing key file on disk and Ed25519 over checkpoint_message().
#include "ledger/signer.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "base/crypto.h"
#include "ledger/key_file.h"

namespace isms::ledger {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

// Closes a file descriptor when leaving scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Overwrites secret bytes before the string's memory is released.
struct Wipe {
  std::string* s;
  ~Wipe() { sodium_memzero(s->data(), s->size()); }
};

Status write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error::unavailable("cannot write " + path + ": " + errno_text(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}

std::string parent_dir(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Creates a new key file at `path`. The key is written to a temporary file created with
// O_EXCL and mode 0600, made durable, then published with link(), which fails when
// `path` exists: the file is never readable by others, and no process can ever read a
// half-written key. Losing a race to another process is success (its key is used).
Status create_key_file(const std::string& path) {
  std::string seed = random_bytes(kKeySeedBytes);
  std::string text = format_key_file(seed);
  Wipe wipe_seed{&seed}, wipe_text{&text};
  std::string tmp = path + ".tmp-" + hex_encode(random_bytes(8));
  {
    Fd fd(::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) return Error::unavailable("cannot create " + tmp + ": " + errno_text(errno));
    Status written = write_all(fd.get(), text, tmp);
    if (written.ok() && ::fsync(fd.get()) != 0)
      written = Error::unavailable("cannot sync " + tmp + ": " + errno_text(errno));
    if (!written.ok()) {
      ::unlink(tmp.c_str());
      return written;
    }
  }
  int linked = ::link(tmp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST)
    return Error::unavailable("cannot create " + path + ": " + errno_text(link_errno));
  // Make the new directory entry durable too; a key lost in a crash orphans checkpoints.
  Fd dir(::open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
  return ok_status();
}

// Reads the key file text, refusing files others may read.
Result<std::string> read_key_file(const std::string& path, bool create) {
  // O_NONBLOCK: a FIFO put in the key's place must not hang the server at start.
  const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  int raw = ::open(path.c_str(), flags);
  if (raw < 0 && errno == ENOENT && create) {
    ISMS_TRY(create_key_file(path));
    raw = ::open(path.c_str(), flags);
  }
  if (raw < 0) {
    if (errno == ENOENT)
      return Error::unavailable("ledger signing key " + path + " does not exist");
    return Error::unavailable("cannot open ledger signing key " + path + ": " + errno_text(errno));
  }
  Fd fd(raw);
  struct stat st {};
  // fstat on the open descriptor: the file checked is the file read.
  if (::fstat(fd.get(), &st) != 0)
    return Error::unavailable("cannot stat " + path + ": " + errno_text(errno));
  if (!S_ISREG(st.st_mode))
    return Error::corruption("ledger signing key " + path + " is not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    std::string message = "ledger signing key " + path + " has mode " + mode +
                          ", which lets group or others read it; run: chmod 600 " + path;
    Error e = Error::invalid("signing_key", message);
    e.message = std::move(message);  // without the "signing_key: " prefix
    return e;
  }
  std::string text(kKeyFileMaxBytes + 1, '\0');
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error::unavailable("cannot read " + path + ": " + errno_text(errno));
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  text.resize(got);
  return text;
}

}  // namespace

Result<Signer> Signer::load(const std::string& path, bool create) {
  if (!crypto_init()) return Error::internal("libsodium could not be initialized");
  ISMS_ASSIGN(std::string text, read_key_file(path, create));
  Wipe wipe_text{&text};
  Result<std::string> seed = parse_key_file(text);
  if (!seed.ok()) {
    return Error::corruption("ledger signing key " + path +
                             " is not a key file: " + seed.error().message);
  }
  Wipe wipe_seed{&seed.value()};
  Signer signer;
  signer.public_key_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  signer.secret_key_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(signer.public_key_.data()),
                           reinterpret_cast<unsigned char*>(signer.secret_key_.data()),
                           reinterpret_cast<const unsigned char*>(seed->data()));
  signer.key_id_ = sha256_hex(signer.public_key_).substr(0, 16);
  return signer;
}

void Signer::sign(Checkpoint* checkpoint) const {
  // Only a default-constructed Signer has no key: a programming error, not bad input.
  if (secret_key_.size() != crypto_sign_SECRETKEYBYTES)
    throw std::logic_error("ledger::Signer::sign called on a signer without a key");
  checkpoint->key_id = key_id_;
  std::string message = checkpoint_message(*checkpoint);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(secret_key_.data()));
  checkpoint->signature = hex_encode(std::string_view(reinterpret_cast<char*>(sig), sizeof sig));
}

bool Signer::verify(const Checkpoint& checkpoint) const {
  if (public_key_.size() != crypto_sign_PUBLICKEYBYTES) return false;
  if (checkpoint.key_id != key_id_) return false;
  std::string sig;
  if (!hex_decode(checkpoint.signature, &sig) || sig.size() != crypto_sign_BYTES) return false;
  // Only the lower-case form sign() writes: one signature, one spelling.
  if (hex_encode(sig) != checkpoint.signature) return false;
  std::string message = checkpoint_message(checkpoint);
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(sig.data()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(),
             reinterpret_cast<const unsigned char*>(public_key_.data())) == 0;
}

}  // namespace isms::ledger
