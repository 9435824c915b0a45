// TlsContext: the server's TLS configuration (certificate chain, private key, protocol
// floor), built with OpenSSL alone so that loading and checking the files happens before
// the server opens its database, and without pulling Asio into another translation unit.
// transport.cc wraps native() in an asio::ssl::context.
//
// Policy: TLS 1.2 and 1.3 only; OpenSSL's default cipher lists (no export, NULL, RC4 or
// 3DES suites at OpenSSL 3's default security level) in the server's order of
// preference; no renegotiation, no compression.
// The private key file must not be readable by group or others (like the ledger signing
// key) and must not be encrypted (the server cannot prompt for a passphrase).
//
// Thread-safety: immutable after load(); OpenSSL's SSL_CTX is safe to share between the
// connections of all threads once configured.
#pragma once

#include <memory>
#include <string>

#include "base/error.h"

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace isms::http {

class TlsContext {
 public:
  // Reads cert_file (PEM: the certificate, then any intermediates) and key_file (PEM,
  // unencrypted, mode 0600 or stricter) and checks that they belong together.
  // Errors (kInvalid, field "tls-cert"/"tls-key", message naming the file and the fix):
  // unreadable or missing files, a key readable by group/others, an encrypted key, PEM
  // that does not parse, a key that does not match the certificate.
  static Result<std::shared_ptr<const TlsContext>> load(const std::string& cert_file,
                                                        const std::string& key_file);

  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // The configured SSL_CTX; owned by this object (callers that keep it must up-ref it).
  ssl_ctx_st* native() const { return ctx_; }

 private:
  explicit TlsContext(ssl_ctx_st* ctx) : ctx_(ctx) {}
  ssl_ctx_st* ctx_;
};

}  // namespace isms::http
