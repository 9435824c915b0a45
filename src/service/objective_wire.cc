#include "service/objective_wire.h"

namespace isms {

Json indicator_summary_json(const IndicatorSummary& s, const std::string& today) {
  Json j = indicator_to_json(s.indicator, today);
  j["latest"] = s.latest ? measurement_to_json(*s.latest, s.indicator) : Json(nullptr);
  j["on_target"] = s.on_target ? Json(*s.on_target) : Json(nullptr);
  Json trend = Json::array();
  for (const Measurement& m : s.trend) trend.push_back(m.value.text());
  j["trend"] = std::move(trend);
  j["trend_state"] = s.trend_state ? Json(*s.trend_state) : Json(nullptr);
  return j;
}

Json objective_view_json(const ObjectiveView& v) {
  Json j = objective_to_json(v.objective, v.today);
  j["owner_name"] = v.owner_name.empty() ? Json(nullptr) : Json(v.owner_name);
  Json indicators = Json::array();
  for (const IndicatorSummary& s : v.indicators) {
    indicators.push_back(indicator_summary_json(s, v.today));
  }
  j["indicators"] = std::move(indicators);
  return j;
}

Json indicator_view_json(const IndicatorView& v) {
  Json j = indicator_summary_json(v.summary, v.today);
  j["objective_ref"] = v.objective_ref;
  j["objective_title"] = v.objective_title;
  j["owner_name"] = v.owner_name.empty() ? Json(nullptr) : Json(v.owner_name);
  Json ms = Json::array();
  for (const Measurement& m : v.measurements) ms.push_back(measurement_to_json(m, v.indicator));
  j["measurements"] = std::move(ms);
  return j;
}

Json objectives_summary_json(const ObjectivesSummary& s) {
  Json items = Json::array();
  for (const ObjectiveView& v : s.items) items.push_back(objective_view_json(v));
  return Json{{"today", s.today},
              {"objectives",
               {{"total", s.objectives},
                {"active", s.objectives_active},
                {"achieved", s.objectives_achieved},
                {"review_overdue", s.reviews_overdue}}},
              {"indicators",
               {{"total", s.indicators},
                {"on_target", s.on_target},
                {"off_target", s.off_target},
                {"not_measured", s.not_measured},
                {"measurement_overdue", s.measurements_overdue}}},
              {"items", std::move(items)}};
}

Json recorded_measurement_json(const RecordedMeasurement& r) {
  return Json{{"measurement", measurement_to_json(r.measurement, r.indicator)},
              {"superseded",
               r.superseded ? measurement_to_json(*r.superseded, r.indicator) : Json(nullptr)},
              {"indicator", indicator_to_json(r.indicator, r.today)}};
}

}  // namespace isms
