#include "service/risk_json.h"

#include <utility>

namespace isms {

Json risk_view_to_json(const RiskView& v) { return risk_to_json(v.risk, v.method, v.flags); }

Json heat_map_to_json(const HeatMap& m) {
  return Json{{"basis", m.residual ? "residual" : "inherent"},
              {"method", risk_method_to_json(m.method)},
              {"counts", m.counts},
              {"rated_under_old_methods", m.rated_under_old_methods},
              {"total", m.total}};
}

Json risk_summary_to_json(const RiskSummary& s) {
  Json owners = Json::array();
  for (const OwnerRiskSummary& o : s.top_owners) {
    owners.push_back({{"owner_id", o.owner_id.empty() ? Json(nullptr) : Json(o.owner_id)},
                      {"owner_name", o.owner_name},
                      {"risks", o.risks},
                      {"above_appetite", o.above_appetite},
                      {"max_residual_level", o.max_residual_level}});
  }
  Json top = Json::array();
  for (const RiskView& v : s.top_risks) top.push_back(risk_view_to_json(v));
  return Json{{"inherent", heat_map_to_json(s.inherent)},
              {"residual", heat_map_to_json(s.residual)},
              {"above_appetite", s.above_appetite},
              {"top_owners", std::move(owners)},
              {"top_risks", std::move(top)}};
}

Json soa_totals_to_json(const Soa::Totals& t) {
  return Json{{"lines", t.lines},
              {"applicable", t.applicable},
              {"not_applicable", t.not_applicable},
              {"undecided", t.undecided},
              {"implemented", t.implemented},
              {"partial", t.partial},
              {"planned", t.planned},
              {"not_started", t.not_started}};
}

}  // namespace isms
