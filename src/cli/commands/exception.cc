// isms exception: requested exemptions from policies and controls (docs/api.md
// "Exceptions", policy 3.3): request, list, show, approve, reject, withdraw, revoke, renew.
// isms review: objects whose review date is near or passed (due) and completing a review
// (complete). Exceptions are requested and decided by persons: remotely the token's,
// locally --as-person (the person's own roles apply; the operator has no person).
// Exceptions are named by id or ref ("EX-0001").
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "base/time_zone.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/context.h"
#include "cli/output.h"
#include "domain/policy_exception.h"
#include "service/exception_service.h"
#include "service/review_completion.h"
#include "service/review_due.h"
#include "service/time_zone_setting.h"

namespace isms::cli {

namespace {

std::string exception_path(const std::string& id, const std::string& suffix = "") {
  return "/exceptions/" + ApiClient::segment(id) + suffix;
}

Json result_json(const ExceptionResult& r) { return exception_to_json(r.exception, r.today); }

// The principal a local action runs as: the named person, else the operator (whom the
// service asks to name a person where one acts).
Result<Principal> local_principal(const ServiceContext& s, const std::string& as_person) {
  if (as_person.empty()) return cli_operator();
  return principal_as_person(s, as_person);
}

Status no_as_person_remotely(const std::string& as_person) {
  if (as_person.empty()) return ok_status();
  return Error::invalid("as-person",
                        "is for the local operator; with --server the token's "
                        "person acts");
}

// An exception by id or ref: the id.
Result<std::string> resolve_exception(const Backend& b, const std::string& given) {
  if (given.rfind("EX-", 0) != 0) return given;
  if (b.local) {
    ISMS_ASSIGN(ExceptionList list, ExceptionService(*b.local).list(cli_operator(), {}));
    for (const auto& e : list.items) {
      if (e.ref == given) return e.id;
    }
  } else {
    ISMS_ASSIGN(Json list, b.remote->get("/exceptions"));
    for (const Json& e : array_of(list, "items")) {
      if (text_of(e, "ref") == given) return text_of(e, "id");
    }
  }
  return Error::not_found("no exception " + given);
}

// --- printing ---

int print_exception(const Json& e) {
  Details d;
  d.add("ref", text_of(e, "ref"));
  d.add("id", text_of(e, "id"));
  d.add("title", text_of(e, "title"));
  d.add("status", text_of(e, "status"));
  d.add("state", text_of(e, "state"));
  d.add("requester", or_dash(text_of(e, "requester_name")));
  const Json& scope = member_of(e, "scope");
  d.add("document", or_dash(text_of(scope, "document_id")));
  d.add("section", or_dash(text_of(scope, "section")));
  for (const char* k : {"control_ids", "requirement_keys", "asset_ids"}) {
    std::string joined;
    for (const auto& s : strings_in(array_of(scope, k))) joined += (joined.empty() ? "" : ", ") + s;
    if (!joined.empty()) d.add(k, joined);
  }
  const Json& comp = member_of(e, "compensating_controls");
  if (!text_of(comp, "text").empty()) d.add("compensating", text_of(comp, "text"));
  const Json& risk = member_of(e, "risk");
  if (!text_of(risk, "risk_id").empty()) d.add("risk", text_of(risk, "risk_id"));
  if (!text_of(risk, "statement").empty()) d.add("risk statement", text_of(risk, "statement"));
  d.add("requested expiry", or_dash(text_of(e, "requested_expires_on")));
  d.add("expires on", or_dash(text_of(e, "expires_on")));
  if (!text_of(e, "approver_name").empty()) d.add("decided by", text_of(e, "approver_name"));
  if (!text_of(e, "decision_note").empty()) d.add("decision note", text_of(e, "decision_note"));
  if (!text_of(e, "renews_id").empty()) d.add("renews", text_of(e, "renews_id"));
  if (!text_of(e, "renewed_by_id").empty()) d.add("renewed by", text_of(e, "renewed_by_id"));
  d.add("version", std::to_string(int_of(e, "version")));
  d.print(std::cout);
  std::cout << "\nReason:\n";
  print_block(text_of(e, "reason"), 2);
  return kExitOk;
}

int print_exceptions(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No exceptions.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 40);
  table.add_column("STATE");
  table.add_column("REQUESTER", 24);
  table.add_column("EXPIRES");
  for (const Json& e : items) {
    table.add_row({text_of(e, "ref"), text_of(e, "title"), text_of(e, "state"),
                   or_dash(text_of(e, "requester_name")), or_dash(text_of(e, "expires_on"))});
  }
  table.print(std::cout);
  return kExitOk;
}

// --- request, renew ---

struct RequestOptions {
  Flag title, reason, document, section, compensating, risk, risk_statement, expires_on;
  std::vector<std::string> controls, requirements, assets, compensating_controls;
  std::string as_person;
  std::string renew_of;  // renew only
};

Result<Json> request_body(const RequestOptions& o, const Backend& b, bool renewal) {
  Json body = Json::object();
  if (o.title.given()) body["title"] = o.title.value;
  if (o.reason.given()) body["reason"] = o.reason.value;
  bool scoped = o.document.given() || o.section.given() || !o.controls.empty() ||
                !o.requirements.empty() || !o.assets.empty();
  if (scoped || !renewal) {
    Json scope{{"section", o.section.value},
               {"requirement_keys", o.requirements},
               {"asset_ids", o.assets}};
    scope["document_id"] = o.document.given() ? Json(o.document.value) : Json(nullptr);
    Json controls = Json::array();
    for (const auto& c : o.controls) {
      ISMS_ASSIGN(std::string id, resolve_control(b, "control", c));
      controls.push_back(id);
    }
    scope["control_ids"] = controls;
    body["scope"] = scope;
  }
  if (o.compensating.given() || !o.compensating_controls.empty()) {
    Json ids = Json::array();
    for (const auto& c : o.compensating_controls) {
      ISMS_ASSIGN(std::string id, resolve_control(b, "compensating-control", c));
      ids.push_back(id);
    }
    body["compensating_controls"] = Json{{"control_ids", ids}, {"text", o.compensating.value}};
  }
  if (o.risk.given() || o.risk_statement.given()) {
    Json risk{{"risk_id", nullptr}, {"statement", o.risk_statement.value}};
    if (o.risk.given()) {
      ISMS_ASSIGN(std::string id, resolve_risk(b, "risk", o.risk.value));
      risk["risk_id"] = id;
    }
    body["risk"] = risk;
  }
  if (o.expires_on.given()) body["requested_expires_on"] = o.expires_on.value;
  return body;
}

void add_request_options(CLI::App* command, RequestOptions* o, bool renewal) {
  add_flag_option(command, "--title", &o->title, "What the exception is", "TEXT");
  add_flag_option(command, "--reason", &o->reason, "Why it is needed", "TEXT");
  add_flag_option(command, "--document", &o->document, "Policy document id it exempts from", "ID");
  add_flag_option(command, "--section", &o->section, "Section of the policy", "TEXT");
  command->add_option("--control", o->controls, "Control it exempts from (repeatable)")
      ->type_name("ID|REF");
  command->add_option("--requirement", o->requirements, "Requirement key (repeatable)")
      ->type_name("FW:REF");
  command->add_option("--asset", o->assets, "Asset it applies to (repeatable)")->type_name("ID");
  command
      ->add_option("--compensating-control", o->compensating_controls,
                   "Compensating control (repeatable)")
      ->type_name("ID|REF");
  add_flag_option(command, "--compensating", &o->compensating, "Compensating measures", "TEXT");
  add_flag_option(command, "--risk", &o->risk, "The risk accepted meanwhile", "ID|REF");
  add_flag_option(command, "--risk-statement", &o->risk_statement, "The risk in words", "TEXT");
  add_flag_option(command, "--expires-on", &o->expires_on,
                  "Requested expiry (at most 12 months ahead)", "YYYY-MM-DD");
  command
      ->add_option("--as-person", o->as_person,
                   renewal ? "Local operator only: the person renewing (id or email)"
                           : "Local operator only: the requesting person (id or email)")
      ->type_name("ID|EMAIL");
}

void add_request(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<RequestOptions>();
  CLI::App* command = add_command(parent, "request", "Request an exception", invocation);
  add_request_options(command, o.get(), false);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, request_body(*o, Backend{&s, nullptr}, false));
        ISMS_ASSIGN(ExceptionFields fields, exception_fields_from_json(body));
        ISMS_ASSIGN(Principal p, local_principal(s, o->as_person));
        ISMS_ASSIGN(ExceptionResult r, ExceptionService(s).request(p, fields, std::nullopt));
        return result_json(r);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_TRY(no_as_person_remotely(o->as_person));
        ISMS_ASSIGN(Json body, request_body(*o, Backend{nullptr, &c}, false));
        return c.post("/exceptions", body);
      },
      print_exception);
}

