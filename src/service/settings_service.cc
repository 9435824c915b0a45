#include "service/settings_service.h"

#include <algorithm>

#include "service/admin_common.h"
#include "service/ledger_recorder.h"

namespace isms {

namespace {

std::vector<FieldError> range_errors(const OrganizationSettings& s) {
  std::vector<FieldError> errors;
  if (s.session_idle_minutes < kSessionIdleMinutesMin ||
      s.session_idle_minutes > kSessionIdleMinutesMax) {
    errors.push_back({"session_idle_minutes", "must be between 5 and 1440"});
  }
  if (s.session_absolute_hours < kSessionAbsoluteHoursMin ||
      s.session_absolute_hours > kSessionAbsoluteHoursMax) {
    errors.push_back({"session_absolute_hours", "must be between 1 and 168"});
  }
  return errors;
}

}  // namespace

Result<SettingsUpdate> settings_update_from_json(const Json& body) {
  admin::BodyReader reader(body);
  SettingsUpdate update;
  auto keys = reader.strings("mfa_required_role_keys", 200);
  auto idle =
      reader.integer("session_idle_minutes", kSessionIdleMinutesMin, kSessionIdleMinutesMax);
  auto absolute =
      reader.integer("session_absolute_hours", kSessionAbsoluteHoursMin, kSessionAbsoluteHoursMax);
  auto version = reader.integer("version", 1, INT32_MAX);
  if (body.is_object()) {
    for (const char* field :
         {"mfa_required_role_keys", "session_idle_minutes", "session_absolute_hours", "version"}) {
      if (!body.contains(field)) reader.add(field, "is required");
    }
  }
  ISMS_TRY(reader.finish());
  update.settings.mfa_required_role_keys = admin::sorted_unique(*keys);
  update.settings.session_idle_minutes = static_cast<int>(*idle);
  update.settings.session_absolute_hours = static_cast<int>(*absolute);
  update.settings.version = static_cast<int>(*version);
  return update;
}

Result<OrganizationSettings> SettingsService::get() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->get_settings();
}

Result<OrganizationSettings> SettingsService::put(const Principal& p,
                                                  const SettingsUpdate& update) const {
  ISMS_TRY(admin::require_permission(p, "settings:manage"));
  OrganizationSettings next = update.settings;
  next.mfa_required_role_keys = admin::sorted_unique(next.mfa_required_role_keys);
  std::vector<FieldError> errors = range_errors(next);

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
  for (const auto& key : next.mfa_required_role_keys) {
    bool known =
        std::any_of(roles.begin(), roles.end(), [&](const Role& r) { return r.key == key; });
    if (!known) {
      errors.push_back({"mfa_required_role_keys", "no role with key \"" + key + "\""});
      break;
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(OrganizationSettings before, tx->get_settings());
  if (before.version != update.settings.version) {
    return Error::conflict("the settings were changed by someone else: version " +
                           std::to_string(before.version) + " is current, the request was for " +
                           std::to_string(update.settings.version));
  }
  Json diff = admin::json_diff(settings_to_json(before), settings_to_json(next));
  if (diff.empty()) return before;
  next.version = before.version + 1;
  ISMS_TRY(tx->put_settings(next));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("settings.update", "settings", "organization", diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(OrganizationSettings stored, tx->get_settings());
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
