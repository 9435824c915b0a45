// isms risk-method: the versioned risk method (docs/api.md "Risk method"): show, versions,
// preview of a change (what it would do to every rating; nothing stored) and save as the
// next version, optionally re-rating the risks. A method file is the JSON of `isms
// risk-method show --json` edited by hand: its read-only members (number, appetite_level,
// created_by, created_at) are dropped before it is sent, so the round trip just works.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/risk_method.h"
#include "service/risk_service.h"

namespace isms::cli {

namespace {

constexpr size_t kMaxMethodBytes = 256u << 10;  // the API's body limit for a method

int print_method(const Json& m) {
  std::cout << "Risk method " << int_of(m, "number") << ": " << sanitize_line(text_of(m, "name"))
            << "\n";
  if (!text_of(m, "change_note").empty()) {
    std::cout << "Change note: " << sanitize_line(text_of(m, "change_note")) << "\n";
  }
  std::cout << "Created " << text_of(m, "created_at") << " by "
            << sanitize_line(text_of(m, "created_by")) << "\n\n";
  for (const char* scale : {"likelihood", "impact"}) {
    std::cout << (std::string(scale) == "likelihood" ? "Likelihood" : "Impact") << "\n";
    for (const Json& s : array_of(m, scale)) {
      std::cout << "  " << int_of(s, "value") << "  " << sanitize_line(text_of(s, "name"));
      if (!text_of(s, "description").empty()) {
        std::cout << ": " << sanitize_line(text_of(s, "description"));
      }
      std::cout << "\n";
    }
  }
  std::cout << "Levels\n";
  const Json& levels = array_of(m, "levels");
  for (const Json& l : levels) {
    std::cout << "  " << int_of(l, "rank") << "  " << sanitize_line(text_of(l, "key")) << "  "
              << sanitize_line(text_of(l, "name")) << "  " << text_of(l, "colour") << "\n";
  }
  std::cout << "Grid (likelihood rows from the highest, impact columns from 1)\n";
  const Json& grid = array_of(m, "grid");
  for (size_t l = grid.size(); l-- > 0;) {
    std::cout << "  " << (l + 1) << " |";
    for (const Json& rank : grid[l]) {
      size_t r = rank.is_number_integer() ? rank.get<size_t>() : 0;
      std::cout << " " << (r < levels.size() ? sanitize_line(text_of(levels[r], "key")) : "?");
    }
    std::cout << "\n";
  }
  std::cout << "Appetite: up to " << sanitize_line(text_of(member_of(m, "appetite_level"), "name"))
            << " (rank " << int_of(m, "appetite_rank") << "); above it acceptance needs the role "
            << sanitize_line(text_of(m, "acceptance_role_key")) << "; acceptances last "
            << int_of(m, "acceptance_validity_months") << " months.\n";
  return kExitOk;
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto number = std::make_shared<int64_t>(0);
  CLI::App* command =
      add_command(parent, "show", "Show the current method (or a version)", invocation);
  command->add_option("--number", *number, "A version number (default: the current one)")
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [number](const ServiceContext& s) -> Result<Json> {
        RiskService service(s);
        ISMS_ASSIGN(RiskMethod m, *number > 0 ? service.method(cli_operator(), *number)
                                              : service.current_method(cli_operator()));
        return risk_method_to_json(m);
      },
      [number](ApiClient& c) -> Result<Json> {
        if (*number > 0) return c.get("/risk-method/versions/" + std::to_string(*number));
        return c.get("/risk-method");
      },
      print_method);
}

int print_versions(const Json& answer) {
  Table table;
  table.add_column("NUMBER");
  table.add_column("NAME", 30);
  table.add_column("APPETITE");
  table.add_column("CREATED");
  table.add_column("BY");
  table.add_column("NOTE", 50);
  for (const Json& m : array_of(answer, "items")) {
    table.add_row({std::to_string(int_of(m, "number")), text_of(m, "name"),
                   text_of(member_of(m, "appetite_level"), "name"), text_of(m, "created_at"),
                   text_of(m, "created_by"), or_dash(text_of(m, "change_note"))});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_versions(CLI::App* parent, Invocation* invocation) {
  CLI::App* command = add_command(parent, "versions", "List the method's versions", invocation);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto list, RiskService(s).methods(cli_operator()));
        return items_of(list, risk_method_to_json);
      },
      [](ApiClient& c) { return c.get("/risk-method/versions"); }, print_versions);
}

