// ObjectiveService, indicators and measurements: add, read, change and retire indicators;
// record measurements and correct them by superseding (never in place); the CSV export.
#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/objective_service.h"
#include "service/objective_support.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace objective_internal;

namespace {

constexpr const char* kRead = "objectives:read";
constexpr const char* kWrite = "objectives:write";

Status check_version(const std::string& what, int64_t current, int64_t expected) {
  if (current == expected) return ok_status();
  return Error::conflict(what + " has changed: version " + std::to_string(current) +
                         " is stored, the change is based on version " + std::to_string(expected) +
                         "; read it again");
}

Status check_indicator(StoreTx& tx, const Indicator& i, const Indicator* before) {
  auto errors = validate_indicator(i);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (!before || before->owner_id != i.owner_id) ISMS_TRY(check_person(tx, "owner_id", i.owner_id));
  return ok_status();
}

// Writes a changed indicator (version + 1) with one ledger entry of the difference.
Status write_indicator_change(const ServiceContext& ctx, StoreTx& tx, LedgerRecorder& ledger,
                              const Indicator& before, Indicator* after,
                              const std::string& action) {
  after->next_due_on = indicator_next_due(*after);
  Json change = admin::json_diff(indicator_ledger_json(before), indicator_ledger_json(*after));
  if (change.empty()) return ok_status();
  after->version = before.version + 1;
  after->updated_at = ctx.clock->now_utc();
  ISMS_TRY(tx.update_op_record(indicator_record(*after), before.version));
  return ledger.record(action, kIndicatorKind, after->id, change);
}

// The newest measured_on of the indicator's measurements that stand (not superseded).
Result<std::optional<std::string>> last_measured(StoreTx& tx, const std::string& indicator_id) {
  ISMS_ASSIGN(std::vector<Measurement> ms, measurements_of(tx, indicator_id, false));
  if (ms.empty()) return std::optional<std::string>();
  return std::optional<std::string>(ms.back().measured_on);
}

Result<Measurement> new_measurement(const ServiceContext& ctx, const Principal& p, StoreTx& tx,
                                    const Indicator& indicator, const MeasurementInput& input,
                                    const std::string& default_date, const std::string& today) {
  Measurement m;
  m.id = new_id();
  m.indicator_id = indicator.id;
  m.value = input.value;
  m.measured_on = input.measured_on.value_or(default_date);
  m.period = input.period;
  m.note = input.note;
  m.recorded_by = p.person_id;
  ISMS_ASSIGN(m.recorded_by_name, person_name(tx, p.person_id));
  if (m.recorded_by_name.empty()) m.recorded_by_name = p.actor;
  m.created_at = ctx.clock->now_utc();
  auto errors = validate_measurement(m);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (m.measured_on > today) {
    return Error::invalid("measured_on", "is in the future (today is " + today + ")");
  }
  return m;
}

}  // namespace

