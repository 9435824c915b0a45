#include "domain/significance.h"

#include <algorithm>
#include <set>

namespace isms {

namespace {

constexpr const char* kReg = "Implementing Regulation (EU) 2024/2690 ";

std::string users_threshold_text(int64_t total) {
  if (total <= 0) return "1 000 000 users (total users in the Union not given)";
  // 5 % of the total, or 1 million when smaller.
  if (total / 20 < kUsersThresholdAbsolute) {
    return "5 % of " + std::to_string(total) + " users in the Union";
  }
  return "1 000 000 users";
}

std::string money(int64_t eur) { return "EUR " + std::to_string(eur); }

std::string financial_threshold_text(int64_t turnover) {
  if (turnover <= 0) return "EUR 500 000 (annual turnover not given)";
  if (turnover / 20 < kFinancialLossThresholdEur) {
    return "5 % of the annual turnover of " + money(turnover);
  }
  return "EUR 500 000";
}

// The four entity-specific thresholds shared by Art. 7 and Art. 10.
void service_criteria(const SignificanceFacts& f, const std::string& article,
                      const std::string& service, std::vector<CriterionMet>* out) {
  const std::string basis = std::string(kReg) + "Art. " + article;
  const std::string code = "art" + article;
  if (!f.scheduled_maintenance) {
    if (f.complete_unavailability_minutes > kCompleteUnavailabilityMinutes) {
      out->push_back({code + "_1", basis + ", point 1",
                      "the " + service + " was completely unavailable for " +
                          std::to_string(f.complete_unavailability_minutes) +
                          " minutes (more than 30)"});
    }
    if (f.limited_availability_minutes > kLimitedAvailabilityMinutes &&
        exceeds_users_threshold(f.users_limited_availability, f.service_users_union)) {
      out->push_back({code + "_2", basis + ", point 2",
                      "availability of the " + service + " was limited for " +
                          std::to_string(f.users_limited_availability) + " users (more than " +
                          users_threshold_text(f.service_users_union) + ") for " +
                          std::to_string(f.limited_availability_minutes) +
                          " minutes (more than 60)"});
    }
  }
  if (f.data_compromised_malicious) {
    out->push_back({code + "_3", basis + ", point 3",
                    "the integrity, confidentiality or authenticity of data of the " + service +
                        " was compromised by a suspectedly malicious action"});
  }
  if (exceeds_users_threshold(f.users_data_compromised, f.service_users_union)) {
    out->push_back({code + "_4", basis + ", point 4",
                    "the integrity, confidentiality or authenticity of data was compromised for " +
                        std::to_string(f.users_data_compromised) + " users (more than " +
                        users_threshold_text(f.service_users_union) + ")"});
  }
}

bool has_type(const SignificanceFacts& f, const std::string& t) {
  return std::find(f.entity_types.begin(), f.entity_types.end(), t) != f.entity_types.end();
}

}  // namespace

const std::vector<std::string>& known_entity_types() {
  static const std::vector<std::string> kTypes = {"cloud_computing_service_provider",
                                                  "managed_security_service_provider",
                                                  "managed_service_provider"};
  return kTypes;
}

bool exceeds_users_threshold(int64_t affected, int64_t total_users) {
  if (affected <= 0) return false;
  bool over_absolute = affected > kUsersThresholdAbsolute;
  if (total_users <= 0) return over_absolute;
  // "more than 5 % ... or more than 1 million, whichever number is smaller": the smaller
  // threshold decides. affected > total * 5 / 100  <=>  affected * 20 > total.
  bool over_share = affected * 20 > total_users;
  return total_users / 20 < kUsersThresholdAbsolute ? over_share : over_absolute;
}

bool exceeds_financial_threshold(int64_t loss_eur, int64_t turnover_eur) {
  if (loss_eur <= 0) return false;
  bool over_absolute = loss_eur > kFinancialLossThresholdEur;
  if (turnover_eur <= 0) return over_absolute;
  bool over_share = loss_eur * 20 > turnover_eur;  // loss > 5 % of turnover
  return turnover_eur / 20 < kFinancialLossThresholdEur ? over_share : over_absolute;
}

SignificanceResult assess_significance(const SignificanceFacts& f) {
  SignificanceResult r;
  auto& met = r.criteria_met;
  if (exceeds_financial_threshold(f.financial_loss_eur, f.annual_turnover_eur)) {
    met.push_back({"art3_1_a", std::string(kReg) + "Art. 3(1)(a)",
                   "direct financial loss of " + money(f.financial_loss_eur) + " exceeds " +
                       financial_threshold_text(f.annual_turnover_eur)});
  }
  if (f.trade_secrets_exfiltrated) {
    met.push_back({"art3_1_b", std::string(kReg) + "Art. 3(1)(b)",
                   "trade secrets were (or could be) exfiltrated"});
  }
  if (f.death) {
    met.push_back({"art3_1_c", std::string(kReg) + "Art. 3(1)(c)",
                   "the incident caused or could cause the death of a natural person"});
  }
  if (f.health_damage) {
    met.push_back({"art3_1_d", std::string(kReg) + "Art. 3(1)(d)",
                   "the incident caused or could cause considerable damage to a natural "
                   "person's health"});
  }
  if (f.malicious_access_severe_disruption) {
    met.push_back({"art3_1_e", std::string(kReg) + "Art. 3(1)(e)",
                   "successful, suspectedly malicious and unauthorised access capable of "
                   "causing severe operational disruption"});
  }
  if (f.recurring_count >= 2 &&
      exceeds_financial_threshold(f.recurring_financial_loss_eur, f.annual_turnover_eur)) {
    met.push_back({"art4", std::string(kReg) + "Art. 3(1)(f) and Art. 4",
                   std::to_string(f.recurring_count) +
                       " incidents with the same apparent root cause within 6 months caused " +
                       money(f.recurring_financial_loss_eur) + " together, more than " +
                       financial_threshold_text(f.annual_turnover_eur)});
  }
  if (has_type(f, "cloud_computing_service_provider")) {
    service_criteria(f, "7", "cloud computing service", &met);
  }
  if (has_type(f, "managed_service_provider") || has_type(f, "managed_security_service_provider")) {
    service_criteria(f, "10", "managed (security) service", &met);
  }

  std::string text;
  if (f.scheduled_maintenance) {
    // Art. 3(2) excludes scheduled interruptions; the availability criteria were skipped
    // above, and an incident that is only a scheduled interruption is not significant.
    text =
        "The interruption was scheduled (maintenance): under Art. 3(2) its planned "
        "consequences are not a significant incident; availability criteria were not "
        "counted. ";
  }
  r.significant = !met.empty();
  if (met.empty()) {
    text += "No criterion of Implementing Regulation (EU) 2024/2690 Art. 3(1) is met";
    if (f.entity_types.empty()) {
      text +=
          " (no entity type given, so the entity-specific criteria of Art. 7/10 were "
          "not applied)";
    }
    text += ": the incident is not significant.";
  } else {
    text += "Significant: ";
    for (size_t i = 0; i < met.size(); ++i) {
      if (i) text += "; ";
      text += met[i].text + " (" + met[i].basis.substr(std::string(kReg).size()) + ")";
    }
    text += ".";
  }
  r.reasoning = std::move(text);
  return r;
}

Result<SignificanceFacts> significance_facts_from_json(const Json& j) {
  if (!j.is_object()) return Error::invalid("facts", "must be a JSON object");
  SignificanceFacts f;
  std::vector<FieldError> errors;
  auto field = [](const std::string& k) { return "facts." + k; };
  auto boolean = [&](const Json& v, const std::string& k, bool* out) {
    if (!v.is_boolean()) {
      errors.push_back({field(k), "must be true or false"});
      return;
    }
    *out = v.get<bool>();
  };
  auto number = [&](const Json& v, const std::string& k, int64_t* out) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > kFactNumberMax) {
      errors.push_back({field(k), "must be a whole number from 0 to 10^15"});
      return;
    }
    *out = v.get<int64_t>();
  };
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const Json& v = it.value();
    if (k == "entity_types") {
      if (!v.is_array() || v.size() > known_entity_types().size()) {
        errors.push_back({field(k), "must be an array of entity types"});
        continue;
      }
      std::set<std::string> types;
      for (const auto& t : v) {
        const auto& known = known_entity_types();
        if (!t.is_string() ||
            std::find(known.begin(), known.end(), t.get<std::string>()) == known.end()) {
          errors.push_back({field(k),
                            "must name cloud_computing_service_provider, "
                            "managed_service_provider or "
                            "managed_security_service_provider"});
          break;
        }
        types.insert(t.get<std::string>());
      }
      f.entity_types.assign(types.begin(), types.end());
    } else if (k == "scheduled_maintenance") {
      boolean(v, k, &f.scheduled_maintenance);
    } else if (k == "financial_loss_eur") {
      number(v, k, &f.financial_loss_eur);
    } else if (k == "annual_turnover_eur") {
      number(v, k, &f.annual_turnover_eur);
    } else if (k == "trade_secrets_exfiltrated") {
      boolean(v, k, &f.trade_secrets_exfiltrated);
    } else if (k == "death") {
      boolean(v, k, &f.death);
    } else if (k == "health_damage") {
      boolean(v, k, &f.health_damage);
    } else if (k == "malicious_access_severe_disruption") {
      boolean(v, k, &f.malicious_access_severe_disruption);
    } else if (k == "recurring_count") {
      number(v, k, &f.recurring_count);
    } else if (k == "recurring_financial_loss_eur") {
      number(v, k, &f.recurring_financial_loss_eur);
    } else if (k == "complete_unavailability_minutes") {
      number(v, k, &f.complete_unavailability_minutes);
    } else if (k == "limited_availability_minutes") {
      number(v, k, &f.limited_availability_minutes);
    } else if (k == "service_users_union") {
      number(v, k, &f.service_users_union);
    } else if (k == "users_limited_availability") {
      number(v, k, &f.users_limited_availability);
    } else if (k == "data_compromised_malicious") {
      boolean(v, k, &f.data_compromised_malicious);
    } else if (k == "users_data_compromised") {
      number(v, k, &f.users_data_compromised);
    } else {
      errors.push_back({field(k), "unknown field"});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return f;
}

