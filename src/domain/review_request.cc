#include "domain/review_request.h"

#include "domain/risk_common.h"

namespace isms {

namespace {
constexpr size_t kReviewNoteMax = 2000;
}  // namespace

Result<ReviewCompletionRequest> review_completion_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ReviewCompletionRequest r;
  risk_detail::JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (key == "object_type") {
      if (auto t = d.string(it.value(), key)) r.object_type = *t;
    } else if (key == "object_id") {
      if (auto t = d.string(it.value(), key)) r.object_id = *t;
    } else if (key == "note") {
      if (it.value().is_null()) continue;
      if (auto t = d.string(it.value(), key)) r.note = *t;
    } else {
      d.add(key, "unknown field");
    }
  }
  if (r.object_type.empty()) {
    d.add("object_type", "is required: document, risk, control, evidence, exception or soa");
  }
  if (r.object_id.empty()) d.add("object_id", "is required");
  risk_detail::check_text(d.errors, "note", r.note, kReviewNoteMax, true, false);
  ISMS_TRY(d.finish());
  return r;
}

}  // namespace isms
