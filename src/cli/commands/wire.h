// Internals of the catalogue, document and traceability commands (catalogue.cc,
// document*.cc, traceability.cc): both modes of a command produce the API's JSON answer
// (docs/api.md) — locally the service's result encoded by the same encoders the HTTP
// handlers use (service/catalogue_json.h, service/document_json.h), remotely the server's
// answer — and one printer shows it, so local and remote output cannot differ. --json
// prints the answer as is. Local actions act as the operator (cli_operator()).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "cli/command.h"
#include "cli/remote/client.h"
#include "service/context.h"

namespace isms::cli {

using LocalJson = std::function<Result<Json>(const ServiceContext&)>;
using RemoteJson = std::function<Result<Json>(ApiClient&)>;
// Prints the answer for people; returns the exit code.
using JsonPrinter = std::function<int(const Json&)>;

// Makes `command` run local() on the data files or remote() against --server, then
// print_json (with --json) or print(). Errors: one line, exit 1.
void set_json_action(CLI::App* command, Invocation* invocation, LocalJson local, RemoteJson remote,
                     JsonPrinter print);

// The same for answers that are files (PDF, XLSX, CSV, an OSCAL catalog): the bytes are
// written to output() ("-" = standard output; else "Wrote N bytes to PATH." follows).
using LocalBytes = std::function<Result<std::string>(const ServiceContext&)>;
using RemoteBytes = std::function<Result<std::string>(ApiClient&)>;
void set_file_action(CLI::App* command, Invocation* invocation, LocalBytes local,
                     RemoteBytes remote, std::function<std::string()> output);

// {"items":[encode(v)...]}, as the API's lists.
template <typename T, typename F>
Json items_of(const std::vector<T>& values, F encode) {
  Json items = Json::array();
  for (const auto& v : values) items.push_back(encode(v));
  return Json{{"items", std::move(items)}};
}

// Today (YYYY-MM-DD, UTC) by the context's clock: what document_to_json compares review
// dates with.
std::string today_of(const ServiceContext& services);

// Reads a whole file ("-" = standard input), at most max_bytes; kInvalid naming `field`
// and the path on failure.
Result<std::string> read_input(const std::string& field, const std::string& path, size_t max_bytes);
// Writes bytes to `path` ("-" = standard output), replacing the file.
Status write_output(const std::string& field, const std::string& path, std::string_view bytes);

// Tolerant readers of answer fields for printing: "" / 0 / false when absent or of
// another type (the printers show what is there; --json shows everything).
std::string text_of(const Json& object, const char* key);
int64_t int_of(const Json& object, const char* key);
double number_of(const Json& object, const char* key);
bool bool_of(const Json& object, const char* key);
// The array member `key`, or an empty array.
const Json& array_of(const Json& object, const char* key);
// The object member `key`, or an empty object.
const Json& member_of(const Json& object, const char* key);

// Prints text indented by `indent` spaces, line by line, each sanitized.
void print_block(std::string_view text, int indent);

}  // namespace isms::cli
