// isms document: policies, standards and procedures (docs/api.md "Documents"). This file
// registers the verbs and holds list, show, create, edit, versions and diff with the
// helpers the others share; the workflow and the files live beside it.
#include "cli/commands/document.h"

#include <CLI/App.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/args.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/document_json.h"
#include "service/document_service.h"

namespace isms::cli {

namespace {

constexpr size_t kFullIdLength = 36;  // canonical lower-case UUID
constexpr size_t kMinIdPrefix = 4;
constexpr size_t kMaxBodyBytes = 2u << 20;  // a version's body

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The id among `documents` (list answer items) that starts with `prefix`.
Result<std::string> match_prefix(const Json& documents, const std::string& given) {
  std::string prefix = lower(given);
  std::vector<std::string> matches;
  for (const Json& d : documents) {
    if (text_of(d, "id").rfind(prefix, 0) == 0) matches.push_back(text_of(d, "id"));
  }
  if (matches.empty()) return Error::not_found("no document with id '" + given + "'");
  if (matches.size() > 1) {
    return Error::invalid("id", "'" + given + "' matches several documents (" + join(matches) +
                                    "); give more characters");
  }
  return matches.front();
}

// nullopt: look the prefix up.
Result<std::optional<std::string>> full_id(const std::string& given) {
  if (given.size() >= kFullIdLength) return std::optional<std::string>(lower(given));
  if (given.size() < kMinIdPrefix) {
    return Error::invalid("id", "give the full document id or at least 4 of its first characters");
  }
  return std::optional<std::string>();
}

// --- list ---

struct ListOptions {
  std::string kind;
  std::string status;
  std::string q;
  std::string archived;
};

Result<DocumentQuery> list_query(const ListOptions& o) {
  DocumentQuery query;
  for (const std::string& k : split_list(o.kind)) {
    if (!parse_document_kind(k)) {
      return Error::invalid("kind", "'" + k + "' is not policy, standard or procedure");
    }
    query.kinds.push_back(k);
  }
  for (const std::string& s : split_list(o.status)) {
    if (!parse_version_status(s)) {
      return Error::invalid("status", "'" + s +
                                          "' is not draft, in_review, approved, "
                                          "published or superseded");
    }
    query.statuses.push_back(s);
  }
  query.search = o.q;
  if (o.archived.empty() || o.archived == "false") {
    query.archived = ArchivedFilter::kActiveOnly;
  } else if (o.archived == "true") {
    query.archived = ArchivedFilter::kArchivedOnly;
  } else if (o.archived == "all") {
    query.archived = ArchivedFilter::kAll;
  } else {
    return Error::invalid("archived", "must be false, true or all");
  }
  return query;
}

Result<Json> local_list(const ServiceContext& s, const DocumentQuery& query) {
  ISMS_ASSIGN(auto list, DocumentService(s).list(cli_operator(), query));
  std::string today = today_of(s);
  return items_of(list, [&](const Document& d) { return document_to_json(d, today); });
}

int print_documents(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No documents.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("KIND");
  table.add_column("TITLE", 50);
  table.add_column("CLASSIFICATION");
  table.add_column("PUBLISHED");
  table.add_column("NEXT REVIEW");
  for (const Json& d : items) {
    std::string published = text_of(d, "published_label");
    std::string review = text_of(d, "next_review_date");
    if (bool_of(d, "review_due")) review += " (due)";
    if (!text_of(d, "archived_at").empty()) published += " (archived)";
    table.add_row({text_of(d, "id"), text_of(d, "kind"), text_of(d, "title"),
                   text_of(d, "classification"), published.empty() ? "-" : published,
                   review.empty() ? "-" : review});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_list(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* command = add_command(document, "list", "List documents", invocation);
  command->add_option("--kind", o->kind, "policy, standard, procedure (comma-separated)")
      ->type_name("KIND");
  command->add_option("--status", o->status, "Status of the latest version (comma-separated)")
      ->type_name("STATUS");
  command->add_option("--q", o->q, "Text in the title")->type_name("TEXT");
  command->add_option("--archived", o->archived, "false (default), true or all")
      ->type_name("WHICH");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(DocumentQuery query, list_query(*o));
        return local_list(s, query);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_TRY(list_query(*o));  // the same checks, the same messages
        QueryList query;
        if (!o->kind.empty()) query.emplace_back("kind", join(split_list(o->kind), ","));
        if (!o->status.empty()) query.emplace_back("status", join(split_list(o->status), ","));
        if (!o->q.empty()) query.emplace_back("q", o->q);
        if (!o->archived.empty()) query.emplace_back("archived", o->archived);
        return c.get("/documents", query);
      },
      print_documents);
}

// --- show ---

struct IdOptions {
  std::string id;
};

void add_show(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command =
      add_command(document, "show", "Show a document and its latest version", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix (4+ characters)")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        return local_document_view(s, id);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        return remote_document_view(c, id);
      },
      print_document_view);
}

// --- create and edit ---

struct ContentOptions {
  std::string id;  // edit only
  std::string kind;
  std::optional<std::string> title;
  std::optional<std::string> classification;
  std::optional<std::string> label;
  std::optional<std::string> information_owner;
  std::optional<std::string> author;
  std::optional<int> review_interval_months;
  std::optional<bool> requires_acknowledgement;
  std::string body_file;
};

void add_content_options(CLI::App* command, ContentOptions* o) {
  command->add_option("--label", o->label, "Version label, e.g. 3.1")->type_name("LABEL");
  command
      ->add_option("--information-owner", o->information_owner,
                   "Who approves, e.g. CEO (a role) or a name")
      ->type_name("TEXT");
  command->add_option("--author", o->author, "Author as written, e.g. CISO")->type_name("TEXT");
  command
      ->add_option("--review-months", o->review_interval_months,
                   "Review interval in months (1-60, default 12)")
      ->type_name("N");
  command
      ->add_option("--requires-acknowledgement", o->requires_acknowledgement,
                   "true: everyone must acknowledge the published version")
      ->type_name("BOOL");
  command->add_option("--body-file", o->body_file, "Markdown body (- for standard input)")
      ->type_name("FILE");
}

// The request body of POST /documents or PATCH /documents/{id} (without "version").
Result<Json> content_body(const ContentOptions& o, bool create) {
  Json body = Json::object();
  if (create) body["kind"] = o.kind;
  if (o.title) body["title"] = *o.title;
  if (o.classification) body["classification"] = *o.classification;
  if (o.label) body["label"] = *o.label;
  if (o.information_owner) body["information_owner"] = *o.information_owner;
  if (o.author) body["author"] = *o.author;
  if (o.review_interval_months) body["review_interval_months"] = *o.review_interval_months;
  if (o.requires_acknowledgement) body["requires_acknowledgement"] = *o.requires_acknowledgement;
  if (!o.body_file.empty()) {
    ISMS_ASSIGN(std::string text, read_input("body-file", o.body_file, kMaxBodyBytes));
    body["body"] = std::move(text);
  }
  if (!create && body.empty()) {
    return Error::invalid("document",
                          "nothing to change: give --title, --classification, "
                          "--label, --information-owner, --author, --review-months, "
                          "--requires-acknowledgement or --body-file");
  }
  return body;
}

int print_saved(const Json& view) {
  const Json& d = member_of(view, "document");
  const Json& latest = member_of(view, "latest");
  std::cout << "Saved " << sanitize_line(text_of(d, "kind")) << " \""
            << sanitize_line(text_of(d, "title")) << "\" (" << text_of(d, "id") << "), version "
            << int_of(latest, "number") << " (" << sanitize_line(text_of(latest, "label")) << ", "
            << text_of(latest, "status") << ").\n";
  size_t warnings = array_of(latest, "warnings").size();
  std::cout << array_of(latest, "citations").size() << " citation(s)";
  if (warnings > 0) std::cout << ", " << warnings << " warning(s): see isms document show";
  std::cout << '\n';
  return kExitOk;
}

void add_create(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<ContentOptions>();
  CLI::App* command =
      add_command(document, "create", "Create a document (version 1, a draft)", invocation);
  command->add_option("--kind", o->kind, "policy, standard or procedure")->required();
  command->add_option("--title", o->title, "Title")->required();
  command
      ->add_option("--classification", o->classification,
                   "public, internal, confidential or customer_data")
      ->required();
  add_content_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, content_body(*o, /*create=*/true));
        ISMS_ASSIGN(DocumentPatch patch, document_patch_from_json(body, /*allow_version=*/false));
        ISMS_ASSIGN(DocumentView view, DocumentService(s).create(cli_operator(), patch.fields));
        return document_view_to_json(view, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, content_body(*o, /*create=*/true));
        return c.post("/documents", body);
      },
      print_saved);
}

