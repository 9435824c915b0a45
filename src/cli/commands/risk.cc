// isms risk: the risk register (docs/api.md "Risks"): list, show, create, update, accept,
// revoke-acceptance, archive, heat-map and export, locally as the operator or with
// --server. Both modes send or build the API's JSON body and print the API's answer
// (wire.h), so they accept the same values and print the same output.
//
// Acceptance above the appetite needs a person holding risks:accept and the method's role;
// the local operator has no person, so `accept --as-person` names the person who accepts,
// and the service checks that person's own roles (principal_as_person).
#include <CLI/App.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/risk.h"
#include "service/risk_service.h"

namespace isms::cli {

namespace {

constexpr int kMaxLimit = 500;

const std::vector<std::string>& sort_keys() {
  static const std::vector<std::string> keys = {
      "ref",        "title",          "inherent_level", "residual_level",
      "owner_name", "next_review_on", "updated_at"};
  return keys;
}

std::string risk_path(const std::string& id, const std::string& suffix = "") {
  return "/risks/" + ApiClient::segment(id) + suffix;
}

// The names of the flags that are set, for tables and details.
std::vector<std::string> flag_names(const Json& risk) {
  std::vector<std::string> out;
  const Json& flags = member_of(risk, "flags");
  for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
           {"above_appetite", "above appetite"},
           {"needs_acceptance", "needs acceptance"},
           {"acceptance_expired", "acceptance expired"},
           {"review_overdue", "review overdue"},
           {"residual_above_inherent", "residual above inherent"},
           {"mitigation_without_controls", "mitigation without controls"},
           {"rated_under_old_method", "rated under an old method"}}) {
    if (bool_of(flags, key)) out.emplace_back(label);
  }
  return out;
}

// --- list ---

struct ListOptions {
  bool above_appetite = false;
  std::vector<std::string> owners;
  std::string treatment;
  std::string asset;
  std::string control;
  std::string q;
  std::string sort;
  std::string archived;
  bool review_due = false;
  int limit = 0;
  bool all_pages = false;
};

// The query of GET /risks the options describe (checked here, so both modes fail alike
// before any request), owners resolved by email.
Result<QueryList> list_query(const ListOptions& o, const Backend& b) {
  QueryList query;
  if (o.above_appetite) query.emplace_back("above_appetite", "true");
  if (o.review_due) query.emplace_back("review_due", "true");
  std::vector<std::string> owners;
  for (const std::string& given : o.owners) {
    for (const std::string& owner : split_list(given)) {
      ISMS_ASSIGN(std::string id, resolve_person(b, "owner", owner));
      owners.push_back(id);
    }
  }
  if (!owners.empty()) query.emplace_back("owner_id", join(owners, ","));
  std::vector<std::string> treatments = split_list(o.treatment);
  for (const std::string& t : treatments) {
    if (!parse_treatment(t)) {
      return Error::invalid("treatment",
                            "'" + t + "' is not undecided, mitigate, accept, avoid or transfer");
    }
  }
  if (!treatments.empty()) query.emplace_back("treatment", join(treatments, ","));
  if (!o.asset.empty()) query.emplace_back("asset_id", o.asset);
  if (!o.control.empty()) {
    ISMS_ASSIGN(std::string id, resolve_control(b, "control", o.control));
    query.emplace_back("control_id", id);
  }
  if (!o.q.empty()) query.emplace_back("q", o.q);
  if (!o.sort.empty()) {
    std::string key = o.sort[0] == '-' ? o.sort.substr(1) : o.sort;
    if (std::find(sort_keys().begin(), sort_keys().end(), key) == sort_keys().end()) {
      return Error::invalid("sort", "'" + o.sort + "' is not one of " + join(sort_keys()) +
                                        " (prefix - for descending)");
    }
    query.emplace_back("sort", o.sort);
  }
  if (!o.archived.empty()) {
    if (o.archived != "false" && o.archived != "true" && o.archived != "all") {
      return Error::invalid("archived", "must be false, true or all");
    }
    query.emplace_back("archived", o.archived);
  }
  if (o.limit != 0) {
    if (o.limit < 1 || o.limit > kMaxLimit) {
      return Error::invalid("limit", "must be an integer from 1 to 500");
    }
    query.emplace_back("limit", std::to_string(o.limit));
  }
  return query;
}

