#include "domain/threat.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;
using risk_detail::JsonFields;

namespace {

constexpr size_t kCategoryMax = 60;

constexpr std::array<std::pair<SecurityProperty, std::string_view>, 4> kProperties = {{
    {SecurityProperty::kConfidentiality, "confidentiality"},
    {SecurityProperty::kIntegrity, "integrity"},
    {SecurityProperty::kAvailability, "availability"},
    {SecurityProperty::kAuthenticity, "authenticity"},
}};

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// Sorted in the order of kProperties, each once.
std::vector<SecurityProperty> normalized(std::vector<SecurityProperty> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::string_view security_property_name(SecurityProperty p) {
  for (auto& [prop, name] : kProperties) {
    if (prop == p) return name;
  }
  return "confidentiality";
}

std::optional<SecurityProperty> parse_security_property(std::string_view s) {
  for (auto& [prop, name] : kProperties) {
    if (name == s) return prop;
  }
  return std::nullopt;
}

std::string_view risk_source_kind_name(RiskSourceKind k) {
  return k == RiskSourceKind::kThreat ? "threat" : "vulnerability";
}

std::vector<FieldError> validate_risk_source(const RiskSource& s) {
  std::vector<FieldError> errors;
  check_text(errors, "name", s.name, kThreatNameMax, false, true);
  check_text(errors, "category", s.category, kCategoryMax, false, false);
  check_text(errors, "description", s.description, kThreatDescriptionMax, true, false);
  if (normalized(s.properties).size() != s.properties.size()) {
    errors.push_back({"properties", "must name each property at most once"});
  }
  return errors;
}

Json risk_source_to_json(const RiskSource& s) {
  Json props = Json::array();
  for (SecurityProperty p : s.properties) props.push_back(security_property_name(p));
  return Json{{"id", s.id},
              {"kind", risk_source_kind_name(s.kind)},
              {"key", s.key},
              {"name", s.name},
              {"category", s.category},
              {"description", s.description},
              {"properties", std::move(props)},
              {"archived", s.archived_at.has_value()},
              {"archived_at", optional_json(s.archived_at)},
              {"version", s.version},
              {"created_at", s.created_at},
              {"updated_at", s.updated_at}};
}

Result<RiskSourceFields> risk_source_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  RiskSourceFields f;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "name") {
      f.name = d.string(v, key);
    } else if (key == "category") {
      f.category = d.string(v, key);
    } else if (key == "description") {
      f.description = d.string(v, key);
    } else if (key == "properties") {
      auto names = d.strings(v, key, kProperties.size() * 2);
      if (!names) continue;
      std::vector<SecurityProperty> props;
      bool ok = true;
      for (const auto& n : *names) {
        auto p = parse_security_property(n);
        if (!p) {
          d.add(key, "unknown property \"" + n +
                         "\"; expected confidentiality, integrity, availability or authenticity");
          ok = false;
          break;
        }
        props.push_back(*p);
      }
      if (ok) f.properties = normalized(std::move(props));
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) f.version = *n;
    } else if (key == "id" || key == "kind" || key == "key" || key == "archived" ||
               key == "archived_at" || key == "created_at" || key == "updated_at") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  // Field rules for what was given, so one response names every problem.
  RiskSource scratch;
  scratch.name = "x";
  apply_risk_source_fields(f, &scratch);
  for (auto& e : validate_risk_source(scratch)) {
    bool reported = std::any_of(d.errors.begin(), d.errors.end(),
                                [&](const FieldError& x) { return x.field == e.field; });
    if (!reported) d.errors.push_back(std::move(e));
  }
  ISMS_TRY(d.finish());
  return f;
}

void apply_risk_source_fields(const RiskSourceFields& f, RiskSource* s) {
  if (f.name) s->name = *f.name;
  if (f.category) s->category = *f.category;
  if (f.description) s->description = *f.description;
  if (f.properties) s->properties = normalized(*f.properties);
}

}  // namespace isms
