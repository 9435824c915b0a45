// isms gaps | trace | cite: which requirements the published documents cite (docs/api.md
// "Traceability and gaps"), and a citation check of a text file, locally or with --server
// (cli/commands/wire.h).
#include <CLI/App.hpp>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/catalogue_json.h"
#include "service/catalogue_service.h"
#include "service/traceability_service.h"

namespace isms::cli {

namespace {

constexpr size_t kMaxCiteBytes = 2u << 20;  // a document body's limit

std::string percent(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", value);
  return buffer;
}

// "Information security policy 3.1 §5.2" for each citation.
std::string cited_by(const Json& citations) {
  std::vector<std::string> parts;
  for (const Json& c : citations) {
    std::string section = text_of(c, "section_number");
    parts.push_back(text_of(c, "document_title") + " " + text_of(c, "version_label") +
                    (section.empty() ? "" : " §" + section));
  }
  return join(parts, "; ");
}

std::vector<std::string> strings_of(const Json& array) {
  std::vector<std::string> out;
  for (const Json& s : array) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

// --- gaps ---

struct GapsOptions {
  std::string framework = "iso27001-2022";
  std::string scope;
  std::string format = "table";
  std::string output;
};

int print_gaps(const Json& report) {
  const Json& figures = member_of(report, "figures");
  std::cout << sanitize_line(text_of(report, "framework_name")) << " — "
            << sanitize_line(text_of(report, "scope")) << '\n'
            << "Covered: " << int_of(figures, "covered") << " of " << int_of(figures, "total")
            << " (" << percent(number_of(figures, "percent")) << ")";
  if (int_of(figures, "covered_through_mapping") > 0) {
    std::cout << "; through mappings " << int_of(figures, "covered_through_mapping") << " more ("
              << percent(number_of(figures, "percent_with_mapping")) << " together)";
  }
  std::cout << '\n';
  const Json& gaps = array_of(report, "gaps");
  if (gaps.empty()) {
    std::cout << "No gaps: every requirement is cited by a published document.\n";
    return kExitOk;
  }
  std::cout << "\nNot cited by any published document (" << gaps.size() << "):\n";
  // Rows covered through a mapping say so.
  std::map<std::string, std::vector<std::string>> through;
  for (const Json& row : array_of(report, "rows")) {
    through[text_of(member_of(row, "requirement"), "key")] =
        strings_of(array_of(row, "covered_through"));
  }
  Table table;
  table.add_column("KEY");
  table.add_column("TITLE", 70);
  table.add_column("THROUGH MAPPING");
  for (const Json& r : gaps) {
    const auto& via = through[text_of(r, "key")];
    table.add_row({text_of(r, "key"), text_of(r, "title"), via.empty() ? "-" : join(via)});
  }
  table.print(std::cout);
  return kExitOk;
}

// Table and JSON are the gap report; csv and xlsx the export files.
int run_gaps(const GapsOptions& o, bool json, const std::function<Result<Json>()>& report,
             const std::function<Result<std::string>()>& file) {
  std::string format = json ? "json" : o.format;
  if (format == "csv" || format == "xlsx") {
    if (format == "xlsx" && (o.output.empty() || o.output == "-")) {
      return report_error(Error::invalid("output", "an XLSX workbook needs -o FILE"));
    }
    auto bytes = file();
    if (!bytes.ok()) return report_error(bytes.error());
    std::string path = o.output.empty() ? "-" : o.output;
    if (auto w = write_output("output", path, *bytes); !w.ok()) return report_error(w.error());
    if (path != "-") std::cout << "Wrote " << bytes->size() << " bytes to " << path << ".\n";
    return kExitOk;
  }
  if (format != "table" && format != "json") {
    return report_error(Error::invalid("format", "must be table, json, csv or xlsx"));
  }
  auto answer = report();
  if (!answer.ok()) return report_error(answer.error());
  if (format == "table") return print_gaps(*answer);
  if (o.output.empty() || o.output == "-") {
    print_json(*answer);
    return kExitOk;
  }
  if (auto w = write_output("output", o.output, answer->dump(2) + "\n"); !w.ok()) {
    return report_error(w.error());
  }
  std::cout << "Wrote the gap report to " << o.output << ".\n";
  return kExitOk;
}

QueryList gaps_query(const GapsOptions& o) {
  QueryList query{{"framework", o.framework}};
  if (!o.scope.empty()) query.emplace_back("scope", o.scope);
  return query;
}

void add_gaps(CLI::App* root, Invocation* invocation) {
  auto o = std::make_shared<GapsOptions>();
  CLI::App* command =
      add_command(root, "gaps", "Gap report: requirements no published document cites", invocation);
  command->add_option("--framework", o->framework, "Framework id (default iso27001-2022)")
      ->type_name("ID");
  command->add_option("--scope", o->scope, "clauses: ISO/IEC 27001 clauses 4-10")
      ->type_name("SCOPE");
  command->add_option("--format", o->format, "table (default), json, csv or xlsx")
      ->type_name("FORMAT");
  command->add_option("-o,--output", o->output, "File to write (csv, json; required for xlsx)")
      ->type_name("FILE");
  add_json_flag(command, invocation);
  set_action(
      command, invocation,
      [invocation, o] {
        auto ctx = open_or_report(*invocation, OpenMode::kExisting);
        if (!ctx) return kExitError;
        TraceabilityService service(ctx->services());
        return run_gaps(
            *o, invocation->json,
            [&]() -> Result<Json> {
              ISMS_ASSIGN(GapReport r, service.gap_report(cli_operator(), o->framework, o->scope));
              return gap_report_to_json(r);
            },
            [&] {
              return service.export_gap_report(cli_operator(), o->framework, o->scope, o->format);
            });
      },
      [invocation, o] {
        auto client = open_remote_or_report(*invocation);
        if (!client) return kExitError;
        return run_gaps(
            *o, invocation->json, [&] { return client->get("/traceability/gaps", gaps_query(*o)); },
            [&] {
              QueryList query = gaps_query(*o);
              query.emplace_back("format", o->format);
              return client->get_file("/traceability/gaps/export", query);
            });
      });
}

// --- trace ---

struct TraceOptions {
  std::string framework = "iso27001-2022";
};

int print_matrix(const Json& answer) {
  Table table;
  table.add_column("KEY");
  table.add_column("TITLE", 50);
  table.add_column("CITED BY", 80);
  table.add_column("THROUGH MAPPING");
  for (const Json& row : array_of(answer, "items")) {
    const Json& r = member_of(row, "requirement");
    auto via = strings_of(array_of(row, "covered_through"));
    std::string cited = cited_by(array_of(row, "citations"));
    table.add_row({text_of(r, "key"), text_of(r, "title"), cited.empty() ? "-" : cited,
                   via.empty() ? "-" : join(via)});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_trace(CLI::App* root, Invocation* invocation) {
  auto o = std::make_shared<TraceOptions>();
  CLI::App* command = add_command(
      root, "trace", "Traceability matrix: each requirement and the published sections citing it",
      invocation);
  command->add_option("--framework", o->framework, "Framework id (default iso27001-2022)")
      ->type_name("ID");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto rows, TraceabilityService(s).matrix(cli_operator(), o->framework));
        return items_of(rows, trace_row_to_json);
      },
      [o](ApiClient& c) {
        return c.get("/traceability/matrix", {{"framework", o->framework}});
      },
      print_matrix);
}

// --- cite ---

struct CiteOptions {
  std::string file;
  bool strict = false;
  std::string text;  // read by the action, used by the printer
};

// "line:col" (1-based; columns count code points) of a byte offset into text.
std::string position(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  size_t column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

int print_citations(const CiteOptions& o, const Json& scan) {
  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  const Json& citations = array_of(scan, "citations");
  const Json& warnings = array_of(scan, "warnings");
  for (const Json& c : citations) {
    size_t offset = static_cast<size_t>(int_of(c, "offset"));
    std::cout << sanitize_line(name) << ':' << position(o.text, offset) << "  "
              << sanitize_line(text_of(c, "key")) << "  (" << sanitize_line(text_of(c, "raw"))
              << (bool_of(c, "from_range") ? ", from a range" : "") << ")\n";
  }
  for (const Json& w : warnings) {
    size_t offset = static_cast<size_t>(int_of(w, "offset"));
    std::string suggestion = text_of(w, "suggestion");
    std::cout << sanitize_line(name) << ':' << position(o.text, offset)
              << ": warning: " << sanitize_line(text_of(w, "message")) << " ("
              << sanitize_line(text_of(w, "raw")) << ")"
              << (suggestion.empty() ? "" : "; did you mean " + sanitize_line(suggestion) + "?")
              << '\n';
  }
  std::cout << citations.size() << " citation(s), " << warnings.size() << " warning(s)\n";
  return o.strict && !warnings.empty() ? kExitError : kExitOk;
}

void add_cite(CLI::App* root, Invocation* invocation) {
  auto o = std::make_shared<CiteOptions>();
  CLI::App* command =
      add_command(root, "cite",
                  "List the requirement references in a text file with line:column, and warn about "
                  "references the catalogue does not know",
                  invocation);
  command->add_option("file", o->file, "Text or Markdown file (- for standard input)")->required();
  command->add_flag("--strict", o->strict, "Exit with status 1 when there are warnings");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(o->text, read_input("file", o->file, kMaxCiteBytes));
        ISMS_ASSIGN(CitationScan scan, CatalogueService(s).scan(cli_operator(), o->text));
        return citation_scan_to_json(scan);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(o->text, read_input("file", o->file, kMaxCiteBytes));
        return c.post("/citations/scan", Json{{"text", o->text}});
      },
      [o](const Json& scan) { return print_citations(*o, scan); });
}

}  // namespace

void add_traceability_commands(CLI::App* root, Invocation* invocation) {
  add_gaps(root, invocation);
  add_trace(root, invocation);
  add_cite(root, invocation);
}

}  // namespace isms::cli
