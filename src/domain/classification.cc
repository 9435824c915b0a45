#include "domain/classification.h"

namespace isms {

std::string_view classification_name(Classification c) {
  switch (c) {
    case Classification::kPublic:
      return "public";
    case Classification::kInternal:
      return "internal";
    case Classification::kConfidential:
      return "confidential";
    case Classification::kCustomerData:
      return "customer_data";
  }
  return "internal";
}

std::string_view classification_label(Classification c) {
  switch (c) {
    case Classification::kPublic:
      return "Public";
    case Classification::kInternal:
      return "Internal";
    case Classification::kConfidential:
      return "Confidential";
    case Classification::kCustomerData:
      return "Customer data";
  }
  return "Internal";
}

std::optional<Classification> parse_classification(std::string_view name) {
  for (auto c : {Classification::kPublic, Classification::kInternal, Classification::kConfidential,
                 Classification::kCustomerData}) {
    if (classification_name(c) == name) return c;
  }
  return std::nullopt;
}

Status check_reclassification(Classification from, Classification to,
                              std::string_view justification) {
  if (classification_rank(to) >= classification_rank(from)) return ok_status();
  if (from == Classification::kCustomerData) {
    return Error::invalid("classification",
                          "customer_data can never be reclassified lower "
                          "(rule customer_data_never_downgraded)");
  }
  bool blank = justification.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (blank) {
    return Error::invalid("justification", "lowering the classification from " +
                                               std::string(classification_name(from)) + " to " +
                                               std::string(classification_name(to)) +
                                               " requires a justification");
  }
  return ok_status();
}

}  // namespace isms
