// ManagementReviewService: management reviews (domain/management_review.h; docs/api.md
// "Management reviews"). Reads need "reviews:read", changes "reviews:write", approval
// "reviews:approve" (top management, policy sections 4 and 5). Inputs are assembled from
// the other registers (management_review_inputs.cc) on create and refresh while planned,
// and frozen when the review is held. Ledger entries "management_review.create|update|
// refresh|hold|approve|action". Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/management_review.h"
#include "service/context.h"

namespace isms {

struct ReviewView {
  ManagementReview review;
  std::map<std::string, std::string> person_names;  // chair, attendees, owners, approver
  std::string today;                                // the organization's date
};
// The API form: management_review_to_json plus "persons": {id: name}.
Json review_view_to_json(const ReviewView& v);

struct MinutesFile {
  std::string file_name;  // "MR-0001-minutes.pdf"
  std::string bytes;
};

class ManagementReviewService {
 public:
  explicit ManagementReviewService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Newest planned_on first.
  Result<std::vector<ManagementReview>> list(const Principal& p) const;
  Result<ReviewView> get(const Principal& p, const std::string& id) const;
  // title default "Management review <year>", planned_on default today, chair default the
  // caller's person (required for the operator). Inputs are assembled at once.
  Result<ReviewView> create(const Principal& p, const ReviewFields& fields) const;
  // Version required; kConflict when stale or approved.
  Result<ReviewView> update(const Principal& p, const std::string& id,
                            const ReviewFields& fields) const;
  // Re-assembles the inputs (comments kept); planned reviews only.
  Result<ReviewView> refresh_inputs(const Principal& p, const std::string& id,
                                    int64_t expected_version) const;
  // planned -> held; held_on default today; the inputs are frozen as they are.
  Result<ReviewView> hold(const Principal& p, const std::string& id, int64_t expected_version,
                          const std::optional<std::string>& held_on) const;
  // held -> approved by the caller's person (the operator names one: approver_person_id).
  Result<ReviewView> approve(const Principal& p, const std::string& id, int64_t expected_version,
                             const std::optional<std::string>& approver_person_id) const;
  // An action's status ("open" | "done"), also after approval (the actions are followed up
  // until the next review). expected_version is checked when given.
  Result<ReviewView> set_action_status(const Principal& p, const std::string& id, size_t index,
                                       const std::string& status,
                                       std::optional<int64_t> expected_version) const;
  // The minutes as PDF (render/review_minutes.h).
  Result<MinutesFile> minutes_pdf(const Principal& p, const std::string& id) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