// --- preview and save ---

struct ChangeOptions {
  std::string file;
  std::string likelihood_map;
  std::string impact_map;
  int64_t expected_number = 0;  // save only
  bool rerate = false;          // save only
};

// The body of POST /risk-method/preview (save = false) or POST /risk-method.
Result<Json> change_body(const ChangeOptions& o, bool save) {
  ISMS_ASSIGN(std::string text, read_input("file", o.file, kMaxMethodBytes));
  Result<Json> parsed = parse_json(text);
  if (!parsed.ok()) {
    return Error::invalid("file", o.file + " is not valid JSON: " + parsed.error().message);
  }
  Json method = std::move(parsed).value();
  if (method.is_object() && method.contains("method")) method = method["method"];
  if (!method.is_object()) return Error::invalid("file", o.file + " must hold a JSON object");
  for (const char* read_only : {"number", "appetite_level", "created_by", "created_at"}) {
    method.erase(read_only);
  }
  Json body{{"method", std::move(method)}};
  if (!o.likelihood_map.empty()) {
    ISMS_ASSIGN(body["likelihood_map"], parse_scale_map("likelihood-map", o.likelihood_map));
  }
  if (!o.impact_map.empty()) {
    ISMS_ASSIGN(body["impact_map"], parse_scale_map("impact-map", o.impact_map));
  }
  if (save) {
    body["expected_number"] = o.expected_number;
    body["rerate"] = o.rerate;
  }
  return body;
}

struct DecodedChange {
  RiskMethod method;
  ScaleMapping mapping;
};

Result<DecodedChange> decode_change(const Json& body) {
  DecodedChange out;
  ISMS_ASSIGN(out.method, risk_method_from_json(body["method"]));
  Json maps = Json::object();
  for (const char* key : {"likelihood_map", "impact_map"}) {
    if (body.contains(key)) maps[key] = body[key];
  }
  ISMS_ASSIGN(out.mapping, scale_mapping_from_json(maps));
  return out;
}

Json rating_change_json(const RatingChange& c) {
  return Json{{"likelihood_before", c.likelihood_before}, {"impact_before", c.impact_before},
              {"level_before", c.level_before},           {"likelihood_after", c.likelihood_after},
              {"impact_after", c.impact_after},           {"level_after", c.level_after}};
}

Json preview_json(const MethodChangePreview& p) {
  Json changed = Json::array();
  for (const auto& item : p.changed) {
    changed.push_back({{"risk_id", item.risk_id},
                       {"ref", item.ref},
                       {"title", item.title},
                       {"inherent", rating_change_json(item.inherent)},
                       {"residual", rating_change_json(item.residual)}});
  }
  return Json{{"current", risk_method_to_json(p.current)},
              {"proposed", risk_method_to_json(p.proposed)},
              {"changed_count", p.changed_count},
              {"unchanged_count", p.unchanged_count},
              {"changed", std::move(changed)}};
}

// "3x4 high -> 3x3 medium" with level names of the two methods.
std::string change_text(const Json& c, const Json& current, const Json& proposed) {
  auto level = [](const Json& method, int64_t rank) {
    const Json& levels = array_of(method, "levels");
    return rank >= 0 && static_cast<size_t>(rank) < levels.size()
               ? text_of(levels[static_cast<size_t>(rank)], "key")
               : std::to_string(rank);
  };
  return std::to_string(int_of(c, "likelihood_before")) + "x" +
         std::to_string(int_of(c, "impact_before")) + " " +
         level(current, int_of(c, "level_before")) + " -> " +
         std::to_string(int_of(c, "likelihood_after")) + "x" +
         std::to_string(int_of(c, "impact_after")) + " " +
         level(proposed, int_of(c, "level_after"));
}

