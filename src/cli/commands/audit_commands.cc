// isms audit create | list | show | start | check | complete | cancel | report.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/audit_cli.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/audit_service.h"

namespace isms::cli::audit_cli {
namespace {

std::string audit_path(const std::string& id, const std::string& suffix = "") {
  return "/audits/" + ApiClient::segment(id) + suffix;
}

Json audit_summary(const Audit& a) {
  Json j = audit_to_json(a);
  j.erase("checklist");
  return j;
}

int print_audit(const Json& a) {
  Details d;
  d.add("audit", text_of(a, "ref") + " " + text_of(a, "title"));
  d.add("id", text_of(a, "id"));
  d.add("type", text_of(a, "type"));
  d.add("status", text_of(a, "status"));
  d.add("dates", text_of(a, "start_on") + " to " + text_of(a, "end_on"));
  d.add("lead auditor", text_of(a, "lead_auditor_id"));
  d.add("criteria", join_items(array_of(a, "criteria")));
  if (!text_of(a, "conclusion").empty()) d.add("conclusion", text_of(a, "conclusion"));
  d.add("version", std::to_string(int_of(a, "version")));
  d.print(std::cout);
  const Json& items = array_of(a, "checklist");
  if (!items.empty()) {
    std::cout << "\n";
    Table t;
    t.add_column("#");
    t.add_column("REQUIREMENT", 30);
    t.add_column("RESULT");
    t.add_column("NOTES", 40);
    t.add_column("VERSION");
    for (const Json& i : items) {
      t.add_row({std::to_string(int_of(i, "index")),
                 text_of(i, "requirement_key") + " " + text_of(i, "requirement_title"),
                 text_of(i, "result"), or_dash(text_of(i, "notes")),
                 std::to_string(int_of(i, "version"))});
    }
    t.print(std::cout);
  }
  const Json& raised = member_of(a, "raised_finding");
  if (!raised.empty()) {
    std::cout << "\nRaised finding " << sanitize_line(text_of(raised, "ref")) << " ("
              << text_of(raised, "id") << ")\n";
  }
  return kExitOk;
}

int print_audits(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No audits.\n";
    return kExitOk;
  }
  Table t;
  t.add_column("REF");
  t.add_column("TITLE", 36);
  t.add_column("TYPE");
  t.add_column("STATUS");
  t.add_column("START");
  t.add_column("END");
  t.add_column("VERSION");
  for (const Json& a : items) {
    t.add_row({text_of(a, "ref"), text_of(a, "title"), text_of(a, "type"), text_of(a, "status"),
               text_of(a, "start_on"), text_of(a, "end_on"), std::to_string(int_of(a, "version"))});
  }
  t.print(std::cout);
  return kExitOk;
}

struct CreateOptions {
  std::string title, type = "internal", scope, lead, start, end, programme;
  std::vector<std::string> criteria, auditors;
};

void add_create(CLI::App* group, Invocation* invocation) {
  auto o = std::make_shared<CreateOptions>();
  CLI::App* c = add_command(group, "create", "Plan an audit", invocation);
  c->add_option("--title", o->title, "Title")->required();
  c->add_option("--type", o->type, "internal | external | supplier | certification");
  c->add_option("--scope", o->scope, "Scope")->required();
  c->add_option("--criterion", o->criteria, "Requirement key (repeat)")
      ->required()
      ->type_name("FRAMEWORK:REF");
  c->add_option("--lead", o->lead, "Lead auditor (person id or email)")->required();
  c->add_option("--auditor", o->auditors, "Auditor (person id or email; repeat)");
  c->add_option("--start", o->start, "Planned start")->required()->type_name("YYYY-MM-DD");
  c->add_option("--end", o->end, "Planned end")->required()->type_name("YYYY-MM-DD");
  c->add_option("--programme", o->programme, "Programme id or ref (AP-2026)");
  add_json_flag(c, invocation);
  auto body = [o](const Backend& b) -> Result<Json> {
    Json j{{"title", o->title},       {"type", o->type},      {"scope", o->scope},
           {"criteria", o->criteria}, {"start_on", o->start}, {"end_on", o->end}};
    ISMS_ASSIGN(j["lead_auditor_id"], resolve_person(b, "lead", o->lead));
    Json auditors = Json::array();
    for (const auto& a : o->auditors) {
      ISMS_ASSIGN(std::string id, resolve_person(b, "auditor", a));
      auditors.push_back(id);
    }
    j["auditor_ids"] = std::move(auditors);
    if (!o->programme.empty()) {
      ISMS_ASSIGN(j["programme_id"], resolve_record(b, "programme", o->programme, "AP"));
    }
    return j;
  };
  set_json_action(
      c, invocation,
      [body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json j, body(Backend{&s, nullptr}));
        ISMS_ASSIGN(Audit a, AuditService(s).create_audit(cli_operator(), j));
        return audit_to_json(a);
      },
      [body](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(Json j, body(Backend{nullptr, &api}));
        return api.post("/audits", j);
      },
      print_audit);
}

