// The JSON of a management review: the stored body (strictly parsed back: a body written
// by another version or by hand that does not fit is an error naming the member, not a
// silently different review) and the API form.
#include <set>

#include "domain/management_review.h"
#include "domain/risk_common.h"

namespace isms {

namespace {

using risk_detail::JsonFields;

Json strings_json(const std::vector<std::string>& v) {
  Json out = Json::array();
  for (const std::string& s : v) out.push_back(s);
  return out;
}

Json table_json(const InputTable& t) {
  Json rows = Json::array();
  for (const auto& row : t.rows) rows.push_back(strings_json(row));
  return Json{{"title", t.title}, {"columns", strings_json(t.columns)}, {"rows", std::move(rows)}};
}

Json decision_json(const ReviewDecision& d) {
  return Json{{"text", d.text}, {"category", d.category}};
}

Json action_json(const ReviewAction& a) {
  return Json{{"title", a.title},   {"owner_id", a.owner_id},     {"due_on", a.due_on},
              {"status", a.status}, {"finding_id", a.finding_id}, {"finding_ref", a.finding_ref}};
}

// Reads the members of object `v` named in `readers`; any other member is an error.
class ObjectReader {
 public:
  ObjectReader(JsonFields& d, const Json& v, std::string field)
      : d_(d), v_(v), field_(std::move(field)) {
    if (!v.is_object()) d_.add(field_, "must be an object");
  }
  bool ok() const { return v_.is_object(); }
  std::string path(const std::string& key) const { return field_ + "." + key; }
  void text(const std::string& key, std::string* out) {
    seen_.insert(key);
    if (!ok()) return;
    auto it = v_.find(key);
    if (it == v_.end()) return;  // absent = empty
    if (auto s = d_.string(*it, path(key))) *out = *s;
  }
  void strings(const std::string& key, std::vector<std::string>* out, size_t max) {
    seen_.insert(key);
    if (!ok()) return;
    auto it = v_.find(key);
    if (it == v_.end()) return;
    if (auto s = d_.strings(*it, path(key), max)) *out = *s;
  }
  const Json* array(const std::string& key) {
    seen_.insert(key);
    if (!ok()) return nullptr;
    auto it = v_.find(key);
    if (it == v_.end()) return nullptr;
    if (!it->is_array()) {
      d_.add(path(key), "must be an array");
      return nullptr;
    }
    return &*it;
  }
  void finish() {
    if (!ok()) return;
    for (auto it = v_.begin(); it != v_.end(); ++it) {
      if (!seen_.count(it.key())) d_.add(path(it.key()), "unknown field");
    }
  }

