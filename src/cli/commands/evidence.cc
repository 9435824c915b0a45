// isms evidence: proof that a control works (docs/api.md "Controls and evidence"): add a
// file or a link to a control, list a control's evidence, get a file's bytes back, archive.
// The service detects a file's type from its content and refuses executables and unknown
// binaries; the CLI sends the bytes as they are in both modes.
#include <CLI/App.hpp>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/control.h"
#include "service/control_service.h"

namespace isms::cli {

namespace {

std::string evidence_path(const std::string& id, const std::string& suffix = "") {
  return "/evidence/" + ApiClient::segment(id) + suffix;
}

int print_evidence_list(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No evidence.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("TITLE", 40);
  table.add_column("KIND");
  table.add_column("FILE / URL", 50);
  table.add_column("STATE");
  table.add_column("VALID");
  table.add_column("VERSION");
  for (const Json& e : items) {
    std::string what = text_of(e, "kind") == "file"
                           ? text_of(e, "file_name") + " (" + text_of(e, "media_type") + ", " +
                                 std::to_string(int_of(e, "size")) + " bytes)"
                           : text_of(e, "url");
    std::string state = text_of(e, "state");
    if (bool_of(e, "archived")) state += " (archived)";
    table.add_row({text_of(e, "id"), text_of(e, "title"), text_of(e, "kind"), what, state,
                   text_of(e, "valid_from") + " .. " + or_dash(text_of(e, "valid_until")),
                   std::to_string(int_of(e, "version"))});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_saved(const Json& e) {
  std::cout << "Evidence \"" << sanitize_line(text_of(e, "title")) << "\" (" << text_of(e, "id")
            << "), " << text_of(e, "kind");
  if (text_of(e, "kind") == "file") {
    std::cout << " " << sanitize_line(text_of(e, "file_name")) << ", " << text_of(e, "media_type")
              << ", " << int_of(e, "size") << " bytes, sha256 " << text_of(e, "sha256");
  }
  std::cout << ", " << text_of(e, "state") << (bool_of(e, "archived") ? ", archived" : "")
            << ", version " << int_of(e, "version") << ".\n";
  return kExitOk;
}

// --- add ---

struct AddOptions {
  std::string control;
  std::string file;
  std::string url;
  Flag title, description, valid_from, valid_until;
};

Status check_add(const AddOptions& o) {
  if (o.file.empty() == o.url.empty()) {
    return Error::invalid("evidence", "give either --file PATH or --url URL");
  }
  if (!o.url.empty() && !o.title.given()) return Error::invalid("title", "a link needs --title");
  return ok_status();
}

void add_add(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<AddOptions>();
  CLI::App* command = add_command(
      parent, "add", "Add a file (at most 25 MiB) or a link as evidence of a control", invocation);
  command->add_option("control", o->control, "Control id or ref (C-0001)")->required();
  command->add_option("--file", o->file, "The file (PDF, image, text, CSV, JSON, Office)")
      ->type_name("PATH");
  command->add_option("--url", o->url, "A link (http or https)")->type_name("URL");
  add_flag_option(command, "--title", &o->title, "Title (default for a file: its name)", "TEXT");
  add_flag_option(command, "--description", &o->description, "Description", "TEXT");
  add_flag_option(command, "--valid-from", &o->valid_from, "Valid from (default today)",
                  "YYYY-MM-DD");
  add_flag_option(command, "--valid-until", &o->valid_until, "Valid until (default: no expiry)",
                  "YYYY-MM-DD");
  add_json_flag(command, invocation);
  auto title = [o] {
    return o->title.given() ? o->title.value : std::filesystem::path(o->file).filename().string();
  };
  auto file_name = [o] { return std::filesystem::path(o->file).filename().string(); };
  set_json_action(
      command, invocation,
      [o, title, file_name](const ServiceContext& s) -> Result<Json> {
        ISMS_TRY(check_add(*o));
        ISMS_ASSIGN(std::string control,
                    resolve_control(Backend{&s, nullptr}, "control", o->control));
        ControlService service(s);
        Evidence added;
        if (!o->file.empty()) {
          EvidenceUpload upload;
          ISMS_ASSIGN(upload.content, read_input("file", o->file, kEvidenceFileMax));
          upload.title = title();
          upload.file_name = file_name();
          upload.description = o->description.value;
          upload.valid_from = o->valid_from.value;
          if (o->valid_until.given()) upload.valid_until = o->valid_until.value;
          ISMS_ASSIGN(added, service.add_file(cli_operator(), control, upload));
        } else {
          EvidenceLink link;
          link.title = o->title.value;
          link.url = o->url;
          link.description = o->description.value;
          link.valid_from = o->valid_from.value;
          if (o->valid_until.given()) link.valid_until = o->valid_until.value;
          ISMS_ASSIGN(added, service.add_link(cli_operator(), control, link));
        }
        return evidence_to_json(added, today_of(s));
      },
      [o, title, file_name](ApiClient& c) -> Result<Json> {
        ISMS_TRY(check_add(*o));
        ISMS_ASSIGN(std::string control,
                    resolve_control(Backend{nullptr, &c}, "control", o->control));
        const std::string path = "/controls/" + ApiClient::segment(control) + "/evidence";
        if (!o->file.empty()) {
          ISMS_ASSIGN(std::string bytes, read_input("file", o->file, kEvidenceFileMax));
          QueryList query{{"title", title()}, {"file_name", file_name()}};
          if (o->description.given()) query.emplace_back("description", o->description.value);
          if (o->valid_from.given()) query.emplace_back("valid_from", o->valid_from.value);
          if (o->valid_until.given()) query.emplace_back("valid_until", o->valid_until.value);
          // The server detects the type from the content; the name is only a hint.
          return c.post_file(path, query, bytes, "application/octet-stream");
        }
        Json body{{"kind", "link"}, {"title", o->title.value}, {"url", o->url}};
        if (o->description.given()) body["description"] = o->description.value;
        if (o->valid_from.given()) body["valid_from"] = o->valid_from.value;
        if (o->valid_until.given()) body["valid_until"] = o->valid_until.value;
        return c.post(path, body);
      },
      print_saved);
}

// --- list, get, archive ---

void add_list(CLI::App* parent, Invocation* invocation) {
  auto control = std::make_shared<std::string>();
  auto archived = std::make_shared<bool>(false);
  CLI::App* command = add_command(parent, "list", "List a control's evidence", invocation);
  command->add_option("control", *control, "Control id or ref")->required();
  command->add_flag("--archived", *archived, "Include archived evidence");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [control, archived](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_control(Backend{&s, nullptr}, "control", *control));
        ISMS_ASSIGN(auto list, ControlService(s).evidence(cli_operator(), id, *archived));
        std::string today = today_of(s);
        return items_of(list, [&](const Evidence& e) { return evidence_to_json(e, today); });
      },
      [control, archived](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_control(Backend{nullptr, &c}, "control", *control));
        QueryList query;
        if (*archived) query.emplace_back("archived", "true");
        return c.get("/controls/" + ApiClient::segment(id) + "/evidence", query);
      },
      print_evidence_list);
}

void add_get(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  CLI::App* command =
      add_command(parent, "get", "Write an evidence file's bytes to a file", invocation);
  command->add_option("id", *id, "Evidence id")->required();
  command->add_option("--output,-o", *output, "File to write (- for standard output)")
      ->required()
      ->type_name("FILE");
  set_file_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<std::string> {
        ISMS_ASSIGN(EvidenceFile file, ControlService(s).evidence_file(cli_operator(), *id));
        if (file.evidence.kind != EvidenceKind::kFile) {
          return Error::not_found("evidence " + file.evidence.id + " is a link, not a file (" +
                                  file.evidence.url + ")");
        }
        return std::move(file.content);
      },
      [id](ApiClient& c) { return c.get_file(evidence_path(*id, "/file")); },
      [output] { return *output; });
}

void add_archive(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<int64_t>(0);
  CLI::App* command = add_command(parent, "archive", "Archive evidence", invocation);
  command->add_option("id", *id, "Evidence id")->required();
  command->add_option("--version", *version, "The version you last read")
      ->required()
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id, version](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Evidence e, ControlService(s).archive_evidence(cli_operator(), *id, *version));
        return evidence_to_json(e, today_of(s));
      },
      [id, version](ApiClient& c) {
        return c.post(evidence_path(*id, "/archive"), Json{{"version", *version}});
      },
      print_saved);
}

}  // namespace

void add_evidence_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* evidence =
      add_command(root, "evidence", "Evidence of controls: files and links", invocation);
  evidence->require_subcommand(1);
  add_add(evidence, invocation);
  add_list(evidence, invocation);
  add_get(evidence, invocation);
  add_archive(evidence, invocation);
}

}  // namespace isms::cli
