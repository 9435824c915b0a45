// isms soa: the Statement of Applicability (docs/api.md "Statement of Applicability"):
// show the working lines, set one line, approve into a frozen version, list and compare
// versions, export (XLSX, PDF, CSV) and import an existing SoA from CSV/XLSX — a dry run by
// default that prints every row's outcome and the changes; --apply applies them.
// Approval is made by a person: remotely the token's, locally --as-person.
#include <CLI/App.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

#include "base/json.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/soa.h"
#include "formats/soa_import.h"
#include "service/soa_service.h"

namespace isms::cli {

namespace {

constexpr const char* kDefaultFramework = "iso27001-2022";
constexpr size_t kMaxImportBytes = 20u << 20;  // the API's limit

std::string line_path(const std::string& framework, const std::string& ref) {
  return "/soa/lines/" + ApiClient::segment(framework) + "/" + ApiClient::segment(ref);
}

// "A.5.15" with --framework, or "iso27001-2022:A.5.15".
std::pair<std::string, std::string> line_key(const std::string& given,
                                             const std::string& framework) {
  size_t colon = given.find(':');
  if (colon != std::string::npos) return {given.substr(0, colon), given.substr(colon + 1)};
  return {framework.empty() ? kDefaultFramework : framework, given};
}

// --- show ---

Json working_copy_json(const SoaWorkingCopy& w) {
  Json lines = Json::array();
  for (const Applicability& a : w.lines) lines.push_back(applicability_to_json(a));
  return Json{
      {"framework_ids", w.framework_ids},
      {"lines", std::move(lines)},
      {"totals", soa_totals_to_json(w.totals)},
      {"last_approved",
       w.last_approved ? soa_to_json(*w.last_approved, /*with_lines=*/false) : Json(nullptr)},
      {"changed_since_approval", w.changed_since_approval}};
}

// Keeps only the undecided lines (the totals still describe the whole SoA).
Json only_undecided(Json answer) {
  Json kept = Json::array();
  for (const Json& line : array_of(answer, "lines")) {
    if (text_of(line, "applicable") == "undecided") kept.push_back(line);
  }
  answer["lines"] = std::move(kept);
  return answer;
}

int print_working_copy(const Json& w) {
  const Json& t = member_of(w, "totals");
  std::cout << "Statement of Applicability (" << join(strings_in(array_of(w, "framework_ids")))
            << "): " << int_of(t, "lines") << " lines, " << int_of(t, "applicable")
            << " applicable, " << int_of(t, "not_applicable") << " not applicable, "
            << int_of(t, "undecided") << " undecided; implemented " << int_of(t, "implemented")
            << ", partial " << int_of(t, "partial") << ", planned " << int_of(t, "planned")
            << ", not started " << int_of(t, "not_started") << "\n";
  const Json& last = member_of(w, "last_approved");
  if (last.empty()) {
    std::cout << "Never approved.\n";
  } else {
    std::cout << "Last approved: version " << int_of(last, "number") << " on "
              << text_of(last, "approved_at").substr(0, 10) << " by "
              << sanitize_line(text_of(last, "approved_by_name")) << "; "
              << int_of(w, "changed_since_approval") << " line(s) changed since.\n";
  }
  const Json& lines = array_of(w, "lines");
  if (lines.empty()) return kExitOk;
  std::cout << "\n";
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 40);
  table.add_column("APPLICABLE");
  table.add_column("REASONS / JUSTIFICATION", 40);
  table.add_column("IMPLEMENTATION");
  table.add_column("CONTROLS");
  for (const Json& a : lines) {
    std::string why = text_of(a, "applicable") == "no"
                          ? text_of(a, "justification")
                          : join(strings_in(array_of(a, "reasons")), ",");
    table.add_row({text_of(a, "ref_id"), text_of(a, "title"), text_of(a, "applicable"),
                   or_dash(why), text_of(a, "implementation"),
                   or_dash(join(strings_in(array_of(a, "control_refs")), ","))});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto framework = std::make_shared<std::string>();
  auto undecided = std::make_shared<bool>(false);
  CLI::App* command = add_command(parent, "show", "Show the working SoA", invocation);
  command
      ->add_option("--framework", *framework,
                   "Framework ids, comma-separated (default: Annex A of iso27001-2022, plus "
                   "nis2-2024-2690 when the organization includes it)")
      ->type_name("F");
  command->add_flag("--undecided", *undecided, "Only the lines still undecided");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [framework, undecided](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(SoaWorkingCopy w,
                    SoaService(s).working_copy(cli_operator(), split_list(*framework)));
        Json answer = working_copy_json(w);
        return *undecided ? only_undecided(std::move(answer)) : answer;
      },
      [framework, undecided](ApiClient& c) -> Result<Json> {
        QueryList query;
        if (!framework->empty()) query.emplace_back("framework", join(split_list(*framework), ","));
        ISMS_ASSIGN(Json answer, c.get("/soa", query));
        return *undecided ? only_undecided(std::move(answer)) : answer;
      },
      print_working_copy);
}

// --- set ---

struct SetOptions {
  std::string ref;
  std::string framework;
  Flag applicable, justification, implementation;
  std::vector<std::string> reasons;
  CLI::Option* reasons_option = nullptr;
  int64_t version = -1;  // -1: the line's current version
};

Result<Json> set_body(const SetOptions& o) {
  Json body = Json::object();
  if (o.applicable.given()) body["applicable"] = o.applicable.value;
  if (o.reasons_option->count() > 0) {
    std::vector<std::string> reasons;
    for (const std::string& r : o.reasons) {
      if (!r.empty()) reasons.push_back(r);
    }
    body["reasons"] = reasons;
  }
  if (o.justification.given()) body["justification"] = o.justification.value;
  if (o.implementation.given()) body["implementation"] = o.implementation.value;
  if (body.empty()) {
    return Error::invalid("line",
                          "nothing to change: give --applicable, --reason, --justification or "
                          "--implementation");
  }
  return body;
}

int print_line(const Json& a) {
  std::cout << text_of(a, "framework_id") << ":" << text_of(a, "ref_id") << " "
            << sanitize_line(text_of(a, "title")) << ": applicable " << text_of(a, "applicable");
  std::vector<std::string> reasons = strings_in(array_of(a, "reasons"));
  if (!reasons.empty()) std::cout << " (" << join(reasons) << ")";
  std::cout << ", " << text_of(a, "implementation") << ", version " << int_of(a, "version")
            << ".\n";
  if (!text_of(a, "justification").empty()) {
    std::cout << "Justification: " << sanitize_line(text_of(a, "justification")) << "\n";
  }
  return kExitOk;
}

void add_set(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<SetOptions>();
  CLI::App* command = add_command(parent, "set", "Decide one line of the SoA", invocation);
  command->add_option("ref", o->ref, "Requirement, e.g. A.5.15 (or framework:ref)")->required();
  command->add_option("--framework", o->framework, "Framework id (default iso27001-2022)")
      ->type_name("F");
  add_flag_option(command, "--applicable", &o->applicable, "yes or no", "yes|no");
  o->reasons_option = command
                          ->add_option("--reason", o->reasons,
                                       "Why it applies: risk_treatment, legal, contractual, "
                                       "business_need (repeat or comma-separate)")
                          ->type_name("R")
                          ->delimiter(',');
  add_flag_option(command, "--justification", &o->justification,
                  "Why it is excluded (required for no)", "TEXT");
  add_flag_option(command, "--implementation", &o->implementation,
                  "not_started, planned, partial or implemented", "S");
  command
      ->add_option("--version", o->version,
                   "The line's version you last read (0 = never decided; default: current)")
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, set_body(*o));
        auto [framework, ref] = line_key(o->ref, o->framework);
        SoaService service(s);
        int64_t version = o->version;
        if (version < 0) {
          ISMS_ASSIGN(Applicability current, service.line(cli_operator(), framework, ref));
          version = current.version;
        }
        body["version"] = version;
        ISMS_ASSIGN(ApplicabilityFields fields, applicability_fields_from_json(body));
        ISMS_ASSIGN(Applicability a, service.update_line(cli_operator(), framework, ref, fields));
        return applicability_to_json(a);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, set_body(*o));
        auto [framework, ref] = line_key(o->ref, o->framework);
        int64_t version = o->version;
        if (version < 0) {
          ISMS_ASSIGN(Json current, c.get(line_path(framework, ref)));
          version = int_of(current, "version");
        }
        body["version"] = version;
        return c.patch(line_path(framework, ref), body);
      },
      print_line);
}