int print_preview(const Json& p) {
  std::cout << "Saving this method as version " << int_of(member_of(p, "proposed"), "number")
            << " would change " << int_of(p, "changed_count") << " risk(s); "
            << int_of(p, "unchanged_count") << " unchanged. Nothing was stored.\n";
  const Json& changed = array_of(p, "changed");
  if (changed.empty()) return kExitOk;
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 40);
  table.add_column("INHERENT");
  table.add_column("RESIDUAL");
  for (const Json& c : changed) {
    table.add_row(
        {text_of(c, "ref"), text_of(c, "title"),
         change_text(member_of(c, "inherent"), member_of(p, "current"), member_of(p, "proposed")),
         change_text(member_of(c, "residual"), member_of(p, "current"), member_of(p, "proposed"))});
  }
  table.print(std::cout);
  return kExitOk;
}

void add_map_options(CLI::App* command, ChangeOptions* o) {
  command->add_option("--file", o->file, "The method as JSON (- for standard input)")
      ->required()
      ->type_name("METHOD.json");
  command
      ->add_option("--likelihood-map", o->likelihood_map,
                   "Where each old likelihood value goes when the scale's size changes, e.g. "
                   "5=4,4=3,3=2,2=1,1=1")
      ->type_name("OLD=NEW,...");
  command->add_option("--impact-map", o->impact_map, "The same for the impact scale")
      ->type_name("OLD=NEW,...");
}

void add_preview(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ChangeOptions>();
  CLI::App* command = add_command(
      parent, "preview", "What saving a changed method would do to every rating (stores nothing)",
      invocation);
  add_map_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, change_body(*o, /*save=*/false));
        ISMS_ASSIGN(DecodedChange change, decode_change(body));
        ISMS_ASSIGN(MethodChangePreview p,
                    RiskService(s).preview_method(cli_operator(), change.method, change.mapping));
        return preview_json(p);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, change_body(*o, /*save=*/false));
        return c.post("/risk-method/preview", body);
      },
      print_preview);
}

int print_saved(const Json& m) {
  std::cout << "Saved risk method version " << int_of(m, "number") << " ("
            << sanitize_line(text_of(m, "name")) << ").\n";
  return kExitOk;
}

void add_save(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ChangeOptions>();
  CLI::App* command = add_command(
      parent, "save", "Save a changed method as the next version (risks:method)", invocation);
  add_map_options(command, o.get());
  command
      ->add_option("--expected-number", o->expected_number,
                   "The current method's number (refused when someone saved in between)")
      ->required()
      ->type_name("N");
  command->add_flag("--rerate", o->rerate,
                    "Re-rate every risk to the new method by the maps (default: risks keep their "
                    "old method and are flagged)");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, change_body(*o, /*save=*/true));
        ISMS_ASSIGN(DecodedChange change, decode_change(body));
        ISMS_ASSIGN(RiskMethod m,
                    RiskService(s).save_method(cli_operator(), change.method, change.mapping,
                                               o->expected_number, o->rerate));
        return risk_method_to_json(m);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, change_body(*o, /*save=*/true));
        return c.post("/risk-method", body);
      },
      print_saved);
}

}  // namespace

void add_risk_method_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* method =
      add_command(root, "risk-method",
                  "How risks are rated: scales, levels, grid, appetite (versioned)", invocation);
  method->require_subcommand(1);
  add_show(method, invocation);
  add_versions(method, invocation);
  add_preview(method, invocation);
  add_save(method, invocation);
}

}  // namespace isms::cli
