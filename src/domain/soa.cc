#include "domain/soa.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

namespace isms {

namespace {

constexpr std::array<std::pair<Applicable, std::string_view>, 3> kApplicable = {{
    {Applicable::kUndecided, "undecided"},
    {Applicable::kYes, "yes"},
    {Applicable::kNo, "no"},
}};
constexpr std::array<std::pair<InclusionReason, std::string_view>, 4> kReasons = {{
    {InclusionReason::kRiskTreatment, "risk_treatment"},
    {InclusionReason::kLegal, "legal"},
    {InclusionReason::kContractual, "contractual"},
    {InclusionReason::kBusinessNeed, "business_need"},
}};
constexpr std::array<std::pair<ImplementationStatus, std::string_view>, 4> kImplementation = {{
    {ImplementationStatus::kNotStarted, "not_started"},
    {ImplementationStatus::kPlanned, "planned"},
    {ImplementationStatus::kPartial, "partial"},
    {ImplementationStatus::kImplemented, "implemented"},
}};

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (auto& [v, name] : table)
    if (v == value) return name;
  return table[0].second;
}

template <typename E, size_t N>
std::optional<E> parse_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view text) {
  for (auto& [v, name] : table)
    if (name == text) return v;
  return std::nullopt;
}

template <typename E, size_t N>
std::string allowed(const std::array<std::pair<E, std::string_view>, N>& table) {
  std::string s;
  for (auto& [v, name] : table) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool has_control_characters(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r' || c == '\t') continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::vector<InclusionReason> sorted_unique(std::vector<InclusionReason> reasons) {
  std::sort(reasons.begin(), reasons.end());
  reasons.erase(std::unique(reasons.begin(), reasons.end()), reasons.end());
  return reasons;
}

Json reasons_json(const std::vector<InclusionReason>& reasons) {
  Json out = Json::array();
  for (InclusionReason r : reasons) out.push_back(inclusion_reason_name(r));
  return out;
}

using LineKey = std::pair<std::string, std::string>;
LineKey key_of(const Applicability& a) { return {a.framework_id, a.ref_id}; }

// The fields a reader of two versions cares about, by their JSON names. Derived fields
// (controls, risks, evidence) count too: an auditor comparing two approved versions wants
// to see that the evidence behind a control changed.
std::vector<std::string> changed_fields(const Applicability& a, const Applicability& b) {
  std::vector<std::string> out;
  if (a.applicable != b.applicable) out.push_back("applicable");
  if (a.reasons != b.reasons) out.push_back("reasons");
  if (a.justification != b.justification) out.push_back("justification");
  if (a.implementation != b.implementation) out.push_back("implementation");
  if (a.control_ids != b.control_ids) out.push_back("control_ids");
  if (a.risk_ids != b.risk_ids) out.push_back("risk_ids");
  if (a.evidence_count != b.evidence_count) out.push_back("evidence_count");
  if (a.valid_evidence_count != b.valid_evidence_count) out.push_back("valid_evidence_count");
  return out;
}

}  // namespace

std::string_view applicable_name(Applicable a) { return name_of(kApplicable, a); }
std::optional<Applicable> parse_applicable(std::string_view s) { return parse_of(kApplicable, s); }
std::string_view inclusion_reason_name(InclusionReason r) { return name_of(kReasons, r); }
std::optional<InclusionReason> parse_inclusion_reason(std::string_view s) {
  return parse_of(kReasons, s);
}
std::string_view implementation_status_name(ImplementationStatus s) {
  return name_of(kImplementation, s);
}
std::optional<ImplementationStatus> parse_implementation_status(std::string_view s) {
  return parse_of(kImplementation, s);
}

