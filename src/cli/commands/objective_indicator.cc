// isms indicator (add, show, update, retire) and isms measurement (record, list,
// supersede): the indicators of an objective and their measurements (docs/api.md
// "Objectives and indicators"). Values are exact decimals typed as text ("99.95").
// Indicators are named by id or ref (IND-0001).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/objective_cli.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/objective_service.h"
#include "service/objective_wire.h"

namespace isms::cli {

namespace {

std::string indicator_path(const std::string& id, const std::string& suffix = "") {
  return "/indicators/" + ApiClient::segment(id) + suffix;
}

std::string on_target_text(const Json& m) {
  const Json& on = field_of(m, "on_target");
  if (!on.is_boolean()) return "-";
  return on.get<bool>() ? "on target" : "OFF TARGET";
}

int print_measurements(const Json& list) {
  const Json& items = array_of(list, "items");
  if (items.empty()) {
    std::cout << "No measurements.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("MEASURED");
  table.add_column("VALUE");
  table.add_column("STATE");
  table.add_column("PERIOD");
  table.add_column("NOTE", 40);
  for (const Json& m : items) {
    std::string state = on_target_text(m);
    if (bool_of(m, "superseded")) state = "superseded";
    table.add_row({text_of(m, "id"), text_of(m, "measured_on"), text_of(m, "value"), state,
                   or_dash(text_of(m, "period")), or_dash(text_of(m, "note"))});
  }
  table.print(std::cout);
  return kExitOk;
}

}  // namespace

int print_indicator(const Json& i) {
  Details d;
  d.add("id", text_of(i, "id"));
  d.add("ref", text_of(i, "ref"));
  d.add("name", text_of(i, "name"));
  d.add("objective", text_of(i, "objective_ref") + " " + text_of(i, "objective_title"));
  d.add("target", target_text(i) + " (" + text_of(i, "direction") + ")");
  d.add("baseline", or_dash(text_of(i, "baseline")));
  d.add("frequency", text_of(i, "frequency"));
  d.add("owner", or_dash(text_of(i, "owner_name")));
  d.add("status", text_of(i, "status"));
  d.add("next due",
        text_of(i, "next_due_on") + (bool_of(i, "measurement_overdue") ? " (overdue)" : ""));
  const Json& latest = field_of(i, "latest");
  d.add("latest", latest.is_object()
                      ? text_of(latest, "value") + " on " + text_of(latest, "measured_on") + " (" +
                            on_target_text(latest) + ")"
                      : "-");
  d.add("trend", or_dash(text_of(i, "trend_state")));
  d.add("version", std::to_string(int_of(i, "version")));
  d.print(std::cout);
  if (i.contains("measurements")) {
    std::cout << "\n";
    print_measurements(Json{{"items", i["measurements"]}});
  }
  return kExitOk;
}

namespace {

struct IndicatorOptions {
  std::string target_of;  // objective (add) or indicator (update)
  Flag name, description, unit, direction, target, baseline, frequency, owner, status;
  int64_t version = 0;
};

void add_indicator_options(CLI::App* command, IndicatorOptions* o) {
  add_flag_option(command, "--name", &o->name, "Name", "TEXT");
  add_flag_option(command, "--description", &o->description, "What is measured and how", "TEXT");
  add_flag_option(command, "--unit", &o->unit, "Unit (at most 20 characters)", "UNIT");
  add_flag_option(command, "--direction", &o->direction,
                  "higher_is_better, lower_is_better or target_range", "D");
  add_flag_option(command, "--target", &o->target, "Target value, or MIN..MAX for a target_range",
                  "X|MIN..MAX");
  add_flag_option(command, "--baseline", &o->baseline, "Baseline value (\"\" = none)", "X");
  add_flag_option(command, "--frequency", &o->frequency, "monthly, quarterly or yearly", "F");
  add_flag_option(command, "--owner", &o->owner, "Owner (person id or email; \"\" = none)",
                  "ID|EMAIL");
}

Result<Json> indicator_body(const IndicatorOptions& o, const Backend& b) {
  Json body = Json::object();
  if (o.name.given()) body["name"] = o.name.value;
  if (o.description.given()) body["description"] = o.description.value;
  if (o.unit.given()) body["unit"] = o.unit.value;
  if (o.direction.given()) body["direction"] = o.direction.value;
  if (o.target.given()) {
    auto dots = o.target.value.find("..");
    if (dots == std::string::npos) {
      body["target"] = o.target.value;
    } else {
      body["target"] =
          Json::array({o.target.value.substr(0, dots), o.target.value.substr(dots + 2)});
    }
  }
  if (o.baseline.given()) {
    body["baseline"] = o.baseline.value.empty() ? Json(nullptr) : Json(o.baseline.value);
  }
  if (o.frequency.given()) body["frequency"] = o.frequency.value;
  if (o.status.given()) body["status"] = o.status.value;
  if (o.owner.given()) {
    if (o.owner.value.empty()) {
      body["owner_id"] = nullptr;
    } else {
      ISMS_ASSIGN(body["owner_id"], resolve_person(b, "owner", o.owner.value));
    }
  }
  if (o.version != 0) body["version"] = o.version;
  return body;
}

void add_indicator_add(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<IndicatorOptions>();
  CLI::App* command = add_command(parent, "add", "Add an indicator to an objective", invocation);
  command->add_option("objective", o->target_of, "Objective id or ref (OBJ-01)")->required();
  add_indicator_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string id, resolve_objective(b, "objective", o->target_of));
        ISMS_ASSIGN(Json body, indicator_body(*o, b));
        ISMS_ASSIGN(IndicatorFields fields, indicator_fields_from_json(body));
        ISMS_ASSIGN(IndicatorView v, ObjectiveService(s).add_indicator(cli_operator(), id, fields));
        return indicator_view_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        Backend b{nullptr, &c};
        ISMS_ASSIGN(std::string id, resolve_objective(b, "objective", o->target_of));
        ISMS_ASSIGN(Json body, indicator_body(*o, b));
        return c.post("/objectives/" + ApiClient::segment(id) + "/indicators", body);
      },
      print_indicator);
}

