#include "service/review_completion.h"

#include "domain/risk_common.h"
#include "service/control_service.h"
#include "service/document_service.h"
#include "service/exception_service.h"
#include "service/risk_service.h"

namespace isms {

Result<ReviewCompletion> complete_review(const ServiceContext& ctx, const Principal& p,
                                         const ReviewCompletionRequest& request,
                                         const std::optional<std::string>& as_person) {
  ReviewCompletion out;
  out.object_type = request.object_type;
  out.object_id = request.object_id;
  const std::string& type = request.object_type;
  if (type == "document") {
    ISMS_ASSIGN(DocumentView v,
                DocumentService(ctx).mark_reviewed(p, request.object_id, request.note));
    out.next_review_on = v.document.next_review_date.value_or("");
  } else if (type == "risk") {
    ISMS_ASSIGN(RiskView v, RiskService(ctx).mark_reviewed(p, request.object_id, request.note,
                                                           kRiskReviewMonths));
    out.next_review_on = v.risk.next_review_on.value_or("");
  } else if (type == "control") {
    ControlService service(ctx);
    ISMS_ASSIGN(ControlView current, service.get(p, request.object_id));
    ISMS_ASSIGN(ControlView v, service.record_check(p, request.object_id, current.control.version,
                                                    request.note, std::nullopt));
    out.next_review_on = v.control.next_check_on.value_or("");
  } else if (type == "exception") {
    ISMS_ASSIGN(ExceptionResult r,
                ExceptionService(ctx).renew(p, request.object_id, ExceptionFields{}, as_person));
    out.renewal_id = r.exception.id;
    out.renewal_ref = r.exception.ref;
  } else if (type == "evidence") {
    return Error::invalid("object_type",
                          "evidence is not reviewed: it needs new evidence — add a new file or "
                          "link to its control");
  } else if (type == "soa") {
    return Error::invalid("object_type",
                          "the Statement of Applicability is reviewed by approving it: it needs "
                          "approval (POST /api/v1/soa/approve, isms soa approve)");
  } else {
    return Error::invalid("object_type",
                          "must be document, risk, control, evidence, exception or soa");
  }
  return out;
}

Json review_completion_to_json(const ReviewCompletion& c) {
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return Json{{"object_type", c.object_type},
              {"object_id", c.object_id},
              {"next_review_on", opt(c.next_review_on)},
              {"renewal_id", opt(c.renewal_id)},
              {"renewal_ref", opt(c.renewal_ref)}};
}

}  // namespace isms
