// The transport: Boost.Beast/Asio HTTP/1.1 server, plain or over TLS, implementing serve()
// (server.h).
//
// This is the ONLY translation unit that includes Beast or Asio (one such file costs
// ~12 s and 650 MB to compile); everything it does with a request happens in App, behind
// the Boost-free Request/Response types. Keep this file rarely edited.
//
// Model: one io_context run by N threads; every connection lives on its own strand, so
// its reads, timers and writes never race, while different connections proceed in
// parallel. Handlers are called synchronously on the connection's strand (they do
// blocking database work); connections queue fairly on the io_context's FIFO scheduler.
// Limits: header size (kHeaderLimit), body size (the route's limit, App::body_limit:
// options.max_body_bytes unless the route sets its own; 413 decided on the header's
// Content-Length before any body byte is read, or as soon as a chunked body passes it),
// and timeouts for every read and write, so a slow client holds no thread.
// Shutdown: SIGINT/SIGTERM close the listener, end idle connections, let requests in
// flight finish (at most kStopGrace), then serve() returns.
// TLS (options.tls): the same Session over beast::ssl_stream; the handshake runs under
// the header timeout, so every limit above applies unchanged. A client that does not
// speak TLS (e.g. plain HTTP to the HTTPS port) fails the handshake and is disconnected
// without an answer. An orderly close sends TLS close_notify (bounded by kDrainTimeout);
// a connection that failed is closed at the TCP level at once.

// Boost 1.74's Asio uses std::exchange without including <utility> (g++ 12, C++20).
#include <algorithm>
#include <utility>

#define BOOST_BEAST_USE_STD_STRING_VIEW 1

#include <openssl/ssl.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "http/access_log.h"
#include "http/app.h"
#include "http/server.h"

namespace isms::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr uint32_t kHeaderLimit = 16 * 1024;
// Covers both an idle keep-alive connection and a client trickling its header.
constexpr auto kHeaderTimeout = 30s;
constexpr auto kBodyTimeout = 60s;
constexpr auto kWriteTimeout = 60s;
// After an error response with an unread body: read and discard what the client still
// sends, so closing does not reset the connection before it has read our answer.
constexpr auto kDrainTimeout = 3s;
constexpr size_t kMaxDrainBytes = 16u << 20;
constexpr auto kStopGrace = 10s;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// What the server needs of a connection of either kind when it stops.
class Connection {
 public:
  virtual ~Connection() = default;
  // Server stop: an idle connection ends now; a busy one after its response.
  virtual void stop() = 0;
};

// What all connections share. Outlives the io_context (see serve()).
class ServerState {
 public:
  explicit ServerState(const App& app) : app_(app) {}

  const App& app() const { return app_; }
  bool stopping() const { return stopping_.load(); }

