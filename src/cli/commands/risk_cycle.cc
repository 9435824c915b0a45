// isms risk-cycle: the quarterly Risk Management Forum (docs/api.md "Risk cycles"): list
// with the schedule, open, show, review a risk (confirmed, or changed with new ratings),
// close into a frozen snapshot, compare two cycles or a cycle with the live register.
// The reviewer of a risk is a person: remotely the token's, locally --reviewer (the
// operator has no person of its own).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/risk_cycle.h"
#include "service/risk_cycle_service.h"

namespace isms::cli {

namespace {

std::string cycle_path(const std::string& id, const std::string& suffix = "") {
  return "/risk-cycles/" + ApiClient::segment(id) + suffix;
}

// {"cycle","reviews"} as the API answers (http/handlers/risk_cycles.cc): the service's
// next_due and schedule_state win over what the cycle alone would show.
Json cycle_view_json(const CycleView& v, const std::string& today) {
  Json cycle = risk_cycle_to_json(v.cycle, today);
  if (!v.next_due.empty()) cycle["next_due"] = v.next_due;
  if (!v.schedule_state.empty()) cycle["schedule_state"] = v.schedule_state;
  Json reviews = Json::array();
  for (const RiskReview& r : v.reviews) reviews.push_back(risk_review_to_json(r));
  return Json{{"cycle", std::move(cycle)}, {"reviews", std::move(reviews)}};
}

// --- list ---

int print_cycles(const Json& answer) {
  const Json& schedule = member_of(answer, "schedule");
  std::cout << "Schedule: " << text_of(schedule, "state");
  if (!text_of(schedule, "next_due").empty()) {
    std::cout << ", next cycle due " << text_of(schedule, "next_due");
  }
  std::cout << "\n";
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No risk cycles yet.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("TITLE", 40);
  table.add_column("OPENED");
  table.add_column("STATUS");
  table.add_column("REVIEWED");
  table.add_column("VERSION");
  for (const Json& c : items) {
    table.add_row({text_of(c, "id"), text_of(c, "title"), text_of(c, "opened_on"),
                   text_of(c, "status"),
                   std::to_string(int_of(c, "reviewed_count")) + "/" +
                       std::to_string(int_of(c, "risk_count")),
                   std::to_string(int_of(c, "version"))});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_list(CLI::App* parent, Invocation* invocation) {
  CLI::App* command =
      add_command(parent, "list", "List risk cycles and when the next one is due", invocation);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        RiskCycleService service(s);
        ISMS_ASSIGN(auto cycles, service.list(cli_operator()));
        ISMS_ASSIGN(ScheduleStatus schedule, service.schedule(cli_operator()));
        std::string today = today_of(s);
        Json answer =
            items_of(cycles, [&](const RiskCycle& c) { return risk_cycle_to_json(c, today); });
        answer["schedule"] =
            Json{{"next_due", schedule.next_due.empty() ? Json(nullptr) : Json(schedule.next_due)},
                 {"state", schedule.state}};
        return answer;
      },
      [](ApiClient& c) { return c.get("/risk-cycles"); }, print_cycles);
}

// --- show, open, review, close ---

int print_cycle(const Json& view) {
  const Json& c = member_of(view, "cycle");
  Details d;
  d.add("id", text_of(c, "id"));
  d.add("title", text_of(c, "title"));
  d.add("opened on", text_of(c, "opened_on"));
  d.add("status", text_of(c, "status") +
                      (text_of(c, "closed_at").empty() ? "" : " " + text_of(c, "closed_at")));
  d.add("method", std::to_string(int_of(c, "method_number")));
  d.add("reviewed", std::to_string(int_of(c, "reviewed_count")) + " of " +
                        std::to_string(int_of(c, "risk_count")) + " risk(s)");
  d.add("next due", or_dash(text_of(c, "next_due")) + " (" + text_of(c, "schedule_state") + ")");
  d.add("version", std::to_string(int_of(c, "version")));
  d.print(std::cout);
  const Json& reviews = array_of(view, "reviews");
  if (!reviews.empty()) {
    std::cout << "\n";
    Table table;
    table.add_column("RISK");
    table.add_column("TITLE", 40);
    table.add_column("OUTCOME");
    table.add_column("RESIDUAL");
    table.add_column("BY");
    table.add_column("NOTE", 40);
    for (const Json& r : reviews) {
      table.add_row({text_of(r, "risk_ref"), text_of(r, "risk_title"), text_of(r, "outcome"),
                     std::to_string(int_of(r, "residual_level_before")) + " -> " +
                         std::to_string(int_of(r, "residual_level_after")),
                     or_dash(text_of(r, "reviewed_by_name")), or_dash(text_of(r, "note"))});
    }
    table.print(std::cout);
  }
  return kExitOk;
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "show", "Show a cycle and its reviews", invocation);
  command->add_option("id", *id, "Cycle id")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(CycleView v, RiskCycleService(s).get(cli_operator(), *id));
        return cycle_view_json(v, today_of(s));
      },
      [id](ApiClient& c) { return c.get(cycle_path(*id)); }, print_cycle);
}