Json significance_facts_to_json(const SignificanceFacts& f) {
  return Json{{"entity_types", f.entity_types},
              {"scheduled_maintenance", f.scheduled_maintenance},
              {"financial_loss_eur", f.financial_loss_eur},
              {"annual_turnover_eur", f.annual_turnover_eur},
              {"trade_secrets_exfiltrated", f.trade_secrets_exfiltrated},
              {"death", f.death},
              {"health_damage", f.health_damage},
              {"malicious_access_severe_disruption", f.malicious_access_severe_disruption},
              {"recurring_count", f.recurring_count},
              {"recurring_financial_loss_eur", f.recurring_financial_loss_eur},
              {"complete_unavailability_minutes", f.complete_unavailability_minutes},
              {"limited_availability_minutes", f.limited_availability_minutes},
              {"service_users_union", f.service_users_union},
              {"users_limited_availability", f.users_limited_availability},
              {"data_compromised_malicious", f.data_compromised_malicious},
              {"users_data_compromised", f.users_data_compromised}};
}

Json significance_result_to_json(const SignificanceResult& r) {
  Json met = Json::array();
  for (const auto& c : r.criteria_met) {
    met.push_back(Json{{"code", c.code}, {"basis", c.basis}, {"text", c.text}});
  }
  return Json{{"significant", r.significant}, {"criteria_met", met}, {"reasoning", r.reasoning}};
}

}  // namespace isms