void add_edit(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<ContentOptions>();
  CLI::App* command = add_command(document, "edit", "Change the open draft", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  command->add_option("--title", o->title, "Title")->type_name("TEXT");
  command
      ->add_option("--classification", o->classification,
                   "public, internal, confidential or customer_data")
      ->type_name("LEVEL");
  add_content_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, content_body(*o, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        ISMS_ASSIGN(Json view, local_document_view(s, id));
        ISMS_ASSIGN(body["version"], open_version_of(view, 0));
        ISMS_ASSIGN(DocumentPatch patch, document_patch_from_json(body, /*allow_version=*/true));
        ISMS_ASSIGN(DocumentView saved, DocumentService(s).update_draft(cli_operator(), id, patch));
        return document_view_to_json(saved, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, content_body(*o, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        ISMS_ASSIGN(Json view, remote_document_view(c, id));
        ISMS_ASSIGN(body["version"], open_version_of(view, 0));
        return c.patch(document_path(id), body);
      },
      print_saved);
}

// --- versions and diff ---

int print_versions(const Json& answer) {
  Table table;
  table.add_column("NUMBER");
  table.add_column("LABEL");
  table.add_column("STATUS");
  table.add_column("ID");
  table.add_column("UPDATED");
  table.add_column("PUBLISHED");
  for (const Json& v : array_of(answer, "items")) {
    std::string published = text_of(v, "published_at");
    table.add_row({std::to_string(int_of(v, "number")), text_of(v, "label"), text_of(v, "status"),
                   text_of(v, "id"), text_of(v, "updated_at"),
                   published.empty() ? "-" : published});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_versions(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command = add_command(document, "versions", "List a document's versions", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        return local_versions(s, id);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        return remote_versions(c, id);
      },
      print_versions);
}

struct DiffOptions {
  std::string id;
  std::string from;
  std::string to;
};

// Changed fields, then the changed lines with two lines of context around each change.
int print_diff(const Json& d) {
  for (const Json& f : array_of(d, "fields")) {
    std::cout << sanitize_line(text_of(f, "field")) << ": \"" << sanitize_line(text_of(f, "before"))
              << "\" -> \"" << sanitize_line(text_of(f, "after")) << "\"\n";
  }
  const Json& lines = array_of(d, "lines");
  constexpr size_t kContext = 2;
  std::vector<bool> shown(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (text_of(lines[i], "op") == " ") continue;
    size_t from = i >= kContext ? i - kContext : 0;
    for (size_t j = from; j <= std::min(lines.size() - 1, i + kContext); ++j) shown[j] = true;
  }
  bool gap = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!shown[i]) {
      gap = true;
      continue;
    }
    const Json& line = lines[i];
    if (gap) {
      // The first line numbers of the hunk on each side (a removed line has no new one).
      int64_t old_line = 0, new_line = 0;
      for (size_t j = i; j < lines.size() && shown[j] && (old_line == 0 || new_line == 0); ++j) {
        if (old_line == 0) old_line = int_of(lines[j], "old_line");
        if (new_line == 0) new_line = int_of(lines[j], "new_line");
      }
      std::cout << "@@ -" << old_line << " +" << new_line << " @@\n";
      gap = false;
    }
    std::string op = text_of(line, "op");
    std::cout << (op.empty() ? " " : op) << ' ' << sanitize_line(text_of(line, "text")) << '\n';
  }
  std::cout << '+' << int_of(d, "added") << " -" << int_of(d, "removed") << " line(s)\n";
  return kExitOk;
}

void add_diff(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* command = add_command(document, "diff", "Differences between two versions", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  command->add_option("--from", o->from, "Version before: id, number or label")->required();
  command->add_option("--to", o->to, "Version after: id, number or label")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        ISMS_ASSIGN(Json versions, local_versions(s, id));
        ISMS_ASSIGN(std::string from, resolve_version(versions["items"], o->from, "from"));
        ISMS_ASSIGN(std::string to, resolve_version(versions["items"], o->to, "to"));
        ISMS_ASSIGN(VersionDiff d, DocumentService(s).diff(cli_operator(), id, from, to));
        return version_diff_to_json(d);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        ISMS_ASSIGN(Json versions, remote_versions(c, id));
        ISMS_ASSIGN(std::string from, resolve_version(versions["items"], o->from, "from"));
        ISMS_ASSIGN(std::string to, resolve_version(versions["items"], o->to, "to"));
        return c.get(document_path(id, "/diff"), {{"from", from}, {"to", to}});
      },
      print_diff);
}

}  // namespace