void add_list(CLI::App* group, Invocation* invocation) {
  auto status = std::make_shared<std::string>();
  auto year = std::make_shared<std::string>();
  CLI::App* c = add_command(group, "list", "List audits", invocation);
  c->add_option("--status", *status, "planned, in_progress, completed, cancelled (comma list)");
  c->add_option("--year", *year, "Start year")->type_name("YYYY");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [status, year](const ServiceContext& s) -> Result<Json> {
        AuditFilter f;
        if (!status->empty()) f.statuses = {*status};
        if (!year->empty()) f.year = std::atoi(year->c_str());
        ISMS_ASSIGN(auto list, AuditService(s).list_audits(cli_operator(), f));
        return items_of(list, audit_summary);
      },
      [status, year](ApiClient& api) {
        QueryList q;
        if (!status->empty()) q.push_back({"status", *status});
        if (!year->empty()) q.push_back({"year", *year});
        return api.get("/audits", q);
      },
      print_audits);
}

// show, start, complete, cancel: one audit named by id or ref.
struct OneOptions {
  std::string id;
  int64_t version = 0;
  std::string text;
};

void add_one(CLI::App* group, Invocation* invocation, const std::string& verb,
             const std::string& help) {
  auto o = std::make_shared<OneOptions>();
  CLI::App* c = add_command(group, verb, help, invocation);
  c->add_option("id", o->id, "Audit id or ref (AUD-0001)")->required();
  if (verb != "show")
    c->add_option("--version", o->version, "The version you last read")->required();
  if (verb == "complete") c->add_option("--conclusion", o->text, "The audit's conclusion");
  if (verb == "cancel") c->add_option("--reason", o->text, "Why")->required();
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o, verb](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_record(Backend{&s, nullptr}, "id", o->id, "AUD"));
        AuditService svc(s);
        Result<Audit> a = Error::internal("unknown verb");
        if (verb == "show") a = svc.get_audit(cli_operator(), id);
        if (verb == "start") a = svc.start_audit(cli_operator(), id, o->version);
        if (verb == "complete") {
          a = svc.complete_audit(cli_operator(), id, o->version,
                                 o->text.empty() ? std::nullopt : std::optional(o->text));
        }
        if (verb == "cancel") a = svc.cancel_audit(cli_operator(), id, o->version, o->text);
        if (!a) return std::move(a).error();
        return audit_to_json(*a);
      },
      [o, verb](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_record(Backend{nullptr, &api}, "id", o->id, "AUD"));
        if (verb == "show") return api.get(audit_path(id));
        Json body{{"version", o->version}};
        if (verb == "complete" && !o->text.empty()) body["conclusion"] = o->text;
        if (verb == "cancel") body["reason"] = o->text;
        return api.post(audit_path(id, "/" + verb), body);
      },
      print_audit);
}

