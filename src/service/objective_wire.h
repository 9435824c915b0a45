// The wire forms of ObjectiveService results (docs/api.md "Objectives and indicators"),
// shared by the HTTP handlers and the CLI's local mode so both answer alike.
#pragma once

#include <vector>

#include "base/json.h"
#include "service/objective_service.h"

namespace isms {

// An indicator with its latest value, on_target, trend (last three values, oldest first),
// trend_state and measurement_overdue.
Json indicator_summary_json(const IndicatorSummary& s, const std::string& today);
// The objective's fields, owner_name and "indicators" (summaries).
Json objective_view_json(const ObjectiveView& v);
// The indicator's fields, its objective's ref and title, owner_name, the summary members
// and "measurements" in chart order.
Json indicator_view_json(const IndicatorView& v);
// {"today","objectives":{counts},"indicators":{counts},"items":[objective views]}.
Json objectives_summary_json(const ObjectivesSummary& s);
// {"measurement", "superseded" (or null), "indicator"}.
Json recorded_measurement_json(const RecordedMeasurement& r);

}  // namespace isms