void add_renew(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<RequestOptions>();
  CLI::App* command = add_command(
      parent, "renew", "Request the renewal of an approved exception (linked to it)", invocation);
  command->add_option("id", o->renew_of, "Exception id or ref")->required();
  add_request_options(command, o.get(), true);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string id, resolve_exception(b, o->renew_of));
        ISMS_ASSIGN(Json body, request_body(*o, b, true));
        ISMS_ASSIGN(ExceptionFields fields, exception_fields_from_json(body));
        ISMS_ASSIGN(Principal p, local_principal(s, o->as_person));
        ISMS_ASSIGN(ExceptionResult r, ExceptionService(s).renew(p, id, fields, std::nullopt));
        return result_json(r);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_TRY(no_as_person_remotely(o->as_person));
        Backend b{nullptr, &c};
        ISMS_ASSIGN(std::string id, resolve_exception(b, o->renew_of));
        ISMS_ASSIGN(Json body, request_body(*o, b, true));
        return c.post(exception_path(id, "/renew"), body);
      },
      print_exception);
}

// --- list, show ---

struct ListOptions {
  std::string status, state;
  bool mine = false;
};

void add_list(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* command = add_command(parent, "list", "List exceptions, newest first", invocation);
  command->add_option("--status", o->status, "requested, approved, rejected, withdrawn, revoked")
      ->type_name("S[,S]");
  command->add_option("--state", o->state, "Approved ones: active, expiring, expired")
      ->type_name("STATE");
  command->add_flag("--mine", o->mine, "Only the caller's own requests");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ExceptionListQuery q;
        for (const auto& v : split_list(o->status)) q.statuses.push_back(v);
        q.state = o->state;
        q.mine = o->mine;
        ISMS_ASSIGN(ExceptionList list, ExceptionService(s).list(cli_operator(), q));
        Json answer = items_of(
            list.items, [&](const PolicyException& e) { return exception_to_json(e, list.today); });
        answer["today"] = list.today;
        return answer;
      },
      [o](ApiClient& c) {
        QueryList q;
        if (!o->status.empty()) q.push_back({"status", o->status});
        if (!o->state.empty()) q.push_back({"state", o->state});
        if (o->mine) q.push_back({"mine", "true"});
        return c.get("/exceptions", q);
      },
      print_exceptions);
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "show", "Show one exception", invocation);
  command->add_option("id", *id, "Exception id or ref")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string eid, resolve_exception(Backend{&s, nullptr}, *id));
        ISMS_ASSIGN(ExceptionResult r, ExceptionService(s).get(cli_operator(), eid));
        return result_json(r);
      },
      [id](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string eid, resolve_exception(Backend{nullptr, &c}, *id));
        return c.get(exception_path(eid));
      },
      print_exception);
}

