#include "store/risk_codec.h"

#include <cstdio>

#include "base/json.h"
#include "store/codec.h"
#include "store/text.h"

namespace isms::store_detail {

namespace {

Error bad(const std::string& what, const std::string& detail) {
  return Error::corruption(what + ": stored " + detail + " is not valid");
}

// --- Risk method body --------------------------------------------------------------------

Json scale_json(const std::vector<ScaleLevel>& scale) {
  Json out = Json::array();
  for (const auto& l : scale) {
    out.push_back({{"value", l.value}, {"name", l.name}, {"description", l.description}});
  }
  return out;
}

// nlohmann's typed getters throw on a type mismatch; the decoders check types first so a
// corrupt body becomes kCorruption, never an exception.
bool get_int(const Json& j, const char* key, int* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  *out = it->get<int>();
  return true;
}
bool get_text(const Json& j, const char* key, std::string* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

bool scale_from_json(const Json& j, const char* key, std::vector<ScaleLevel>* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return false;
  for (const auto& v : *it) {
    if (!v.is_object()) return false;
    ScaleLevel l;
    if (!get_int(v, "value", &l.value) || !get_text(v, "name", &l.name) ||
        !get_text(v, "description", &l.description)) {
      return false;
    }
    out->push_back(std::move(l));
  }
  return true;
}

std::string method_body(const RiskMethod& m) {
  Json levels = Json::array();
  for (const auto& l : m.levels) {
    levels.push_back({{"rank", l.rank}, {"key", l.key}, {"name", l.name}, {"colour", l.colour}});
  }
  Json grid = Json::array();
  for (const auto& row : m.grid) grid.push_back(row);
  Json body = {{"name", m.name},
               {"likelihood", scale_json(m.likelihood)},
               {"impact", scale_json(m.impact)},
               {"levels", std::move(levels)},
               {"grid", std::move(grid)},
               {"appetite_rank", m.appetite_rank},
               {"acceptance_role_key", m.acceptance_role_key},
               {"acceptance_validity_months", m.acceptance_validity_months},
               {"change_note", m.change_note}};
  return dump_json(body);
}

bool method_from_body(const Json& j, RiskMethod* m) {
  if (!j.is_object()) return false;
  if (!get_text(j, "name", &m->name) || !scale_from_json(j, "likelihood", &m->likelihood) ||
      !scale_from_json(j, "impact", &m->impact) ||
      !get_int(j, "appetite_rank", &m->appetite_rank) ||
      !get_text(j, "acceptance_role_key", &m->acceptance_role_key) ||
      !get_int(j, "acceptance_validity_months", &m->acceptance_validity_months) ||
      !get_text(j, "change_note", &m->change_note)) {
    return false;
  }
  auto levels = j.find("levels");
  if (levels == j.end() || !levels->is_array()) return false;
  for (const auto& v : *levels) {
    if (!v.is_object()) return false;
    RiskLevel l;
    if (!get_int(v, "rank", &l.rank) || !get_text(v, "key", &l.key) ||
        !get_text(v, "name", &l.name) || !get_text(v, "colour", &l.colour)) {
      return false;
    }
    m->levels.push_back(std::move(l));
  }
  auto grid = j.find("grid");
  if (grid == j.end() || !grid->is_array()) return false;
  for (const auto& row : *grid) {
    if (!row.is_array()) return false;
    std::vector<int> cells;
    for (const auto& cell : row) {
      if (!cell.is_number_integer()) return false;
      cells.push_back(cell.get<int>());
    }
    m->grid.push_back(std::move(cells));
  }
  return true;
}

std::optional<RiskSourceKind> parse_kind(const std::string& s) {
  if (s == risk_source_kind_name(RiskSourceKind::kThreat)) return RiskSourceKind::kThreat;
  if (s == risk_source_kind_name(RiskSourceKind::kVulnerability)) {
    return RiskSourceKind::kVulnerability;
  }
  return std::nullopt;
}

int to_int(int64_t v) { return static_cast<int>(v); }

}  // namespace

Result<RiskMethod> decode_risk_method(const Row& row) {
  RiskMethod m;
  m.number = row.int64(0);
  std::string what = "risk method " + std::to_string(m.number);
  auto body = parse_json(row.text(1));
  if (!body.ok() || !method_from_body(*body, &m)) return bad(what, "body");
  m.created_by = row.text(2);
  m.created_at = row.text(3);
  return m;
}

SqlParams risk_method_params(const RiskMethod& m) {
  return {m.number, method_body(m), m.created_by, m.created_at};
}

Result<RiskSource> decode_risk_source(const Row& row) {
  RiskSource s;
  s.id = row.text(0);
  std::string what = "risk source " + s.id;
  auto kind = parse_kind(row.text(1));
  if (!kind) return bad(what, "kind");
  s.kind = *kind;
  s.key = row.text(2);
  s.name = row.text(3);
  s.category = row.text(4);
  s.description = row.text(5);
  ISMS_ASSIGN(auto names, decode_string_list(row.text(6), what + " properties"));
  for (const auto& name : names) {
    auto p = parse_security_property(name);
    if (!p) return bad(what, "property");
    s.properties.push_back(*p);
  }
  s.archived_at = row.opt_text(7);
  s.version = row.int64(8);
  s.created_at = row.text(9);
  s.updated_at = row.text(10);
  return s;
}

SqlParams risk_source_params(const RiskSource& s) {
  std::vector<std::string> names;
  for (auto p : s.properties) names.emplace_back(security_property_name(p));
  return {s.id,
          std::string(risk_source_kind_name(s.kind)),
          s.key,
          s.name,
          s.category,
          s.description,
          encode_string_list(names),
          sql_opt(s.archived_at),
          s.version,
          s.created_at,
          s.updated_at,
          fold_case(s.name),
          sort_key(s.name)};
}

std::string format_risk_ref(int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "R-%04lld", static_cast<long long>(number));
  return buf;
}

std::optional<int64_t> parse_risk_ref(std::string_view ref) {
  if (ref.size() < 6 || ref.size() > 20 || ref.substr(0, 2) != "R-") return std::nullopt;
  int64_t n = 0;
  for (char c : ref.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (format_risk_ref(n) != ref) return std::nullopt;  // one spelling per number
  return n;
}

Result<Risk> decode_risk(const Row& row) {
  Risk r;
  r.id = row.text(0);
  r.ref = format_risk_ref(row.int64(1));
  r.title = row.text(2);
  r.description = row.text(3);
  r.threat_id = row.text(4);
  r.vulnerability_id = row.text(5);
  r.owner_id = row.opt_text(6);
  if (r.owner_id) r.owner_name = row.text(7);
  r.threat_name = row.text(8);
  r.vulnerability_name = row.text(9);
  r.method_number = row.int64(10);
  for (auto [rating, first] : {std::pair{&r.inherent, 11}, std::pair{&r.residual, 16}}) {
    rating->likelihood = to_int(row.int64(first));
    rating->impact_confidentiality = to_int(row.int64(first + 1));
    rating->impact_integrity = to_int(row.int64(first + 2));
    rating->impact_availability = to_int(row.int64(first + 3));
    rating->impact_authenticity = to_int(row.int64(first + 4));
  }
  r.inherent_level = to_int(row.int64(21));
  r.residual_level = to_int(row.int64(22));
  auto treatment = parse_treatment(row.text(23));
  if (!treatment) return bad("risk " + r.id, "treatment");
  r.treatment = *treatment;
  r.treatment_plan = row.text(24);
  if (!row.is_null(25)) {
    RiskAcceptance a;
    a.accepted_by_person_id = row.text(25);
    a.accepted_by_name = row.text(26);
    a.accepted_by_role = row.text(27);
    a.accepted_at = row.text(28);
    a.expires_on = row.text(29);
    a.justification = row.text(30);
    a.level_rank = to_int(row.int64(31));
    a.method_number = row.int64(32);
    r.acceptance = std::move(a);
  }
  r.next_review_on = row.opt_text(33);
  r.archived_at = row.opt_text(34);
  r.archive_reason = row.opt_text(35);
  r.version = row.int64(36);
  r.created_at = row.text(37);
  r.updated_at = row.text(38);
  return r;
}

std::string risk_search_text(const std::string& ref, const Risk& r) {
  return fold_case(ref) + kSearchFieldSeparator + fold_case(r.title) + kSearchFieldSeparator +
         fold_case(r.description);
}

SqlParams risk_params(const Risk& r, int64_t ref_number) {
  SqlParams p = {r.id,
                 ref_number,
                 r.title,
                 r.description,
                 r.threat_id,
                 r.vulnerability_id,
                 sql_opt(r.owner_id),
                 r.method_number};
  for (const RiskRating* rating : {&r.inherent, &r.residual}) {
    p.emplace_back(int64_t{rating->likelihood});
    p.emplace_back(int64_t{rating->impact_confidentiality});
    p.emplace_back(int64_t{rating->impact_integrity});
    p.emplace_back(int64_t{rating->impact_availability});
    p.emplace_back(int64_t{rating->impact_authenticity});
  }
  p.emplace_back(int64_t{r.inherent.impact()});
  p.emplace_back(int64_t{r.residual.impact()});
  p.emplace_back(int64_t{r.inherent_level});
  p.emplace_back(int64_t{r.residual_level});
  p.emplace_back(std::string(treatment_name(r.treatment)));
  p.emplace_back(r.treatment_plan);
  if (r.acceptance) {
    const RiskAcceptance& a = *r.acceptance;
    p.insert(p.end(), {a.accepted_by_person_id, a.accepted_by_role, a.accepted_at, a.expires_on,
                       a.justification, int64_t{a.level_rank}, a.method_number});
  } else {
    p.insert(p.end(), 7, SqlValue{});
  }
  p.push_back(sql_opt(r.next_review_on));
  p.push_back(sql_opt(r.archived_at));
  p.push_back(sql_opt(r.archive_reason));
  p.emplace_back(r.version);
  p.emplace_back(r.created_at);
  p.emplace_back(r.updated_at);
  p.emplace_back(sort_key(r.title));
  p.emplace_back(risk_search_text(format_risk_ref(ref_number), r));
  return p;
}

namespace {

RiskSnapshotEntry decode_snapshot_tail(const Row& row, RiskSnapshotEntry e) {
  e.title = row.text(2);
  e.owner_name = row.text(3);
  e.method_number = row.int64(4);
  e.inherent_likelihood = to_int(row.int64(5));
  e.inherent_impact = to_int(row.int64(6));
  e.inherent_level = to_int(row.int64(7));
  e.residual_likelihood = to_int(row.int64(8));
  e.residual_impact = to_int(row.int64(9));
  e.residual_level = to_int(row.int64(10));
  e.treatment = row.text(11);
  e.archived = row.int64(12) != 0;
  return e;
}

}  // namespace

RiskSnapshotEntry decode_live_snapshot(const Row& row) {
  RiskSnapshotEntry e;
  e.risk_id = row.text(0);
  e.ref = format_risk_ref(row.int64(1));
  return decode_snapshot_tail(row, std::move(e));
}

RiskSnapshotEntry decode_stored_snapshot(const Row& row) {
  RiskSnapshotEntry e;
  e.risk_id = row.text(0);
  e.ref = row.text(1);
  return decode_snapshot_tail(row, std::move(e));
}

SqlParams snapshot_params(const std::string& cycle_id, const RiskSnapshotEntry& e) {
  return {cycle_id,
          e.risk_id,
          e.ref,
          e.title,
          e.owner_name,
          e.method_number,
          int64_t{e.inherent_likelihood},
          int64_t{e.inherent_impact},
          int64_t{e.inherent_level},
          int64_t{e.residual_likelihood},
          int64_t{e.residual_impact},
          int64_t{e.residual_level},
          e.treatment,
          int64_t{e.archived ? 1 : 0}};
}

Result<RiskCycle> decode_risk_cycle(const Row& row) {
  RiskCycle c;
  c.id = row.text(0);
  std::string what = "risk cycle " + c.id;
  c.title = row.text(1);
  c.opened_on = row.text(2);
  c.closed_at = row.opt_text(3);
  std::string status = row.text(4);
  if (status == cycle_status_name(CycleStatus::kOpen)) {
    c.status = CycleStatus::kOpen;
  } else if (status == cycle_status_name(CycleStatus::kClosed)) {
    c.status = CycleStatus::kClosed;
  } else {
    return bad(what, "status");
  }
  c.method_number = row.int64(5);
  ISMS_ASSIGN(c.attendee_ids, decode_string_list(row.text(6), what + " attendees"));
  auto decisions = parse_json(row.text(7));
  if (!decisions.ok() || !decisions->is_array()) return bad(what, "decisions");
  for (const auto& d : *decisions) {
    if (!d.is_object()) return bad(what, "decisions");
    CycleDecision out;
    if (!get_text(d, "text", &out.text) || !get_text(d, "owner_id", &out.owner_id)) {
      return bad(what, "decisions");
    }
    auto due = d.find("due_on");
    if (due != d.end() && !due->is_null()) {
      if (!due->is_string()) return bad(what, "decisions");
      out.due_on = due->get<std::string>();
    }
    c.decisions.push_back(std::move(out));
  }
  c.minutes = row.text(8);
  c.interval_months = to_int(row.int64(9));
  c.version = row.int64(10);
  c.created_at = row.text(11);
  c.updated_at = row.text(12);
  c.reviewed_count = to_int(row.int64(13));
  c.risk_count = to_int(row.int64(14));
  return c;
}

SqlParams risk_cycle_params(const RiskCycle& c) {
  Json decisions = Json::array();
  for (const auto& d : c.decisions) {
    decisions.push_back({{"text", d.text},
                         {"owner_id", d.owner_id},
                         {"due_on", d.due_on ? Json(*d.due_on) : Json(nullptr)}});
  }
  return {c.id,
          c.title,
          c.opened_on,
          sql_opt(c.closed_at),
          std::string(cycle_status_name(c.status)),
          c.method_number,
          encode_string_list(c.attendee_ids),
          dump_json(decisions),
          c.minutes,
          int64_t{c.interval_months},
          c.version,
          c.created_at,
          c.updated_at};
}

Result<RiskReview> decode_risk_review(const Row& row) {
  RiskReview r;
  r.cycle_id = row.text(0);
  r.risk_id = row.text(1);
  r.risk_ref = row.is_null(2) ? "" : format_risk_ref(row.int64(2));
  r.risk_title = row.text(3);
  auto outcome = parse_review_outcome(row.text(4));
  if (!outcome) return bad("review of risk " + r.risk_id + " in cycle " + r.cycle_id, "outcome");
  r.outcome = *outcome;
  r.reviewed_by = row.text(5);
  r.reviewed_by_name = row.text(6);
  r.reviewed_at = row.text(7);
  r.note = row.text(8);
  r.inherent_level_before = to_int(row.int64(9));
  r.residual_level_before = to_int(row.int64(10));
  r.inherent_level_after = to_int(row.int64(11));
  r.residual_level_after = to_int(row.int64(12));
  return r;
}

SqlParams risk_review_params(const RiskReview& r) {
  return {r.cycle_id,
          r.risk_id,
          std::string(review_outcome_name(r.outcome)),
          r.reviewed_by,
          r.reviewed_at,
          r.note,
          int64_t{r.inherent_level_before},
          int64_t{r.residual_level_before},
          int64_t{r.inherent_level_after},
          int64_t{r.residual_level_after}};
}

}  // namespace isms::store_detail
