#include "cli/remote/client.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>

#include "cli/version.h"

namespace isms::cli {

namespace {

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTotalTimeoutSeconds = 60;
constexpr size_t kMaxTokenFileBytes = 4096;
constexpr size_t kMaxTokenBytes = 512;
// Larger answers are refused rather than held in memory: the biggest legitimate one (a
// page of 500 assets with long descriptions) is a few MiB.
constexpr size_t kMaxResponseBytes = 64u << 20;

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Overwrites a string holding a secret before it is freed.
void wipe(std::string* secret) {
  volatile char* p = secret->data();
  for (size_t i = 0; i < secret->size(); ++i) p[i] = 0;
  secret->clear();
}

// An error whose message already says everything (no "field: " prefix added).
Error message_error(ErrorCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return e;
}

// An error about an option's value whose message names it (no "field: " prefix).
Error option_error(const char* field, std::string message) {
  Error e = Error::invalid(field, message);
  e.message = std::move(message);
  e.field.clear();
  return e;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

ErrorCode code_from_name(std::string_view name) {
  static constexpr ErrorCode kCodes[] = {
      ErrorCode::kMalformed,       ErrorCode::kInvalid,     ErrorCode::kNotFound,
      ErrorCode::kConflict,        ErrorCode::kForbidden,   ErrorCode::kUnauthenticated,
      ErrorCode::kUnavailable,     ErrorCode::kCorruption,  ErrorCode::kInternal,
      ErrorCode::kTooLarge,        ErrorCode::kRateLimited, ErrorCode::kUnsupportedMediaType,
      ErrorCode::kMethodNotAllowed};
  for (ErrorCode code : kCodes) {
    if (error_code_name(code) == name) return code;
  }
  return ErrorCode::kInternal;
}

ErrorCode code_from_status(long status) {
  switch (status) {
    case 400:
      return ErrorCode::kMalformed;
    case 401:
      return ErrorCode::kUnauthenticated;
    case 403:
      return ErrorCode::kForbidden;
    case 404:
      return ErrorCode::kNotFound;
    case 405:
      return ErrorCode::kMethodNotAllowed;
    case 409:
      return ErrorCode::kConflict;
    case 413:
      return ErrorCode::kTooLarge;
    case 415:
      return ErrorCode::kUnsupportedMediaType;
    case 422:
      return ErrorCode::kInvalid;
    case 429:
      return ErrorCode::kRateLimited;
    case 503:
      return ErrorCode::kUnavailable;
    default:
      return status >= 500 ? ErrorCode::kInternal : ErrorCode::kMalformed;
  }
}

// The CLI error for an HTTP error answer: the server's error body when it has one
// ("<message> (HTTP 422, field name)"), else the status and where it came from.
Error api_error(long status, const std::string& url, const std::string& body,
                const std::string& location) {
  auto parsed = parse_json(body);
  if (parsed.ok() && parsed->is_object() && parsed->contains("error") &&
      (*parsed)["error"].is_object()) {
    const Json& e = (*parsed)["error"];
    std::string message =
        e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>() : "";
    std::string code =
        e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : std::string();
    if (message.empty()) message = code.empty() ? "request failed" : code;
    std::string suffix = "HTTP " + std::to_string(status);
    if (e.contains("field") && e["field"].is_string() && !e["field"].get<std::string>().empty()) {
      suffix += ", field " + e["field"].get<std::string>();
    }
    // Opaque server errors are only useful to an operator with the request id.
    if (status >= 500 && e.contains("request_id") && e["request_id"].is_string()) {
      suffix += ", request id " + e["request_id"].get<std::string>();
    }
    return message_error(code.empty() ? code_from_status(status) : code_from_name(code),
                         message + " (" + suffix + ")");
  }
  if (status >= 300 && status < 400) {
    return message_error(ErrorCode::kMalformed,
                         url + " answered HTTP " + std::to_string(status) + " (a redirect" +
                             (location.empty() ? std::string() : " to " + location) +
                             "); give the server's final address in --server");
  }
  return message_error(code_from_status(status), url + " answered HTTP " + std::to_string(status) +
                                                     " without an isms error body; is "
                                                     "--server the address of an isms server?");
}

struct Sink {
  std::string body;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (sink->body.size() + n > kMaxResponseBytes) {
    sink->too_large = true;
    return 0;  // curl fails with CURLE_WRITE_ERROR
  }
  sink->body.append(data, n);
  return n;
}

// Reads a small file whole, checking its mode on the open descriptor. `secret`: refuse
// any access for group or others.
Result<std::string> read_small_file(const std::string& path, const char* field, const char* what,
                                    size_t max_bytes, bool secret) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    return option_error(
        field, std::string("cannot open ") + what + " " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  std::string text;
  Status status = ok_status();
  if (::fstat(fd, &st) != 0) {
    status = option_error(
        field, std::string("cannot stat ") + what + " " + path + ": " + std::strerror(errno));
  } else if (!S_ISREG(st.st_mode)) {
    status = option_error(field, std::string(what) + " " + path + " is not a regular file");
  } else if (secret && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    status = option_error(field, std::string(what) + " " + path + " has mode " + mode +
                                     ", which lets group or others " +
                                     ((st.st_mode & 044) != 0 ? "read" : "change") +
                                     " it; run: chmod 600 " + path);
  } else {
    text.assign(max_bytes + 1, '\0');
    size_t got = 0;
    while (got < text.size()) {
      ssize_t n = ::read(fd, text.data() + got, text.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = option_error(
            field, std::string("cannot read ") + what + " " + path + ": " + std::strerror(errno));
        break;
      }
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    text.resize(got);
    if (status.ok() && got > max_bytes) {
      status = option_error(field, std::string(what) + " " + path + " is larger than " +
                                       std::to_string(max_bytes) + " bytes");
    }
  }
  ::close(fd);
  if (!status.ok()) {
    wipe(&text);
    return std::move(status).error();
  }
  return text;
}

}  // namespace

RemoteOptions resolve_remote(const RemoteOptions& given) {
  RemoteOptions out;
  out.server = !given.server.empty() ? given.server : env_or("ISMS_SERVER", "");
  out.token_file = !given.token_file.empty() ? given.token_file : env_or("ISMS_TOKEN_FILE", "");
  out.ca_file = !given.ca_file.empty() ? given.ca_file : env_or("ISMS_CA_FILE", "");
  return out;
}

Result<std::string> normalize_server_url(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return option_error("server", "--server '" + std::string(url) + "' " + why);
  };
  std::string text(url);
  while (!text.empty() && is_space(text.back())) text.pop_back();
  const std::string scheme = lower(text.substr(0, text.find("://")));
  if (text.find("://") == std::string::npos || (scheme != "http" && scheme != "https")) {
    return bad("is not an http:// or https:// URL (e.g. https://isms.example.com)");
  }
  std::string rest = text.substr(scheme.size() + 3);
  if (rest.find_first_of("?#") != std::string::npos) {
    return bad("must not contain a query or fragment");
  }
  std::string authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string::npos) {
    return bad("must not contain user information; the token file authenticates");
  }
  if (authority.empty() || authority.front() == ':') return bad("has no host");
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return bad("contains spaces");
  }
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  return scheme + "://" + rest;
}

