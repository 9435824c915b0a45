// isms document render|import|export: documents as files. Policy as code: `export DIR`
// writes every document's latest version as Markdown with front matter (one .md per
// document), `import DIR` reads them back (a file naming an existing document's id
// updates it; the rest are created), all in one transaction.
#include <CLI/App.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/commands/document.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "formats/document_import.h"
#include "service/document_json.h"
#include "service/document_service.h"

namespace isms::cli {

namespace {

namespace fs = std::filesystem;

// --- render ---

struct RenderOptions {
  std::string id;
  std::string format = "pdf";
  std::string output;
  std::string version;  // id, number or label; "" = the latest
};

Status check_render(const RenderOptions& o) {
  if (o.format != "pdf" && o.format != "html")
    return Error::invalid("format", "must be pdf or html");
  return ok_status();
}

void add_render(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<RenderOptions>();
  CLI::App* command = add_command(document, "render",
                                  "Render a version as PDF or a standalone HTML page", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  command->add_option("--format", o->format, "pdf (default) or html")->type_name("FORMAT");
  command->add_option("-o,--output", o->output, "File to write (- for standard output)")
      ->required();
  command->add_option("--version", o->version, "Version id, number or label (default: latest)")
      ->type_name("V");
  set_file_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<std::string> {
        ISMS_TRY(check_render(*o));
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        std::string version;
        if (!o->version.empty()) {
          ISMS_ASSIGN(Json versions, local_versions(s, id));
          ISMS_ASSIGN(version, resolve_version(versions["items"], o->version, "version"));
        }
        return DocumentService(s).render(cli_operator(), id, version, o->format);
      },
      [o](ApiClient& c) -> Result<std::string> {
        ISMS_TRY(check_render(*o));
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        QueryList query{{"format", o->format}};
        if (!o->version.empty()) {
          ISMS_ASSIGN(Json versions, remote_versions(c, id));
          ISMS_ASSIGN(std::string version,
                      resolve_version(versions["items"], o->version, "version"));
          query.emplace_back("version", version);
        }
        return c.get_file(document_path(id, "/render"), query);
      },
      [o] { return o->output; });
}

// --- import ---

struct ImportOptions {
  std::vector<std::string> paths;
};

bool importable(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == ".html" || ext == ".htm";
}

// The request body of POST /documents/import: every named file, and the .md, .markdown,
// .txt, .html and .htm files directly inside each named directory (by name).
Result<Json> import_body(const ImportOptions& o) {
  std::vector<fs::path> files;
  for (const std::string& given : o.paths) {
    std::error_code ec;
    fs::path path(given);
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> inside;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        if (entry.is_regular_file() && importable(entry.path())) inside.push_back(entry.path());
      }
      if (ec) return Error::invalid("path", "cannot read directory " + given + ": " + ec.message());
      std::sort(inside.begin(), inside.end());
      files.insert(files.end(), inside.begin(), inside.end());
    } else {
      files.push_back(path);
    }
  }
  if (files.empty()) {
    return Error::invalid("path", "no .md, .txt or .html files in " + join(o.paths));
  }
  if (files.size() > kMaxImportFiles) {
    return Error::invalid("path", std::to_string(files.size()) + " files; at most " +
                                      std::to_string(kMaxImportFiles) + " per import");
  }
  Json list = Json::array();
  for (const fs::path& file : files) {
    ISMS_ASSIGN(std::string content, read_input("path", file.string(), kMaxImportBytes));
    if (!is_valid_utf8(content)) {
      return Error::invalid("path", file.string() + " is not UTF-8 text (convert it first)");
    }
    list.push_back({{"name", file.filename().string()}, {"content", std::move(content)}});
  }
  return Json{{"files", std::move(list)}};
}

int print_imported(const Json& answer) {
  Table table;
  table.add_column("FILE", 40);
  table.add_column("ACTION");
  table.add_column("DOCUMENT");
  table.add_column("CITATIONS");
  table.add_column("WARNINGS");
  const Json& items = array_of(answer, "items");
  for (const Json& r : items) {
    table.add_row({text_of(r, "file_name"), text_of(r, "action"), text_of(r, "document_id"),
                   std::to_string(int_of(r, "citations")),
                   std::to_string(array_of(r, "warnings").size())});
  }
  table.print(std::cout);
  for (const Json& r : items) {
    for (const Json& note : array_of(r, "notes")) {
      std::cout << sanitize_line(text_of(r, "file_name")) << ": "
                << sanitize_line(note.is_string() ? note.get<std::string>() : "") << '\n';
    }
    for (const Json& w : array_of(r, "warnings")) {
      std::cout << sanitize_line(text_of(r, "file_name"))
                << ": warning: " << sanitize_line(text_of(w, "message")) << " ("
                << sanitize_line(text_of(w, "raw")) << ")\n";
    }
  }
  return kExitOk;
}

void add_import(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* command = add_command(
      document, "import",
      "Import text, Markdown or HTML files (or the .md/.txt/.html files of a directory) in "
      "one transaction; Markdown with an id in its front matter updates that document",
      invocation);
  command->add_option("path", o->paths, "Files or directories")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, import_body(*o));
        ISMS_ASSIGN(auto files, document_import_files_from_json(body));
        ISMS_ASSIGN(auto outcomes, DocumentService(s).import(cli_operator(), files));
        return items_of(outcomes, import_outcome_to_json);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, import_body(*o));
        return c.post("/documents/import", body);
      },
      print_imported);
}

// --- export ---

struct ExportOptions {
  std::string dir;
};

// Writes each {"name","content"} of the export to dir/name; names are plain file names.
Result<Json> write_export(const ExportOptions& o, const Json& answer) {
  std::error_code ec;
  fs::create_directories(o.dir, ec);
  if (ec) return Error::invalid("dir", "cannot create " + o.dir + ": " + ec.message());
  Json written = Json::array();
  for (const Json& f : array_of(answer, "files")) {
    std::string name = text_of(f, "name");
    if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos ||
        name.find('\\') != std::string::npos) {
      return Error::invalid("dir", "refusing to write a file named '" + name + "'");
    }
    std::string path = (fs::path(o.dir) / name).string();
    ISMS_TRY(write_output("dir", path, text_of(f, "content")));
    written.push_back(path);
  }
  return Json{{"dir", o.dir}, {"files", std::move(written)}};
}

void add_export(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = add_command(
      document, "export",
      "Write every document's latest version as Markdown with front matter, one .md file each",
      invocation);
  command->add_option("dir", o->dir, "Directory (created when missing; files are replaced)")
      ->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto files, DocumentService(s).export_markdown(cli_operator()));
        return write_export(*o, document_files_to_json(files));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json answer, c.get("/documents/export"));
        return write_export(*o, answer);
      },
      [](const Json& written) {
        std::cout << "Wrote " << array_of(written, "files").size() << " document(s) to "
                  << sanitize_line(text_of(written, "dir")) << ".\n";
        return kExitOk;
      });
}

}  // namespace

void add_document_file_commands(CLI::App* document, Invocation* invocation) {
  add_render(document, invocation);
  add_import(document, invocation);
  add_export(document, invocation);
}

}  // namespace isms::cli