// --- approve, versions, compare ---

int print_soa(const Json& s) {
  std::cout << "SoA version " << int_of(s, "number") << " (" << text_of(s, "id") << ") approved by "
            << sanitize_line(text_of(s, "approved_by_name")) << " on " << text_of(s, "approved_at")
            << ".\n";
  return kExitOk;
}

void add_approve(CLI::App* parent, Invocation* invocation) {
  auto note = std::make_shared<std::string>();
  auto as_person = std::make_shared<std::string>();
  CLI::App* command =
      add_command(parent, "approve",
                  "Approve the working SoA as the next frozen version (soa:approve)", invocation);
  command->add_option("--note", *note, "Approval note")->required()->type_name("TEXT");
  command
      ->add_option("--as-person", *as_person,
                   "Local operator only: the approving person (id or email); their own roles "
                   "must hold soa:approve")
      ->type_name("ID|EMAIL");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [note, as_person](const ServiceContext& s) -> Result<Json> {
        Principal p = cli_operator();
        if (!as_person->empty()) {
          ISMS_ASSIGN(p, principal_as_person(s, *as_person));
        }
        Result<Soa> soa = SoaService(s).approve(p, *note);
        if (!soa.ok()) {
          Error e = soa.error();
          if (e.code == ErrorCode::kForbidden && as_person->empty()) {
            e.message += " (give --as-person ID|EMAIL: the approving person)";
          }
          return e;
        }
        return soa_to_json(*soa, /*with_lines=*/true);
      },
      [note, as_person](ApiClient& c) -> Result<Json> {
        if (!as_person->empty()) {
          return Error::invalid("as-person",
                                "is for the local operator; with --server the token's person "
                                "approves");
        }
        return c.post("/soa/approve", Json{{"note", *note}});
      },
      print_soa);
}

