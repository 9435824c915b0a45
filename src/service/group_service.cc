#include "service/group_service.h"

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "store/text.h"

namespace isms {

namespace {

constexpr size_t kNameMax = 100;
constexpr size_t kDescriptionMax = 2000;
constexpr size_t kMaxMembers = 1000;

Result<WorkingGroup> find_group(StoreTx* tx, const std::string& id) {
  auto group = tx->get_group(id);
  if (!group && group.error().code == ErrorCode::kNotFound) {
    return Error::not_found("working group " + id + " not found");
  }
  return group;
}

// Applies and checks the fields: text rules, members exist, the name is free.
Status apply_fields(StoreTx* tx, const GroupFields& fields, WorkingGroup* group) {
  if (fields.name) group->name = *fields.name;
  if (fields.description) group->description = *fields.description;
  if (fields.member_ids) group->member_ids = admin::sorted_unique(*fields.member_ids);
  std::vector<FieldError> errors;
  admin::check_text(errors, "name", group->name, 1, kNameMax);
  admin::check_text(errors, "description", group->description, 0, kDescriptionMax, true);
  if (group->member_ids.size() > kMaxMembers) {
    errors.push_back(
        {"member_ids", "must have at most " + std::to_string(kMaxMembers) + " members"});
  } else if (fields.member_ids) {
    for (const auto& id : group->member_ids) {
      auto person = tx->get_person(id);
      if (auto e = admin::unless_not_found(person)) return *e;
      if (!person) {
        errors.push_back({"member_ids", "no person with id \"" + id + "\""});
        break;
      }
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (fields.name) {
    ISMS_ASSIGN(std::vector<WorkingGroup> groups, tx->list_groups());
    std::string key = store_detail::fold_case(group->name);
    for (const auto& g : groups) {
      if (g.id != group->id && store_detail::fold_case(g.name) == key) {
        return Error::conflict("a working group named \"" + g.name + "\" exists");
      }
    }
  }
  return ok_status();
}

}  // namespace

Result<GroupPatch> group_patch_from_json(const Json& body, bool allow_version) {
  admin::BodyReader reader(body);
  GroupPatch patch;
  patch.fields.name = reader.string("name");
  patch.fields.description = reader.string("description");
  patch.fields.member_ids = reader.strings("member_ids", kMaxMembers);
  if (allow_version) {
    patch.version = reader.integer("version", 1, INT64_MAX);
  } else {
    reader.reject("version", "not accepted when creating");
  }
  for (const char* read_only : {"id", "created_at", "updated_at"}) {
    reader.reject(read_only, "is read-only");
  }
  ISMS_TRY(reader.finish());
  return patch;
}

Result<std::vector<WorkingGroup>> GroupService::list(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "groups:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_groups();
}

Result<WorkingGroup> GroupService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "groups:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return find_group(tx.get(), id);
}

Result<WorkingGroup> GroupService::create(const Principal& p, const GroupFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "groups:manage"));
  if (!fields.name) return Error::invalid("name", "is required");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  WorkingGroup group;
  group.id = new_id();
  group.version = 1;
  group.created_at = group.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(apply_fields(tx.get(), fields, &group));
  ISMS_TRY(tx->insert_group(group));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("group.create", "group", group.id, working_group_to_json(group)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(WorkingGroup stored, tx->get_group(group.id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<WorkingGroup> GroupService::update(const Principal& p, const std::string& id,
                                          const GroupPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, "groups:manage"));
  if (!patch.version) return Error::invalid("version", "the version you last read is required");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(WorkingGroup before, find_group(tx.get(), id));
  if (before.version != *patch.version) {
    return Error::conflict("working group " + id + " was changed by someone else: version " +
                           std::to_string(before.version) + " is current, the request was for " +
                           std::to_string(*patch.version));
  }
  WorkingGroup after = before;
  ISMS_TRY(apply_fields(tx.get(), patch.fields, &after));
  Json diff = admin::json_diff(working_group_to_json(before), working_group_to_json(after));
  if (diff.empty()) return before;
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_group(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("group.update", "group", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(WorkingGroup stored, tx->get_group(id));
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
