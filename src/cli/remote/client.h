// The CLI's remote mode: with --server URL (env ISMS_SERVER) a command talks to an isms
// server's JSON API (docs/api.md) with an API token instead of opening the data files.
//
// ApiClient wraps libcurl: one handle per client (connections are reused between the
// requests of one command), `Authorization: Bearer <token>`, JSON bodies, connect timeout
// 10 s and total timeout 60 s per request, TLS verified against the system's CAs or
// --ca-file (env ISMS_CA_FILE), TLS 1.2 or newer, http and https only, redirects never
// followed (a redirect would carry the token elsewhere). There is deliberately no way to
// switch verification off.
//
// Errors come back in the CLI's one-line form:
//   API errors:        "<server message> (HTTP 422, field name)"   (code from the body)
//   transport errors:  "cannot reach <url>: <curl error> (<detail>)" (kUnavailable)
// The token never appears in a message.
//
// Not thread-safe (one command, one thread).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms::cli {

// The remote options as given on the command line; empty = not given. resolve_remote()
// fills them from the environment.
struct RemoteOptions {
  std::string server;      // --server, env ISMS_SERVER
  std::string token_file;  // --token-file, env ISMS_TOKEN_FILE
  std::string ca_file;     // --ca-file, env ISMS_CA_FILE
};

RemoteOptions resolve_remote(const RemoteOptions& given);

// "https://host:8443/" -> "https://host:8443": the base URL the API paths are appended
// to. kInvalid (field "server") unless it is an http:// or https:// URL with a host and
// without query, fragment or user information.
Result<std::string> normalize_server_url(std::string_view url);

// The token in a token file's text: surrounding whitespace trimmed; kInvalid unless it
// has the form isms_<id>_<secret> (letters, digits, '-' and '_'). `path` names the file
// in messages; the text itself is never echoed.
Result<std::string> parse_token_text(std::string_view text, const std::string& path);

// True for http:// URLs whose host is not loopback (localhost, 127.x, [::1]): the token
// would cross a network in clear, which ApiClient::open warns about on stderr.
// REQUIRES: url normalized (normalize_server_url).
bool token_in_clear_to_other_host(const std::string& url);

// Reads and checks a token file: a regular file, at most 4 KiB, not readable or writable
// by group or others (like ssh's private keys; the message says how to fix the mode).
Result<std::string> read_token_file(const std::string& path);

// Query parameters in order; values are percent-encoded when the URL is built.
using QueryList = std::vector<std::pair<std::string, std::string>>;

class ApiClient {
 public:
  // REQUIRES: options resolve()d. Checks the server URL, reads the token file (required)
  // and the CA file (optional), and prepares the curl handle; no request yet.
  static Result<std::unique_ptr<ApiClient>> open(const RemoteOptions& options);

  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // `path` below /api/v1, starting with '/', its segments already escaped (segment()).
  // Returns the response body (null for 204). Any status >= 300 is an error.
  Result<Json> get(const std::string& path, const QueryList& query = {});
  Result<Json> post(const std::string& path, const Json& body);
  Result<Json> patch(const std::string& path, const Json& body);
  // For answers that are files (a PDF, an XLSX or CSV export, an OSCAL catalog): the body's
  // bytes as sent. Errors as above.
  Result<std::string> get_file(const std::string& path, const QueryList& query = {});
  // POSTs a file as the body with `content_type` (a library import); the JSON answer.
  Result<Json> post_file(const std::string& path, const QueryList& query, const std::string& bytes,
                         const std::string& content_type);

  // One path segment, percent-encoded (ids typed by a user may hold '/', '?', ...).
  static std::string segment(std::string_view text);

  const std::string& server() const { return server_; }

 private:
  ApiClient() = default;
  Result<Json> request(const char* method, const std::string& path, const QueryList& query,
                       const Json* body);
  // One exchange: `payload` (nullptr = none) sent as `content_type`; the answer's bytes
  // for a 2xx status, else the API error.
  Result<std::string> exchange(const char* method, const std::string& path, const QueryList& query,
                               const std::string* payload, const std::string& content_type,
                               const char* accept);

  std::string server_;  // normalized base URL
  std::string token_;
  std::string ca_file_;
  void* curl_ = nullptr;  // CURL*
};

}  // namespace isms::cli
