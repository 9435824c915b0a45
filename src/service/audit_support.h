// Internals shared by the files of AuditService (audit_service.cc, audit_findings.cc,
// audit_report_service.cc): loading the module's records, reference checks, reference
// numbers and finding views. Free functions over a transaction; no state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/finding.h"
#include "service/audit_service.h"
#include "store/store.h"

namespace isms::audit_internal {

// kNotFound naming the id when absent.
Result<AuditProgramme> load_programme(StoreTx& tx, const std::string& id);
Result<Audit> load_audit(StoreTx& tx, const std::string& id);
Result<Finding> load_finding(StoreTx& tx, const std::string& id);
Result<CorrectiveAction> load_action(StoreTx& tx, const std::string& id);
// The finding's actions, oldest first.
Result<std::vector<CorrectiveAction>> actions_of(StoreTx& tx, const std::string& finding_id);
// Every corrective action by finding id.
Result<std::map<std::string, std::vector<CorrectiveAction>>> actions_by_finding(StoreTx& tx);

// Appends "no person with id" for `id` (unless empty) to errors.
Status check_person(StoreTx& tx, std::vector<FieldError>& errors, const std::string& field,
                    const std::string& id);
// Every key must name a catalogue requirement (errors "<field>[i]"); titles by key when
// `titles` is given.
Status check_requirements(StoreTx& tx, std::vector<FieldError>& errors, const std::string& field,
                          const std::vector<std::string>& keys,
                          std::map<std::string, std::string>* titles);
// kInvalid when missing, kConflict naming both versions when stale.
Status check_version(const std::string& what, int64_t current, std::optional<int64_t> expected);
// "<prefix>-0001" from the named counter.
Result<std::string> next_ref(StoreTx& tx, const std::string& counter, const std::string& prefix);
// Today's date in the organization's zone.
Result<std::string> today_in(const ServiceContext& ctx, StoreTx& tx);
// The view of a finding: actions, overdue, the source's ref and title.
Result<FindingView> finding_view(StoreTx& tx, Finding f, const std::string& today);
// The finding view with given actions (no reads but the source's).
Result<FindingView> finding_view_with(StoreTx& tx, Finding f, std::vector<CorrectiveAction> actions,
                                      const std::string& today);

// Ledger form of the records: the API form without bookkeeping or derived members.
Json programme_ledger(const AuditProgramme& p);
Json audit_ledger(const Audit& a);
Json finding_ledger(const Finding& f);
Json action_ledger(const CorrectiveAction& a);

// Reads the "version" member of a body when it is an integer (the strict parser reports
// anything else).
std::optional<int64_t> body_version(const Json& body);

}  // namespace isms::audit_internal
