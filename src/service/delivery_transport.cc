#include "service/delivery_transport.h"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>

#include "base/crypto.h"
#include "base/json.h"
#include "base/time.h"

namespace isms {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init is not thread-safe on older libcurl: do it once, before any handle.
void global_init() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t n = std::min(size * count, u->data->size() - u->offset);
  std::memcpy(buffer, u->data->data() + u->offset, n);
  u->offset += n;
  return n;
}

// Keeps at most 4 KiB of a webhook receiver's answer for the error message.
size_t collect_answer(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  size_t n = size * count;
  if (out->size() < 4096) out->append(data, std::min(n, 4096 - out->size()));
  return n;
}

std::string curl_error(CURLcode code, const char* buffer) {
  std::string message = buffer[0] ? buffer : curl_easy_strerror(code);
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
    message.pop_back();
  }
  return message;
}

std::string base64_lines(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out, line;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    line.push_back(kAlphabet[(n >> 18) & 63]);
    line.push_back(kAlphabet[(n >> 12) & 63]);
    line.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
    line.push_back(i + 2 < bytes.size() ? kAlphabet[n & 63] : '=');
    if (line.size() >= 76) {
      out += line + "\r\n";
      line.clear();
    }
  }
  if (!line.empty()) out += line + "\r\n";
  return out;
}

bool is_plain_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
}

// RFC 2047 for a header holding non-ASCII text.
std::string encode_header(std::string_view text) {
  if (is_plain_ascii(text)) return std::string(text);
  std::string b64 = base64_lines(text);
  b64.erase(std::remove(b64.begin(), b64.end(), '\r'), b64.end());
  b64.erase(std::remove(b64.begin(), b64.end(), '\n'), b64.end());
  return "=?UTF-8?B?" + b64 + "?=";
}

// "Mon, 30 Nov 2026 07:00:00 +0000" (RFC 5322 date in UTC).
std::string rfc5322_date(int64_t micros) {
  std::time_t t = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

}  // namespace

std::string webhook_signature(const std::string& secret, const std::string& timestamp,
                              const std::string& body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  std::string message = timestamp + "." + body;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return "sha256=" + hex_encode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

WebhookRequest webhook_request(const std::string& url, const std::string& secret, const Delivery& d,
                               int64_t now_micros) {
  Json body = d.payload.is_object() ? d.payload : Json::object();
  body["event"] = d.event;
  body["delivery_id"] = d.id;
  body["sent_at"] = format_utc_micros(now_micros);
  WebhookRequest r;
  r.url = url;
  r.body = dump_json(body);
  std::string timestamp = std::to_string(now_micros / 1000000);
  r.headers = {{"Content-Type", "application/json"},
               {"User-Agent", "isms-webhook/1"},
               {"X-Isms-Event", d.event},
               {"X-Isms-Delivery", d.id},
               {"X-Isms-Timestamp", timestamp},
               {"X-Isms-Signature", webhook_signature(secret, timestamp, r.body)}};
  return r;
}

std::string email_message(const std::string& from, const std::string& to, const Delivery& d,
                          int64_t now_micros) {
  std::string text = d.text;
  // Normalize line ends to CRLF before encoding, so every reader shows the same lines.
  std::string crlf;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) crlf += '\r';
    crlf += text[i];
  }
  std::string m;
  m += "From: " + from + "\r\n";
  m += "To: " + to + "\r\n";
  m += "Subject: " + encode_header(d.subject) + "\r\n";
  m += "Date: " + rfc5322_date(now_micros) + "\r\n";
  std::string domain = from.substr(from.rfind('@') + 1);
  m += "Message-ID: <" + d.id + "." + std::to_string(d.attempts + 1) + "@" + domain + ">\r\n";
  m += "X-Isms-Delivery: " + d.id + "\r\n";
  m += "X-Isms-Event: " + d.event + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  m += base64_lines(crlf);
  return m;
}

Status CurlTransport::send_email(const SmtpConfig& smtp, const std::string& to,
                                 const std::string& message) const {
  global_init();
  CurlHandle curl(curl_easy_init());
  if (!curl) return Error::unavailable("cannot start an SMTP transfer (curl_easy_init failed)");
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  long use_ssl = CURLUSESSL_TRY;
  if (smtp.starttls == StartTls::kNone) use_ssl = CURLUSESSL_NONE;
  if (smtp.starttls == StartTls::kRequired) use_ssl = CURLUSESSL_ALL;
  curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  if (!smtp.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  std::string mail_from = "<" + smtp.from + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  Slist rcpt(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  Upload upload{&message};
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return ok_status();
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string why = curl_error(rc, error);
  if (reply > 0) why += " (last SMTP reply " + std::to_string(reply) + ")";
  return Error::unavailable("SMTP " + smtp.url + ": " + why);
}

Status CurlTransport::post_webhook(const WebhookRequest& request) const {
  global_init();
  CurlHandle curl(curl_easy_init());
  if (!curl) return Error::unavailable("cannot start an HTTP request (curl_easy_init failed)");
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_slist* raw = nullptr;
  for (const auto& [name, value] : request.headers) {
    raw = curl_slist_append(raw, (name + ": " + value).c_str());
  }
  Slist headers(raw);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  std::string answer;
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_answer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return Error::unavailable("webhook " + request.url + ": " + curl_error(rc, error));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return ok_status();
  if (answer.size() > 200) answer.resize(200);
  if (!is_valid_utf8(answer)) answer.clear();
  return Error::unavailable("webhook " + request.url + ": HTTP " + std::to_string(status) +
                            (answer.empty() ? "" : " " + answer));
}

}  // namespace isms
