// Assembles the inputs of a management review (ISO/IEC 27001:2022 9.3.2) from the ISMS
// records: the operational records of other modules, read by the columns and body keys
// store/README.md "Operational records" fixes, plus the risk register's summary and the
// last closed risk cycle. A register without records yields a section with a note, never
// an error; a body that does not parse is skipped. Used by management_review_service.cc.
#pragma once

#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/management_review.h"
#include "service/context.h"

namespace isms {

struct InputsScope {
  std::string review_id;  // excluded from input a)
  std::string since;      // the previous review's held_on; "" = since the beginning
  std::string today;      // YYYY-MM-DD, the organization's date
};

// The previous review of `review_id`: the held or approved one with the latest held_on
// (ties: the later created). id "" when there is none.
struct PreviousReview {
  std::string id;
  std::string held_on;
};
Result<PreviousReview> previous_review(StoreTx& tx, const std::string& review_id);

// Every input of review_input_specs(), data filled for those from data, no comments. The
// risk sections are read with `p`'s permissions through RiskService and RiskCycleService
// in their own read transactions; a principal without "risks:read" gets a note instead.
Result<std::vector<ReviewInput>> assemble_review_inputs(const ServiceContext& ctx,
                                                        const Principal& p,
                                                        const InputsScope& scope);

}  // namespace isms
