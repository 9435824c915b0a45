// DeliveryTransport: how reminders leave the server — e-mail over SMTP and webhook POSTs
// over HTTP(S), both through libcurl. The notification service talks to this interface so
// its tests can use a recording fake; CurlTransport is the real one. Also the message
// formats both ends must agree on: the RFC 5322 e-mail and the webhook signature.
//
// Webhook signature: X-Isms-Signature: sha256=<hex HMAC-SHA256(key = the webhook's secret
// as shown at creation (its text), message = timestamp + "." + body)>, where timestamp is
// the X-Isms-Timestamp header (Unix seconds) and body the exact bytes POSTed.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "domain/notification.h"

namespace isms {

struct SmtpConfig {
  std::string url;  // smtp://host:port or smtps://host:port
  std::string from;
  std::string username;
  std::string password;
  StartTls starttls = StartTls::kOpportunistic;
};

struct WebhookRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // name, value
  std::string body;
};

class DeliveryTransport {
 public:
  virtual ~DeliveryTransport() = default;
  // Sends an RFC 5322 message to one recipient. kUnavailable with curl's message and the
  // server's last SMTP reply code on failure.
  virtual Status send_email(const SmtpConfig& smtp, const std::string& to,
                            const std::string& message) const = 0;
  // POSTs the request; ok on a 2xx answer, kUnavailable naming the status or curl's
  // message otherwise. Times out after 10 seconds.
  virtual Status post_webhook(const WebhookRequest& request) const = 0;
};

// libcurl; each call uses its own easy handle (thread-safe). Connect timeout 10 s; whole
// SMTP exchange at most 30 s; webhooks 10 s.
class CurlTransport final : public DeliveryTransport {
 public:
  Status send_email(const SmtpConfig& smtp, const std::string& to,
                    const std::string& message) const override;
  Status post_webhook(const WebhookRequest& request) const override;
};

// "sha256=" + lower-case hex HMAC-SHA256(secret, timestamp + "." + body).
std::string webhook_signature(const std::string& secret, const std::string& timestamp,
                              const std::string& body);

// The webhook request of a delivery: JSON body {event, delivery_id, sent_at, items, person?}
// (payload's members plus delivery_id and sent_at) and the X-Isms-* headers.
WebhookRequest webhook_request(const std::string& url, const std::string& secret, const Delivery& d,
                               int64_t now_micros);

// The e-mail of a delivery: From, To, Subject (RFC 2047 when not ASCII), Date, Message-ID,
// MIME-Version and a text/plain UTF-8 body in base64, lines ending in CRLF.
std::string email_message(const std::string& from, const std::string& to, const Delivery& d,
                          int64_t now_micros);

}  // namespace isms
