// isms serve: the API and web UI, over HTTP or (--tls-cert/--tls-key) HTTPS. On first
// start with an empty database it initializes the organization (printing the
// administrator's one-time password once, as `isms init` does); when migrations fail or
// the TLS files are unusable it refuses to start and leaves the database as it was.
// Beside the server, a reminder thread runs NotificationService::run_due_as_system every
// --reminder-interval seconds (0 = never); it stops when the server stops.
#include <spdlog/spdlog.h>

#include <CLI/App.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/initialize.h"
#include "cli/output.h"
#include "http/server.h"
#include "service/notification_service.h"

namespace isms::cli {

namespace {

struct ServeOptions {
  std::string port = "8080";
  std::string bind = "127.0.0.1";
  std::string web_root;
  std::string threads = "0";
  std::string organization = kDefaultOrganizationName;
  std::string tls_cert;  // both or neither (CLI11 enforces it)
  std::string tls_key;
  std::string login_max_failures = "5";
  std::string login_lockout_seconds = "60";
  std::string address_max_failures = "20";
  std::string reminder_interval = "60";
};

// Runs the reminders every `seconds` on its own thread until stop(). A failed run is logged
// and retried at the next interval: reminders never take the server down.
class ReminderThread {
 public:
  ReminderThread(const ServiceContext& ctx, int64_t seconds) : ctx_(ctx), seconds_(seconds) {
    if (seconds_ > 0) thread_ = std::thread([this] { loop(); });
  }
  ~ReminderThread() { stop(); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void loop() {
    NotificationService service(ctx_);
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::seconds(seconds_), [this] { return stopping_; })) {
      lock.unlock();
      auto report = service.run_due_as_system();
      if (!report.ok()) {
        spdlog::warn("reminders: run failed: {}", report.error().message);
      } else if (report->planned + report->sent + report->failed + report->abandoned > 0) {
        spdlog::info("reminders: {} planned, {} sent, {} failed, {} abandoned", report->planned,
                     report->sent, report->failed, report->abandoned);
      }
      lock.lock();
    }
  }

