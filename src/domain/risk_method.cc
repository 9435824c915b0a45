#include "domain/risk_method.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;
using risk_detail::JsonFields;

namespace {

constexpr size_t kMethodNameMax = 200;
constexpr size_t kChangeNoteMax = 2000;
constexpr size_t kLevelKeyMax = 40;
constexpr size_t kRoleKeyMax = 60;
constexpr int kValidityMonthsMax = 36;

bool is_key(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_colour(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string at(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]"; }

void validate_scale(std::vector<FieldError>& errors, const std::string& field,
                    const std::vector<ScaleLevel>& scale) {
  if (scale.size() < static_cast<size_t>(kMinScaleLevels) ||
      scale.size() > static_cast<size_t>(kMaxScaleLevels)) {
    errors.push_back({field, "must have " + std::to_string(kMinScaleLevels) + " to " +
                                 std::to_string(kMaxScaleLevels) + " levels, has " +
                                 std::to_string(scale.size())});
    return;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < scale.size(); ++i) {
    const ScaleLevel& s = scale[i];
    if (s.value != static_cast<int>(i) + 1) {
      errors.push_back({at(field, i) + ".value", "must be " + std::to_string(i + 1)});
    }
    size_t before = errors.size();
    check_text(errors, at(field, i) + ".name", s.name, kScaleNameMax, false, true);
    if (errors.size() == before && !names.insert(s.name).second) {
      errors.push_back({at(field, i) + ".name", "\"" + s.name + "\" is used twice"});
    }
    check_text(errors, at(field, i) + ".description", s.description, kScaleDescriptionMax, true,
               false);
  }
}

Json scale_to_json(const std::vector<ScaleLevel>& scale) {
  Json out = Json::array();
  for (const auto& s : scale) {
    out.push_back(Json{{"value", s.value}, {"name", s.name}, {"description", s.description}});
  }
  return out;
}

Json level_to_json(const RiskLevel& l) {
  return Json{{"rank", l.rank}, {"key", l.key}, {"name", l.name}, {"colour", l.colour}};
}

// Decodes a scale array; values come from positions (a given value must match).
std::optional<std::vector<ScaleLevel>> scale_from_json(JsonFields& d, const Json& v,
                                                       const std::string& field) {
  if (!v.is_array()) {
    d.add(field, "must be an array of {\"value\",\"name\",\"description\"}");
    return std::nullopt;
  }
  if (v.size() > static_cast<size_t>(kMaxScaleLevels)) {
    d.add(field, "must have " + std::to_string(kMinScaleLevels) + " to " +
                     std::to_string(kMaxScaleLevels) + " levels, has " + std::to_string(v.size()));
    return std::nullopt;
  }
  std::vector<ScaleLevel> out;
  size_t errors_before = d.errors.size();
  for (size_t i = 0; i < v.size(); ++i) {
    const Json& e = v[i];
    std::string f = at(field, i);
    if (!e.is_object()) {
      d.add(f, "must be an object {\"value\",\"name\",\"description\"}");
      continue;
    }
    ScaleLevel s;
    s.value = static_cast<int>(i) + 1;
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (it.key() == "value") {
        auto n = d.integer(it.value(), f + ".value", 1, kMaxScaleLevels);
        if (n && *n != s.value) d.add(f + ".value", "must be " + std::to_string(s.value));
      } else if (it.key() == "name") {
        if (auto t = d.string(it.value(), f + ".name")) s.name = *t;
      } else if (it.key() == "description") {
        if (auto t = d.string(it.value(), f + ".description")) s.description = *t;
      } else {
        d.add(f + "." + it.key(), "unknown field");
      }
    }
    out.push_back(std::move(s));
  }
  if (d.errors.size() != errors_before) return std::nullopt;
  return out;
}

std::optional<std::vector<RiskLevel>> levels_from_json(JsonFields& d, const Json& v) {
  if (!v.is_array()) {
    d.add("levels", "must be an array of {\"key\",\"name\",\"colour\"}");
    return std::nullopt;
  }
  if (v.size() > static_cast<size_t>(kMaxRiskLevels)) {
    d.add("levels", "must have " + std::to_string(kMinRiskLevels) + " to " +
                        std::to_string(kMaxRiskLevels) + " levels, has " +
                        std::to_string(v.size()));
    return std::nullopt;
  }
  std::vector<RiskLevel> out;
  size_t errors_before = d.errors.size();
  for (size_t i = 0; i < v.size(); ++i) {
    const Json& e = v[i];
    std::string f = at("levels", i);
    if (!e.is_object()) {
      d.add(f, "must be an object {\"key\",\"name\",\"colour\"}");
      continue;
    }
    RiskLevel l;
    l.rank = static_cast<int>(i);
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (it.key() == "rank") {
        auto n = d.integer(it.value(), f + ".rank", 0, kMaxRiskLevels - 1);
        if (n && *n != l.rank) d.add(f + ".rank", "must be " + std::to_string(l.rank));
      } else if (it.key() == "key") {
        if (auto t = d.string(it.value(), f + ".key")) l.key = *t;
      } else if (it.key() == "name") {
        if (auto t = d.string(it.value(), f + ".name")) l.name = *t;
      } else if (it.key() == "colour") {
        if (auto t = d.string(it.value(), f + ".colour")) l.colour = *t;
      } else {
        d.add(f + "." + it.key(), "unknown field");
      }
    }
    out.push_back(std::move(l));
  }
  if (d.errors.size() != errors_before) return std::nullopt;
  return out;
}

std::optional<std::vector<std::vector<int>>> grid_from_json(JsonFields& d, const Json& v) {
  if (!v.is_array() || v.size() > static_cast<size_t>(kMaxScaleLevels)) {
    d.add("grid", "must be an array of rows (one per likelihood value) of level ranks");
    return std::nullopt;
  }
  std::vector<std::vector<int>> out;
  size_t errors_before = d.errors.size();
  for (size_t l = 0; l < v.size(); ++l) {
    const Json& row = v[l];
    if (!row.is_array() || row.size() > static_cast<size_t>(kMaxScaleLevels)) {
      d.add(at("grid", l), "must be an array of level ranks (one per impact value)");
      continue;
    }
    std::vector<int> ranks;
    for (size_t i = 0; i < row.size(); ++i) {
      auto n = d.integer(row[i], at(at("grid", l), i), 0, kMaxRiskLevels - 1);
      ranks.push_back(n ? static_cast<int>(*n) : 0);
    }
    out.push_back(std::move(ranks));
  }
  if (d.errors.size() != errors_before) return std::nullopt;
  return out;
}

// old value -> new value; REQUIRES a validated map or an empty one (identity).
int map_value(const std::vector<std::pair<int, int>>& map, int value) {
  for (auto [from, to] : map) {
    if (from == value) return to;
  }
  return value;
}

// A scale map must be given when the size changes and, when given, send every old value
// (exactly once) to a value of the new scale.
Status check_map(const std::string& field, const std::string& scale, size_t old_size,
                 size_t new_size, const std::vector<std::pair<int, int>>& map) {
  if (map.empty()) {
    if (old_size == new_size) return ok_status();
    return Error::invalid(field, "the " + scale + " scale changes from " +
                                     std::to_string(old_size) + " to " + std::to_string(new_size) +
                                     " levels: say which new value each old value 1.." +
                                     std::to_string(old_size) + " becomes");
  }
  std::set<int> seen;
  for (auto [from, to] : map) {
    if (from < 1 || static_cast<size_t>(from) > old_size) {
      return Error::invalid(field, "old value " + std::to_string(from) + " is not on the current " +
                                       scale + " scale (1.." + std::to_string(old_size) + ")");
    }
    if (to < 1 || static_cast<size_t>(to) > new_size) {
      return Error::invalid(field, "new value " + std::to_string(to) + " is not on the proposed " +
                                       scale + " scale (1.." + std::to_string(new_size) + ")");
    }
    if (!seen.insert(from).second) {
      return Error::invalid(field, "old value " + std::to_string(from) + " is mapped twice");
    }
  }
  if (seen.size() != old_size) {
    for (size_t v = 1; v <= old_size; ++v) {
      if (!seen.count(static_cast<int>(v))) {
        return Error::invalid(field, "old value " + std::to_string(v) + " is not mapped");
      }
    }
  }
  return ok_status();
}

std::optional<std::vector<std::pair<int, int>>> map_from_json(JsonFields& d, const Json& v,
                                                              const std::string& field) {
  if (v.is_null()) return std::vector<std::pair<int, int>>{};
  if (!v.is_object()) {
    d.add(field, "must be an object {\"old value\": new value}");
    return std::nullopt;
  }
  std::vector<std::pair<int, int>> out;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& key = it.key();
    bool numeric = !key.empty() && key.size() <= 2 &&
                   std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) {
      d.add(field, "key \"" + key + "\" is not a scale value");
      return std::nullopt;
    }
    auto to = d.integer(it.value(), field + "." + key, 1, kMaxScaleLevels);
    if (!to) return std::nullopt;
    out.emplace_back(std::stoi(key), static_cast<int>(*to));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

RiskMethod default_risk_method() {
  RiskMethod m;
  m.number = 1;
  m.name = "ISMS risk method";
  m.likelihood = {
      {1, "Rare", "Not expected in the next ten years; it would take an unusual chain of events."},
      {2, "Unlikely",
       "Could happen once in three to ten years; similar organizations have seen it."},
      {3, "Possible", "Could happen about once every one to three years."},
      {4, "Likely", "Expected about once a year, or a few times a year."},
      {5, "Almost certain", "Expected every month or more often, or already happening."},
  };
  m.impact = {
      {1, "Negligible",
       "Hardly noticeable. No information reaches anyone it should not; errors are caught at "
       "once; services pause for less than an hour; nobody is misled about who did what."},
      {2, "Minor",
       "Internal information seen by a few people it was not meant for; small errors fixed "
       "within a day; a service down for up to one working day; a borrowed identity used "
       "briefly without consequence. Customers do not notice."},
      {3, "Moderate",
       "Confidential information seen by a limited group outside its audience; wrong data "
       "reaches customers or reports before it is caught; important services down for one to "
       "three days; forged messages or logins cause rework. Some customers notice."},
      {4, "Major",
       "Customer data or trade secrets disclosed; decisions taken on corrupted data; important "
       "services down for up to two weeks; someone posing as us or as a colleague causes a "
       "payment or approval. Authorities or customers must be told; clear financial loss."},
      {5, "Severe",
       "Customer data disclosed on a large scale; records that can no longer be trusted or "
       "rebuilt; services down for more than two weeks; an attacker acts in our name towards "
       "customers or authorities. Contracts, licences or the organization itself at stake."},
  };
  m.levels = {
      {0, "low", "Low", "#2e7d32"},
      {1, "medium", "Medium", "#f9a825"},
      {2, "high", "High", "#ef6c00"},
      {3, "critical", "Critical", "#c62828"},
  };
  // Symmetric in likelihood and impact; each step up in either never lowers the level.
  m.grid = {
      {0, 0, 0, 1, 1},  // Rare
      {0, 0, 1, 1, 2},  // Unlikely
      {0, 1, 1, 2, 2},  // Possible
      {1, 1, 2, 2, 3},  // Likely
      {1, 2, 2, 3, 3},  // Almost certain
  };
  m.appetite_rank = 1;
  m.acceptance_role_key = "ceo";
  m.acceptance_validity_months = 12;
  return m;
}

std::vector<FieldError> validate_risk_method(const RiskMethod& m) {
  std::vector<FieldError> errors;
  check_text(errors, "name", m.name, kMethodNameMax, false, true);
  validate_scale(errors, "likelihood", m.likelihood);
  validate_scale(errors, "impact", m.impact);

  bool levels_ok = m.levels.size() >= static_cast<size_t>(kMinRiskLevels) &&
                   m.levels.size() <= static_cast<size_t>(kMaxRiskLevels);
  if (!levels_ok) {
    errors.push_back({"levels", "must have " + std::to_string(kMinRiskLevels) + " to " +
                                    std::to_string(kMaxRiskLevels) + " levels, has " +
                                    std::to_string(m.levels.size())});
  } else {
    std::set<std::string> keys;
    for (size_t i = 0; i < m.levels.size(); ++i) {
      const RiskLevel& l = m.levels[i];
      std::string f = at("levels", i);
      if (l.rank != static_cast<int>(i)) {
        errors.push_back({f + ".rank", "must be " + std::to_string(i)});
      }
      if (!is_key(l.key, kLevelKeyMax)) {
        errors.push_back({f + ".key", "must be 1 to 40 of a-z, 0-9 and _"});
      } else if (!keys.insert(l.key).second) {
        errors.push_back({f + ".key", "\"" + l.key + "\" is used twice"});
      }
      check_text(errors, f + ".name", l.name, kScaleNameMax, false, true);
      if (!is_colour(l.colour)) errors.push_back({f + ".colour", "must be a colour #RRGGBB"});
    }
  }

  // The grid: one row per likelihood value, one rank per impact value, monotone.
  size_t rows = m.likelihood.size(), cols = m.impact.size();
  if (m.grid.size() != rows) {
    errors.push_back({"grid", "must have one row per likelihood value (" + std::to_string(rows) +
                                  "), has " + std::to_string(m.grid.size())});
  } else {
    bool shape_ok = true;
    for (size_t l = 0; l < rows; ++l) {
      if (m.grid[l].size() != cols) {
        errors.push_back({at("grid", l), "must have one rank per impact value (" +
                                             std::to_string(cols) + "), has " +
                                             std::to_string(m.grid[l].size())});
        shape_ok = false;
      }
    }
    for (size_t l = 0; shape_ok && l < rows; ++l) {
      for (size_t i = 0; i < cols; ++i) {
        int rank = m.grid[l][i];
        std::string f = at(at("grid", l), i);
        if (rank < 0 || (levels_ok && static_cast<size_t>(rank) >= m.levels.size())) {
          errors.push_back({f, "rank " + std::to_string(rank) + " is not a level (0.." +
                                   std::to_string(m.levels.size() - 1) + ")"});
        } else if (l > 0 && rank < m.grid[l - 1][i]) {
          errors.push_back({f, "is lower than the cell of the lower likelihood (grid[" +
                                   std::to_string(l - 1) + "][" + std::to_string(i) +
                                   "]): the grid must never fall when likelihood rises"});
        } else if (i > 0 && rank < m.grid[l][i - 1]) {
          errors.push_back({f, "is lower than the cell of the lower impact (grid[" +
                                   std::to_string(l) + "][" + std::to_string(i - 1) +
                                   "]): the grid must never fall when impact rises"});
        }
      }
    }
  }

  if (m.appetite_rank < 0 ||
      (levels_ok && static_cast<size_t>(m.appetite_rank) >= m.levels.size())) {
    errors.push_back(
        {"appetite_rank", "must be the rank of a level (0.." +
                              std::to_string(m.levels.empty() ? 0 : m.levels.size() - 1) + ")"});
  }
  if (!is_key(m.acceptance_role_key, kRoleKeyMax)) {
    errors.push_back({"acceptance_role_key", "must be a role key (a-z, 0-9 and _)"});
  }
  if (m.acceptance_validity_months < 1 || m.acceptance_validity_months > kValidityMonthsMax) {
    errors.push_back({"acceptance_validity_months", "must be from 1 to 36"});
  }
  check_text(errors, "change_note", m.change_note, kChangeNoteMax, true, m.number > 1);
  return errors;
}

int risk_level_rank(const RiskMethod& m, int likelihood, int impact) {
  return m.grid[static_cast<size_t>(likelihood - 1)][static_cast<size_t>(impact - 1)];
}

bool within_appetite(const RiskMethod& m, int level_rank) { return level_rank <= m.appetite_rank; }

Result<RatingChange> remap_rating(const RiskMethod& current, const RiskMethod& next,
                                  const ScaleMapping& mapping, int likelihood, int impact) {
  ISMS_TRY(check_map("likelihood_map", "likelihood", current.likelihood.size(),
                     next.likelihood.size(), mapping.likelihood_map));
  ISMS_TRY(check_map("impact_map", "impact", current.impact.size(), next.impact.size(),
                     mapping.impact_map));
  auto in_scale = [](int v, size_t n) { return v >= 1 && static_cast<size_t>(v) <= n; };
  if (!in_scale(likelihood, current.likelihood.size()) ||
      !in_scale(impact, current.impact.size())) {
    return Error::invalid("rating", "likelihood " + std::to_string(likelihood) + " / impact " +
                                        std::to_string(impact) +
                                        " is not on the current method's scales");
  }
  RatingChange c;
  c.likelihood_before = likelihood;
  c.impact_before = impact;
  c.level_before = risk_level_rank(current, likelihood, impact);
  c.likelihood_after = map_value(mapping.likelihood_map, likelihood);
  c.impact_after = map_value(mapping.impact_map, impact);
  c.level_after = risk_level_rank(next, c.likelihood_after, c.impact_after);
  return c;
}

Json risk_method_to_json(const RiskMethod& m) {
  Json levels = Json::array();
  for (const auto& l : m.levels) levels.push_back(level_to_json(l));
  Json appetite = nullptr;
  if (m.appetite_rank >= 0 && static_cast<size_t>(m.appetite_rank) < m.levels.size()) {
    appetite = level_to_json(m.levels[static_cast<size_t>(m.appetite_rank)]);
  }
  return Json{{"number", m.number},
              {"name", m.name},
              {"likelihood", scale_to_json(m.likelihood)},
              {"impact", scale_to_json(m.impact)},
              {"levels", std::move(levels)},
              {"grid", m.grid},
              {"appetite_rank", m.appetite_rank},
              {"appetite_level", std::move(appetite)},
              {"acceptance_role_key", m.acceptance_role_key},
              {"acceptance_validity_months", m.acceptance_validity_months},
              {"change_note", m.change_note},
              {"created_by", m.created_by},
              {"created_at", m.created_at}};
}

Result<RiskMethod> risk_method_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("method", "must be a JSON object");
  RiskMethod m;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "name") {
      if (auto t = d.string(v, "name")) m.name = *t;
    } else if (key == "likelihood") {
      if (auto s = scale_from_json(d, v, "likelihood")) m.likelihood = std::move(*s);
    } else if (key == "impact") {
      if (auto s = scale_from_json(d, v, "impact")) m.impact = std::move(*s);
    } else if (key == "levels") {
      if (auto l = levels_from_json(d, v)) m.levels = std::move(*l);
    } else if (key == "grid") {
      if (auto g = grid_from_json(d, v)) m.grid = std::move(*g);
    } else if (key == "appetite_rank") {
      if (auto n = d.integer(v, "appetite_rank", 0, kMaxRiskLevels - 1)) {
        m.appetite_rank = static_cast<int>(*n);
      }
    } else if (key == "acceptance_role_key") {
      if (auto t = d.string(v, "acceptance_role_key")) m.acceptance_role_key = *t;
    } else if (key == "acceptance_validity_months") {
      if (auto n = d.integer(v, "acceptance_validity_months", 1, kValidityMonthsMax)) {
        m.acceptance_validity_months = static_cast<int>(*n);
      }
    } else if (key == "change_note") {
      if (auto t = d.string(v, "change_note")) m.change_note = *t;
    } else if (key == "number" || key == "appetite_level" || key == "created_by" ||
               key == "created_at") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return m;
}

Result<ScaleMapping> scale_mapping_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ScaleMapping out;
  JsonFields d;
  if (body.contains("likelihood_map")) {
    if (auto m = map_from_json(d, body["likelihood_map"], "likelihood_map")) {
      out.likelihood_map = std::move(*m);
    }
  }
  if (body.contains("impact_map")) {
    if (auto m = map_from_json(d, body["impact_map"], "impact_map")) out.impact_map = std::move(*m);
  }
  ISMS_TRY(d.finish());
  return out;
}

}  // namespace isms