// --- approve, reject, revoke, withdraw ---

struct DecisionOptions {
  std::string id;
  Flag note, expires_on;
  int64_t version = 0;
  std::string as_person;
};

void add_decision(CLI::App* parent, Invocation* invocation, const std::string& verb,
                  const std::string& help, ExceptionAction action) {
  auto o = std::make_shared<DecisionOptions>();
  CLI::App* command = add_command(parent, verb, help, invocation);
  command->add_option("id", o->id, "Exception id or ref")->required();
  if (action != ExceptionAction::kWithdraw) {
    add_flag_option(command, "--note", &o->note,
                    action == ExceptionAction::kApprove ? "Decision note" : "Why (required)",
                    "TEXT");
  }
  if (action == ExceptionAction::kApprove) {
    add_flag_option(command, "--expires-on", &o->expires_on,
                    "Expiry (default: the requested one, else 12 months)", "YYYY-MM-DD");
  }
  command->add_option("--version", o->version, "The version you last read")->type_name("N");
  command->add_option("--as-person", o->as_person, "Local operator only: the acting person")
      ->type_name("ID|EMAIL");
  add_json_flag(command, invocation);
  auto body = [o, action] {
    Json b = Json::object();
    if (o->note.given()) b["note"] = o->note.value;
    if (o->expires_on.given()) b["expires_on"] = o->expires_on.value;
    if (o->version > 0) b["version"] = o->version;
    (void)action;
    return b;
  };
  set_json_action(
      command, invocation,
      [o, body, action](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_exception(Backend{&s, nullptr}, o->id));
        ISMS_ASSIGN(Principal p, local_principal(s, o->as_person));
        ExceptionService service(s);
        Result<ExceptionResult> r = Error::internal("no action");
        if (action == ExceptionAction::kWithdraw) {
          std::optional<int64_t> v;
          if (o->version > 0) v = o->version;
          r = service.withdraw(p, id, v, std::nullopt);
        } else {
          ISMS_ASSIGN(ExceptionDecision d,
                      exception_decision_from_json(body(), action == ExceptionAction::kApprove));
          if (action == ExceptionAction::kApprove) r = service.approve(p, id, d, std::nullopt);
          if (action == ExceptionAction::kReject) r = service.reject(p, id, d, std::nullopt);
          if (action == ExceptionAction::kRevoke) r = service.revoke(p, id, d, std::nullopt);
        }
        if (!r) return r.error();
        return result_json(*r);
      },
      [o, body, verb](ApiClient& c) -> Result<Json> {
        ISMS_TRY(no_as_person_remotely(o->as_person));
        ISMS_ASSIGN(std::string id, resolve_exception(Backend{nullptr, &c}, o->id));
        return c.post(exception_path(id, "/" + verb), body());
      },
      print_exception);
}