  void attach(net::io_context* ioc) {
    std::lock_guard lock(mu_);
    ioc_ = ioc;
  }
  uint64_t add(const std::shared_ptr<Connection>& s) {
    std::lock_guard lock(mu_);
    sessions_[next_id_] = s;
    return next_id_++;
  }
  void remove(uint64_t id) {
    std::lock_guard lock(mu_);
    sessions_.erase(id);
    if (stopping_ && sessions_.empty() && ioc_) ioc_->stop();  // the last one out
  }
  // Marks the server as stopping and returns the live sessions to notify.
  std::vector<std::shared_ptr<Connection>> begin_stop() {
    std::lock_guard lock(mu_);
    stopping_ = true;
    std::vector<std::shared_ptr<Connection>> live;
    for (auto& [id, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    if (sessions_.empty() && ioc_) ioc_->stop();
    return live;
  }

 private:
  const App& app_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  net::io_context* ioc_ = nullptr;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> sessions_;
  uint64_t next_id_ = 1;
};

bool is_http_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// One connection over Stream (PlainStream or TlsStream). All member functions run on the
// connection's strand.
template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  // args: the accepted socket, plus the ssl::context for TLS.
  template <class... Args>
  Session(ServerState& state, Args&&... args)
      : stream_(std::forward<Args>(args)...), state_(state) {
    beast::error_code ec;
    auto endpoint = tcp_layer().socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() override { state_.remove(id_); }

  void start(uint64_t id) {
    id_ = id;
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->handshake();
      } else {
        self->read_header();
      }
    });
  }

  void stop() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->awaiting_request_) self->tcp_layer().cancel();
    });
  }

 private:
  beast::tcp_stream& tcp_layer() { return beast::get_lowest_layer(stream_); }

  // Binds a member function as a completion handler that keeps the session alive.
  template <class F>
  auto bind(F f) {
    return beast::bind_front_handler(f, this->shared_from_this());
  }

  void handshake() {
    if (state_.stopping()) return abort();
    awaiting_request_ = true;  // nothing asked yet: a stopping server may cancel it
    tcp_layer().expires_after(kHeaderTimeout);
    stream_.async_handshake(net::ssl::stream_base::server, bind(&Session::on_handshake));
  }

  void on_handshake(beast::error_code ec) {
    awaiting_request_ = false;
    // Not TLS (plain HTTP, a port scanner), an unacceptable protocol version or cipher,
    // a timeout: nothing to answer in a language the client understands.
    if (ec) return abort();
    tls_up_ = true;
    read_header();
  }

  void read_header() {
    if (state_.stopping()) return close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // While the header is read: the largest limit of any route (a Content-Length above
    // it fails at once); on_header narrows it to the route's own.
    body_limit_ = state_.app().max_body_limit();
    parser_->body_limit(body_limit_);
    awaiting_request_ = true;
    tcp_layer().expires_after(kHeaderTimeout);
    bhttp::async_read_header(stream_, buffer_, *parser_, bind(&Session::on_header));
  }

  void on_header(beast::error_code ec, size_t) {
    awaiting_request_ = false;
    if (ec == bhttp::error::body_limit) return reject(too_large());
    if (ec == bhttp::error::header_limit) {
      return reject(Error::too_large("request header larger than 16 KiB"));
    }
    if (is_http_parse_error(ec)) return reject(Error::malformed("malformed HTTP request"));
    // An idle connection ended by the server stopping closes in order; peer closed,
    // timeout, reset: the connection is gone or unusable.
    if (ec == net::error::operation_aborted) return close();
    if (ec) return abort();
    const auto& req = parser_->get();
    body_limit_ = state_.app().body_limit(req.method_string(), req.target());
    if (auto length = parser_->content_length(); length && *length > body_limit_) {
      return reject(too_large());
    }
    parser_->body_limit(body_limit_);  // a chunked body is counted against it as it comes
    if (!parser_->is_done() && beast::iequals(req[bhttp::field::expect], "100-continue")) {
      continue_.emplace(bhttp::status::continue_, req.version());
      tcp_layer().expires_after(kWriteTimeout);
      bhttp::async_write(stream_, *continue_,
                         [self = this->shared_from_this()](beast::error_code e, size_t) {
                           if (e) return self->abort();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  void read_body() {
    if (parser_->is_done()) return on_request();
    tcp_layer().expires_after(kBodyTimeout);
    bhttp::async_read(stream_, buffer_, *parser_, bind(&Session::on_body));
  }

  void on_body(beast::error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) return reject(too_large());
    if (is_http_parse_error(ec)) return reject(Error::malformed("malformed HTTP request body"));
    if (ec) return abort();
    on_request();
  }

  Error too_large() const {
    return Error::too_large("request body larger than " + std::to_string(body_limit_) + " bytes");
  }

  Request to_request(bhttp::request<bhttp::string_body>& req) const {
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    for (const auto& field : req) {
      r.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    r.remote_address = remote_;
    return r;
  }

  void on_request() {
    auto req = parser_->release();
    Request request = to_request(req);
    request.body = std::move(req.body());
    Response response = state_.app().handle(request);
    bool keep_alive = req.keep_alive() && !response.close;
    send(std::move(response), req.version(), keep_alive, req.method() == bhttp::verb::head,
         /*drain=*/false);
  }

  // Answers a request that could not be read completely; the connection then closes.
  void reject(const Error& error) {
    Request partial;
    unsigned version = 11;
    bool head = false;
    if (parser_ && parser_->is_header_done()) {
      auto& req = parser_->get();
      partial = to_request(req);
      version = req.version();
      head = req.method() == bhttp::verb::head;
    } else {
      partial.remote_address = remote_;
    }
    Response response = state_.app().reject(partial, error);
    send(std::move(response), version, /*keep_alive=*/false, head, /*drain=*/true);
  }

  void send(Response response, unsigned version, bool keep_alive, bool head, bool drain) {
    res_ = {};
    res_.version(version);
    res_.result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers.fields()) res_.insert(name, value);
    res_.body() = std::move(response.body);
    res_.keep_alive(keep_alive && !state_.stopping());
    res_.prepare_payload();
    if (head) {
      // HEAD: the headers of the GET answer, Content-Length included, without the body.
      size_t length = res_.body().size();
      res_.body().clear();
      res_.content_length(length);
    }
    // 304 has no content, and RFC 9110 8.6 forbids a Content-Length other than the
    // would-be 200 body's; prepare_payload() set 0, so send none.
    if (res_.result() == bhttp::status::not_modified) res_.erase(bhttp::field::content_length);
    keep_alive_ = res_.keep_alive();
    drain_after_write_ = drain;
    tcp_layer().expires_after(kWriteTimeout);
    bhttp::async_write(stream_, res_, bind(&Session::on_write));
  }

  void on_write(beast::error_code ec, size_t) {
    if (ec) return abort();
    if (drain_after_write_) return drain_then_close();
    if (!keep_alive_ || state_.stopping()) return close();
    read_header();
  }

  void drain_then_close() {
    if constexpr (!kTls) {
      // Plain TCP can half-close, which tells the client to stop sending. TLS cannot
      // without ending the session, so there the drain below simply reads on until the
      // client, which has our answer with "Connection: close", gives up.
      beast::error_code ignored;
      tcp_layer().socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
    tcp_layer().expires_after(kDrainTimeout);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(scratch_),
                            [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrainBytes) return self->abort();
                              self->drain();
                            });
  }

  // Orderly end of a healthy connection: over TLS, close_notify first (waiting at most
  // kDrainTimeout for the client's), then the socket.
  void close() {
    if constexpr (kTls) {
      if (tls_up_ && !closing_) {
        closing_ = true;
        tcp_layer().expires_after(kDrainTimeout);
        stream_.async_shutdown(
            [self = this->shared_from_this()](beast::error_code) { self->abort(); });
        return;
      }
    }
    abort();
  }

  // Closes the socket at once (errors, timeouts, the peer gone).
  void abort() {
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp_layer().close();
  }

  Stream stream_;
  ServerState& state_;
  uint64_t id_ = 0;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  size_t body_limit_ = 0;  // of the request being read
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  bhttp::response<bhttp::string_body> res_;
  bool awaiting_request_ = false;
  bool keep_alive_ = false;
  bool drain_after_write_ = false;
  bool tls_up_ = false;   // handshake done (TLS only)
  bool closing_ = false;  // close_notify under way (TLS only)
  size_t drained_ = 0;
  std::array<char, 16 * 1024> scratch_{};
};

// Accepts connections and handles the stop signals; both on one strand.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // ssl: the TLS context for HTTPS, null for plain HTTP; must outlive the io_context.
  Listener(net::io_context& ioc, ServerState& state, net::ssl::context* ssl)
      : ioc_(ioc),
        ssl_(ssl),
        strand_(net::make_strand(ioc)),
        acceptor_(strand_),
        signals_(strand_, SIGINT, SIGTERM),
        retry_(strand_),
        deadline_(strand_),
        state_(state) {}

  Status listen(const std::string& bind, int port) {
    std::string where = bind + ":" + std::to_string(port);
    auto fail = [&](const std::string& what, const beast::error_code& ec) -> Status {
      return Error::unavailable("cannot listen on " + where + ": " + what + ": " + ec.message());
    };
    if (port < 0 || port > 65535)
      return Error::unavailable("cannot listen on " + where + ": bad port");
    beast::error_code ec;
    tcp::endpoint endpoint;
    auto address = net::ip::make_address(bind, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, static_cast<unsigned short>(port));
    } else {
      tcp::resolver resolver(ioc_);
      auto results = resolver.resolve(bind, std::to_string(port), ec);
      if (ec || results.empty()) return fail("resolve", ec);
      endpoint = results.begin()->endpoint();
    }
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return fail("open", ec);
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (ec) return fail("set_option", ec);
    acceptor_.bind(endpoint, ec);
    if (ec) return fail("bind", ec);
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen", ec);
    auto local = acceptor_.local_endpoint(ec);
    bound_ = (local.address().is_v6() ? "[" + local.address().to_string() + "]"
                                      : local.address().to_string()) +
             ":" + std::to_string(local.port());
    return ok_status();
  }

  const std::string& bound() const { return bound_; }

  void start() {
    signals_.async_wait([self = shared_from_this()](beast::error_code ec, int signal) {
      if (!ec) self->stop(signal);
    });
    accept();
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || state_.stopping()) return;
    if (ec) {
      // E.g. out of file descriptors: back off briefly instead of spinning.
      log_event(LogLevel::kWarn, "accept failed", Json{{"error", ec.message()}});
      retry_.expires_after(100ms);
      retry_.async_wait([self = shared_from_this()](beast::error_code e) {
        if (!e) self->accept();
      });
      return;
    }
    if (ssl_ != nullptr) {
      start_session(std::make_shared<Session<TlsStream>>(state_, std::move(socket), *ssl_));
    } else {
      start_session(std::make_shared<Session<PlainStream>>(state_, std::move(socket)));
    }
    accept();
  }

  template <class S>
  void start_session(const std::shared_ptr<S>& session) {
    session->start(state_.add(session));
  }

  void stop(int signal) {
    log_event(LogLevel::kInfo, "stopping", Json{{"signal", signal}});
    beast::error_code ignored;
    acceptor_.close(ignored);
    retry_.cancel();
    deadline_.expires_after(kStopGrace);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->ioc_.stop();  // requests still running after the grace are abandoned
    });
    for (auto& s : state_.begin_stop()) s->stop();
  }

  net::io_context& ioc_;
  net::ssl::context* ssl_;
  net::strand<net::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer retry_;
  net::steady_timer deadline_;
  ServerState& state_;
  std::string bound_;
};

