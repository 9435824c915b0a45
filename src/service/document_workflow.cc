// DocumentService workflow steps on a document's open version: submit, return, approve,
// publish (domain/document.h has the state machine).
#include <cstdio>

#include "service/admin_common.h"
#include "service/document_service.h"
#include "service/document_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace document_detail;

namespace {

constexpr size_t kCommentMax = 4000;

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// "2025-01-31" + 1 month -> "2025-02-28": the day is clamped to the month's end.
std::string add_months(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4));
  int m = std::stoi(date.substr(5, 2));
  int d = std::stoi(date.substr(8, 2));
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  d = std::min(d, days_in_month(y, m));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

Json step_record(const DocumentVersion& v) {
  return Json{{"version_id", v.id}, {"label", v.content.label}};
}

// Loads the document and its open version for a step, checking state and row version.
struct StepTarget {
  Document document;
  DocumentVersion version;
};

Result<StepTarget> open_version_in(StoreTx& tx, const Document& d, VersionStatus wanted,
                                   std::string_view step, int64_t expected) {
  ISMS_ASSIGN(DocumentVersion v, latest_version(tx, d));
  ISMS_TRY(check_status(v, wanted, step));
  ISMS_TRY(check_row_version(v, expected));
  return StepTarget{d, std::move(v)};
}

}  // namespace

Result<DocumentView> DocumentService::submit(const Principal& p, const std::string& id,
                                             int64_t expected_version) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_writable(*tx, p, id));
  ISMS_ASSIGN(StepTarget t,
              open_version_in(*tx, d, VersionStatus::kDraft, "submit", expected_version));
  if (!d.owner_role_key && !d.owner_person_id) {
    return Error::invalid("information_owner",
                          "name the information owner (a role such as CEO, or owner_person_id) "
                          "before submitting: they approve the document");
  }
  t.version.status = VersionStatus::kInReview;
  t.version.submitted_by = p.actor;
  t.version.submitted_at = ctx_.clock->now_utc();
  ISMS_TRY(save_version(*tx, ctx_, &t.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("document.submit", "document", id, step_record(t.version)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

Result<DocumentView> DocumentService::return_to_draft(const Principal& p, const std::string& id,
                                                      int64_t expected_version,
                                                      const std::string& comment) const {
  std::vector<FieldError> errors;
  admin::check_text(errors, "comment", comment, 1, kCommentMax, true);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_readable(*tx, p, id));
  ISMS_ASSIGN(ObjectAccess access, document_access(*tx, d));
  // The reviewer (the information owner) and the writers may send a version back.
  if (!may_approve(p, d) && !can_write_object(p, access, "documents")) {
    return approval_refused(*tx, d);
  }
  if (d.archived_at) return Error::conflict("document " + id + " is archived");
  ISMS_ASSIGN(StepTarget t,
              open_version_in(*tx, d, VersionStatus::kInReview, "return", expected_version));
  t.version.status = VersionStatus::kDraft;
  t.version.review_comment = comment;
  ISMS_TRY(save_version(*tx, ctx_, &t.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = step_record(t.version);
  change["comment"] = comment;
  ISMS_TRY(ledger.record("document.return", "document", id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

Result<DocumentView> DocumentService::approve(const Principal& p, const std::string& id,
                                              int64_t expected_version) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_readable(*tx, p, id));
  if (!may_approve(p, d)) return approval_refused(*tx, d);
  if (d.archived_at) return Error::conflict("document " + id + " is archived");
  ISMS_ASSIGN(StepTarget t,
              open_version_in(*tx, d, VersionStatus::kInReview, "approve", expected_version));
  std::string approver_name = p.actor;
  if (!p.person_id.empty()) {
    auto person = tx->get_person(p.person_id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (person) approver_name = person->name;
  }
  t.version.status = VersionStatus::kApproved;
  t.version.approved_by = p.person_id.empty() ? p.actor : p.person_id;
  t.version.approved_at = ctx_.clock->now_utc();
  if (t.version.content.approver.empty()) t.version.content.approver = approver_name;
  ISMS_TRY(save_version(*tx, ctx_, &t.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = step_record(t.version);
  change["approved_by"] = *t.version.approved_by;
  change["approver"] = t.version.content.approver;
  ISMS_TRY(ledger.record("document.approve", "document", id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

Result<DocumentView> DocumentService::publish(const Principal& p, const std::string& id,
                                              int64_t expected_version) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_writable(*tx, p, id));
  ISMS_ASSIGN(StepTarget t,
              open_version_in(*tx, d, VersionStatus::kApproved, "publish", expected_version));
  std::string now = ctx_.clock->now_utc();
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  if (d.published_version_id) {
    ISMS_ASSIGN(DocumentVersion previous, tx->get_document_version(*d.published_version_id));
    previous.status = VersionStatus::kSuperseded;
    previous.superseded_at = now;
    ISMS_TRY(save_version(*tx, ctx_, &previous));
    ISMS_TRY(ledger.record("document.supersede", "document", id, step_record(previous)));
  }
  DocumentVersion& v = t.version;
  v.status = VersionStatus::kPublished;
  v.published_by = p.actor;
  v.published_at = now;
  ISMS_TRY(save_version(*tx, ctx_, &v));
  d.published_version_id = v.id;
  d.published_label = v.content.label;
  d.next_review_date = add_months(now.substr(0, 10), v.content.review_interval_months);
  ISMS_TRY(save_document(*tx, ctx_, &d));
  int asked = 0;
  if (v.content.requires_acknowledgement) {
    ISMS_ASSIGN(std::vector<Person> audience, acknowledgement_audience(*tx));
    for (const Person& person : audience) {
      Acknowledgement a;
      a.version_id = v.id;
      a.person_id = person.id;
      ISMS_TRY(tx->put_acknowledgement(a));
      ++asked;
    }
  }
  Json change = step_record(v);
  change["next_review_date"] = *d.next_review_date;
  change["acknowledgements_requested"] = asked;
  ISMS_TRY(ledger.record("document.publish", "document", id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

}  // namespace isms