Result<ApplicabilityFields> applicability_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ApplicabilityFields f;
  std::vector<FieldError> errors;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "applicable") {
      if (!v.is_string() || !parse_applicable(v.get<std::string>())) {
        errors.push_back({key, "must be one of " + allowed(kApplicable)});
      } else {
        f.applicable = parse_applicable(v.get<std::string>());
      }
    } else if (key == "implementation") {
      if (!v.is_string() || !parse_implementation_status(v.get<std::string>())) {
        errors.push_back({key, "must be one of " + allowed(kImplementation)});
      } else {
        f.implementation = parse_implementation_status(v.get<std::string>());
      }
    } else if (key == "reasons") {
      if (!v.is_array()) {
        errors.push_back({key, "must be an array of " + allowed(kReasons)});
        continue;
      }
      std::vector<InclusionReason> reasons;
      bool ok = true;
      for (size_t i = 0; i < v.size() && ok; ++i) {
        auto r = v[i].is_string() ? parse_inclusion_reason(v[i].get<std::string>()) : std::nullopt;
        if (!r) {
          errors.push_back(
              {key + "[" + std::to_string(i) + "]", "must be one of " + allowed(kReasons)});
          ok = false;
        } else {
          reasons.push_back(*r);
        }
      }
      if (ok) f.reasons = sorted_unique(std::move(reasons));
    } else if (key == "justification") {
      if (!v.is_string()) {
        errors.push_back({key, "must be a string"});
      } else {
        f.justification = v.get<std::string>();
      }
    } else if (key == "version") {
      if (!v.is_number_integer() || v.get<int64_t>() < 0) {
        errors.push_back({key, "must be an integer >= 0 (0 for a line never decided)"});
      } else {
        f.version = v.get<int64_t>();
      }
    } else if (key == "framework_id" || key == "ref_id" || key == "title" || key == "control_ids" ||
               key == "control_refs" || key == "risk_ids" || key == "evidence_count" ||
               key == "valid_evidence_count" || key == "updated_by" || key == "updated_at") {
      errors.push_back({key, "is read-only"});
    } else {
      errors.push_back({key, "unknown field"});
    }
  }
  if (f.justification) {
    if (utf8_length(*f.justification) > kSoaJustificationMax) {
      errors.push_back({"justification",
                        "must be at most " + std::to_string(kSoaJustificationMax) + " characters"});
    } else if (has_control_characters(*f.justification)) {
      errors.push_back({"justification", "must not contain control characters"});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return f;
}

void apply_applicability_fields(const ApplicabilityFields& f, Applicability* a) {
  if (f.applicable) a->applicable = *f.applicable;
  if (f.reasons) a->reasons = sorted_unique(*f.reasons);
  if (f.justification) a->justification = *f.justification;
  if (f.implementation) a->implementation = *f.implementation;
}

std::vector<FieldError> validate_applicability(const Applicability& a) {
  std::vector<FieldError> errors;
  if (!is_valid_utf8(a.justification)) {
    errors.push_back({"justification", "must be valid UTF-8"});
  } else if (utf8_length(a.justification) > kSoaJustificationMax) {
    errors.push_back({"justification",
                      "must be at most " + std::to_string(kSoaJustificationMax) + " characters"});
  } else if (has_control_characters(a.justification)) {
    errors.push_back({"justification", "must not contain control characters"});
  }
  if (a.applicable == Applicable::kYes && a.reasons.empty()) {
    errors.push_back({"reasons",
                      "an applicable control needs at least one reason for inclusion "
                      "(risk_treatment, legal, contractual, business_need)"});
  }
  if (a.applicable == Applicable::kNo) {
    if (is_blank(a.justification)) {
      errors.push_back({"justification", "say why the control is excluded"});
    }
    if (a.implementation != ImplementationStatus::kNotStarted) {
      errors.push_back({"implementation",
                        "an excluded control is not implemented: use not_started (or make it "
                        "applicable)"});
    }
  }
  return errors;
}

Soa::Totals soa_totals(const std::vector<Applicability>& lines) {
  Soa::Totals t;
  for (const Applicability& a : lines) {
    ++t.lines;
    switch (a.applicable) {
      case Applicable::kYes:
        ++t.applicable;
        break;
      case Applicable::kNo:
        ++t.not_applicable;
        break;
      case Applicable::kUndecided:
        ++t.undecided;
        break;
    }
    // Implementation is counted over the applicable lines: excluded ones are never
    // implemented, and undecided ones are not yet a commitment.
    if (a.applicable != Applicable::kYes) continue;
    switch (a.implementation) {
      case ImplementationStatus::kImplemented:
        ++t.implemented;
        break;
      case ImplementationStatus::kPartial:
        ++t.partial;
        break;
      case ImplementationStatus::kPlanned:
        ++t.planned;
        break;
      case ImplementationStatus::kNotStarted:
        ++t.not_started;
        break;
    }
  }
  return t;
}

std::vector<SoaLineChange> compare_soa_lines(const std::vector<Applicability>& a,
                                             const std::vector<Applicability>& b) {
  std::map<LineKey, const Applicability*> in_a, in_b;
  for (const auto& line : a) in_a.emplace(key_of(line), &line);
  for (const auto& line : b) in_b.emplace(key_of(line), &line);
  std::vector<SoaLineChange> out;
  std::set<LineKey> done;
  auto emit = [&](const Applicability* before, const Applicability* after) {
    const Applicability& any = after ? *after : *before;
    if (!done.insert(key_of(any)).second) return;
    SoaLineChange c;
    c.framework_id = any.framework_id;
    c.ref_id = any.ref_id;
    c.title = any.title;
    if (before && after) {
      c.changed_fields = changed_fields(*before, *after);
      if (c.changed_fields.empty()) return;
    } else {
      c.changed_fields = {"line"};
    }
    if (before) c.before = *before;
    if (after) c.after = *after;
    out.push_back(std::move(c));
  };
  // A merge of the two sequences: lines only in `a` (removed) keep their place before the
  // lines of `b` that follow them, so the result reads in catalogue order.
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && done.count(key_of(a[i]))) {
      ++i;
      continue;
    }
    if (j < b.size() && done.count(key_of(b[j]))) {
      ++j;
      continue;
    }
    if (i < a.size() && !in_b.count(key_of(a[i]))) {
      emit(&a[i++], nullptr);
    } else if (j < b.size()) {
      auto found = in_a.find(key_of(b[j]));
      emit(found == in_a.end() ? nullptr : found->second, &b[j]);
      ++j;
    } else {
      ++i;  // in both, already emitted through b
    }
  }
  return out;
}

