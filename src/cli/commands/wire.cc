#include "cli/commands/wire.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/output.h"

namespace isms::cli {

void set_json_action(CLI::App* command, Invocation* invocation, LocalJson local, RemoteJson remote,
                     JsonPrinter print) {
  auto show = [invocation, print](const Result<Json>& answer) {
    if (!answer.ok()) return report_error(answer.error());
    if (invocation->json) {
      print_json(*answer);
      return kExitOk;
    }
    return print(*answer);
  };
  set_action(
      command, invocation,
      [invocation, local, show] {
        auto ctx = open_or_report(*invocation, OpenMode::kExisting);
        if (!ctx) return kExitError;
        return show(local(ctx->services()));
      },
      [invocation, remote, show] {
        auto client = open_remote_or_report(*invocation);
        if (!client) return kExitError;
        return show(remote(*client));
      });
}

namespace {

int write_file_answer(const std::string& output, const Result<std::string>& bytes) {
  if (!bytes.ok()) return report_error(bytes.error());
  if (auto written = write_output("output", output, *bytes); !written.ok()) {
    return report_error(written.error());
  }
  if (output != "-") std::cout << "Wrote " << bytes->size() << " bytes to " << output << ".\n";
  return kExitOk;
}

}  // namespace

void set_file_action(CLI::App* command, Invocation* invocation, LocalBytes local,
                     RemoteBytes remote, std::function<std::string()> output) {
  set_action(
      command, invocation,
      [invocation, local, output] {
        auto ctx = open_or_report(*invocation, OpenMode::kExisting);
        if (!ctx) return kExitError;
        return write_file_answer(output(), local(ctx->services()));
      },
      [invocation, remote, output] {
        auto client = open_remote_or_report(*invocation);
        if (!client) return kExitError;
        return write_file_answer(output(), remote(*client));
      });
}

std::string today_of(const ServiceContext& services) {
  return services.clock->now_utc().substr(0, 10);
}

Result<std::string> read_input(const std::string& field, const std::string& path,
                               size_t max_bytes) {
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Error::invalid(field, "cannot open " + path + ": " + std::strerror(errno));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Error::invalid(field, "cannot read " + path);
    bytes = std::move(buffer).str();
  }
  if (bytes.size() > max_bytes) {
    return Error::invalid(field, (path == "-" ? std::string("standard input") : path) +
                                     " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  return bytes;
}

Status write_output(const std::string& field, const std::string& path, std::string_view bytes) {
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    return ok_status();
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error::invalid(field, "cannot write " + path + ": " + std::strerror(errno));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Error::invalid(field, "cannot write " + path);
  return ok_status();
}

std::string text_of(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t int_of(const Json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

double number_of(const Json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0;
}

bool bool_of(const Json& object, const char* key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

const Json& array_of(const Json& object, const char* key) {
  static const Json kEmpty = Json::array();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : kEmpty;
}

const Json& member_of(const Json& object, const char* key) {
  static const Json kEmpty = Json::object();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : kEmpty;
}

void print_block(std::string_view text, int indent) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::cout << pad << sanitize_line(text.substr(start, end - start)) << '\n';
    start = end + 1;
  }
}

}  // namespace isms::cli
