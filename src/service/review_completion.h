// Completing a review ("needs review", issue 6): moves the object's review date by its
// interval, always through the service that owns the object, so that service's
// permissions, object rules and ledger entries apply:
//   document  -> DocumentService::mark_reviewed (next review = today + its interval)
//   risk      -> RiskService::mark_reviewed (next review = today + 3 months)
//   control   -> ControlService::record_check (an effectiveness check today)
//   exception -> ExceptionService::renew (a renewal request; the approval sets the expiry)
//   evidence  -> kInvalid: evidence is renewed by adding new evidence to its control
//   soa       -> kInvalid: the SoA is reviewed by approving it
#pragma once

#include <optional>
#include <string>

#include "base/error.h"
#include "base/json.h"
#include "domain/access.h"
#include "domain/review_request.h"
#include "service/context.h"

namespace isms {

struct ReviewCompletion {
  std::string object_type;
  std::string object_id;
  std::string next_review_on;  // the object's new date ("" for an exception renewal)
  std::string renewal_id;      // exception: the renewal request created
  std::string renewal_ref;
};

Result<ReviewCompletion> complete_review(const ServiceContext& ctx, const Principal& p,
                                         const ReviewCompletionRequest& request,
                                         const std::optional<std::string>& as_person);

Json review_completion_to_json(const ReviewCompletion& c);

}  // namespace isms
