#include "service/control_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "domain/catalogue.h"
#include "domain/document.h"
#include "service/admin_common.h"
#include "service/control_cursor.h"
#include "service/control_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace control_detail;

namespace {

constexpr size_t kArchiveReasonMax = 2000;
constexpr size_t kCheckNoteMax = 4000;

// Owner and requirement keys must name stored objects. Keys are checked in the order the
// caller sent them, so "requirement_keys[i]" points at their i; keys the control already
// had are not checked again (a later catalogue import may have removed one, and that must
// not block unrelated changes).
Status check_references(StoreTx& tx, const Control& c, const ControlFields& fields,
                        const Control* before) {
  std::vector<FieldError> errors;
  bool owner_changed = !before || before->owner_id != c.owner_id;
  if (owner_changed && c.owner_id) {
    auto person = tx.get_person(*c.owner_id);
    if (!person) {
      if (person.error().code != ErrorCode::kNotFound) return std::move(person).error();
      errors.push_back({"owner_id", "no person with id \"" + *c.owner_id + "\""});
    }
  }
  if (fields.requirement_keys) {
    const auto& keys = *fields.requirement_keys;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (before && std::find(before->requirement_keys.begin(), before->requirement_keys.end(),
                              keys[i]) != before->requirement_keys.end()) {
        continue;
      }
      auto split = split_requirement_key(keys[i]);
      std::string field = "requirement_keys[" + std::to_string(i) + "]";
      if (!split) {
        errors.push_back({field, "must be a requirement key \"framework:ref\""});
        continue;
      }
      auto found = tx.get_requirement(split->first, split->second);
      if (!found) {
        if (found.error().code != ErrorCode::kNotFound) return std::move(found).error();
        errors.push_back({field, "no requirement \"" + keys[i] + "\" in the catalogue"});
      }
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Status check_version(const Control& current, std::optional<int64_t> expected) {
  if (!expected) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  if (*expected != current.version) {
    return Error::conflict("control " + current.ref + " was changed by someone else: version " +
                           std::to_string(current.version) + " is current, the request was for " +
                           std::to_string(*expected));
  }
  return ok_status();
}

Status check_not_archived(const Control& c) {
  if (c.archived_at) return Error::conflict("control " + c.ref + " is archived");
  return ok_status();
}

// "YYYY-MM-DD" plus months; a day past the end of the target month becomes its last day.
// REQUIRES: is_calendar_date(date).
std::string add_months(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)),
      d = std::stoi(date.substr(8, 2));
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int last = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(y) + "-" + two(m) + "-" + two(std::min(d, last));
}

// The stored control with its active evidence, readable.
Result<ControlView> view_of(const ServiceContext& ctx, StoreTx& tx, const std::string& id,
                            const std::string& today) {
  ISMS_ASSIGN(Control stored, tx.get_control(id, today));
  ControlView view;
  ISMS_ASSIGN(view.control, from_stored(ctx, std::move(stored)));
  ISMS_ASSIGN(view.evidence, tx.list_evidence(id, false));
  return view;
}

// When a control becomes confidential, its evidence files get a sealed copy, which
// evidence_file then prefers. The plain blob stays: blobs are content-addressed and may
// back evidence of other controls.
Status seal_evidence_blobs(const ServiceContext& ctx, StoreTx& tx, const std::string& control_id) {
  ISMS_ASSIGN(std::vector<Evidence> all, tx.list_evidence(control_id, true));
  for (const Evidence& e : all) {
    if (e.kind != EvidenceKind::kFile) continue;
    auto sealed = tx.get_evidence_blob(e.sha256, true);
    if (sealed) continue;
    if (sealed.error().code != ErrorCode::kNotFound) return std::move(sealed).error();
    ISMS_ASSIGN(EvidenceBlob blob, tx.get_evidence_blob(e.sha256, false));
    blob.content = ctx.keyring->seal(blob.content, blob_place(blob.sha256));
    blob.sealed = true;
    ISMS_TRY(tx.put_evidence_blob(blob));
  }
  return ok_status();
}

}  // namespace

