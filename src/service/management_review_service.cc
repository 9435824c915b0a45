#include "service/management_review_service.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "base/crypto.h"
#include "base/json.h"
#include "render/review_minutes.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/management_review_inputs.h"
#include "service/time_zone_setting.h"

namespace isms {

namespace {

Error review_not_found(const std::string& id) {
  return Error::not_found("management review " + id + " not found");
}

Result<ManagementReview> from_record(const OpRecord& rec) {
  ManagementReview r;
  r.id = rec.id;
  r.ref = rec.ref;
  auto status = parse_review_status(rec.status);
  if (!status) {
    return Error::corruption("management review " + rec.id + " has status \"" + rec.status + "\"");
  }
  r.status = *status;
  r.version = rec.version;
  r.created_at = rec.created_at;
  r.updated_at = rec.updated_at;
  ISMS_ASSIGN(Json body, parse_json(rec.body));
  Status parsed = review_from_body(body, &r);
  if (!parsed.ok()) {
    return Error::corruption("management review " + rec.id +
                             " has a malformed body: " + parsed.error().message);
  }
  return r;
}

OpRecord to_record(const ManagementReview& r) {
  OpRecord rec;
  rec.kind = kManagementReviewKind;
  rec.id = r.id;
  rec.ref = r.ref;
  rec.status = std::string(review_status_name(r.status));
  rec.owner_id = r.chair_id;
  rec.due_at = r.planned_on;
  rec.body = dump_json(review_body_to_json(r));
  rec.version = r.version;
  rec.created_at = r.created_at;
  rec.updated_at = r.updated_at;
  return rec;
}

Result<ManagementReview> load(StoreTx& tx, const std::string& id) {
  auto rec = tx.get_op_record(kManagementReviewKind, id);
  if (!rec) {
    if (rec.error().code == ErrorCode::kNotFound) return review_not_found(id);
    return rec.error();
  }
  return from_record(*rec);
}

Status check_version(const ManagementReview& r, int64_t expected) {
  if (r.version == expected) return ok_status();
  return Error::conflict("management review " + r.ref + " is at version " +
                         std::to_string(r.version) + ", you sent version " +
                         std::to_string(expected) + ": reload and retry");
}

// What the ledger keeps of a review for create/update diffs: everything but the inputs'
// data (kept as a digest by refresh and hold), with the comments by key.
Json ledger_record(const ManagementReview& r) {
  Json j = review_body_to_json(r);
  j.erase("inputs");
  Json comments = Json::object();
  for (const ReviewInput& in : r.inputs) {
    if (!in.comment.empty()) comments[in.key] = in.comment;
  }
  j["comments"] = std::move(comments);
  j["status"] = std::string(review_status_name(r.status));
  return j;
}

std::string inputs_digest(const ManagementReview& r) {
  Json inputs = Json::array();
  for (const ReviewInput& in : r.inputs) inputs.push_back(review_input_to_json(in));
  return sha256_hex(dump_json(inputs));
}

// Chair, attendees and action owners must be persons (kInvalid naming the field).
Status check_review(StoreTx& tx, const ManagementReview& r) {
  auto errors = validate_management_review(r);
  std::set<std::string> known;
  auto check_person = [&](const std::string& field, const std::string& id) -> Status {
    if (id.empty() || known.count(id)) return ok_status();
    auto person = tx.get_person(id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person) errors.push_back({field, "no person with id \"" + id + "\""});
    known.insert(id);
    return ok_status();
  };
  ISMS_TRY(check_person("chair_id", r.chair_id));
  for (const auto& id : r.attendee_ids) ISMS_TRY(check_person("attendee_ids", id));
  for (size_t i = 0; i < r.actions.size(); ++i) {
    ISMS_TRY(check_person("actions[" + std::to_string(i) + "].owner_id", r.actions[i].owner_id));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Result<ReviewView> view_of(StoreTx& tx, ManagementReview r, std::string today) {
  ReviewView v;
  std::vector<std::string> ids = r.attendee_ids;
  ids.push_back(r.chair_id);
  ids.push_back(r.approved_by);
  for (const ReviewAction& a : r.actions) ids.push_back(a.owner_id);
  for (const std::string& id : ids) {
    if (id.empty() || v.person_names.count(id)) continue;
    auto person = tx.get_person(id);
    if (auto e = admin::unless_not_found(person)) return *e;
    v.person_names[id] = person ? person->name : id;
  }
  v.review = std::move(r);
  v.today = std::move(today);
  return v;
}

// Writes `after` (version + 1) with one ledger entry, and answers the stored view.
Result<ReviewView> write(const ServiceContext& ctx, const Principal& p, StoreTx& tx,
                         ManagementReview after, int64_t expected_version,
                         const std::string& action, Json change) {
  after.version = expected_version + 1;
  after.updated_at = ctx.clock->now_utc();
  ISMS_TRY(tx.update_op_record(to_record(after), expected_version));
  LedgerRecorder ledger(ctx, &tx, actor_of(p));
  ISMS_TRY(ledger.record("management_review." + action, kManagementReviewKind, after.id,
                         std::move(change)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(std::string today, organization_today(ctx, tx));
  ISMS_ASSIGN(ReviewView v, view_of(tx, std::move(after), today));
  ISMS_TRY(tx.commit());
  return v;
}

Result<std::vector<ReviewInput>> assemble(const ServiceContext& ctx, const Principal& p,
                                          const std::string& review_id, InputsScope* scope) {
  {
    ISMS_ASSIGN(auto tx, ctx.store->begin_read());
    ISMS_ASSIGN(PreviousReview prev, previous_review(*tx, review_id));
    ISMS_ASSIGN(scope->today, organization_today(ctx, *tx));
    scope->review_id = review_id;
    scope->since = prev.held_on;
  }
  return assemble_review_inputs(ctx, p, *scope);
}

}  // namespace

Json review_view_to_json(const ReviewView& v) {
  Json j = management_review_to_json(v.review, v.today);
  Json persons = Json::object();
  for (const auto& [id, name] : v.person_names) persons[id] = name;
  j["persons"] = std::move(persons);
  return j;
}

Result<std::vector<ManagementReview>> ManagementReviewService::list(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "reviews:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  OpRecordQuery q;
  q.kind = kManagementReviewKind;
  q.order = OpRecordOrder::kDue;
  q.descending = true;
  ISMS_ASSIGN(std::vector<OpRecord> records, tx->list_op_records(q));
  std::vector<ManagementReview> out;
  for (const OpRecord& rec : records) {
    ISMS_ASSIGN(ManagementReview r, from_record(rec));
    out.push_back(std::move(r));
  }
  return out;
}

Result<ReviewView> ManagementReviewService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "reviews:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(ManagementReview r, load(*tx, id));
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  return view_of(*tx, std::move(r), today);
}

Result<ReviewView> ManagementReviewService::create(const Principal& p,
                                                   const ReviewFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "reviews:write"));
  if (fields.held_on) return Error::invalid("held_on", "is set when the review is held");
  ManagementReview r;
  r.id = new_id();
  r.inputs = empty_review_inputs();
  r.chair_id = p.person_id;
  InputsScope scope;
  ISMS_ASSIGN(std::vector<ReviewInput> inputs, assemble(ctx_, p, r.id, &scope));
  r.planned_on = scope.today;
  ISMS_TRY(apply_review_fields(fields, &r));
  if (!fields.title) r.title = "Management review " + r.planned_on.substr(0, 4);
  r.inputs = merge_input_comments(std::move(inputs), r.inputs);
  r.inputs_since = scope.since;
  r.created_at = r.updated_at = r.inputs_assembled_at = ctx_.clock->now_utc();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(PreviousReview prev, previous_review(*tx, r.id));
  r.previous_review_id = prev.id;
  ISMS_TRY(check_review(*tx, r));
  ISMS_ASSIGN(int64_t number, tx->next_op_number(kManagementReviewKind));
  char ref[16];
  std::snprintf(ref, sizeof ref, "MR-%04lld", static_cast<long long>(number));
  r.ref = ref;
  ISMS_TRY(tx->insert_op_record(to_record(r)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = ledger_record(r);
  change["ref"] = r.ref;
  change["inputs_sha256"] = inputs_digest(r);
  ISMS_TRY(ledger.record("management_review.create", kManagementReviewKind, r.id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ReviewView v, view_of(*tx, std::move(r), scope.today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ReviewView> ManagementReviewService::update(const Principal& p, const std::string& id,
                                                   const ReviewFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "reviews:write"));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(ManagementReview before, load(*tx, id));
  ISMS_TRY(check_version(before, *fields.version));
  ISMS_TRY(check_review_editable(before));
  ManagementReview after = before;
  ISMS_TRY(apply_review_fields(fields, &after));
  ISMS_TRY(check_review(*tx, after));
  Json diff = admin::json_diff(ledger_record(before), ledger_record(after));
  if (diff.empty()) {
    ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
    return view_of(*tx, std::move(before), today);
  }
  return write(ctx_, p, *tx, std::move(after), before.version, "update", std::move(diff));
}

Result<ReviewView> ManagementReviewService::refresh_inputs(const Principal& p,
                                                           const std::string& id,
                                                           int64_t expected_version) const {
  ISMS_TRY(admin::require_permission(p, "reviews:write"));
  {
    // Fail early (404, 409) before the assembly reads every register.
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(ManagementReview r, load(*tx, id));
    ISMS_TRY(check_version(r, expected_version));
    ISMS_TRY(check_inputs_refreshable(r));
  }
  InputsScope scope;
  ISMS_ASSIGN(std::vector<ReviewInput> inputs, assemble(ctx_, p, id, &scope));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(ManagementReview before, load(*tx, id));
  ISMS_TRY(check_version(before, expected_version));
  ISMS_TRY(check_inputs_refreshable(before));
  ManagementReview after = before;
  after.inputs = merge_input_comments(std::move(inputs), before.inputs);
  after.inputs_since = scope.since;
  after.inputs_assembled_at = ctx_.clock->now_utc();
  ISMS_ASSIGN(PreviousReview prev, previous_review(*tx, id));
  after.previous_review_id = prev.id;
  Json change{{"inputs_assembled_at", after.inputs_assembled_at},
              {"inputs_since", after.inputs_since},
              {"inputs_sha256", inputs_digest(after)}};
  return write(ctx_, p, *tx, std::move(after), before.version, "refresh", std::move(change));
}

Result<ReviewView> ManagementReviewService::hold(const Principal& p, const std::string& id,
                                                 int64_t expected_version,
                                                 const std::optional<std::string>& held_on) const {
  ISMS_TRY(admin::require_permission(p, "reviews:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(ManagementReview before, load(*tx, id));
  ISMS_TRY(check_version(before, expected_version));
  ISMS_TRY(check_review_holdable(before));
  ManagementReview after = before;
  after.status = ReviewStatus::kHeld;
  if (held_on) {
    after.held_on = *held_on;
  } else {
    ISMS_ASSIGN(after.held_on, organization_today(ctx_, *tx));
  }
  ISMS_TRY(check_review(*tx, after));
  Json change{{"status", "held"},
              {"held_on", after.held_on},
              {"inputs_assembled_at", after.inputs_assembled_at},
              {"inputs_sha256", inputs_digest(after)}};
  return write(ctx_, p, *tx, std::move(after), before.version, "hold", std::move(change));
}

Result<ReviewView> ManagementReviewService::approve(
    const Principal& p, const std::string& id, int64_t expected_version,
    const std::optional<std::string>& approver_person_id) const {
  ISMS_TRY(admin::require_permission(p, "reviews:approve"));
  std::string approver = p.person_id;
  if (approver.empty()) {
    if (!p.operator_access || !approver_person_id || approver_person_id->empty()) {
      return Error::invalid("approved_by",
                            "an approval is recorded for a person of top management; the "
                            "operator names one (--approver)");
    }
    approver = *approver_person_id;
  } else if (approver_person_id && *approver_person_id != approver) {
    return Error::invalid("approved_by", "a user approves as their own person");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(ManagementReview before, load(*tx, id));
  ISMS_TRY(check_version(before, expected_version));
  ISMS_TRY(check_review_approvable(before));
  auto person = tx->get_person(approver);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (!person) return Error::invalid("approved_by", "no person with id \"" + approver + "\"");
  ManagementReview after = before;
  after.status = ReviewStatus::kApproved;
  after.approved_by = approver;
  after.approved_by_name = person->name;
  after.approved_at = ctx_.clock->now_utc();
  Json change{{"status", "approved"},
              {"approved_by", after.approved_by},
              {"approved_by_name", after.approved_by_name},
              {"approved_at", after.approved_at},
              {"inputs_sha256", inputs_digest(after)}};
  return write(ctx_, p, *tx, std::move(after), before.version, "approve", std::move(change));
}

Result<ReviewView> ManagementReviewService::set_action_status(
    const Principal& p, const std::string& id, size_t index, const std::string& status,
    std::optional<int64_t> expected_version) const {
  ISMS_TRY(admin::require_permission(p, "reviews:write"));
  if (status != "open" && status != "done") {
    return Error::invalid("status", "must be open or done");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(ManagementReview before, load(*tx, id));
  if (expected_version) ISMS_TRY(check_version(before, *expected_version));
  if (index >= before.actions.size()) {
    return Error::not_found("management review " + before.ref + " has no action " +
                            std::to_string(index) + " (it has " +
                            std::to_string(before.actions.size()) + ")");
  }
  if (before.actions[index].status == status) {
    ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
    return view_of(*tx, std::move(before), today);
  }
  ManagementReview after = before;
  after.actions[index].status = status;
  Json change{{"action_index", static_cast<int64_t>(index)},
              {"title", after.actions[index].title},
              {"status", status}};
  return write(ctx_, p, *tx, std::move(after), before.version, "action", std::move(change));
}

Result<MinutesFile> ManagementReviewService::minutes_pdf(const Principal& p,
                                                         const std::string& id) const {
  ISMS_ASSIGN(ReviewView v, get(p, id));
  ReviewMinutes doc;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(auto org, tx->get_organization());
    if (org) doc.organization_name = org->name;
  }
  doc.generated_at = ctx_.clock->now_utc();
  doc.person_names = v.person_names;
  MinutesFile file;
  file.file_name = v.review.ref + "-minutes.pdf";
  doc.review = std::move(v.review);
  ISMS_ASSIGN(file.bytes, render_review_minutes_pdf(doc));
  return file;
}

}  // namespace isms
