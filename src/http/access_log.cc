#include "http/access_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

#include "base/time.h"

namespace isms::http {
namespace {

std::atomic<bool> g_enabled{true};

std::shared_ptr<spdlog::logger> logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    if (auto existing = spdlog::get("isms.http")) return existing;
    auto created = std::make_shared<spdlog::logger>(
        "isms.http", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    created->set_pattern("%v");
    created->flush_on(spdlog::level::info);
    spdlog::register_logger(created);
    return created;
  }();
  return instance;
}

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void log_event(LogLevel level, std::string_view msg, const Json& fields) {
  if (!g_enabled.load(std::memory_order_relaxed)) return;
  try {
    Json line = Json::object();
    line["ts"] = SystemClock().now_utc();
    line["level"] = level_name(level);
    line["msg"] = std::string(msg);
    if (fields.is_object()) {
      for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
    }
    std::string text = dump_json(line);
    auto log = logger();
    switch (level) {
      case LogLevel::kInfo:
        log->info("{}", text);
        break;
      case LogLevel::kWarn:
        log->warn("{}", text);
        break;
      case LogLevel::kError:
        log->error("{}", text);
        break;
    }
  } catch (...) {
    // Logging must never take a request down with it.
  }
}

void set_http_logging_enabled(bool enabled) { g_enabled.store(enabled); }

}  // namespace isms::http