bool token_in_clear_to_other_host(const std::string& url) {
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) return false;
  std::string authority = url.substr(prefix.size());
  authority = authority.substr(0, authority.find('/'));
  std::string host;
  if (!authority.empty() && authority.front() == '[') {
    host = authority.substr(0, authority.find(']') + 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  host = lower(host);
  return !(host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0);
}

Result<std::string> parse_token_text(std::string_view text, const std::string& path) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  auto bad = [&](const std::string& why) {
    return option_error("token-file", "token file " + path + " " + why);
  };
  if (text.empty()) return bad("is empty");
  if (text.size() > kMaxTokenBytes) return bad("does not hold an isms API token (too long)");
  for (char c : text) {
    if (!is_token_char(c)) {
      return bad("does not hold one isms API token (isms_<id>_<secret>): unexpected characters");
    }
  }
  const std::string_view prefix = "isms_";
  size_t second = text.find('_', prefix.size());
  if (text.substr(0, prefix.size()) != prefix || second == std::string_view::npos ||
      second == prefix.size() || second + 1 == text.size()) {
    return bad("does not hold an isms API token (isms_<id>_<secret>)");
  }
  return std::string(text);
}

Result<std::string> read_token_file(const std::string& path) {
  ISMS_ASSIGN(std::string text,
              read_small_file(path, "token-file", "token file", kMaxTokenFileBytes, true));
  auto token = parse_token_text(text, path);
  wipe(&text);
  return token;
}

Result<std::unique_ptr<ApiClient>> ApiClient::open(const RemoteOptions& options) {
  std::unique_ptr<ApiClient> client(new ApiClient());
  ISMS_ASSIGN(client->server_, normalize_server_url(options.server));
  if (options.token_file.empty()) {
    return option_error("token-file",
                        "no API token for " + client->server_ +
                            ": give --token-file FILE or set ISMS_TOKEN_FILE (create a token "
                            "in the web UI or with POST /api/v1/tokens)");
  }
  ISMS_ASSIGN(client->token_, read_token_file(options.token_file));
  if (token_in_clear_to_other_host(client->server_)) {
    // Allowed (a trusted network, a TLS-terminating proxy on the path), but never silently.
    std::cerr << "isms: warning: the API token is sent unencrypted to " << client->server_
              << "; use https:// for a server on another machine" << std::endl;
  }
  if (!options.ca_file.empty()) {
    // Read once here for a clear message; curl reads it again itself.
    ISMS_TRY(read_small_file(options.ca_file, "ca-file", "CA file", 4u << 20, false));
    client->ca_file_ = options.ca_file;
  }
  global_init();
  client->curl_ = curl_easy_init();
  if (client->curl_ == nullptr) return Error::internal("cannot initialize libcurl");
  return client;
}