// The same query as the service's request (what the HTTP handler decodes).
RiskListRequest list_request(const QueryList& query, const std::string& today) {
  RiskListRequest request;
  RiskQuery& q = request.query;
  for (const auto& [name, value] : query) {
    if (name == "above_appetite") request.above_appetite = true;
    if (name == "review_due") q.review_before = today;
    if (name == "owner_id") q.owner_ids = split_list(value);
    if (name == "treatment") q.treatments = split_list(value);
    if (name == "asset_id") q.asset_id = value;
    if (name == "control_id") q.control_id = value;
    if (name == "q") q.search = value;
    if (name == "limit") q.limit = std::stoi(value);
    if (name == "archived") {
      q.archived = value == "all"    ? ArchivedFilter::kAll
                   : value == "true" ? ArchivedFilter::kArchivedOnly
                                     : ArchivedFilter::kActiveOnly;
    }
    if (name == "sort") {
      q.descending = value[0] == '-';
      std::string key = q.descending ? value.substr(1) : value;
      auto it = std::find(sort_keys().begin(), sort_keys().end(), key);
      q.sort = static_cast<RiskSort>(it - sort_keys().begin());
    }
  }
  return request;
}

int print_risks(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No risks.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 40);
  table.add_column("OWNER", 24);
  table.add_column("INHERENT");
  table.add_column("RESIDUAL");
  table.add_column("TREATMENT");
  table.add_column("FLAGS");
  for (const Json& r : items) {
    std::string treatment = text_of(r, "treatment");
    if (!member_of(r, "acceptance").empty()) treatment += " (accepted)";
    if (!text_of(r, "archived_at").empty()) treatment += " (archived)";
    table.add_row({text_of(r, "ref"), text_of(r, "title"), or_dash(text_of(r, "owner_name")),
                   rating_label(member_of(r, "inherent")), rating_label(member_of(r, "residual")),
                   treatment, or_dash(join(flag_names(r)))});
  }
  table.print(std::cout);
  if (!text_of(answer, "next_cursor").empty()) {
    std::cout << "(more risks: use --all-pages or a larger --limit)\n";
  }
  return kExitOk;
}

void add_list(CLI::App* risk, Invocation* invocation) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* command = add_command(risk, "list", "List risks (filters, sort, pages)", invocation);
  command->add_flag("--above-appetite", o->above_appetite,
                    "Only risks whose residual level is above the appetite");
  command->add_option("--owner", o->owners, "Owner's person id or email (repeat for several)")
      ->type_name("ID|EMAIL");
  command
      ->add_option("--treatment", o->treatment,
                   "undecided, mitigate, accept, avoid, transfer (comma-separated)")
      ->type_name("T");
  command->add_option("--asset", o->asset, "Only risks naming this asset id")->type_name("ID");
  command->add_option("--control", o->control, "Only risks naming this control (id or ref)")
      ->type_name("ID|REF");
  command->add_option("--q", o->q, "Text in the ref, title or description")->type_name("TEXT");
  command->add_flag("--review-due", o->review_due, "Only risks whose review date has passed");
  command->add_option("--sort", o->sort, join(sort_keys(), ", ") + "; prefix - for descending")
      ->type_name("S");
  command->add_option("--archived", o->archived, "false (default), true or all")
      ->type_name("WHICH");
  command->add_option("--limit", o->limit, "Risks per page, 1-500 (default 50)")->type_name("N");
  command->add_flag("--all-pages", o->all_pages, "Read every page");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(QueryList query, list_query(*o, Backend{&s, nullptr}));
        RiskListRequest request = list_request(query, today_of(s));
        return collect_pages(o->all_pages, [&](const std::string& cursor) -> Result<Json> {
          request.cursor = cursor;
          ISMS_ASSIGN(RiskListResult page, RiskService(s).list(cli_operator(), request));
          return page_json(items_of(page.items, risk_view_to_json)["items"], page.next_cursor,
                           page.total);
        });
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(QueryList query, list_query(*o, Backend{nullptr, &c}));
        return collect_pages(o->all_pages, [&](const std::string& cursor) {
          QueryList q = query;
          if (!cursor.empty()) q.emplace_back("cursor", cursor);
          return c.get("/risks", q);
        });
      },
      print_risks);
}

// --- show ---

