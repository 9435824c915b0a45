// isms document submit|return|approve|publish|new-version|archive|ack|acks|remind: the
// workflow of a document's open version and the acknowledgement of published versions.
// Steps act on the open version as it is now unless --version says which row version the
// caller last saw (then a change since is refused with a conflict).
#include <CLI/App.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/commands/document.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/document_json.h"
#include "service/document_service.h"

namespace isms::cli {

namespace {

struct StepOptions {
  std::string id;
  int64_t version = 0;  // 0 = the open version as it is now
  std::string comment;  // return
  std::string reason;   // archive
};

// What a step sends and calls: the body of POST /documents/{id}/<step> and the service.
struct Step {
  const char* name;
  const char* description;
  Result<DocumentView> (*call)(const DocumentService&, const Principal&, const std::string&,
                               const WorkflowRequest&);
};

const Step kSteps[] = {
    {"submit", "Submit the draft for approval",
     [](const DocumentService& s, const Principal& p, const std::string& id,
        const WorkflowRequest& w) { return s.submit(p, id, w.version); }},
    {"return", "Return the version in review to draft, with a comment",
     [](const DocumentService& s, const Principal& p, const std::string& id,
        const WorkflowRequest& w) { return s.return_to_draft(p, id, w.version, w.comment); }},
    {"approve", "Approve the version in review (the information owner)",
     [](const DocumentService& s, const Principal& p, const std::string& id,
        const WorkflowRequest& w) { return s.approve(p, id, w.version); }},
    {"publish", "Publish the approved version (the previous one is superseded)",
     [](const DocumentService& s, const Principal& p, const std::string& id,
        const WorkflowRequest& w) { return s.publish(p, id, w.version); }},
    {"archive", "Archive the document (nothing is deleted)",
     [](const DocumentService& s, const Principal& p, const std::string& id,
        const WorkflowRequest& w) { return s.archive(p, id, w.reason); }},
};

// The request body of a step; archive sends no version.
Json step_body(const Step& step, const StepOptions& o, int64_t version) {
  std::string name = step.name;
  if (name == "archive") return Json{{"reason", o.reason}};
  Json body{{"version", version}};
  if (name == "return") body["comment"] = o.comment;
  return body;
}

int print_step(const std::string& step, const Json& view) {
  const Json& d = member_of(view, "document");
  const Json& latest = member_of(view, "latest");
  std::cout << "Document \"" << sanitize_line(text_of(d, "title")) << "\" (" << text_of(d, "id")
            << "): ";
  if (step == "archive") {
    std::cout << "archived.\n";
  } else {
    std::cout << "version " << int_of(latest, "number") << " ("
              << sanitize_line(text_of(latest, "label")) << ") is " << text_of(latest, "status")
              << ".\n";
  }
  return kExitOk;
}

void add_step(CLI::App* document, Invocation* invocation, const Step& step) {
  auto o = std::make_shared<StepOptions>();
  const std::string name = step.name;
  CLI::App* command = add_command(document, name, step.description, invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  if (name == "return") {
    command->add_option("--comment", o->comment, "What needs to change")->required();
  }
  if (name == "archive") {
    command->add_option("--reason", o->reason, "Why the document is archived")->required();
  } else {
    command
        ->add_option("--version", o->version,
                     "Row version of the open version you last saw (default: as it is now)")
        ->type_name("N");
  }
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o, step](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        int64_t version = 0;
        if (std::string(step.name) != "archive") {
          ISMS_ASSIGN(Json view, local_document_view(s, id));
          ISMS_ASSIGN(version, open_version_of(view, o->version));
        }
        ISMS_ASSIGN(WorkflowRequest w,
                    workflow_request_from_json(step_body(step, *o, version), step.name));
        ISMS_ASSIGN(DocumentView view, step.call(DocumentService(s), cli_operator(), id, w));
        return document_view_to_json(view, today_of(s));
      },
      [o, step](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        int64_t version = 0;
        if (std::string(step.name) != "archive") {
          ISMS_ASSIGN(Json view, remote_document_view(c, id));
          ISMS_ASSIGN(version, open_version_of(view, o->version));
        }
        return c.post(document_path(id, "/" + std::string(step.name)),
                      step_body(step, *o, version));
      },
      [name](const Json& view) { return print_step(name, view); });
}

struct IdOptions {
  std::string id;
  std::string version;  // acks: id, number or label
};

void add_new_version(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command = add_command(document, "new-version",
                                  "Open a new draft from the published version", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        ISMS_ASSIGN(DocumentView view, DocumentService(s).new_version(cli_operator(), id));
        return document_view_to_json(view, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        return c.post(document_path(id, "/new-version"), Json::object());
      },
      [](const Json& view) { return print_step("new-version", view); });
}

std::string rate(double r) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f %%", r * 100);
  return buffer;
}