struct OpenOptions {
  Flag title, opened_on;
  int interval_months = 0;
};

void add_open(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<OpenOptions>();
  CLI::App* command = add_command(parent, "open", "Open the next cycle", invocation);
  add_flag_option(command, "--title", &o->title,
                  "Title (default \"<year> Q<n> Risk Management Forum\")", "TEXT");
  add_flag_option(command, "--opened-on", &o->opened_on, "Date (default today)", "YYYY-MM-DD");
  command
      ->add_option("--interval-months", o->interval_months,
                   "Months until the next cycle is due (default 3)")
      ->type_name("N");
  add_json_flag(command, invocation);
  auto body = [o] {
    Json b = Json::object();
    if (o->title.given()) b["title"] = o->title.value;
    if (o->opened_on.given()) b["opened_on"] = o->opened_on.value;
    if (o->interval_months != 0) b["interval_months"] = o->interval_months;
    return b;
  };
  set_json_action(
      command, invocation,
      [body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(CycleFields fields, cycle_fields_from_json(body()));
        ISMS_ASSIGN(CycleView v, RiskCycleService(s).open(cli_operator(), fields));
        return cycle_view_json(v, today_of(s));
      },
      [body](ApiClient& c) { return c.post("/risk-cycles", body()); }, print_cycle);
}

struct ReviewOptions {
  std::string id;
  std::string risk;
  bool confirmed = false;
  bool changed = false;
  Flag inherent, residual, treatment, note;
  int64_t risk_version = 0;
  std::string reviewer;
};

// The body of POST /risk-cycles/{id}/reviews, the risk resolved and, for a change without
// --risk-version, the risk's current version read.
Result<Json> review_body(const ReviewOptions& o, const Backend& b) {
  if (o.confirmed == o.changed) {
    return Error::invalid("outcome", "give either --confirmed or --changed");
  }
  Json change = Json::object();
  if (o.inherent.given()) {
    ISMS_ASSIGN(change["inherent"], parse_rating("inherent", o.inherent.value));
  }
  if (o.residual.given()) {
    ISMS_ASSIGN(change["residual"], parse_rating("residual", o.residual.value));
  }
  if (o.treatment.given()) change["treatment"] = o.treatment.value;
  if (o.confirmed && !change.empty()) {
    return Error::invalid("outcome",
                          "--inherent, --residual and --treatment describe a change; give "
                          "--changed");
  }
  if (o.changed && change.empty()) {
    return Error::invalid("outcome", "--changed needs --residual, --inherent or --treatment");
  }
  ISMS_ASSIGN(std::string risk_id, resolve_risk(b, "risk", o.risk));
  Json body{{"risk_id", risk_id}, {"outcome", o.changed ? "changed" : "confirmed"}};
  if (o.note.given()) body["note"] = o.note.value;
  if (o.changed) {
    int64_t version = o.risk_version;
    if (version <= 0) {
      Json risk;
      if (b.local) {
        ISMS_ASSIGN(RiskView v, RiskService(*b.local).get(cli_operator(), risk_id));
        version = v.risk.version;
      } else {
        ISMS_ASSIGN(risk, b.remote->get("/risks/" + ApiClient::segment(risk_id)));
        version = int_of(risk, "version");
      }
    }
    change["version"] = version;
    body["change"] = std::move(change);
  }
  return body;
}

