// Minutes of a management review as PDF (render/report_pdf.h): title, dates, chair and
// attendees, every input of clause 9.3.2 with its facts, data tables and the preparer's
// comment, the minutes text, the decisions by category, the actions and the approval line
// ("Approved by <name> on <date>" or "Not approved yet"). Pure apart from the PDF
// libraries; thread-safe.
#pragma once

#include <map>
#include <string>

#include "base/error.h"
#include "domain/management_review.h"

namespace isms {

struct ReviewMinutes {
  ManagementReview review;
  std::map<std::string, std::string> person_names;  // id -> name (missing: the id is shown)
  std::string organization_name;
  std::string classification_label = "Internal";
  std::string generated_at;  // RFC 3339
};

// "Approved by Jane Doe on 2026-12-03" / "Not approved yet".
std::string review_approval_line(const ManagementReview& r,
                                 const std::map<std::string, std::string>& names);

Result<std::string> render_review_minutes_pdf(const ReviewMinutes& doc);

}  // namespace isms