int print_acks(const Json& status) {
  Table table;
  table.add_column("PERSON", 40);
  table.add_column("ACKNOWLEDGED");
  table.add_column("LAST REMINDED");
  table.add_column("REMINDERS");
  for (const Json& a : array_of(status, "persons")) {
    std::string at = text_of(a, "acknowledged_at");
    std::string reminded = text_of(a, "last_reminded_at");
    table.add_row({text_of(a, "person_name"), at.empty() ? "pending" : at,
                   reminded.empty() ? "-" : reminded, std::to_string(int_of(a, "reminder_count"))});
  }
  if (!table.empty()) table.print(std::cout);
  std::cout << int_of(status, "acknowledged") << " acknowledged, " << int_of(status, "pending")
            << " pending (" << rate(number_of(status, "completion_rate")) << ")\n";
  return kExitOk;
}

void add_acks(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command = add_command(
      document, "acks", "Who acknowledged the published version, and who not yet", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  command->add_option("--version", o->version, "Another version: id, number or label")
      ->type_name("V");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        std::string version;
        if (!o->version.empty()) {
          ISMS_ASSIGN(Json versions, local_versions(s, id));
          ISMS_ASSIGN(version, resolve_version(versions["items"], o->version, "version"));
        }
        ISMS_ASSIGN(AcknowledgementStatus status,
                    DocumentService(s).acknowledgements(cli_operator(), id, version));
        return acknowledgement_status_to_json(status);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        QueryList query;
        if (!o->version.empty()) {
          ISMS_ASSIGN(Json versions, remote_versions(c, id));
          ISMS_ASSIGN(std::string version,
                      resolve_version(versions["items"], o->version, "version"));
          query.emplace_back("version", version);
        }
        return c.get(document_path(id, "/acknowledgements"), query);
      },
      print_acks);
}

void add_ack(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command = add_command(
      document, "ack",
      "Acknowledge having read the published version (your own acknowledgement; needs a "
      "person, so with --server and your token)",
      invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        ISMS_ASSIGN(AcknowledgementStatus status,
                    DocumentService(s).acknowledge(cli_operator(), id));
        return acknowledgement_status_to_json(status);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        return c.post(document_path(id, "/acknowledge"), Json::object());
      },
      [](const Json& status) {
        std::cout << "Acknowledged. ";
        std::cout << int_of(status, "acknowledged") << " acknowledged, "
                  << int_of(status, "pending") << " pending.\n";
        return kExitOk;
      });
}

void add_remind(CLI::App* document, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command =
      add_command(document, "remind",
                  "Remind everyone who has not acknowledged the published version", invocation);
  command->add_option("id", o->id, "Document id or a unique prefix")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(s, o->id));
        ISMS_ASSIGN(auto reminded, DocumentService(s).remind(cli_operator(), id));
        return items_of(reminded, acknowledgement_to_json);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_document_id(c, o->id));
        return c.post(document_path(id, "/remind"), Json::object());
      },
      [](const Json& answer) {
        const Json& items = array_of(answer, "items");
        std::cout << "Reminded " << items.size() << " person(s)";
        std::vector<std::string> names;
        for (const Json& a : items) names.push_back(text_of(a, "person_name"));
        if (!names.empty()) std::cout << ": " << sanitize_line(join(names));
        std::cout << ".\n";
        return kExitOk;
      });
}

}  // namespace

void add_document_workflow_commands(CLI::App* document, Invocation* invocation) {
  for (const Step& step : kSteps) add_step(document, invocation, step);
  add_new_version(document, invocation);
  add_ack(document, invocation);
  add_acks(document, invocation);
  add_remind(document, invocation);
}

}  // namespace isms::cli