void run_loop(net::io_context& ioc) {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      // A handler threw (App::handle does not; Beast may on allocation failure).
      log_event(LogLevel::kError, "event loop exception", Json{{"error", e.what()}});
    }
  }
}

// An asio view of the configured OpenSSL context. asio's context frees the SSL_CTX it
// wraps, so it gets a reference of its own.
std::unique_ptr<net::ssl::context> asio_ssl_context(const TlsContext& tls) {
  SSL_CTX_up_ref(tls.native());
  return std::make_unique<net::ssl::context>(tls.native());
}

}  // namespace

Status serve(const ServerOptions& options, const ServiceContext& ctx) {
  AppOptions app_options;
  app_options.web_root = options.web_root;
  app_options.max_body_bytes = options.max_body_bytes;
  app_options.tls = options.tls != nullptr;
  app_options.auth = options.auth;
  App app(ctx, std::move(app_options));
  ServerState state(app);  // must outlive ioc: sessions die with it
  // Sessions hold a reference to it: destroyed after ioc (declared before it).
  std::unique_ptr<net::ssl::context> ssl;
  if (options.tls) ssl = asio_ssl_context(*options.tls);
  // Handlers block on the database, so a slow request (a ledger verification) must not be
  // able to stall everyone on a 2-core machine: at least 4 threads by default.
  int threads = options.threads > 0
                    ? options.threads
                    : std::max(4, static_cast<int>(std::thread::hardware_concurrency()));

  net::io_context ioc(threads);
  state.attach(&ioc);
  {
    auto listener = std::make_shared<Listener>(ioc, state, ssl.get());
    Status listening = listener->listen(options.bind, options.port);
    if (!listening.ok()) {
      state.attach(nullptr);
      return listening;
    }
    log_event(LogLevel::kInfo, "listening",
              Json{{"address", listener->bound()},
                   {"tls", options.tls != nullptr},
                   {"threads", threads},
                   {"web_root", options.web_root}});
    if (options.on_listening) options.on_listening(listener->bound());
    listener->start();
  }

  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { run_loop(ioc); });
  run_loop(ioc);
  for (auto& t : pool) t.join();

  state.attach(nullptr);  // sessions destroyed with ioc's pending handlers must not stop it
  log_event(LogLevel::kInfo, "stopped", Json::object());
  return ok_status();
}

}  // namespace isms::http
