#include "service/time_zone_setting.h"

#include "base/json.h"
#include "base/time_zone.h"

namespace isms {

Result<std::string> organization_time_zone(StoreTx& tx) {
  auto record = tx.get_op_record(kCalendarSettingsKind, kCalendarSettingsId);
  if (!record.ok()) {
    if (record.error().code == ErrorCode::kNotFound) return std::string("UTC");
    return record.error();
  }
  ISMS_ASSIGN(Json body, parse_json(record.value().body));
  if (body.is_object() && body.contains("time_zone") && body["time_zone"].is_string()) {
    std::string zone = body["time_zone"].get<std::string>();
    if (is_known_time_zone(zone)) return zone;
  }
  return std::string("UTC");
}

Result<std::string> organization_today(const ServiceContext& ctx, StoreTx& tx) {
  ISMS_ASSIGN(std::string zone, organization_time_zone(tx));
  return local_date(ctx.clock->now_micros(), zone);
}

Status set_organization_time_zone(StoreTx& tx, LedgerRecorder& ledger, const std::string& zone,
                                  const std::string& now) {
  if (zone.empty() || zone.size() > 64 || !is_known_time_zone(zone)) {
    return Error::invalid("time_zone", "unknown time zone \"" + zone.substr(0, 64) +
                                           "\" (use an IANA name such as Europe/Stockholm)");
  }
  auto existing = tx.get_op_record(kCalendarSettingsKind, kCalendarSettingsId);
  if (!existing.ok() && existing.error().code != ErrorCode::kNotFound) return existing.error();
  std::string before = "UTC";
  if (existing.ok()) {
    OpRecord r = existing.value();
    ISMS_ASSIGN(Json body, parse_json(r.body));
    if (!body.is_object()) body = Json::object();
    if (body.contains("time_zone") && body["time_zone"].is_string()) {
      before = body["time_zone"].get<std::string>();
    }
    body["time_zone"] = zone;
    r.body = dump_json(body);
    int64_t expected = r.version;
    r.version = expected + 1;
    r.updated_at = now;
    ISMS_TRY(tx.update_op_record(r, expected));
  } else {
    OpRecord r;
    r.kind = kCalendarSettingsKind;
    r.id = kCalendarSettingsId;
    r.body = dump_json(Json{{"time_zone", zone}});
    r.created_at = r.updated_at = now;
    ISMS_TRY(tx.insert_op_record(r));
  }
  return ledger.record("calendar_settings.update", kCalendarSettingsKind, kCalendarSettingsId,
                       Json{{"time_zone", {{"from", before}, {"to", zone}}}});
}

}  // namespace isms