ApiClient::~ApiClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
  wipe(&token_);
}

std::string ApiClient::segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    }
  }
  return out;
}

Result<Json> ApiClient::get(const std::string& path, const QueryList& query) {
  return request("GET", path, query, nullptr);
}

Result<Json> ApiClient::post(const std::string& path, const Json& body) {
  return request("POST", path, {}, &body);
}

Result<Json> ApiClient::patch(const std::string& path, const Json& body) {
  return request("PATCH", path, {}, &body);
}

Result<std::string> ApiClient::get_file(const std::string& path, const QueryList& query) {
  return exchange("GET", path, query, nullptr, "", "Accept: */*");
}

Result<Json> ApiClient::post_file(const std::string& path, const QueryList& query,
                                  const std::string& bytes, const std::string& content_type) {
  ISMS_ASSIGN(std::string answer,
              exchange("POST", path, query, &bytes, content_type, "Accept: application/json"));
  if (answer.empty()) return Json(nullptr);
  auto parsed = parse_json(answer);
  if (!parsed.ok()) {
    return message_error(ErrorCode::kMalformed, server_ + "/api/v1" + path +
                                                    " answered with a body that is not JSON; is "
                                                    "--server the address of an isms server?");
  }
  return std::move(parsed).value();
}

Result<Json> ApiClient::request(const char* method, const std::string& path, const QueryList& query,
                                const Json* body) {
  std::string payload = body != nullptr ? dump_json(*body) : std::string();
  ISMS_ASSIGN(std::string answer,
              exchange(method, path, query, body != nullptr ? &payload : nullptr,
                       "application/json", "Accept: application/json"));
  if (answer.empty()) return Json(nullptr);
  const std::string url = server_ + "/api/v1" + path;
  auto parsed = parse_json(answer);
  if (!parsed.ok()) {
    return message_error(ErrorCode::kMalformed, url +
                                                    " answered with a body that is not JSON; "
                                                    "is --server the address of an isms "
                                                    "server?");
  }
  return std::move(parsed).value();
}

Result<std::string> ApiClient::exchange(const char* method, const std::string& path,
                                        const QueryList& query, const std::string* payload,
                                        const std::string& content_type, const char* accept) {
  CURL* curl = static_cast<CURL*>(curl_);
  // Shown in messages: without the query, which may carry search terms.
  const std::string url = server_ + "/api/v1" + path;
  std::string full_url = url;
  for (size_t i = 0; i < query.size(); ++i) {
    // List values keep their commas: the API splits on ',' after decoding, and the
    // items themselves (enum names, ids) never contain one.
    std::string value;
    for (char c : query[i].second) value += c == ',' ? std::string(",") : segment({&c, 1});
    full_url += (i == 0 ? "?" : "&") + segment(query[i].first) + "=" + value;
  }

  curl_easy_reset(curl);
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  Sink response;
  const std::string content_type_header = "Content-Type: " + content_type;
  std::string authorization = "Authorization: Bearer " + token_;
  const std::string user_agent = std::string("isms-cli/") + kIsmsVersion;

  struct curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, authorization.c_str());
  headers = curl_slist_append(headers, accept);
  if (payload != nullptr) {
    headers = curl_slist_append(headers, content_type_header.c_str());
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  }

  curl_easy_setopt(curl, CURLOPT_URL, full_url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTotalTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  if (std::strcmp(method, "GET") == 0) {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    static const std::string kNoPayload;
    const std::string& bytes = payload != nullptr ? *payload : kNoPayload;
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, bytes.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
    if (std::strcmp(method, "POST") != 0) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  }

  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  char* location = nullptr;
  curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
  const std::string redirect = location != nullptr ? location : "";
  // The header list holds the token: wipe it before it is freed.
  for (curl_slist* h = headers; h != nullptr; h = h->next) {
    std::memset(h->data, 0, std::strlen(h->data));
  }
  curl_slist_free_all(headers);
  wipe(&authorization);

  if (rc != CURLE_OK) {
    std::string message = "cannot reach " + url + ": " + curl_easy_strerror(rc);
    if (response.too_large) {
      message = url + " answered with more than 64 MiB; refused";
    } else if (error_buffer[0] != '\0') {
      std::string detail = error_buffer.data();
      while (!detail.empty() && is_space(detail.back())) detail.pop_back();
      message += " (" + detail + ")";
    }
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE) {
      message += ca_file_.empty()
                     ? "; for a server whose certificate is not signed by a CA this system "
                       "trusts, give that certificate (or its CA) with --ca-file"
                     : "; check that --ca-file " + ca_file_ + " holds the server's CA";
    }
    return message_error(ErrorCode::kUnavailable, message);
  }
  if (status < 200 || status >= 300) return api_error(status, url, response.body, redirect);
  if (status == 204) return std::string();
  return std::move(response.body);
}

}  // namespace isms::cli