// --- isms review ---

int print_reviews(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "Nothing needs review until " << text_of(answer, "until") << ".\n";
    return kExitOk;
  }
  Table table;
  table.add_column("DUE");
  table.add_column("STATE");
  table.add_column("TYPE");
  table.add_column("REF");
  table.add_column("TITLE", 40);
  table.add_column("OWNER", 24);
  table.add_column("ID");
  for (const Json& a : items) {
    table.add_row({text_of(a, "due_on"), text_of(a, "state"), text_of(a, "object_type"),
                   or_dash(text_of(a, "ref")), text_of(a, "title"),
                   or_dash(text_of(a, "owner_name")), text_of(a, "object_id")});
  }
  table.print(std::cout);
  return kExitOk;
}

Json agenda_json(const AgendaItem& a) {
  return Json{{"source", a.source},         {"object_type", a.object_type},
              {"object_id", a.object_id},   {"ref", a.ref},
              {"title", a.title},           {"owner_id", a.owner_id},
              {"owner_name", a.owner_name}, {"due_on", a.due_on},
              {"state", a.state},           {"link", a.link}};
}

void add_review_due(CLI::App* parent, Invocation* invocation) {
  auto until = std::make_shared<std::string>();
  CLI::App* command = add_command(
      parent, "due", "Documents, risks, controls, evidence, exceptions and the SoA to review",
      invocation);
  command->add_option("--until", *until, "Up to this date (default today + 30 days)")
      ->type_name("YYYY-MM-DD");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [until](const ServiceContext& s) -> Result<Json> {
        std::string day = *until;
        if (day.empty()) {
          ISMS_ASSIGN(auto tx, s.store->begin_read());
          ISMS_ASSIGN(std::string today, organization_today(s, *tx));
          ISMS_ASSIGN(day, add_days(today, 30));
        }
        ISMS_ASSIGN(auto items, list_reviews_due(s, cli_operator(), day));
        Json answer = items_of(items, agenda_json);
        answer["until"] = day;
        return answer;
      },
      [until](ApiClient& c) {
        QueryList q;
        if (!until->empty()) q.push_back({"until", *until});
        return c.get("/reviews/due", q);
      },
      print_reviews);
}

