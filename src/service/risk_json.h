// Wire forms of the risk and SoA service results that are not plain domain values (docs/api.md
// "Risks", "Statement of Applicability"), shared by the HTTP handlers and the CLI so both
// print exactly the same JSON.
#pragma once

#include "base/json.h"
#include "domain/soa.h"
#include "service/risk_service.h"

namespace isms {

Json risk_view_to_json(const RiskView& v);
Json heat_map_to_json(const HeatMap& m);
Json risk_summary_to_json(const RiskSummary& s);
Json soa_totals_to_json(const Soa::Totals& t);

}  // namespace isms
