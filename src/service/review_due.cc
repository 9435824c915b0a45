// PLACEHOLDER until the review-due module lands: replaced by its implementation.
#include "service/review_due.h"

namespace isms {

Result<std::vector<AgendaItem>> list_reviews_due(const ServiceContext& ctx, const Principal& p,
                                                 const std::string& until) {
  (void)ctx;
  (void)p;
  (void)until;
  return std::vector<AgendaItem>{};
}

}  // namespace isms
