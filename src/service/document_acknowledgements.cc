// DocumentService acknowledgements: who has read and accepted a published version, one's
// own acknowledgement, reminders and "my tasks".
#include "service/admin_common.h"
#include "service/document_service.h"
#include "service/document_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace document_detail;

namespace {

Result<AcknowledgementStatus> status_of(StoreTx& tx, const std::string& version_id) {
  AcknowledgementStatus s;
  s.version_id = version_id;
  ISMS_ASSIGN(s.persons, tx.list_acknowledgements(version_id));
  for (const Acknowledgement& a : s.persons) (a.acknowledged_at ? s.acknowledged : s.pending) += 1;
  s.completion_rate =
      s.persons.empty() ? 1.0 : static_cast<double>(s.acknowledged) / s.persons.size();
  return s;
}

// The published version that asks for acknowledgement (kConflict when there is none).
Result<DocumentVersion> acknowledged_version(StoreTx& tx, const Document& d) {
  if (!d.published_version_id) {
    return Error::conflict("document " + d.id + " has no published version to acknowledge");
  }
  ISMS_ASSIGN(DocumentVersion v, tx.get_document_version(*d.published_version_id));
  if (!v.content.requires_acknowledgement) {
    return Error::conflict("version " + v.content.label + " of \"" + d.title +
                           "\" does not ask for acknowledgement");
  }
  return v;
}

}  // namespace

Result<AcknowledgementStatus> DocumentService::acknowledgements(
    const Principal& p, const std::string& id, const std::string& version_id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(Document d, load_readable(*tx, p, id));
  if (!version_id.empty()) {
    ISMS_TRY(find_version(*tx, d, version_id));
    return status_of(*tx, version_id);
  }
  if (!d.published_version_id) return AcknowledgementStatus{{}, {}, 0, 0, 1.0};
  return status_of(*tx, *d.published_version_id);
}

Result<AcknowledgementStatus> DocumentService::acknowledge(const Principal& p,
                                                           const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "policies:accept"));
  if (p.person_id.empty()) {
    return Error::forbidden("only a person acknowledges a document; the operator has none");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_readable(*tx, p, id));
  ISMS_ASSIGN(DocumentVersion v, acknowledged_version(*tx, d));
  ISMS_ASSIGN(std::vector<Acknowledgement> all, tx->list_acknowledgements(v.id));
  Acknowledgement mine;
  mine.version_id = v.id;
  mine.person_id = p.person_id;
  for (const Acknowledgement& a : all) {
    if (a.person_id == p.person_id) mine = a;
  }
  // Acknowledging twice changes nothing. Someone who joined after publishing has no
  // pending row yet and gets one now.
  if (mine.acknowledged_at) return status_of(*tx, v.id);
  mine.acknowledged_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->put_acknowledgement(mine));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(
      "document.acknowledge", "document", id,
      Json{{"version_id", v.id}, {"label", v.content.label}, {"person_id", p.person_id}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(AcknowledgementStatus status, status_of(*tx, v.id));
  ISMS_TRY(tx->commit());
  return status;
}

Result<std::vector<Acknowledgement>> DocumentService::remind(const Principal& p,
                                                             const std::string& id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_writable(*tx, p, id));
  ISMS_ASSIGN(DocumentVersion v, acknowledged_version(*tx, d));
  ISMS_ASSIGN(std::vector<Acknowledgement> all, tx->list_acknowledgements(v.id));
  std::string now = ctx_.clock->now_utc();
  std::vector<Acknowledgement> reminded;
  Json person_ids = Json::array();
  for (Acknowledgement a : all) {
    if (a.acknowledged_at) continue;
    a.last_reminded_at = now;
    a.reminder_count += 1;
    ISMS_TRY(tx->put_acknowledgement(a));
    person_ids.push_back(a.person_id);
    reminded.push_back(std::move(a));
  }
  if (reminded.empty()) return reminded;  // nobody pending: nothing to record
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("document.remind", "document", id,
                         Json{{"version_id", v.id}, {"person_ids", person_ids}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return reminded;
}

Result<std::vector<PendingAcknowledgement>> DocumentService::my_pending(const Principal& p) const {
  if (p.person_id.empty()) return std::vector<PendingAcknowledgement>{};
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->pending_acknowledgements(p.person_id);
}

}  // namespace isms
