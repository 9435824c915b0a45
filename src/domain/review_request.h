// The request to complete a review of an object whose review date passed ("needs review",
// POST /api/v1/reviews/complete; service/review_completion.h carries it out). Read
// strictly; outside input (fuzz/review_body_fuzz.cc). Pure.
#pragma once

#include <string>

#include "base/error.h"
#include "base/json.h"

namespace isms {

struct ReviewCompletionRequest {
  std::string object_type;  // document | risk | control | evidence | exception | soa
  std::string object_id;
  std::string note;  // at most 2000 characters
};
// Strict: unknown keys and wrong types are refused naming the key.
Result<ReviewCompletionRequest> review_completion_from_json(const Json& body);

}  // namespace isms
