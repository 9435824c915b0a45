// Internals shared by the objective service files (objective_service.cc for objectives,
// objective_indicators.cc for indicators and measurements, objective_defaults.cc): the
// mapping between the domain's structs and operational records (src/store/README.md
// "Operational records": kinds objective, indicator, measurement), loads that name the
// missing object, and the views the use cases answer with.
#pragma once

#include <string>
#include <vector>

#include "service/objective_service.h"
#include "store/store.h"

namespace isms::objective_internal {

// Record <-> struct. The columns (ref, parent_id, status, owner_id, due_at, archived) carry
// what lists filter on; the body is the domain's objective_body & co. A withdrawn objective
// and a superseded measurement are archived records.
OpRecord objective_record(const Objective& o);
OpRecord indicator_record(const Indicator& i);
OpRecord measurement_record(const Measurement& m);
Result<Objective> objective_of(const OpRecord& r);
Result<Indicator> indicator_of(const OpRecord& r);
Result<Measurement> measurement_of(const OpRecord& r);

// kNotFound naming the id.
Result<Objective> load_objective(StoreTx& tx, const std::string& id);
Result<Indicator> load_indicator(StoreTx& tx, const std::string& id);
Result<Measurement> load_measurement(StoreTx& tx, const std::string& id);

// Every objective (withdrawn too), by ref.
Result<std::vector<Objective>> all_objectives(StoreTx& tx);
// The objective's indicators by ref.
Result<std::vector<Indicator>> indicators_of(StoreTx& tx, const std::string& objective_id);
// The indicator's measurements in chart order (superseded ones only when asked).
Result<std::vector<Measurement>> measurements_of(StoreTx& tx, const std::string& indicator_id,
                                                 bool include_superseded);

// The person's name; "" for an empty id or one that no longer exists.
Result<std::string> person_name(StoreTx& tx, const std::string& person_id);
// kInvalid naming `field` unless the person exists (an empty id is fine: no owner).
Status check_person(StoreTx& tx, const std::string& field, const std::string& person_id);

IndicatorSummary summarize(const Indicator& i, const std::vector<Measurement>& sorted,
                           const std::string& today);
Result<ObjectiveView> objective_view(StoreTx& tx, Objective o, const std::string& today);
Result<IndicatorView> indicator_view(StoreTx& tx, Indicator i, bool include_superseded,
                                     const std::string& today);

// What the ledger records of each (no derived flags, no bookkeeping).
Json objective_ledger_json(const Objective& o);
Json indicator_ledger_json(const Indicator& i);
Json measurement_ledger_json(const Measurement& m);

// The reference of the next record of a counter: "OBJ-" + two digits, "IND-" + four.
Result<std::string> next_ref(StoreTx& tx, const std::string& counter, const std::string& prefix,
                             int width);

}  // namespace isms::objective_internal
