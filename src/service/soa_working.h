// What SoaService's files (soa_service.cc, soa_export_service.cc, soa_import_service.cc)
// share: the scope of the SoA and its working lines. Internal to the service layer.
//
// Scope: iso27001-2022 always (its 93 Annex A controls, as the gap report counts them:
// scope_requirements in traceability_service.h); nis2-2024-2690 (its Annex subsections)
// when the request names it, or, with no request, once any of its lines has been decided:
// deciding a NIS2 line is how an organization opts in (there is no separate setting).
#pragma once

#include <string>
#include <vector>

#include "domain/soa.h"
#include "service/context.h"

namespace isms::soa_detail {

std::string today(const ServiceContext& ctx);

// kInvalid (field "framework") for a framework the SoA does not cover.
Result<std::vector<std::string>> scope_frameworks(StoreTx& tx,
                                                  const std::vector<std::string>& requested);

// Every line of the frameworks in catalogue order: the stored line, or an undecided
// default (version 0), with the derived controls, risks and evidence of `today`.
Result<std::vector<Applicability>> working_lines(StoreTx& tx,
                                                 const std::vector<std::string>& framework_ids,
                                                 const std::string& today);
// One line; kNotFound unless (framework, ref) is a line of the SoA.
Result<Applicability> working_line(StoreTx& tx, const std::string& framework_id,
                                   const std::string& ref_id, const std::string& today);

// The decision fields that differ ("applicable", "reasons", "justification",
// "implementation"), empty when the decision is the same.
std::vector<std::string> decision_changes(const Applicability& before, const Applicability& after);
// How many lines differ in their decision (or exist in only one of the two).
int64_t count_decision_changes(const std::vector<Applicability>& a,
                               const std::vector<Applicability>& b);

Json totals_to_json(const Soa::Totals& t);

}  // namespace isms::soa_detail