struct CheckOptions {
  std::string id, result, notes, grade, title, owner, action_title, action_owner, action_due,
      root_cause;
  int64_t index = 0, version = 0;
  std::vector<std::string> evidence;
};

void add_check(CLI::App* group, Invocation* invocation) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* c = add_command(group, "check",
                            "Decide a checklist item (optionally raising its finding)", invocation);
  c->add_option("id", o->id, "Audit id or ref")->required();
  c->add_option("index", o->index, "Checklist item index (0, 1, ...)")->required();
  c->add_option("--version", o->version, "The item's version you last read")->required();
  c->add_option("--result", o->result,
                "not_checked | conform | nonconform | observation | not_applicable");
  c->add_option("--notes", o->notes, "Notes");
  c->add_option("--evidence", o->evidence, "Evidence reference (repeat)");
  c->add_option("--finding-grade", o->grade, "Raise a finding of this grade");
  c->add_option("--finding-title", o->title, "Its title (default: the requirement)");
  c->add_option("--finding-owner", o->owner, "Its owner (person id or email)");
  c->add_option("--action-title", o->action_title, "A first corrective action");
  c->add_option("--action-owner", o->action_owner, "Its owner (person id or email)");
  c->add_option("--action-due", o->action_due, "Its due date")->type_name("YYYY-MM-DD");
  c->add_option("--root-cause", o->root_cause, "Its root cause");
  add_json_flag(c, invocation);
  auto body = [o](const Backend& b) -> Result<Json> {
    Json j{{"version", o->version}};
    if (!o->result.empty()) j["result"] = o->result;
    if (!o->notes.empty()) j["notes"] = o->notes;
    if (!o->evidence.empty()) j["evidence"] = o->evidence;
    if (!o->grade.empty()) {
      Json f{{"grade", o->grade}};
      if (!o->title.empty()) f["title"] = o->title;
      if (!o->owner.empty()) {
        ISMS_ASSIGN(f["owner_id"], resolve_person(b, "finding-owner", o->owner));
      }
      if (!o->action_title.empty()) {
        Json a{{"title", o->action_title}, {"due_on", o->action_due}};
        if (!o->root_cause.empty()) a["root_cause"] = o->root_cause;
        ISMS_ASSIGN(a["owner_id"], resolve_person(b, "action-owner", o->action_owner));
        f["action"] = std::move(a);
      }
      j["finding"] = std::move(f);
    }
    return j;
  };
  set_json_action(
      c, invocation,
      [o, body](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string id, resolve_record(b, "id", o->id, "AUD"));
        ISMS_ASSIGN(Json j, body(b));
        AuditService svc(s);
        ISMS_ASSIGN(CheckResultView v, svc.check_item(cli_operator(), id, o->index, j));
        ISMS_ASSIGN(std::string today, svc.today());
        Json out = audit_to_json(v.audit);
        out["raised_finding"] = v.finding ? finding_view_to_json(*v.finding, today) : Json(nullptr);
        return out;
      },
      [o, body](ApiClient& api) -> Result<Json> {
        Backend b{nullptr, &api};
        ISMS_ASSIGN(std::string id, resolve_record(b, "id", o->id, "AUD"));
        ISMS_ASSIGN(Json j, body(b));
        return api.patch(audit_path(id, "/checklist/" + std::to_string(o->index)), j);
      },
      print_audit);
}