int print_risk(const Json& r) {
  Details d;
  d.add("ref", text_of(r, "ref"));
  d.add("id", text_of(r, "id"));
  d.add("title", text_of(r, "title"));
  if (!text_of(r, "description").empty()) d.add("description", text_of(r, "description"));
  d.add("assets", join(strings_in(array_of(r, "asset_ids"))));
  d.add("threat", text_of(r, "threat_name"));
  d.add("vulnerability", text_of(r, "vulnerability_name"));
  d.add("owner", or_dash(text_of(r, "owner_name")));
  d.add("method", std::to_string(int_of(r, "method_number")));
  d.add("inherent", rating_label(member_of(r, "inherent")));
  d.add("residual", rating_label(member_of(r, "residual")));
  d.add("treatment", text_of(r, "treatment"));
  if (!text_of(r, "treatment_plan").empty()) d.add("plan", text_of(r, "treatment_plan"));
  d.add("controls", or_dash(join(strings_in(array_of(r, "control_ids")))));
  const Json& a = member_of(r, "acceptance");
  if (!a.empty()) {
    d.add("accepted", or_dash(text_of(a, "accepted_by_name")) + " as " +
                          text_of(a, "accepted_by_role") + " on " +
                          text_of(a, "accepted_at").substr(0, 10) + ", expires " +
                          text_of(a, "expires_on"));
    d.add("justification", text_of(a, "justification"));
  }
  d.add("next review", or_dash(text_of(r, "next_review_on")));
  d.add("flags", or_dash(join(flag_names(r))));
  if (!text_of(r, "archived_at").empty()) {
    d.add("archived", text_of(r, "archived_at") + " (" + text_of(r, "archive_reason") + ")");
  }
  d.add("version", std::to_string(int_of(r, "version")));
  d.add("updated", text_of(r, "updated_at"));
  d.print(std::cout);
  return kExitOk;
}

int print_saved(const Json& r) {
  std::cout << "Risk " << text_of(r, "ref") << " \"" << sanitize_line(text_of(r, "title")) << "\" ("
            << text_of(r, "id") << "), version " << int_of(r, "version") << ": inherent "
            << sanitize_line(rating_label(member_of(r, "inherent"))) << ", residual "
            << sanitize_line(rating_label(member_of(r, "residual"))) << ", "
            << text_of(r, "treatment") << ".\n";
  std::vector<std::string> flags = flag_names(r);
  if (!flags.empty()) std::cout << "Flags: " << join(flags) << ".\n";
  return kExitOk;
}

struct IdOptions {
  std::string id;
};

void add_show(CLI::App* risk, Invocation* invocation) {
  auto o = std::make_shared<IdOptions>();
  CLI::App* command = add_command(risk, "show", "Show one risk", invocation);
  command->add_option("id", o->id, "Risk id or ref (R-0001)")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_risk(Backend{&s, nullptr}, "id", o->id));
        ISMS_ASSIGN(RiskView v, RiskService(s).get(cli_operator(), id));
        return risk_view_to_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_risk(Backend{nullptr, &c}, "id", o->id));
        return c.get(risk_path(id));
      },
      print_risk);
}

// --- create and update ---

struct EditOptions {
  std::string id;  // update only
  int64_t version = 0;
  Flag title, description, threat, vulnerability, inherent, residual, owner, treatment, plan,
      next_review;
  std::vector<std::string> assets, controls;
  CLI::Option* assets_option = nullptr;
  CLI::Option* controls_option = nullptr;
};

void add_edit_options(CLI::App* command, EditOptions* o, bool create) {
  add_flag_option(command, "--title", &o->title, "Title, 1-200 characters", "TEXT");
  add_flag_option(command, "--description", &o->description, "Description", "TEXT");
  o->assets_option = command
                         ->add_option("--asset", o->assets,
                                      "Asset id the risk concerns (repeat or comma-separate; "
                                      "replaces the list)")
                         ->type_name("ID")
                         ->delimiter(',');
  add_flag_option(command, "--threat", &o->threat, "Threat: id, key or name", "ID|NAME");
  add_flag_option(command, "--vulnerability", &o->vulnerability, "Vulnerability: id, key or name",
                  "ID|NAME");
  add_flag_option(command, "--inherent", &o->inherent,
                  "Inherent rating L:C/I/A/AU: likelihood, then the impact on confidentiality/"
                  "integrity/availability/authenticity (0 = not affected), e.g. 4:3/2/0/1",
                  "L:C/I/A/AU");
  add_flag_option(command, "--residual", &o->residual,
                  "Residual rating after treatment, L:C/I/A/AU", "L:C/I/A/AU");
  add_flag_option(command, "--owner", &o->owner, "Owner: person id or email (\"\" for none)",
                  "ID|EMAIL");
  add_flag_option(command, "--treatment", &o->treatment,
                  "undecided, mitigate, accept, avoid or transfer", "T");
  add_flag_option(command, "--plan", &o->plan, "Treatment plan", "TEXT");
  o->controls_option = command
                           ->add_option("--control", o->controls,
                                        "Control (id or ref C-0001) that treats the risk (repeat "
                                        "or comma-separate; replaces the list)")
                           ->type_name("ID|REF")
                           ->delimiter(',');
  add_flag_option(command, "--next-review", &o->next_review, "Next review date (\"\" for none)",
                  "YYYY-MM-DD");
  if (create) {
    o->title.option->required();
    o->assets_option->required();
    o->threat.option->required();
    o->vulnerability.option->required();
    o->inherent.option->required();
    o->residual.option->required();
  }
}