void add_indicator_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  CLI::App* command =
      add_command(parent, "show", "Show an indicator and its measurements", invocation);
  command->add_option("indicator", *id, "Indicator id or ref (IND-0001)")->required();
  command->add_flag("--all", *all, "Include superseded measurements");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id, all](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string iid, resolve_indicator(Backend{&s, nullptr}, "indicator", *id));
        ISMS_ASSIGN(IndicatorView v, ObjectiveService(s).get_indicator(cli_operator(), iid, *all));
        return indicator_view_json(v);
      },
      [id, all](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string iid, resolve_indicator(Backend{nullptr, &c}, "indicator", *id));
        return c.get(indicator_path(iid), {{"include_superseded", *all ? "true" : "false"}});
      },
      print_indicator);
}

void add_indicator_update(CLI::App* parent, Invocation* invocation, bool retire) {
  auto o = std::make_shared<IndicatorOptions>();
  CLI::App* command =
      retire ? add_command(parent, "retire", "Retire an indicator (kept with its measurements)",
                           invocation)
             : add_command(parent, "update", "Change an indicator", invocation);
  command->add_option("indicator", o->target_of, "Indicator id or ref")->required();
  if (!retire) add_indicator_options(command, o.get());
  command->add_option("--version", o->version, "The indicator's version you last read")
      ->required()
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o, retire](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string id, resolve_indicator(b, "indicator", o->target_of));
        ObjectiveService service(s);
        if (retire) {
          ISMS_ASSIGN(IndicatorView v, service.retire_indicator(cli_operator(), id, o->version));
          return indicator_view_json(v);
        }
        ISMS_ASSIGN(Json body, indicator_body(*o, b));
        ISMS_ASSIGN(IndicatorFields fields, indicator_fields_from_json(body));
        ISMS_ASSIGN(IndicatorView v, service.update_indicator(cli_operator(), id, fields));
        return indicator_view_json(v);
      },
      [o, retire](ApiClient& c) -> Result<Json> {
        Backend b{nullptr, &c};
        ISMS_ASSIGN(std::string id, resolve_indicator(b, "indicator", o->target_of));
        // The client has no DELETE: retiring is the same change as PATCH status=retired.
        if (retire) {
          return c.patch(indicator_path(id), Json{{"status", "retired"}, {"version", o->version}});
        }
        ISMS_ASSIGN(Json body, indicator_body(*o, b));
        return c.patch(indicator_path(id), body);
      },
      print_indicator);
}

struct MeasurementOptions {
  std::string target;  // indicator (record, list) or measurement (supersede)
  std::string value;
  Flag measured_on, period, note;
  bool all = false;
};

Json measurement_body(const MeasurementOptions& o) {
  Json body{{"value", o.value}};
  if (o.measured_on.given()) body["measured_on"] = o.measured_on.value;
  if (o.period.given()) body["period"] = o.period.value;
  if (o.note.given()) body["note"] = o.note.value;
  return body;
}