Result<IndicatorView> ObjectiveService::add_indicator(const Principal& p,
                                                      const std::string& objective_id,
                                                      const IndicatorFields& fields) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  if (fields.version) return Error::invalid("version", "not accepted when creating");
  std::vector<FieldError> missing;
  if (!fields.name) missing.push_back({"name", "is required"});
  if (!fields.target_given) missing.push_back({"target", "is required"});
  if (!missing.empty()) return Error::invalid(std::move(missing));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Objective o, load_objective(*tx, objective_id));
  if (o.status == ObjectiveStatus::kWithdrawn) {
    return Error::conflict("objective " + o.ref + " is withdrawn; it takes no new indicators");
  }
  Indicator i;
  i.id = new_id();
  i.objective_id = o.id;
  apply_indicator_fields(fields, &i);
  if (fields.status && *fields.status == IndicatorStatus::kRetired) {
    return Error::invalid("status", "a new indicator is active");
  }
  i.created_on = today;
  i.next_due_on = indicator_next_due(i);
  ISMS_TRY(check_indicator(*tx, i, nullptr));
  ISMS_ASSIGN(i.ref, next_ref(*tx, "indicator", "IND-", 4));
  i.created_at = i.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(indicator_record(i)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("indicator.create", kIndicatorKind, i.id, indicator_ledger_json(i)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(IndicatorView v, indicator_view(*tx, std::move(i), false, today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<IndicatorView> ObjectiveService::get_indicator(const Principal& p, const std::string& id,
                                                      bool include_superseded) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Indicator i, load_indicator(*tx, id));
  return indicator_view(*tx, std::move(i), include_superseded, today);
}

Result<IndicatorView> ObjectiveService::update_indicator(const Principal& p, const std::string& id,
                                                         const IndicatorFields& fields) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Indicator before, load_indicator(*tx, id));
  ISMS_TRY(check_version("indicator " + before.ref, before.version, *fields.version));
  Indicator after = before;
  apply_indicator_fields(fields, &after);
  ISMS_TRY(check_indicator(*tx, after, &before));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  std::string action =
      before.status == IndicatorStatus::kActive && after.status == IndicatorStatus::kRetired
          ? "indicator.retire"
          : "indicator.update";
  ISMS_TRY(write_indicator_change(ctx_, *tx, ledger, before, &after, action));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Indicator stored, load_indicator(*tx, id));
  ISMS_ASSIGN(IndicatorView v, indicator_view(*tx, std::move(stored), false, today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<IndicatorView> ObjectiveService::retire_indicator(const Principal& p, const std::string& id,
                                                         int64_t expected_version) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Indicator before, load_indicator(*tx, id));
  ISMS_TRY(check_version("indicator " + before.ref, before.version, expected_version));
  if (before.status == IndicatorStatus::kRetired) {
    return Error::conflict("indicator " + before.ref + " is already retired");
  }
  Indicator after = before;
  after.status = IndicatorStatus::kRetired;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(write_indicator_change(ctx_, *tx, ledger, before, &after, "indicator.retire"));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(IndicatorView v, indicator_view(*tx, std::move(after), false, today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<RecordedMeasurement> ObjectiveService::record_measurement(
    const Principal& p, const std::string& indicator_id, const MeasurementInput& input) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Indicator before, load_indicator(*tx, indicator_id));
  if (before.status == IndicatorStatus::kRetired) {
    return Error::conflict("indicator " + before.ref + " is retired; it takes no measurements");
  }
  ISMS_ASSIGN(Measurement m, new_measurement(ctx_, p, *tx, before, input, today, today));
  ISMS_TRY(tx->insert_op_record(measurement_record(m)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("measurement.record", kMeasurementKind, m.id, measurement_ledger_json(m)));
  Indicator after = before;
  ISMS_ASSIGN(after.last_measured_on, last_measured(*tx, before.id));
  ISMS_TRY(write_indicator_change(ctx_, *tx, ledger, before, &after, "indicator.update"));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return RecordedMeasurement{std::move(m), std::nullopt, std::move(after), today};
}

Result<RecordedMeasurement> ObjectiveService::supersede_measurement(
    const Principal& p, const std::string& id, const MeasurementInput& input) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Measurement old, load_measurement(*tx, id));
  if (!old.superseded_by.empty()) {
    return Error::conflict("measurement " + id + " is already superseded by " + old.superseded_by);
  }
  ISMS_ASSIGN(Indicator before, load_indicator(*tx, old.indicator_id));
  if (before.status == IndicatorStatus::kRetired) {
    return Error::conflict("indicator " + before.ref + " is retired; its measurements stay");
  }
  ISMS_ASSIGN(Measurement m, new_measurement(ctx_, p, *tx, before, input, old.measured_on, today));
  m.supersedes = old.id;
  ISMS_TRY(tx->insert_op_record(measurement_record(m)));
  Measurement superseded = old;
  superseded.superseded_by = m.id;
  superseded.version = old.version + 1;
  ISMS_TRY(tx->update_op_record(measurement_record(superseded), old.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  // The old measurement's entry says what replaced it; the new one is recorded as usual
  // (its "supersedes" names the old one).
  ISMS_TRY(ledger.record("measurement.supersede", kMeasurementKind, old.id,
                         Json{{"superseded_by", m.id},
                              {"value", {{"from", old.value.text()}, {"to", m.value.text()}}}}));
  ISMS_TRY(ledger.record("measurement.record", kMeasurementKind, m.id, measurement_ledger_json(m)));
  Indicator after = before;
  ISMS_ASSIGN(after.last_measured_on, last_measured(*tx, before.id));
  ISMS_TRY(write_indicator_change(ctx_, *tx, ledger, before, &after, "indicator.update"));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return RecordedMeasurement{std::move(m), std::move(superseded), std::move(after), today};
}

Result<std::string> ObjectiveService::measurements_csv(const Principal& p,
                                                       const std::string& indicator_id,
                                                       std::string* file_name) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(Indicator i, load_indicator(*tx, indicator_id));
  ISMS_ASSIGN(std::vector<Measurement> all, measurements_of(*tx, i.id, true));
  if (file_name) *file_name = i.ref + "-measurements.csv";
  return isms::measurements_csv(i, all);
}

}  // namespace isms