int print_versions(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No approved versions yet.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("NUMBER");
  table.add_column("APPROVED");
  table.add_column("BY");
  table.add_column("APPLICABLE");
  table.add_column("NOTE", 40);
  table.add_column("ID");
  for (const Json& s : items) {
    const Json& t = member_of(s, "totals");
    table.add_row(
        {std::to_string(int_of(s, "number")), text_of(s, "approved_at"),
         text_of(s, "approved_by_name"),
         std::to_string(int_of(t, "applicable")) + "/" + std::to_string(int_of(t, "lines")),
         or_dash(text_of(s, "note")), text_of(s, "id")});
  }
  table.print(std::cout);
  return kExitOk;
}

Result<Json> local_versions(const ServiceContext& s) {
  ISMS_ASSIGN(auto list, SoaService(s).versions(cli_operator()));
  return items_of(list, [](const Soa& v) { return soa_to_json(v, /*with_lines=*/false); });
}

void add_versions(CLI::App* parent, Invocation* invocation) {
  CLI::App* command = add_command(parent, "versions", "List approved versions", invocation);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation, local_versions, [](ApiClient& c) { return c.get("/soa/versions"); },
      print_versions);
}

// A version named by id, number ("3") or "working": its id (or "working").
Result<std::string> version_id(const Json& versions, const std::string& given,
                               const std::string& field) {
  if (given == "working" || given.empty()) return std::string("working");
  bool number =
      std::all_of(given.begin(), given.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  for (const Json& v : array_of(versions, "items")) {
    if (text_of(v, "id") == given || (number && std::to_string(int_of(v, "number")) == given)) {
      return text_of(v, "id");
    }
  }
  Error e = Error::not_found("no SoA version '" + given + "' (give its id, number or working)");
  e.field = field;
  return e;
}

int print_comparison(const Json& answer) {
  const Json& items = array_of(answer, "items");
  for (const Json& c : items) {
    std::cout << text_of(c, "framework_id") << ":" << text_of(c, "ref_id") << " "
              << sanitize_line(text_of(c, "title")) << ": ";
    std::vector<std::string> parts;
    for (const std::string& field : strings_in(array_of(c, "changed_fields"))) {
      auto value = [&](const Json& line) {
        if (!line.is_object() || !line.contains(field)) return std::string("-");
        const Json& v = line[field];
        return v.is_string()  ? v.get<std::string>()
               : v.is_array() ? join(strings_in(v), ",")
                              : dump_json(v);
      };
      parts.push_back(field + " " + value(member_of(c, "before")) + " -> " +
                      value(member_of(c, "after")));
    }
    std::cout << sanitize_line(join(parts, "; ")) << "\n";
  }
  std::cout << items.size() << " line(s) differ\n";
  return kExitOk;
}

void add_compare(CLI::App* parent, Invocation* invocation) {
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  CLI::App* command =
      add_command(parent, "compare", "Differences between two versions", invocation);
  command->add_option("a", *a, "A version: id, number or working")->required();
  command->add_option("b", *b, "Another version: id, number or working")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [a, b](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json versions, local_versions(s));
        ISMS_ASSIGN(std::string from, version_id(versions, *a, "a"));
        ISMS_ASSIGN(std::string to, version_id(versions, *b, "b"));
        ISMS_ASSIGN(auto changes, SoaService(s).compare(cli_operator(), from, to));
        return items_of(changes, soa_line_change_to_json);
      },
      [a, b](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json versions, c.get("/soa/versions"));
        ISMS_ASSIGN(std::string from, version_id(versions, *a, "a"));
        ISMS_ASSIGN(std::string to, version_id(versions, *b, "b"));
        return c.get("/soa/compare", {{"a", from}, {"b", to}});
      },
      print_comparison);
}