std::string document_path(const std::string& id, const std::string& suffix) {
  return "/documents/" + ApiClient::segment(id) + suffix;
}

Result<std::string> resolve_document_id(const ServiceContext& services, const std::string& id) {
  ISMS_ASSIGN(std::optional<std::string> full, full_id(id));
  if (full) return *full;
  DocumentQuery all;
  all.archived = ArchivedFilter::kAll;
  ISMS_ASSIGN(Json list, local_list(services, all));
  return match_prefix(list["items"], id);
}

Result<std::string> resolve_document_id(ApiClient& client, const std::string& id) {
  ISMS_ASSIGN(std::optional<std::string> full, full_id(id));
  if (full) return *full;
  ISMS_ASSIGN(Json list, client.get("/documents", {{"archived", "all"}}));
  return match_prefix(array_of(list, "items"), id);
}

Result<Json> local_document_view(const ServiceContext& services, const std::string& id) {
  ISMS_ASSIGN(DocumentView view, DocumentService(services).get(cli_operator(), id));
  return document_view_to_json(view, today_of(services));
}

Result<Json> remote_document_view(ApiClient& client, const std::string& id) {
  return client.get(document_path(id));
}

Result<int64_t> open_version_of(const Json& view, int64_t given) {
  if (given > 0) return given;
  const Json& latest = member_of(view, "latest");
  int64_t version = int_of(latest, "version");
  if (version <= 0) return Error::conflict("the document has no open version");
  return version;
}