Result<ControlListResult> ControlService::list(const Principal& p,
                                               const ControlListRequest& request) const {
  ISMS_TRY(admin::require_permission(p, "controls:read"));
  ControlQuery query = request.query;
  query.after.reset();
  if (query.limit < 1 || query.limit > 500) return Error::invalid("limit", "must be 1 to 500");
  query.include_confidential = p.operator_access || p.has("confidential:read");
  query.reader_person_id = p.person_id;
  if (!request.cursor.empty()) {
    query.after = decode_control_cursor(request.cursor, query.sort, query.descending);
    if (!query.after) {
      return Error::malformed("cursor is not valid for this list and sort order", "cursor");
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(ControlPage page, tx->list_controls(query, today(ctx_)));
  ControlListResult result;
  result.items = std::move(page.items);
  for (Control& c : result.items) {
    // Lists never carry sealed content; reading the control shows it (and records that).
    if (is_sealed(c.classification)) {
      c.content_hidden = true;
      c.description.clear();
    }
    c.description_sealed.clear();
  }
  if (page.next) {
    result.next_cursor = encode_control_cursor(*page.next, query.sort, query.descending);
  }
  result.total = page.total;
  return result;
}

Result<ControlView> ControlService::get(const Principal& p, const std::string& id) const {
  std::string t = today(ctx_);
  ControlView view;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(view.control, load_readable(*tx, p, id, t));
    ISMS_ASSIGN(view.evidence, tx->list_evidence(id, false));
  }
  if (is_sealed(view.control.classification)) {
    // Who read which confidential content, and when (policy 8.3).
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
    ISMS_TRY(
        ledger.record("control.read", "control", id,
                      Json{{"classification", classification_name(view.control.classification)},
                           {"version", view.control.version}}));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
  }
  ISMS_ASSIGN(view.control, from_stored(ctx_, std::move(view.control)));
  return view;
}

Result<ControlView> ControlService::create(const Principal& p, const ControlPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, "controls:write"));
  if (!patch.fields.title) return Error::invalid("title", "is required");
  Control c;
  c.id = new_id();
  apply_control_fields(patch.fields, &c);
  auto errors = validate_control(c);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  c.version = 1;
  c.created_at = c.updated_at = ctx_.clock->now_utc();

  std::string t = today(ctx_);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(check_references(*tx, c, patch.fields, nullptr));
  Control stored = to_stored(ctx_, c);
  ISMS_TRY(tx->insert_control(&stored));
  c.ref = stored.ref;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("control.create", "control", c.id, control_ledger_record(c)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ControlView view, view_of(ctx_, *tx, c.id, t));
  ISMS_TRY(tx->commit());
  return view;
}

Result<ControlView> ControlService::update(const Principal& p, const std::string& id,
                                           const ControlPatch& patch) const {
  std::string t = today(ctx_);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Control stored_before, load_writable(*tx, p, id, t));
  ISMS_ASSIGN(Control before, from_stored(ctx_, std::move(stored_before)));
  ISMS_TRY(check_version(before, patch.version));
  ISMS_TRY(check_not_archived(before));
  Control after = before;
  apply_control_fields(patch.fields, &after);
  auto errors = validate_control(after);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  Json diff = admin::json_diff(control_ledger_record(before), control_ledger_record(after));
  if (diff.empty()) {
    ISMS_ASSIGN(ControlView view, view_of(ctx_, *tx, id, t));
    return view;  // nothing changed: no new version, no ledger entry
  }
  ISMS_TRY(check_references(*tx, after, patch.fields, &before));
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_control(to_stored(ctx_, after), before.version));
  if (is_sealed(after.classification) && !is_sealed(before.classification)) {
    ISMS_TRY(seal_evidence_blobs(ctx_, *tx, id));
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("control.update", "control", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ControlView view, view_of(ctx_, *tx, id, t));
  ISMS_TRY(tx->commit());
  return view;
}

Result<ControlView> ControlService::archive(const Principal& p, const std::string& id,
                                            int64_t expected_version,
                                            const std::string& reason) const {
  std::vector<FieldError> errors;
  admin::check_text(errors, "reason", reason, 1, kArchiveReasonMax, true);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  std::string t = today(ctx_);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Control stored_before, load_writable(*tx, p, id, t));
  ISMS_ASSIGN(Control before, from_stored(ctx_, std::move(stored_before)));
  ISMS_TRY(check_version(before, expected_version));
  if (before.archived_at) return Error::conflict("control " + before.ref + " is already archived");
  Control after = before;
  after.archived_at = ctx_.clock->now_utc();
  after.archive_reason = reason;
  after.version = before.version + 1;
  after.updated_at = *after.archived_at;
  ISMS_TRY(tx->update_control(to_stored(ctx_, after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(
      ledger.record("control.archive", "control", id,
                    admin::json_diff(control_ledger_record(before), control_ledger_record(after))));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ControlView view, view_of(ctx_, *tx, id, t));
  ISMS_TRY(tx->commit());
  return view;
}

Result<ControlView> ControlService::record_check(
    const Principal& p, const std::string& id, int64_t expected_version, const std::string& note,
    const std::optional<std::string>& checked_on) const {
  std::string t = today(ctx_);
  std::string on = checked_on.value_or(t);
  std::vector<FieldError> errors;
  admin::check_text(errors, "note", note, 0, kCheckNoteMax, true);
  if (!is_calendar_date(on)) {
    errors.push_back({"checked_on", "must be a date YYYY-MM-DD that exists"});
  } else if (on > t) {
    errors.push_back({"checked_on", "must not be in the future (today is " + t + ")"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Control stored_before, load_writable(*tx, p, id, t));
  ISMS_ASSIGN(Control before, from_stored(ctx_, std::move(stored_before)));
  ISMS_TRY(check_version(before, expected_version));
  ISMS_TRY(check_not_archived(before));
  Control after = before;
  after.last_checked_on = on;
  after.next_check_on = add_months(on, before.check_interval_months);
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_control(to_stored(ctx_, after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  // The note of a confidential control may say what was found; the ledger keeps its hash.
  Json note_json =
      is_sealed(after.classification) ? Json("sha256:" + sha256_hex(note)) : Json(note);
  ISMS_TRY(ledger.record("control.check", "control", id,
                         Json{{"checked_on", on},
                              {"note", note_json},
                              {"next_check_on", *after.next_check_on},
                              {"version", after.version}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ControlView view, view_of(ctx_, *tx, id, t));
  ISMS_TRY(tx->commit());
  return view;
}

}  // namespace isms