// The body of POST /risks or PATCH /risks/{id} the options describe, names resolved.
Result<Json> edit_body(const EditOptions& o, const Backend& b, bool create) {
  Json body = Json::object();
  if (o.title.given()) body["title"] = o.title.value;
  if (o.description.given()) body["description"] = o.description.value;
  if (o.assets_option->count() > 0) body["asset_ids"] = o.assets;
  if (o.inherent.given()) {
    ISMS_ASSIGN(body["inherent"], parse_rating("inherent", o.inherent.value));
  }
  if (o.residual.given()) {
    ISMS_ASSIGN(body["residual"], parse_rating("residual", o.residual.value));
  }
  if (o.treatment.given()) body["treatment"] = o.treatment.value;
  if (o.plan.given()) body["treatment_plan"] = o.plan.value;
  if (o.next_review.given()) {
    body["next_review_on"] =
        o.next_review.value.empty() ? Json(nullptr) : Json(o.next_review.value);
  }
  if (!create && body.empty() && !o.threat.given() && !o.vulnerability.given() &&
      !o.owner.given() && o.controls_option->count() == 0) {
    return Error::invalid("risk",
                          "nothing to change: give --title, --description, --asset, --threat, "
                          "--vulnerability, --inherent, --residual, --owner, --treatment, --plan, "
                          "--control or --next-review");
  }
  // Names are looked up only once the options themselves are known to be well-formed.
  if (o.threat.given()) {
    ISMS_ASSIGN(body["threat_id"],
                resolve_source(b, RiskSourceKind::kThreat, "threat", o.threat.value));
  }
  if (o.vulnerability.given()) {
    ISMS_ASSIGN(body["vulnerability_id"], resolve_source(b, RiskSourceKind::kVulnerability,
                                                         "vulnerability", o.vulnerability.value));
  }
  if (o.owner.given()) {
    if (o.owner.value.empty()) {
      body["owner_id"] = nullptr;
    } else {
      ISMS_ASSIGN(body["owner_id"], resolve_person(b, "owner", o.owner.value));
    }
  }
  if (o.controls_option->count() > 0) {
    Json ids = Json::array();
    for (const std::string& c : o.controls) {
      if (c.empty()) continue;
      ISMS_ASSIGN(std::string id, resolve_control(b, "control", c));
      ids.push_back(id);
    }
    body["control_ids"] = std::move(ids);
  }
  if (!create) body["version"] = o.version;
  return body;
}

void add_create(CLI::App* risk, Invocation* invocation) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command =
      add_command(risk, "create", "Create a risk, rated under the current method", invocation);
  add_edit_options(command, o.get(), /*create=*/true);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{&s, nullptr}, /*create=*/true));
        ISMS_ASSIGN(RiskPatch patch, risk_patch_from_json(body));
        ISMS_ASSIGN(RiskView v, RiskService(s).create(cli_operator(), patch));
        return risk_view_to_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{nullptr, &c}, /*create=*/true));
        return c.post("/risks", body);
      },
      print_saved);
}

void add_update(CLI::App* risk, Invocation* invocation) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(risk, "update", "Change a risk", invocation);
  command->add_option("id", o->id, "Risk id or ref")->required();
  command->add_option("--version", o->version, "The version you last read (isms risk show)")
      ->required()
      ->type_name("N");
  add_edit_options(command, o.get(), /*create=*/false);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(Json body, edit_body(*o, b, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_risk(b, "id", o->id));
        ISMS_ASSIGN(RiskPatch patch, risk_patch_from_json(body));
        ISMS_ASSIGN(RiskView v, RiskService(s).update(cli_operator(), id, patch));
        return risk_view_to_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        Backend b{nullptr, &c};
        ISMS_ASSIGN(Json body, edit_body(*o, b, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_risk(b, "id", o->id));
        return c.patch(risk_path(id), body);
      },
      print_saved);
}