 private:
  JsonFields& d_;
  const Json& v_;
  std::string field_;
  std::set<std::string> seen_;
};

ReviewInput input_from_json(JsonFields& d, const Json& v, const std::string& field) {
  ReviewInput in;
  ObjectReader r(d, v, field);
  r.text("key", &in.key);
  r.text("clause", &in.clause);
  r.text("heading", &in.heading);
  r.text("comment", &in.comment);
  r.strings("notes", &in.notes, 1000);
  if (const Json* facts = r.array("facts")) {
    for (size_t i = 0; i < facts->size(); ++i) {
      InputFact f;
      ObjectReader fr(d, (*facts)[i], r.path("facts[" + std::to_string(i) + "]"));
      fr.text("label", &f.label);
      fr.text("value", &f.value);
      fr.finish();
      in.facts.push_back(std::move(f));
    }
  }
  if (const Json* tables = r.array("tables")) {
    for (size_t i = 0; i < tables->size(); ++i) {
      InputTable t;
      std::string tf = r.path("tables[" + std::to_string(i) + "]");
      ObjectReader tr(d, (*tables)[i], tf);
      tr.text("title", &t.title);
      tr.strings("columns", &t.columns, 50);
      if (const Json* rows = tr.array("rows")) {
        for (size_t j = 0; j < rows->size(); ++j) {
          auto row = d.strings((*rows)[j], tf + ".rows[" + std::to_string(j) + "]", 50);
          if (row) t.rows.push_back(std::move(*row));
        }
      }
      tr.finish();
      in.tables.push_back(std::move(t));
    }
  }
  r.finish();
  return in;
}

}  // namespace

Json review_input_to_json(const ReviewInput& in) {
  Json facts = Json::array();
  for (const InputFact& f : in.facts) facts.push_back({{"label", f.label}, {"value", f.value}});
  Json tables = Json::array();
  for (const InputTable& t : in.tables) tables.push_back(table_json(t));
  return Json{{"key", in.key},
              {"clause", in.clause},
              {"heading", in.heading},
              {"facts", std::move(facts)},
              {"tables", std::move(tables)},
              {"notes", strings_json(in.notes)},
              {"comment", in.comment}};
}

Json review_body_to_json(const ManagementReview& r) {
  Json decisions = Json::array();
  for (const ReviewDecision& d : r.decisions) decisions.push_back(decision_json(d));
  Json actions = Json::array();
  for (const ReviewAction& a : r.actions) actions.push_back(action_json(a));
  Json inputs = Json::array();
  for (const ReviewInput& in : r.inputs) inputs.push_back(review_input_to_json(in));
  return Json{{"title", r.title},
              {"planned_on", r.planned_on},
              {"chair_id", r.chair_id},
              {"held_on", r.held_on},
              {"attendee_ids", strings_json(r.attendee_ids)},
              {"guests", strings_json(r.guests)},
              {"decisions", std::move(decisions)},
              {"actions", std::move(actions)},
              {"minutes", r.minutes},
              {"inputs", std::move(inputs)},
              {"inputs_assembled_at", r.inputs_assembled_at},
              {"inputs_since", r.inputs_since},
              {"previous_review_id", r.previous_review_id},
              {"approved_by", r.approved_by},
              {"approved_by_name", r.approved_by_name},
              {"approved_at", r.approved_at}};
}

Status review_from_body(const Json& body, ManagementReview* out) {
  JsonFields d;
  ObjectReader r(d, body, "body");
  r.text("title", &out->title);
  r.text("planned_on", &out->planned_on);
  r.text("chair_id", &out->chair_id);
  r.text("held_on", &out->held_on);
  r.strings("attendee_ids", &out->attendee_ids, kReviewListMax);
  r.strings("guests", &out->guests, kReviewListMax);
  r.text("minutes", &out->minutes);
  r.text("inputs_assembled_at", &out->inputs_assembled_at);
  r.text("inputs_since", &out->inputs_since);
  r.text("previous_review_id", &out->previous_review_id);
  r.text("approved_by", &out->approved_by);
  r.text("approved_by_name", &out->approved_by_name);
  r.text("approved_at", &out->approved_at);
  out->decisions.clear();
  if (const Json* ds = r.array("decisions")) {
    for (size_t i = 0; i < ds->size(); ++i) {
      ReviewDecision dec;
      ObjectReader dr(d, (*ds)[i], r.path("decisions[" + std::to_string(i) + "]"));
      dr.text("text", &dec.text);
      dr.text("category", &dec.category);
      dr.finish();
      out->decisions.push_back(std::move(dec));
    }
  }
  out->actions.clear();
  if (const Json* as = r.array("actions")) {
    for (size_t i = 0; i < as->size(); ++i) {
      ReviewAction a;
      ObjectReader ar(d, (*as)[i], r.path("actions[" + std::to_string(i) + "]"));
      ar.text("title", &a.title);
      ar.text("owner_id", &a.owner_id);
      ar.text("due_on", &a.due_on);
      ar.text("status", &a.status);
      ar.text("finding_id", &a.finding_id);
      ar.text("finding_ref", &a.finding_ref);
      ar.finish();
      out->actions.push_back(std::move(a));
    }
  }
  std::vector<ReviewInput> stored;
  if (const Json* ins = r.array("inputs")) {
    for (size_t i = 0; i < ins->size(); ++i) {
      stored.push_back(input_from_json(d, (*ins)[i], r.path("inputs[" + std::to_string(i) + "]")));
    }
  }
  r.finish();
  ISMS_TRY(d.finish());
  // Every spec's input is present, in spec order, whatever an older body held.
  out->inputs = empty_review_inputs();
  for (ReviewInput& in : out->inputs) {
    for (ReviewInput& s : stored) {
      if (s.key == in.key) in = std::move(s);
    }
  }
  return ok_status();
}

Json management_review_to_json(const ManagementReview& r, std::string_view today) {
  Json j = review_body_to_json(r);
  for (size_t i = 0; i < r.actions.size(); ++i) {
    j["actions"][i]["overdue"] = action_overdue(r.actions[i], today);
  }
  j["id"] = r.id;
  j["ref"] = r.ref;
  j["status"] = std::string(review_status_name(r.status));
  j["version"] = r.version;
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  return j;
}

}  // namespace isms