// --- export ---

struct ExportOptions {
  std::string format = "xlsx";
  std::string output;
  std::string version;
};

Result<SoaExportFormat> export_format(const std::string& format) {
  if (format == "xlsx") return SoaExportFormat::kXlsx;
  if (format == "pdf") return SoaExportFormat::kPdf;
  if (format == "csv") return SoaExportFormat::kCsv;
  return Error::invalid("format", "must be xlsx, pdf or csv");
}

void add_export(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = add_command(
      parent, "export", "The SoA as a file (the working copy or an approved version)", invocation);
  command->add_option("--format", o->format, "xlsx (default), pdf or csv")->type_name("FORMAT");
  command->add_option("--output,-o", o->output, "File to write (- for standard output)")
      ->required()
      ->type_name("FILE");
  command->add_option("--version", o->version, "Version id or number (default: working)")
      ->type_name("ID");
  set_file_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<std::string> {
        ISMS_ASSIGN(SoaExportFormat format, export_format(o->format));
        ISMS_ASSIGN(Json versions, local_versions(s));
        ISMS_ASSIGN(std::string version, version_id(versions, o->version, "version"));
        ISMS_ASSIGN(SoaExport file, SoaService(s).export_soa(cli_operator(), version, format));
        return std::move(file.bytes);
      },
      [o](ApiClient& c) -> Result<std::string> {
        ISMS_TRY(export_format(o->format));
        ISMS_ASSIGN(Json versions, c.get("/soa/versions"));
        ISMS_ASSIGN(std::string version, version_id(versions, o->version, "version"));
        return c.get_file("/soa/export", {{"format", o->format}, {"version", version}});
      },
      [o] { return o->output; });
}

// --- import ---

struct ImportOptions {
  std::string file;
  bool apply = false;
  std::string map;
  std::string sheet;
};

// --map "ref=A,applicable=C,header_row=2" and --sheet as the API's mapping object (null
// when neither is given: the server suggests one).
Result<Json> mapping_of(const ImportOptions& o) {
  Json mapping = Json::object();
  for (const std::string& pair : split_list(o.map)) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      return Error::invalid("map",
                            "must be KEY=COLUMN pairs, e.g. ref=A,applicable=C,justification=E; "
                            "got '" +
                                pair + "'");
    }
    std::string key = pair.substr(0, eq);
    std::string value = pair.substr(eq + 1);
    if (key == "header_row") {
      ISMS_ASSIGN(int64_t row, parse_integer("map", value, 1, 1000000));
      mapping[key] = row;
    } else {
      mapping[key] = value;
    }
  }
  if (!o.sheet.empty()) mapping["sheet"] = o.sheet;
  if (mapping.empty()) return Json(nullptr);
  // Decoded here too, so a bad key fails the same way in both modes, before any request.
  ISMS_TRY(soa_mapping_from_json(mapping));
  return mapping;
}

Json import_result_json(const SoaImportResult& r) {
  Json rows = Json::array();
  for (const SoaImportRow& row : r.rows) rows.push_back(soa_import_row_to_json(row));
  Json changes = Json::array();
  for (const SoaLineChange& c : r.changes) changes.push_back(soa_line_change_to_json(c));
  return Json{{"mapping", soa_mapping_to_json(r.mapping)},
              {"headers", r.headers},
              {"rows", std::move(rows)},
              {"changes", std::move(changes)},
              {"rows_ok", r.rows_ok},
              {"rows_rejected", r.rows_rejected},
              {"rows_unchanged", r.rows_unchanged},
              {"applied", r.applied}};
}