// --- accept, revoke-acceptance, archive ---

struct ActionOptions {
  std::string id;
  int64_t version = 0;
  std::string text;  // justification or reason
  Flag expires_on;
  std::string as_person;
};

void add_accept(CLI::App* risk, Invocation* invocation) {
  auto o = std::make_shared<ActionOptions>();
  CLI::App* command = add_command(
      risk, "accept",
      "Accept the residual risk. Within the appetite: the owner or risks:write; above it: a "
      "person with risks:accept and the method's acceptance role (default CEO)",
      invocation);
  command->add_option("id", o->id, "Risk id or ref")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  command->add_option("--justification", o->text, "Why the risk is accepted")
      ->required()
      ->type_name("TEXT");
  add_flag_option(command, "--expires-on", &o->expires_on,
                  "Expiry (default: today + the method's validity; at most 36 months)",
                  "YYYY-MM-DD");
  command
      ->add_option("--as-person", o->as_person,
                   "Local operator only: the person who accepts (id or email); their own roles "
                   "must allow it")
      ->type_name("ID|EMAIL");
  add_json_flag(command, invocation);
  auto expires = [o]() {
    return o->expires_on.given() ? std::optional<std::string>(o->expires_on.value) : std::nullopt;
  };
  set_json_action(
      command, invocation,
      [o, expires](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_risk(Backend{&s, nullptr}, "id", o->id));
        Principal p = cli_operator();
        if (!o->as_person.empty()) {
          ISMS_ASSIGN(p, principal_as_person(s, o->as_person));
        }
        Result<RiskView> v = RiskService(s).accept(p, id, o->version, o->text, expires());
        if (!v.ok() && v.error().code == ErrorCode::kForbidden && o->as_person.empty()) {
          Error e = v.error();
          e.message += " (give --as-person ID|EMAIL: the person who accepts)";
          return e;
        }
        if (!v.ok()) return v.error();
        return risk_view_to_json(*v);
      },
      [o, expires](ApiClient& c) -> Result<Json> {
        if (!o->as_person.empty()) {
          return Error::invalid("as-person",
                                "is for the local operator; with --server the token's person "
                                "accepts");
        }
        ISMS_ASSIGN(std::string id, resolve_risk(Backend{nullptr, &c}, "id", o->id));
        Json body{{"version", o->version}, {"justification", o->text}};
        if (auto e = expires()) body["expires_on"] = *e;
        return c.post(risk_path(id, "/accept"), body);
      },
      print_saved);
}

void add_reasoned_action(CLI::App* risk, Invocation* invocation, const std::string& verb,
                         const std::string& description, const std::string& path_suffix) {
  auto o = std::make_shared<ActionOptions>();
  CLI::App* command = add_command(risk, verb, description, invocation);
  command->add_option("id", o->id, "Risk id or ref")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  command->add_option("--reason", o->text, "Why")->required()->type_name("TEXT");
  add_json_flag(command, invocation);
  const bool archive = verb == "archive";
  set_json_action(
      command, invocation,
      [o, archive](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_risk(Backend{&s, nullptr}, "id", o->id));
        RiskService service(s);
        ISMS_ASSIGN(RiskView v,
                    archive ? service.archive(cli_operator(), id, o->version, o->text)
                            : service.revoke_acceptance(cli_operator(), id, o->version, o->text));
        return risk_view_to_json(v);
      },
      [o, path_suffix](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_risk(Backend{nullptr, &c}, "id", o->id));
        return c.post(risk_path(id, path_suffix),
                      Json{{"version", o->version}, {"reason", o->text}});
      },
      print_saved);
}

// --- heat-map and export ---

