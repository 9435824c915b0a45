// DocumentService::mark_reviewed: the periodic review of a published document moves its
// next review date by the interval of the published version (issue 6 "needs review").
#include "base/time_zone.h"
#include "service/document_service.h"
#include "service/document_support.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace document_detail;

Result<DocumentView> DocumentService::mark_reviewed(const Principal& p, const std::string& id,
                                                    const std::string& note) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_writable(*tx, p, id));
  if (!d.published_version_id) {
    return Error::invalid("object_id", "document \"" + d.title +
                                           "\" has no published version to review: publish it "
                                           "first");
  }
  ISMS_ASSIGN(DocumentVersion published, find_version(*tx, d, *d.published_version_id));
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(std::string next, add_months(today, published.content.review_interval_months));
  Json change{
      {"next_review_date",
       {{"from", d.next_review_date ? Json(*d.next_review_date) : Json(nullptr)}, {"to", next}}},
      {"version_id", published.id},
      {"reviewed_on", today},
      {"note", note}};
  d.next_review_date = next;
  ISMS_TRY(save_document(*tx, ctx_, &d));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("document.review", "document", d.id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

}  // namespace isms