struct CompleteOptions {
  std::string type, id, note, as_person;
};

int print_completion(const Json& c) {
  std::cout << "Reviewed " << sanitize_line(text_of(c, "object_type")) << " "
            << sanitize_line(text_of(c, "object_id"));
  if (!text_of(c, "next_review_on").empty()) {
    std::cout << ": next review on " << text_of(c, "next_review_on");
  }
  if (!text_of(c, "renewal_ref").empty()) {
    std::cout << ": renewal " << sanitize_line(text_of(c, "renewal_ref")) << " requested";
  }
  std::cout << "\n";
  return kExitOk;
}

void add_review_complete(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<CompleteOptions>();
  CLI::App* command = add_command(parent, "complete",
                                  "Complete a review: the date moves by the interval", invocation);
  command->add_option("--type", o->type, "document, risk, control, evidence, exception, soa")
      ->required();
  command->add_option("--id", o->id, "The object's id")->required();
  command->add_option("--note", o->note, "What the review found")->type_name("TEXT");
  command->add_option("--as-person", o->as_person, "Local operator only: the reviewing person")
      ->type_name("ID|EMAIL");
  add_json_flag(command, invocation);
  auto body = [o] {
    return Json{{"object_type", o->type}, {"object_id", o->id}, {"note", o->note}};
  };
  set_json_action(
      command, invocation,
      [o, body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(ReviewCompletionRequest r, review_completion_from_json(body()));
        ISMS_ASSIGN(Principal p, local_principal(s, o->as_person));
        ISMS_ASSIGN(ReviewCompletion c, complete_review(s, p, r, std::nullopt));
        return review_completion_to_json(c);
      },
      [o, body](ApiClient& c) -> Result<Json> {
        ISMS_TRY(no_as_person_remotely(o->as_person));
        return c.post("/reviews/complete", body());
      },
      print_completion);
}

}  // namespace

void add_exception_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* exception = add_command(
      root, "exception", "Exceptions from policies and controls (policy 3.3)", invocation);
  exception->require_subcommand(1);
  add_request(exception, invocation);
  add_list(exception, invocation);
  add_show(exception, invocation);
  add_decision(exception, invocation, "approve", "Approve a request (never one's own)",
               ExceptionAction::kApprove);
  add_decision(exception, invocation, "reject", "Reject a request with a note",
               ExceptionAction::kReject);
  add_decision(exception, invocation, "withdraw", "Withdraw one's own request",
               ExceptionAction::kWithdraw);
  add_decision(exception, invocation, "revoke", "Revoke an approved exception with a note",
               ExceptionAction::kRevoke);
  add_renew(exception, invocation);

  CLI::App* review = add_command(
      root, "review", "Needs review: objects whose review date is near or passed", invocation);
  review->require_subcommand(1);
  add_review_due(review, invocation);
  add_review_complete(review, invocation);
}

}  // namespace isms::cli