  const ServiceContext& ctx_;
  int64_t seconds_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

std::string default_web_root() {
#ifdef ISMS_DEFAULT_WEB_ROOT
  std::error_code ec;
  if (std::filesystem::is_regular_file(std::string(ISMS_DEFAULT_WEB_ROOT) + "/index.html", ec)) {
    return ISMS_DEFAULT_WEB_ROOT;
  }
#endif
  return {};
}

Result<http::ServerOptions> server_options(const ServeOptions& given) {
  http::ServerOptions options;
  ISMS_ASSIGN(int64_t port, parse_integer("port", given.port, 1, 65535));
  ISMS_ASSIGN(int64_t threads, parse_integer("threads", given.threads, 0, 256));
  options.port = static_cast<int>(port);
  options.threads = static_cast<int>(threads);
  if (given.bind.empty()) return Error::invalid("bind", "must not be empty");
  options.bind = given.bind;
  if (!given.web_root.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(given.web_root, ec)) {
      return Error::invalid("web-root", "'" + given.web_root + "' is not a directory");
    }
    options.web_root = given.web_root;
  } else {
    options.web_root = default_web_root();
  }
  ISMS_ASSIGN(int64_t max_failures,
              parse_integer("login-max-failures", given.login_max_failures, 1, 100));
  ISMS_ASSIGN(int64_t lockout,
              parse_integer("login-lockout-seconds", given.login_lockout_seconds, 1, 3600));
  ISMS_ASSIGN(int64_t per_address,
              parse_integer("address-max-failures", given.address_max_failures, 1, 100000));
  options.auth.max_failures = static_cast<int>(max_failures);
  options.auth.lockout_seconds = static_cast<int>(lockout);
  options.auth.max_lockout_seconds = std::max(options.auth.lockout_seconds, 900);
  options.auth.address_max_failures = static_cast<int>(per_address);
  if (!given.tls_cert.empty()) {
    // Loaded before the database is opened: a bad key file changes nothing.
    ISMS_ASSIGN(options.tls, http::TlsContext::load(given.tls_cert, given.tls_key));
  }
  return options;
}

// The URL of the bound socket; `port` is the one actually bound (port 0 picks a free one).
std::string listen_url(const http::ServerOptions& options, const std::string& bound) {
  // An IPv6 literal needs brackets in a URL.
  const bool ipv6 = options.bind.find(':') != std::string::npos;
  std::string port = bound.substr(bound.rfind(':') + 1);
  return std::string(options.tls ? "https://" : "http://") +
         (ipv6 ? "[" + options.bind + "]" : options.bind) + ":" + port + "/";
}

int serve(const Invocation& invocation, const ServeOptions& given) {
  if (std::getenv("SPDLOG_LEVEL") == nullptr) spdlog::set_level(spdlog::level::info);

  auto options = server_options(given);
  if (!options.ok()) return report_error(options.error());
  auto reminder_seconds =
      parse_integer("reminder-interval", given.reminder_interval, 0, 7 * 24 * 3600);
  if (!reminder_seconds.ok()) return report_error(reminder_seconds.error());

  auto ctx = CliContext::open(resolve(invocation.options), OpenMode::kCreate);
  if (!ctx.ok()) {
    Error error = std::move(ctx).error();
    error.message = "refusing to start: " + error_line(error);
    error.field.clear();
    return report_error(error);
  }
  const CliContext& context = **ctx;
  const MigrationReport& migration = context.migration();
  if (migration.from_version != migration.to_version) {
    spdlog::info("database schema migrated from version {} to {}", migration.from_version,
                 migration.to_version);
  }

  if (!context.fake_clock_path().empty()) {
    spdlog::warn("the clock is read from {} (ISMS_FAKE_CLOCK_FILE): for tests only",
                 context.fake_clock_path());
  }

  auto initialized = initialize_and_report(context, given.organization, /*json=*/false);
  if (!initialized.ok()) return report_error(initialized.error());

  std::string engine = context.store().engine();
  options->on_listening = [&](const std::string& bound) {
    std::cout << "isms listening on " << listen_url(*options, bound) << " (database: " << engine
              << ", web UI: "
              << (options->web_root.empty() ? std::string("none, API only") : options->web_root)
              << ")" << std::endl;
  };
  ReminderThread reminders(context.services(), *reminder_seconds);
  Status served = http::serve(*options, context.services());
  reminders.stop();
  if (!served.ok()) return report_error(served.error());
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App* root, Invocation* invocation) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = add_command(
      root, "serve",
      "Run the JSON API and web UI. Creates and initializes the database on first start "
      "(printing the administrator's one-time password once); refuses to start when a "
      "database migration fails. Stops on SIGINT/SIGTERM.",
      invocation);
  command->add_option("--port", options->port, "TCP port")->type_name("N")->capture_default_str();
  command->add_option("--bind", options->bind, "Address to listen on (loopback by default)")
      ->type_name("ADDR")
      ->capture_default_str();
  command
      ->add_option("--web-root", options->web_root,
                   "Directory of the built web UI (with index.html); default: the UI built "
                   "with isms, when present")
      ->type_name("DIR");
  command
      ->add_option("--login-max-failures", options->login_max_failures,
                   "Failed logins in a row before an account is locked for a while")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--login-lockout-seconds", options->login_lockout_seconds,
                   "First lock-out; doubles per further failure, at most 15 minutes (or this)")
      ->type_name("S")
      ->capture_default_str();
  command
      ->add_option("--address-max-failures", options->address_max_failures,
                   "Failed logins per source address in 5 minutes before it is throttled")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--reminder-interval", options->reminder_interval,
                   "Seconds between reminder runs (e-mail and webhook deliveries); 0 = off")
      ->type_name("S")
      ->capture_default_str();
  command->add_option("--threads", options->threads, "Worker threads; 0 = one per core")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--organization", options->organization,
                   "Organization name, used only when initializing an empty database")
      ->type_name("NAME")
      ->capture_default_str();
  CLI::Option* cert =
      command
          ->add_option("--tls-cert", options->tls_cert,
                       "Serve HTTPS with this PEM certificate (then any intermediates); needs "
                       "--tls-key. TLS 1.2+; responses then carry Strict-Transport-Security")
          ->type_name("FILE");
  CLI::Option* key = command
                         ->add_option("--tls-key", options->tls_key,
                                      "The certificate's PEM private key: unencrypted, mode "
                                      "0600 (refused when group or others may read it)")
                         ->type_name("FILE");
  cert->needs(key);
  key->needs(cert);
  set_action(command, invocation,
             [invocation, options]() -> int { return serve(*invocation, *options); });
}

}  // namespace isms::cli
