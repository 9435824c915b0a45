#include "service/objective_support.h"

#include <algorithm>
#include <cstdio>

#include "service/admin_common.h"

namespace isms::objective_internal {

OpRecord objective_record(const Objective& o) {
  OpRecord r;
  r.kind = kObjectiveKind;
  r.id = o.id;
  r.ref = o.ref;
  r.status = std::string(objective_status_name(o.status));
  r.owner_id = o.owner_id;
  r.due_at = o.next_review_on;
  r.archived = o.status == ObjectiveStatus::kWithdrawn;
  r.body = dump_json(objective_body(o));
  r.version = o.version;
  r.created_at = o.created_at;
  r.updated_at = o.updated_at;
  return r;
}

OpRecord indicator_record(const Indicator& i) {
  OpRecord r;
  r.kind = kIndicatorKind;
  r.id = i.id;
  r.ref = i.ref;
  r.parent_id = i.objective_id;
  r.status = std::string(indicator_status_name(i.status));
  r.owner_id = i.owner_id;
  r.due_at = i.next_due_on;
  r.body = dump_json(indicator_body(i));
  r.version = i.version;
  r.created_at = i.created_at;
  r.updated_at = i.updated_at;
  return r;
}

OpRecord measurement_record(const Measurement& m) {
  OpRecord r;
  r.kind = kMeasurementKind;
  r.id = m.id;
  r.parent_id = m.indicator_id;
  r.owner_id = m.recorded_by;
  r.due_at = m.measured_on;
  r.archived = !m.superseded_by.empty();
  r.body = dump_json(measurement_body(m));
  r.version = m.version;
  r.created_at = m.created_at;
  r.updated_at = m.created_at;
  return r;
}

namespace {

Result<Json> body_json(const OpRecord& r) {
  auto j = parse_json(r.body);
  if (!j) return Error::corruption(r.kind + " " + r.id + ": body is not JSON");
  return j;
}

}  // namespace

Result<Objective> objective_of(const OpRecord& r) {
  Objective o;
  ISMS_ASSIGN(Json body, body_json(r));
  ISMS_TRY(objective_from_body(body, &o));
  o.id = r.id;
  o.ref = r.ref;
  auto status = parse_objective_status(r.status);
  if (!status) return Error::corruption("objective " + r.id + ": unknown status " + r.status);
  o.status = *status;
  o.owner_id = r.owner_id;
  o.next_review_on = r.due_at;
  o.version = r.version;
  o.created_at = r.created_at;
  o.updated_at = r.updated_at;
  return o;
}

Result<Indicator> indicator_of(const OpRecord& r) {
  Indicator i;
  ISMS_ASSIGN(Json body, body_json(r));
  ISMS_TRY(indicator_from_body(body, &i));
  i.id = r.id;
  i.ref = r.ref;
  i.objective_id = r.parent_id;
  auto status = parse_indicator_status(r.status);
  if (!status) return Error::corruption("indicator " + r.id + ": unknown status " + r.status);
  i.status = *status;
  i.owner_id = r.owner_id;
  i.next_due_on = r.due_at;
  i.version = r.version;
  i.created_at = r.created_at;
  i.updated_at = r.updated_at;
  return i;
}

Result<Measurement> measurement_of(const OpRecord& r) {
  Measurement m;
  ISMS_ASSIGN(Json body, body_json(r));
  ISMS_TRY(measurement_from_body(body, &m));
  m.id = r.id;
  m.indicator_id = r.parent_id;
  m.recorded_by = r.owner_id;
  m.measured_on = r.due_at;
  m.version = r.version;
  m.created_at = r.created_at;
  return m;
}

namespace {

template <typename T>
Result<T> load(StoreTx& tx, const char* kind, const std::string& id,
               Result<T> (*convert)(const OpRecord&)) {
  auto r = tx.get_op_record(kind, id);
  if (!r) {
    if (r.error().code == ErrorCode::kNotFound) {
      return Error::not_found(std::string(kind) + " " + id + " not found");
    }
    return r.error();
  }
  return convert(r.value());
}

template <typename T>
Result<std::vector<T>> list_of(StoreTx& tx, const OpRecordQuery& q,
                               Result<T> (*convert)(const OpRecord&)) {
  ISMS_ASSIGN(std::vector<OpRecord> records, tx.list_op_records(q));
  std::vector<T> out;
  out.reserve(records.size());
  for (const OpRecord& r : records) {
    ISMS_ASSIGN(T t, convert(r));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Result<Objective> load_objective(StoreTx& tx, const std::string& id) {
  return load<Objective>(tx, kObjectiveKind, id, &objective_of);
}

Result<Indicator> load_indicator(StoreTx& tx, const std::string& id) {
  return load<Indicator>(tx, kIndicatorKind, id, &indicator_of);
}

Result<Measurement> load_measurement(StoreTx& tx, const std::string& id) {
  return load<Measurement>(tx, kMeasurementKind, id, &measurement_of);
}

Result<std::vector<Objective>> all_objectives(StoreTx& tx) {
  OpRecordQuery q;
  q.kind = kObjectiveKind;
  q.archived = ArchivedFilter::kAll;
  q.order = OpRecordOrder::kRef;
  return list_of<Objective>(tx, q, &objective_of);
}

Result<std::vector<Indicator>> indicators_of(StoreTx& tx, const std::string& objective_id) {
  OpRecordQuery q;
  q.kind = kIndicatorKind;
  q.parent_id = objective_id;
  q.archived = ArchivedFilter::kAll;
  q.order = OpRecordOrder::kRef;
  return list_of<Indicator>(tx, q, &indicator_of);
}

Result<std::vector<Measurement>> measurements_of(StoreTx& tx, const std::string& indicator_id,
                                                 bool include_superseded) {
  OpRecordQuery q;
  q.kind = kMeasurementKind;
  q.parent_id = indicator_id;
  q.archived = include_superseded ? ArchivedFilter::kAll : ArchivedFilter::kActiveOnly;
  q.order = OpRecordOrder::kDue;
  ISMS_ASSIGN(std::vector<Measurement> ms, list_of<Measurement>(tx, q, &measurement_of));
  sort_measurements(&ms);
  return ms;
}

Result<std::string> person_name(StoreTx& tx, const std::string& person_id) {
  if (person_id.empty()) return std::string();
  auto person = tx.get_person(person_id);
  if (auto e = admin::unless_not_found(person)) return *e;
  return person ? person->name : std::string();
}

Status check_person(StoreTx& tx, const std::string& field, const std::string& person_id) {
  if (person_id.empty()) return ok_status();
  auto person = tx.get_person(person_id);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (!person) return Error::invalid(field, "no person with id \"" + person_id + "\"");
  return ok_status();
}

IndicatorSummary summarize(const Indicator& i, const std::vector<Measurement>& sorted,
                           const std::string& today) {
  IndicatorSummary s;
  s.indicator = i;
  if (!sorted.empty()) {
    s.latest = sorted.back();
    s.on_target = measurement_on_target(i, sorted.back().value);
  }
  size_t first = sorted.size() > 3 ? sorted.size() - 3 : 0;
  s.trend.assign(sorted.begin() + static_cast<std::ptrdiff_t>(first), sorted.end());
  s.trend_state = indicator_trend(i, sorted);
  s.overdue = indicator_overdue(i, today);
  return s;
}

Result<ObjectiveView> objective_view(StoreTx& tx, Objective o, const std::string& today) {
  ObjectiveView v;
  v.today = today;
  ISMS_ASSIGN(v.owner_name, person_name(tx, o.owner_id));
  ISMS_ASSIGN(std::vector<Indicator> indicators, indicators_of(tx, o.id));
  std::stable_partition(indicators.begin(), indicators.end(),
                        [](const Indicator& i) { return i.status == IndicatorStatus::kActive; });
  for (Indicator& i : indicators) {
    ISMS_ASSIGN(std::vector<Measurement> ms, measurements_of(tx, i.id, false));
    v.indicators.push_back(summarize(i, ms, today));
  }
  v.objective = std::move(o);
  return v;
}

Result<IndicatorView> indicator_view(StoreTx& tx, Indicator i, bool include_superseded,
                                     const std::string& today) {
  IndicatorView v;
  v.today = today;
  ISMS_ASSIGN(Objective o, load_objective(tx, i.objective_id));
  v.objective_ref = o.ref;
  v.objective_title = o.title;
  ISMS_ASSIGN(v.owner_name, person_name(tx, i.owner_id));
  ISMS_ASSIGN(std::vector<Measurement> current, measurements_of(tx, i.id, false));
  v.summary = summarize(i, current, today);
  if (include_superseded) {
    ISMS_ASSIGN(v.measurements, measurements_of(tx, i.id, true));
  } else {
    v.measurements = std::move(current);
  }
  v.indicator = std::move(i);
  return v;
}

Json objective_ledger_json(const Objective& o) {
  Json j = objective_to_json(o, "");
  for (const char* k : {"review_overdue", "reviews", "version", "created_at", "updated_at", "id"}) {
    j.erase(k);
  }
  return j;
}

Json indicator_ledger_json(const Indicator& i) {
  Json j = indicator_to_json(i, "");
  for (const char* k : {"measurement_overdue", "version", "created_at", "updated_at", "id"}) {
    j.erase(k);
  }
  return j;
}

Json measurement_ledger_json(const Measurement& m) {
  return Json{{"indicator_id", m.indicator_id},
              {"value", m.value.text()},
              {"measured_on", m.measured_on},
              {"period", m.period},
              {"note", m.note},
              {"supersedes", m.supersedes}};
}

Result<std::string> next_ref(StoreTx& tx, const std::string& counter, const std::string& prefix,
                             int width) {
  ISMS_ASSIGN(int64_t n, tx.next_op_number(counter));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(n));
  return prefix + buf;
}

}  // namespace isms::objective_internal
