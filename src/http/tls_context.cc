#include "http/tls_context.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace isms::http {
namespace {

// PEM files of a certificate chain or a key are a few KiB; anything far larger is a
// wrong path (a log file, a disk image) and is refused instead of read into memory.
constexpr size_t kMaxPemBytes = 1u << 20;

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxDeleter {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using CtxPtr = std::unique_ptr<SSL_CTX, CtxDeleter>;

// The contents of a file that holds a secret: wiped from memory when released.
class SecretText {
 public:
  SecretText() = default;
  SecretText(const SecretText&) = delete;
  SecretText& operator=(const SecretText&) = delete;
  SecretText(SecretText&& other) noexcept : text_(std::move(other.text_)) {}
  ~SecretText() {
    if (!text_.empty()) OPENSSL_cleanse(text_.data(), text_.size());
  }
  std::string& text() { return text_; }

 private:
  std::string text_;
};

// The message names the option's file, so the error carries no field (which would put a
// "tls-key: " prefix before it); details keep the option for callers that want it.
Error file_error(const char* field, std::string message) {
  Error e = Error::invalid(field, message);
  e.message = std::move(message);
  e.field.clear();
  return e;
}

// The oldest error OpenSSL queued (the most specific one), then the queue cleared.
std::string openssl_error() {
  unsigned long first = ERR_peek_error();
  char buffer[256] = "unknown OpenSSL error";
  if (first != 0) ERR_error_string_n(first, buffer, sizeof buffer);
  ERR_clear_error();
  return buffer;
}

// Reads `path` whole. With `secret`, refuses a file that group or others may read; the
// mode is checked on the open descriptor, so the file checked is the file read.
Status read_pem_file(const std::string& path, const char* field, const char* what, bool secret,
                     std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return file_error(
        field, std::string("cannot open ") + what + " " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  Status status = ok_status();
  if (::fstat(fd, &st) != 0) {
    status = file_error(
        field, std::string("cannot stat ") + what + " " + path + ": " + std::strerror(errno));
  } else if (!S_ISREG(st.st_mode)) {
    status = file_error(field, std::string(what) + " " + path + " is not a regular file");
  } else if (secret && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    status = file_error(field, std::string(what) + " " + path + " has mode " + mode +
                                   ", which lets group or others read it; run: chmod 600 " + path);
  } else if (static_cast<size_t>(st.st_size) > kMaxPemBytes) {
    status = file_error(field, std::string(what) + " " + path + " is larger than 1 MiB");
  }
  if (status.ok()) {
    out->assign(static_cast<size_t>(st.st_size) + 1, '\0');
    size_t got = 0;
    while (got < out->size()) {
      ssize_t n = ::read(fd, out->data() + got, out->size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = file_error(
            field, std::string("cannot read ") + what + " " + path + ": " + std::strerror(errno));
        break;
      }
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    out->resize(got);
    if (status.ok() && got > kMaxPemBytes) {
      status = file_error(field, std::string(what) + " " + path + " is larger than 1 MiB");
    }
  }
  ::close(fd);
  return status;
}

BioPtr memory_bio(const std::string& text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// A passphrase callback that gives none: an encrypted key fails instead of prompting on
// the terminal (the server runs unattended).
int no_passphrase(char*, int, int, void*) { return -1; }

// The leaf certificate, then each further certificate of the file as chain.
Status use_certificate_chain(SSL_CTX* ctx, const std::string& path, const std::string& text) {
  BioPtr bio = memory_bio(text);
  if (!bio) return Error::internal("out of memory reading " + path);
  X509Ptr leaf(PEM_read_bio_X509_AUX(bio.get(), nullptr, no_passphrase, nullptr));
  if (!leaf) {
    return file_error("tls-cert",
                      "TLS certificate " + path + " holds no PEM certificate: " + openssl_error());
  }
  if (SSL_CTX_use_certificate(ctx, leaf.get()) != 1) {
    return file_error("tls-cert",
                      "TLS certificate " + path + " cannot be used: " + openssl_error());
  }
  for (;;) {
    X509Ptr extra(PEM_read_bio_X509(bio.get(), nullptr, no_passphrase, nullptr));
    if (!extra) break;
    if (SSL_CTX_add0_chain_cert(ctx, extra.get()) != 1) {
      return file_error("tls-cert", "TLS certificate " + path +
                                        ": cannot add a chain certificate: " + openssl_error());
    }
    extra.release();  // add0: the context owns it now
  }
  // The loop ends at the end of the data (PEM_R_NO_START_LINE) or at a broken block.
  unsigned long last = ERR_peek_last_error();
  if (last != 0 &&
      !(ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE)) {
    return file_error("tls-cert", "TLS certificate " + path +
                                      ": a chain certificate does not parse: " + openssl_error());
  }
  ERR_clear_error();
  return ok_status();
}

Status use_private_key(SSL_CTX* ctx, const std::string& path, const std::string& text,
                       const std::string& cert_path) {
  BioPtr bio = memory_bio(text);
  if (!bio) return Error::internal("out of memory reading " + path);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) {
    const bool encrypted = text.find("ENCRYPTED") != std::string::npos;
    std::string why = openssl_error();
    return file_error("tls-key", "TLS private key " + path +
                                     (encrypted ? " is encrypted; give an unencrypted key "
                                                  "(e.g. openssl pkey -in KEY -out NEW)"
                                                : " holds no PEM private key: " + why));
  }
  X509* leaf = SSL_CTX_get0_certificate(ctx);
  if (leaf != nullptr && X509_check_private_key(leaf, key.get()) != 1) {
    ERR_clear_error();
    return file_error("tls-key", "TLS private key " + path +
                                     " does not belong to the certificate in " + cert_path);
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1) {
    return file_error("tls-key", "TLS private key " + path + " cannot be used: " + openssl_error());
  }
  return ok_status();
}

}  // namespace

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

Result<std::shared_ptr<const TlsContext>> TlsContext::load(const std::string& cert_file,
                                                           const std::string& key_file) {
  std::string cert_text;
  ISMS_TRY(read_pem_file(cert_file, "tls-cert", "TLS certificate", /*secret=*/false, &cert_text));
  SecretText key_text;
  ISMS_TRY(
      read_pem_file(key_file, "tls-key", "TLS private key", /*secret=*/true, &key_text.text()));

  ERR_clear_error();
  CtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return Error::internal("cannot create a TLS context: " + openssl_error());
  if (SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION) != 1) {
    return Error::internal("cannot require TLS 1.2: " + openssl_error());
  }
  SSL_CTX_set_options(
      ctx.get(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_RELEASE_BUFFERS);

  ISMS_TRY(use_certificate_chain(ctx.get(), cert_file, cert_text));
  ISMS_TRY(use_private_key(ctx.get(), key_file, key_text.text(), cert_file));
  if (SSL_CTX_check_private_key(ctx.get()) != 1) {
    ERR_clear_error();
    return file_error("tls-key", "TLS private key " + key_file +
                                     " does not belong to the certificate in " + cert_file);
  }
  return std::shared_ptr<const TlsContext>(new TlsContext(ctx.release()));
}

}  // namespace isms::http
