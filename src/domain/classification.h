// Classification: how sensitive an object is (policy section 7).
// Ordered public < internal < confidential < customer_data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms {

enum class Classification { kPublic = 0, kInternal = 1, kConfidential = 2, kCustomerData = 3 };

std::string_view classification_name(Classification c);   // "public", ... "customer_data"
std::string_view classification_label(Classification c);  // "Public", ... "Customer data"
std::optional<Classification> parse_classification(std::string_view name);
inline int classification_rank(Classification c) { return static_cast<int>(c); }

// The rule for changing an object's classification from `from` to `to`:
//  - customer_data is never lowered (rule "customer_data_never_downgraded");
//  - any other lowering needs a non-empty justification, kept in the ledger.
// Errors are kInvalid naming field "classification" or "justification".
Status check_reclassification(Classification from, Classification to,
                              std::string_view justification);

}  // namespace isms