int print_recorded(const Json& r) {
  const Json& m = member_of(r, "measurement");
  std::cout << "Recorded " << text_of(m, "value") << " on " << text_of(m, "measured_on") << " ("
            << on_target_text(m) << "), measurement " << text_of(m, "id") << ".\n";
  const Json& old = field_of(r, "superseded");
  if (old.is_object()) {
    std::cout << "Superseded " << text_of(old, "value") << " (" << text_of(old, "id") << ").\n";
  }
  std::cout << "Next measurement due " << text_of(member_of(r, "indicator"), "next_due_on")
            << ".\n";
  return kExitOk;
}

void add_value_options(CLI::App* command, MeasurementOptions* o) {
  command->add_option("--value", o->value, "The measured value, exact (\"99.95\")")
      ->required()
      ->type_name("X");
  add_flag_option(command, "--on", &o->measured_on, "Date measured (default today)", "YYYY-MM-DD");
  add_flag_option(command, "--period", &o->period, "Period label (\"2026-Q3\")", "TEXT");
  add_flag_option(command, "--note", &o->note, "Note", "TEXT");
}

void add_measurement_record(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<MeasurementOptions>();
  CLI::App* command = add_command(parent, "record", "Record a measurement", invocation);
  command->add_option("indicator", o->target, "Indicator id or ref (IND-0001)")->required();
  add_value_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id,
                    resolve_indicator(Backend{&s, nullptr}, "indicator", o->target));
        ISMS_ASSIGN(MeasurementInput input, measurement_input_from_json(measurement_body(*o)));
        ISMS_ASSIGN(RecordedMeasurement r,
                    ObjectiveService(s).record_measurement(cli_operator(), id, input));
        return recorded_measurement_json(r);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id,
                    resolve_indicator(Backend{nullptr, &c}, "indicator", o->target));
        return c.post(indicator_path(id, "/measurements"), measurement_body(*o));
      },
      print_recorded);
}

void add_measurement_supersede(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<MeasurementOptions>();
  CLI::App* command =
      add_command(parent, "supersede",
                  "Correct a measurement: a new one replaces it (the old one is kept)", invocation);
  command->add_option("measurement", o->target, "Measurement id")->required();
  add_value_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(MeasurementInput input, measurement_input_from_json(measurement_body(*o)));
        ISMS_ASSIGN(RecordedMeasurement r,
                    ObjectiveService(s).supersede_measurement(cli_operator(), o->target, input));
        return recorded_measurement_json(r);
      },
      [o](ApiClient& c) {
        return c.post("/measurements/" + ApiClient::segment(o->target) + "/supersede",
                      measurement_body(*o));
      },
      print_recorded);
}

void add_measurement_list(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<MeasurementOptions>();
  CLI::App* command =
      add_command(parent, "list", "List an indicator's measurements in date order", invocation);
  command->add_option("indicator", o->target, "Indicator id or ref")->required();
  command->add_flag("--all", o->all, "Include superseded measurements");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id,
                    resolve_indicator(Backend{&s, nullptr}, "indicator", o->target));
        ISMS_ASSIGN(IndicatorView v, ObjectiveService(s).get_indicator(cli_operator(), id, o->all));
        Json items = Json::array();
        for (const Measurement& m : v.measurements) {
          items.push_back(measurement_to_json(m, v.indicator));
        }
        return Json{{"indicator", indicator_summary_json(v.summary, v.today)},
                    {"items", std::move(items)}};
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id,
                    resolve_indicator(Backend{nullptr, &c}, "indicator", o->target));
        return c.get(indicator_path(id, "/measurements"),
                     {{"include_superseded", o->all ? "true" : "false"}});
      },
      print_measurements);
}

}  // namespace

void add_indicator_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* indicator =
      add_command(root, "indicator", "Indicators measuring an objective", invocation);
  indicator->require_subcommand(1);
  add_indicator_add(indicator, invocation);
  add_indicator_show(indicator, invocation);
  add_indicator_update(indicator, invocation, false);
  add_indicator_update(indicator, invocation, true);
}

void add_measurement_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* measurement =
      add_command(root, "measurement", "Measurements of an indicator over time", invocation);
  measurement->require_subcommand(1);
  add_measurement_record(measurement, invocation);
  add_measurement_list(measurement, invocation);
  add_measurement_supersede(measurement, invocation);
}

}  // namespace isms::cli