int print_import(const Json& r) {
  const Json& mapping = member_of(r, "mapping");
  std::vector<std::string> columns;
  for (auto it = mapping.begin(); it != mapping.end(); ++it) {
    if (it.value().is_null()) continue;
    columns.push_back(
        it.key() + "=" +
        (it.value().is_string() ? it.value().get<std::string>() : dump_json(it.value())));
  }
  std::cout << "Mapping: " << sanitize_line(join(columns, ", ")) << "\n\n";
  for (const Json& row : array_of(r, "rows")) {
    std::string ref = text_of(row, "ref_id");
    std::string raw = text_of(row, "raw_ref");
    std::string line = "row " + std::to_string(int_of(row, "row")) + "  " +
                       (ref.empty() ? raw : ref) +
                       (raw != ref && !ref.empty() ? " (" + raw + ")" : "");
    if (row.contains("error") && row["error"].is_string()) {
      line += "  rejected: " + row["error"].get<std::string>();
    } else {
      line += "  ok";
    }
    for (const std::string& w : strings_in(array_of(row, "warnings"))) line += "; warning: " + w;
    std::cout << sanitize_line(line) << "\n";
  }
  const Json& changes = array_of(r, "changes");
  if (!changes.empty()) {
    std::cout << "\nChanges:\n";
    print_comparison(Json{{"items", changes}});
  }
  std::cout << "\n"
            << int_of(r, "rows_ok") << " row(s) ok, " << int_of(r, "rows_rejected") << " rejected, "
            << int_of(r, "rows_unchanged") << " unchanged. ";
  if (bool_of(r, "applied")) {
    std::cout << "Applied.\n";
  } else {
    std::cout << "Dry run: nothing was stored; run again with --apply to apply.\n";
  }
  return kExitOk;
}

void add_import(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* command = add_command(
      parent, "import",
      "Read an existing SoA from CSV or XLSX (dry run by default; --apply to apply)", invocation);
  command->add_option("file", o->file, "The CSV or XLSX file")->required();
  command->add_flag("--apply", o->apply, "Apply the accepted rows (default: dry run)");
  command
      ->add_option("--map", o->map,
                   "Columns by letter or header text: ref=A,applicable=C,reasons=D,"
                   "justification=E,implementation=F (also reason_risk, reason_legal, "
                   "reason_contractual, reason_business, header_row=N); default: suggested "
                   "from the headers")
      ->type_name("KEY=COL,...");
  command->add_option("--sheet", o->sheet, "XLSX sheet name (default: the first)")
      ->type_name("NAME");
  add_json_flag(command, invocation);
  auto file_name = [o] { return std::filesystem::path(o->file).filename().string(); };
  set_json_action(
      command, invocation,
      [o, file_name](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json mapping, mapping_of(*o));
        SoaImportRequest request;
        ISMS_ASSIGN(request.content, read_input("file", o->file, kMaxImportBytes));
        request.file_name = file_name();
        if (!mapping.is_null()) {
          ISMS_ASSIGN(request.mapping, soa_mapping_from_json(mapping));
        }
        request.dry_run = !o->apply;
        ISMS_ASSIGN(SoaImportResult result, SoaService(s).import(cli_operator(), request));
        return import_result_json(result);
      },
      [o, file_name](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json mapping, mapping_of(*o));
        ISMS_ASSIGN(std::string bytes, read_input("file", o->file, kMaxImportBytes));
        QueryList query{{"dry_run", o->apply ? "false" : "true"}, {"file_name", file_name()}};
        if (!mapping.is_null()) query.emplace_back("mapping", dump_json(mapping));
        bool xlsx = bytes.rfind("PK\x03\x04", 0) == 0;
        return c.post_file("/soa/import", query, bytes,
                           xlsx
                               ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                               : "text/csv");
      },
      print_import);
}

}  // namespace

void add_soa_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* soa = add_command(
      root, "soa", "Statement of Applicability: lines, approval, versions, export, import",
      invocation);
  soa->require_subcommand(1);
  add_show(soa, invocation);
  add_set(soa, invocation);
  add_approve(soa, invocation);
  add_versions(soa, invocation);
  add_compare(soa, invocation);
  add_export(soa, invocation);
  add_import(soa, invocation);
}

}  // namespace isms::cli
