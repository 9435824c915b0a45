#include "service/control_support.h"

#include "base/crypto.h"
#include "service/admin_common.h"

namespace isms::control_detail {

namespace {
std::string description_place(const std::string& control_id) {
  return sealed_associated_data("controls", "description_sealed", control_id);
}
}  // namespace

std::string today(const ServiceContext& ctx) { return ctx.clock->now_utc().substr(0, 10); }

bool is_sealed(Classification c) { return c >= Classification::kConfidential; }

Control to_stored(const ServiceContext& ctx, Control c) {
  if (is_sealed(c.classification)) {
    c.description_sealed =
        c.description.empty() ? "" : ctx.keyring->seal(c.description, description_place(c.id));
    c.description.clear();
  } else {
    c.description_sealed.clear();
  }
  return c;
}

Result<Control> from_stored(const ServiceContext& ctx, Control c) {
  if (!c.description_sealed.empty()) {
    ISMS_ASSIGN(c.description, ctx.keyring->open(c.description_sealed, description_place(c.id)));
    c.description_sealed.clear();
  }
  return c;
}

std::string blob_place(const std::string& sha256) {
  return sealed_associated_data("evidence_blobs", "content", sha256);
}

bool may_read(const Principal& p, const Control& c) {
  ObjectAccess access;
  access.classification = c.classification;
  access.owner_id = c.owner_id;
  return can_read_object(p, access);
}

Error not_found(const std::string& control_id) {
  return Error::not_found("control " + control_id + " not found");
}

Result<Control> load_readable(StoreTx& tx, const Principal& p, const std::string& id,
                              const std::string& today) {
  ISMS_TRY(admin::require_permission(p, "controls:read"));
  auto found = tx.get_control(id, today);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) return not_found(id);
    return std::move(found).error();
  }
  if (!may_read(p, *found)) return not_found(id);
  return std::move(found).value();
}

Result<Control> load_writable(StoreTx& tx, const Principal& p, const std::string& id,
                              const std::string& today) {
  ISMS_ASSIGN(Control c, load_readable(tx, p, id, today));
  ObjectAccess access;
  access.classification = c.classification;
  access.owner_id = c.owner_id;
  if (!can_write_object(p, access, "controls")) {
    return Error::forbidden("you may read control " + c.ref +
                            " but not change it (needs "
                            "controls:write)");
  }
  return c;
}

Json control_ledger_record(const Control& c) {
  Json j = control_to_json(c, "");
  for (const char* key : {"owner_name", "risk_ids", "check_overdue", "evidence_count",
                          "valid_evidence_count", "content_hidden", "archived"}) {
    j.erase(key);
  }
  if (is_sealed(c.classification)) j["description"] = "sha256:" + sha256_hex(c.description);
  return j;
}

}  // namespace isms::control_detail