void add_review(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ReviewOptions>();
  CLI::App* command =
      add_command(parent, "review", "Record the review of one risk in an open cycle", invocation);
  command->add_option("id", o->id, "Cycle id")->required();
  command->add_option("--risk", o->risk, "Risk id or ref")->required()->type_name("ID|REF");
  command->add_flag("--confirmed", o->confirmed, "The risk stays as it is");
  command->add_flag("--changed", o->changed, "The risk changes (with --residual & co.)");
  add_flag_option(command, "--inherent", &o->inherent, "New inherent rating", "L:C/I/A/AU");
  add_flag_option(command, "--residual", &o->residual, "New residual rating", "L:C/I/A/AU");
  add_flag_option(command, "--treatment", &o->treatment, "New treatment", "T");
  command
      ->add_option("--risk-version", o->risk_version,
                   "The risk's version you last read (default: its current version)")
      ->type_name("N");
  add_flag_option(command, "--note", &o->note, "What the forum said", "TEXT");
  command
      ->add_option("--reviewer", o->reviewer,
                   "Local operator only: the reviewing person (id or email)")
      ->type_name("ID|EMAIL");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(Json body, review_body(*o, b));
        ISMS_ASSIGN(ReviewRequest request, review_request_from_json(body));
        std::optional<std::string> reviewer;
        if (!o->reviewer.empty()) {
          ISMS_ASSIGN(reviewer, resolve_person(b, "reviewer", o->reviewer));
        }
        ISMS_ASSIGN(CycleView v,
                    RiskCycleService(s).review(cli_operator(), o->id, request, reviewer));
        return cycle_view_json(v, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        if (!o->reviewer.empty()) {
          return Error::invalid("reviewer",
                                "is for the local operator; with --server the token's person "
                                "reviews");
        }
        ISMS_ASSIGN(Json body, review_body(*o, Backend{nullptr, &c}));
        return c.post(cycle_path(o->id, "/reviews"), body);
      },
      print_cycle);
}

void add_close(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<int64_t>(0);
  CLI::App* command = add_command(
      parent, "close", "Close a cycle: freezes the register into its snapshot", invocation);
  command->add_option("id", *id, "Cycle id")->required();
  command->add_option("--version", *version, "The cycle's version you last read")
      ->required()
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id, version](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(CycleView v, RiskCycleService(s).close(cli_operator(), *id, *version));
        return cycle_view_json(v, today_of(s));
      },
      [id, version](ApiClient& c) {
        return c.post(cycle_path(*id, "/close"), Json{{"version", *version}});
      },
      print_cycle);
}

// --- compare ---

std::string entry_text(const Json& e) {
  return text_of(e, "ref") + " " + text_of(e, "title") + " (residual " +
         std::to_string(int_of(e, "residual_likelihood")) + "x" +
         std::to_string(int_of(e, "residual_impact")) + ", level " +
         std::to_string(int_of(e, "residual_level")) + ")";
}

int print_comparison(const Json& c) {
  for (const char* list : {"added", "removed"}) {
    for (const Json& e : array_of(c, list)) {
      std::cout << list << "  " << sanitize_line(entry_text(e)) << "\n";
    }
  }
  for (const char* list : {"raised", "lowered"}) {
    for (const Json& pair : array_of(c, list)) {
      const Json& before = member_of(pair, "before");
      const Json& after = member_of(pair, "after");
      std::cout << list << " " << sanitize_line(text_of(after, "ref")) << " "
                << sanitize_line(text_of(after, "title")) << ": residual level "
                << int_of(before, "residual_level") << " -> " << int_of(after, "residual_level")
                << "\n";
    }
  }
  std::cout << array_of(c, "added").size() << " added, " << array_of(c, "removed").size()
            << " removed, " << array_of(c, "raised").size() << " raised, "
            << array_of(c, "lowered").size() << " lowered, " << int_of(c, "unchanged")
            << " unchanged\n";
  return kExitOk;
}

void add_compare(CLI::App* parent, Invocation* invocation) {
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  CLI::App* command =
      add_command(parent, "compare",
                  "Compare a closed cycle with another or with the live register", invocation);
  command->add_option("a", *a, "A closed cycle's id")->required();
  command->add_option("b", *b, "Another cycle's id, or live")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [a, b](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(CycleComparison c, RiskCycleService(s).compare(cli_operator(), *a, *b));
        return cycle_comparison_to_json(c);
      },
      [a, b](ApiClient& c) {
        return c.get("/risk-cycles/compare", {{"a", *a}, {"b", *b}});
      },
      print_comparison);
}

}  // namespace

void add_risk_cycle_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* cycle =
      add_command(root, "risk-cycle",
                  "Quarterly Risk Management Forum: reviews of every risk, snapshots", invocation);
  cycle->require_subcommand(1);
  add_list(cycle, invocation);
  add_open(cycle, invocation);
  add_show(cycle, invocation);
  add_review(cycle, invocation);
  add_close(cycle, invocation);
  add_compare(cycle, invocation);
}

}  // namespace isms::cli