Json applicability_to_json(const Applicability& a) {
  return Json{{"framework_id", a.framework_id},
              {"ref_id", a.ref_id},
              {"title", a.title},
              {"applicable", applicable_name(a.applicable)},
              {"reasons", reasons_json(a.reasons)},
              {"justification", a.justification},
              {"implementation", implementation_status_name(a.implementation)},
              {"control_ids", a.control_ids},
              {"control_refs", a.control_refs},
              {"risk_ids", a.risk_ids},
              {"evidence_count", a.evidence_count},
              {"valid_evidence_count", a.valid_evidence_count},
              {"updated_by", a.updated_by},
              {"updated_at", a.updated_at},
              {"version", a.version}};
}

Json soa_to_json(const Soa& s, bool with_lines) {
  const Soa::Totals& t = s.totals;
  Json j{{"id", s.id},
         {"number", s.number},
         {"framework_ids", s.framework_ids},
         {"approved_by_person_id", s.approved_by_person_id},
         {"approved_by_name", s.approved_by_name},
         {"approved_at", s.approved_at},
         {"note", s.note},
         {"totals", Json{{"lines", t.lines},
                         {"applicable", t.applicable},
                         {"not_applicable", t.not_applicable},
                         {"undecided", t.undecided},
                         {"implemented", t.implemented},
                         {"partial", t.partial},
                         {"planned", t.planned},
                         {"not_started", t.not_started}}}};
  if (with_lines) {
    Json lines = Json::array();
    for (const auto& a : s.lines) lines.push_back(applicability_to_json(a));
    j["lines"] = std::move(lines);
  }
  return j;
}

Json soa_line_change_to_json(const SoaLineChange& c) {
  return Json{{"framework_id", c.framework_id},
              {"ref_id", c.ref_id},
              {"title", c.title},
              {"changed_fields", c.changed_fields},
              {"before", c.before ? applicability_to_json(*c.before) : Json(nullptr)},
              {"after", c.after ? applicability_to_json(*c.after) : Json(nullptr)}};
}

}  // namespace isms