Result<std::string> resolve_version(const Json& versions, const std::string& given,
                                    const std::string& field) {
  for (const char* key : {"id", "label"}) {
    for (const Json& v : versions) {
      if (text_of(v, key) == given) return text_of(v, "id");
    }
  }
  for (const Json& v : versions) {
    if (std::to_string(int_of(v, "number")) == given) return text_of(v, "id");
  }
  Error e = Error::not_found("no version '" + given + "' (give its id, number or label)");
  e.field = field;
  return e;
}

Result<Json> local_versions(const ServiceContext& services, const std::string& id) {
  ISMS_ASSIGN(auto list, DocumentService(services).versions(cli_operator(), id));
  return items_of(list, [](const DocumentVersion& v) { return version_to_json(v, false); });
}

Result<Json> remote_versions(ApiClient& client, const std::string& id) {
  return client.get(document_path(id, "/versions"));
}

int print_document_view(const Json& view) {
  const Json& d = member_of(view, "document");
  const Json& v = member_of(view, "latest");
  auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  Details details;
  details.add("id", text_of(d, "id"));
  details.add("kind", text_of(d, "kind"));
  details.add("title", text_of(d, "title"));
  details.add("classification", text_of(d, "classification"));
  details.add("information owner", or_dash(text_of(d, "information_owner")));
  std::string approver = text_of(d, "owner_role_key");
  if (!text_of(d, "owner_person_id").empty()) {
    approver += (approver.empty() ? "person " : ", person ") + text_of(d, "owner_person_id");
  }
  details.add("approved by", or_dash(approver));
  details.add("published", or_dash(text_of(d, "published_label")));
  std::string review = text_of(d, "next_review_date");
  if (bool_of(d, "review_due")) review += " (due)";
  details.add("next review", or_dash(review));
  if (!text_of(d, "archived_at").empty()) details.add("archived", text_of(d, "archived_at"));
  details.add("latest version", std::to_string(int_of(v, "number")) + " (" + text_of(v, "label") +
                                    ", " + text_of(v, "status") + ")");
  details.add("author", or_dash(text_of(v, "author")));
  details.add("approver", or_dash(text_of(v, "approver")));
  details.add("last update", or_dash(text_of(v, "last_update")));
  details.add("acknowledgement", bool_of(v, "requires_acknowledgement") ? "required" : "no");
  details.add("review interval", std::to_string(int_of(v, "review_interval_months")) + " months");
  if (!text_of(v, "review_comment").empty()) {
    details.add("review comment", text_of(v, "review_comment"));
  }
  details.add("updated", text_of(v, "updated_at"));
  details.print(std::cout);
  const Json& log = array_of(v, "change_log");
  if (!log.empty()) {
    std::cout << "\nchange log\n";
    Table table;
    table.add_column("VERSION");
    table.add_column("DATE");
    table.add_column("AUTHOR");
    table.add_column("CHANGES", 80);
    for (const Json& e : log) {
      table.add_row({text_of(e, "version"), or_dash(text_of(e, "date")), text_of(e, "author"),
                     text_of(e, "changes")});
    }
    table.print(std::cout);
  }
  std::cout << '\n'
            << array_of(v, "sections").size() << " section(s), " << array_of(v, "citations").size()
            << " citation(s)\n";
  for (const Json& w : array_of(v, "warnings")) {
    std::string suggestion = text_of(w, "suggestion");
    std::cout << "warning: " << sanitize_line(text_of(w, "message")) << " ("
              << sanitize_line(text_of(w, "raw")) << ")"
              << (suggestion.empty() ? "" : "; did you mean " + sanitize_line(suggestion) + "?")
              << '\n';
  }
  std::string body = text_of(v, "body");
  if (!body.empty()) {
    std::cout << "\n";
    print_block(body, 0);
  }
  return kExitOk;
}

void add_document_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* document = add_command(
      root, "document", "Policies, standards and procedures (versions, workflow, acknowledgement)",
      invocation);
  document->require_subcommand(1);
  add_list(document, invocation);
  add_show(document, invocation);
  add_create(document, invocation);
  add_edit(document, invocation);
  add_versions(document, invocation);
  add_diff(document, invocation);
  add_document_workflow_commands(document, invocation);
  add_document_file_commands(document, invocation);
}

}  // namespace isms::cli
