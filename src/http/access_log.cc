#include "http/access_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <charconv>

#include "base/json_writer.h"
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

void write_line(LogLevel level, const std::string& text) {
  auto log = logger();
  // The string_view overloads skip fmt's format-string parsing.
  switch (level) {
    case LogLevel::kInfo:
      log->info(std::string_view(text));
      break;
    case LogLevel::kWarn:
      log->warn(std::string_view(text));
      break;
    case LogLevel::kError:
      log->error(std::string_view(text));
      break;
  }
}

// A double as nlohmann's dump writes it: shortest round-trip digits, ".0" when integral.
void append_double(double v, std::string* out) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) {
    out->append("null");
    return;
  }
  std::string_view digits(buf, static_cast<size_t>(end - buf));
  out->append(digits);
  if (digits.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

}  // namespace

void log_request(const RequestLogLine& l) {
  if (!g_enabled.load(std::memory_order_relaxed)) return;
  try {
    // Keys in the sorted order log_event's Json object would write them.
    std::string text;
    text.reserve(256);
    text.append("{\"bytes\":");
    append_json_int(static_cast<int64_t>(l.bytes), &text);
    text.append(",\"duration_ms\":");
    append_double(l.duration_ms, &text);
    text.append(",\"level\":\"info\",\"method\":");
    append_json_string(l.method, &text);
    text.append(",\"msg\":\"request\",\"path\":");
    append_json_string(l.path, &text);
    text.append(",\"remote\":");
    append_json_string(l.remote, &text);
    text.append(",\"request_id\":");
    append_json_string(l.request_id, &text);
    text.append(",\"status\":");
    append_json_int(l.status, &text);
    text.append(",\"ts\":");
    append_json_string(SystemClock().now_utc(), &text);
    text.push_back('}');
    write_line(LogLevel::kInfo, text);
  } catch (...) {
    // Logging must never take a request down with it.
  }
}

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
    write_line(level, dump_json(line));
  } catch (...) {
    // Logging must never take a request down with it.
  }
}

void set_http_logging_enabled(bool enabled) { g_enabled.store(enabled); }

}  // namespace isms::http