void add_report(CLI::App* group, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto pdf = std::make_shared<std::string>();
  CLI::App* c =
      add_command(group, "report", "The audit report (JSON, or PDF with --pdf)", invocation);
  c->add_option("id", *id, "Audit id or ref")->required();
  c->add_option("--pdf", *pdf, "Write the PDF to FILE (- = standard output)")->type_name("FILE");
  add_json_flag(c, invocation);
  // One command, two answers: the PDF when --pdf is given, else the JSON report.
  auto local_json = [id](const ServiceContext& s) -> Result<Json> {
    ISMS_ASSIGN(std::string aid, resolve_record(Backend{&s, nullptr}, "id", *id, "AUD"));
    ISMS_ASSIGN(AuditReport r, AuditService(s).report(cli_operator(), aid));
    return audit_report_to_json(r);
  };
  auto remote_json = [id](ApiClient& api) -> Result<Json> {
    ISMS_ASSIGN(std::string aid, resolve_record(Backend{nullptr, &api}, "id", *id, "AUD"));
    return api.get(audit_path(aid, "/report"));
  };
  auto printer = [](const Json& r) {
    const Json& a = member_of(r, "audit");
    const Json& t = member_of(r, "totals");
    std::cout << sanitize_line(text_of(a, "ref") + " " + text_of(a, "title")) << " ("
              << text_of(a, "status") << ")\n";
    std::cout << int_of(t, "findings") << " finding(s): " << int_of(t, "open") << " open, "
              << int_of(t, "closed") << " closed, " << int_of(t, "overdue") << " overdue\n";
    for (const Json& f : array_of(r, "findings")) {
      std::cout << "  "
                << sanitize_line(text_of(f, "ref") + " " + text_of(f, "grade") + " " +
                                 text_of(f, "status") + " " + text_of(f, "title"))
                << "\n";
      for (const Json& act : array_of(f, "actions")) {
        std::cout << "    "
                  << sanitize_line(text_of(act, "ref") + " " + text_of(act, "status") + " " +
                                   text_of(act, "title"))
                  << "\n";
      }
    }
    return kExitOk;
  };
  set_json_action(
      c, invocation,
      [local_json, id, pdf](const ServiceContext& s) -> Result<Json> {
        if (pdf->empty()) return local_json(s);
        ISMS_ASSIGN(std::string aid, resolve_record(Backend{&s, nullptr}, "id", *id, "AUD"));
        ISMS_ASSIGN(std::string bytes, AuditService(s).report_pdf(cli_operator(), aid));
        ISMS_TRY(write_output("pdf", *pdf, bytes));
        return Json{{"wrote", *pdf}, {"bytes", static_cast<int64_t>(bytes.size())}};
      },
      [remote_json, id, pdf](ApiClient& api) -> Result<Json> {
        if (pdf->empty()) return remote_json(api);
        ISMS_ASSIGN(std::string aid, resolve_record(Backend{nullptr, &api}, "id", *id, "AUD"));
        ISMS_ASSIGN(std::string bytes, api.get_file(audit_path(aid, "/report.pdf")));
        ISMS_TRY(write_output("pdf", *pdf, bytes));
        return Json{{"wrote", *pdf}, {"bytes", static_cast<int64_t>(bytes.size())}};
      },
      [printer](const Json& r) {
        if (r.contains("wrote")) {
          if (text_of(r, "wrote") != "-") {
            std::cout << "Wrote " << int_of(r, "bytes") << " bytes to " << text_of(r, "wrote")
                      << ".\n";
          }
          return kExitOk;
        }
        return printer(r);
      });
}

}  // namespace

void add_audit_subcommands(CLI::App* root, Invocation* invocation) {
  CLI::App* group =
      add_command(root, "audit", "Audits: plan, run the checklist, complete, report", invocation);
  group->require_subcommand(1);
  add_create(group, invocation);
  add_list(group, invocation);
  add_one(group, invocation, "show", "Show an audit with its checklist");
  add_one(group, invocation, "start", "Start a planned audit");
  add_check(group, invocation);
  add_one(group, invocation, "complete", "Complete an audit (every item decided, a conclusion)");
  add_one(group, invocation, "cancel", "Cancel a planned or running audit");
  add_report(group, invocation);
}

}  // namespace isms::cli::audit_cli