// The grid as text: likelihood rows from the highest down, impact columns from the lowest
// up, each cell the number of risks and the level's name.
int print_heat_map(const Json& map) {
  const Json& method = member_of(map, "method");
  const Json& likelihood = array_of(method, "likelihood");
  const Json& impact = array_of(method, "impact");
  const Json& levels = array_of(method, "levels");
  const Json& grid = array_of(method, "grid");
  const Json& counts = array_of(map, "counts");
  std::cout << (text_of(map, "basis") == "inherent" ? "Inherent" : "Residual")
            << " risk heat map, method " << int_of(method, "number") << " ("
            << sanitize_line(text_of(method, "name")) << "): " << int_of(map, "total")
            << " risk(s)\n\n";
  Table table;
  table.add_column("LIKELIHOOD \\ IMPACT");
  for (const Json& i : impact) {
    table.add_column(std::to_string(int_of(i, "value")) + " " + text_of(i, "name"));
  }
  for (size_t l = likelihood.size(); l-- > 0;) {
    std::vector<std::string> row{std::to_string(int_of(likelihood[l], "value")) + " " +
                                 text_of(likelihood[l], "name")};
    for (size_t i = 0; i < impact.size(); ++i) {
      int64_t count = 0;
      if (l < counts.size() && counts[l].is_array() && i < counts[l].size() &&
          counts[l][i].is_number_integer()) {
        count = counts[l][i].get<int64_t>();
      }
      std::string level;
      if (l < grid.size() && grid[l].is_array() && i < grid[l].size() &&
          grid[l][i].is_number_integer()) {
        auto rank = grid[l][i].get<size_t>();
        if (rank < levels.size()) level = text_of(levels[rank], "name");
      }
      row.push_back(std::to_string(count) + " " + level);
    }
    table.add_row(std::move(row));
  }
  table.print(std::cout);
  const Json& appetite = member_of(method, "appetite_level");
  std::cout << "\nAppetite: up to " << sanitize_line(or_dash(text_of(appetite, "name")))
            << "; above it acceptance needs the role "
            << sanitize_line(text_of(method, "acceptance_role_key")) << ".\n";
  if (int_of(map, "rated_under_old_methods") > 0) {
    std::cout << int_of(map, "rated_under_old_methods")
              << " risk(s) rated under older methods are not on this grid.\n";
  }
  return kExitOk;
}

void add_heat_map(CLI::App* risk, Invocation* invocation) {
  auto inherent = std::make_shared<bool>(false);
  CLI::App* command =
      add_command(risk, "heat-map", "Risks per likelihood and impact cell", invocation);
  command->add_flag("--inherent", *inherent, "The inherent ratings (default: residual)");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [inherent](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(HeatMap m, RiskService(s).heat_map(cli_operator(), !*inherent));
        return heat_map_to_json(m);
      },
      [inherent](ApiClient& c) -> Result<Json> {
        return c.get("/risks/heat-map", {{"basis", *inherent ? "inherent" : "residual"}});
      },
      print_heat_map);
}

struct ExportOptions {
  std::string format = "xlsx";
  std::string output;
};

Result<RiskService::RegisterFormat> register_format(const std::string& format) {
  if (format == "xlsx") return RiskService::RegisterFormat::kXlsx;
  if (format == "pdf") return RiskService::RegisterFormat::kPdf;
  return Error::invalid("format", "must be xlsx or pdf");
}

void add_export(CLI::App* risk, Invocation* invocation) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = add_command(
      risk, "export", "The risk register as a file (method, register, both matrices)", invocation);
  command->add_option("--format", o->format, "xlsx (default) or pdf")->type_name("FORMAT");
  command->add_option("--output,-o", o->output, "File to write (- for standard output)")
      ->required()
      ->type_name("FILE");
  set_file_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<std::string> {
        ISMS_ASSIGN(auto format, register_format(o->format));
        ISMS_ASSIGN(auto file, RiskService(s).export_register(cli_operator(), format));
        return std::move(file.bytes);
      },
      [o](ApiClient& c) -> Result<std::string> {
        ISMS_TRY(register_format(o->format));
        return c.get_file("/risks/export", {{"format", o->format}});
      },
      [o] { return o->output; });
}

}  // namespace

void add_risk_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* risk = add_command(
      root, "risk", "The risk register: ratings, treatment, acceptance, heat map, export",
      invocation);
  risk->require_subcommand(1);
  add_list(risk, invocation);
  add_show(risk, invocation);
  add_create(risk, invocation);
  add_update(risk, invocation);
  add_accept(risk, invocation);
  add_reasoned_action(risk, invocation, "revoke-acceptance", "Revoke the acceptance of a risk",
                      "/revoke-acceptance");
  add_reasoned_action(risk, invocation, "archive", "Archive a risk (it stays in the history)",
                      "/archive");
  add_heat_map(risk, invocation);
  add_export(risk, invocation);
}

}  // namespace isms::cli
