// AuditService: the audit programme, audits with their checklists, findings and
// corrective actions (domain/audit.h, domain/finding.h; docs/api.md "Audits, findings,
// corrective actions"). Request bodies are JSON objects parsed strictly here (unknown
// members refused, every bad field named). Ledger entries: "audit_programme.create|update|
// approve", "audit.create|update|start|check|complete|cancel", "finding.create|update|
// close", "corrective_action.create|update|implement|verify".
// Permissions: reads "audits:read", writes "audits:write"; the owner of a corrective action
// may also record its implementation. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/finding.h"
#include "service/context.h"

namespace isms {

struct ProgrammeView {
  AuditProgramme programme;
  std::vector<Audit> audits;  // planned in it, by start date
};

struct AuditFilter {
  std::vector<std::string> statuses;
  std::optional<int> year;  // start_on's year
  std::optional<std::string> programme_id;
};

// A finding with its actions (creation order) and what is derived from them.
struct FindingView {
  Finding finding;
  std::vector<CorrectiveAction> actions;
  bool overdue = false;
  std::string source_ref;    // "AUD-0003", "INC-0002", ...; "" when none or unknown
  std::string source_title;  // the source record's title; "" when none
};

struct FindingFilter {
  std::optional<std::string> source, source_id, grade;
  std::vector<std::string> statuses;
  std::optional<bool> overdue;
  std::optional<std::string> owner_id;
};

struct ActionFilter {
  std::vector<std::string> statuses;
  std::optional<std::string> owner_id;
  std::optional<bool> overdue;
  std::optional<std::string> finding_id;
};

// The per-audit report (GET /audits/{id}/report).
struct AuditReport {
  Audit audit;
  std::string programme_ref;  // "" outside a programme
  std::vector<FindingView> findings;
  std::string today;
  std::string generated_at;
  std::string organization_name;
  // person id -> name for every person the report names.
  std::vector<std::pair<std::string, std::string>> person_names;
};
Json audit_report_to_json(const AuditReport& r);
Json finding_view_to_json(const FindingView& v, const std::string& today);

// The result of a checklist decision that raised a finding in the same call.
struct CheckResultView {
  Audit audit;
  std::optional<FindingView> finding;
};

class AuditService {
 public:
  explicit AuditService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Today in the organization's zone (overdue flags).
  Result<std::string> today() const;

  // --- programmes ---
  Result<std::vector<AuditProgramme>> list_programmes(const Principal& p) const;
  Result<ProgrammeView> get_programme(const Principal& p, const std::string& id) const;
  // {"year","title","objectives","owner_id"}; kConflict when the year has one.
  Result<ProgrammeView> create_programme(const Principal& p, const Json& body) const;
  // {"version" (required),"title","objectives","owner_id"}; an approved programme that
  // changes returns to draft.
  Result<ProgrammeView> update_programme(const Principal& p, const std::string& id,
                                         const Json& body) const;
  Result<ProgrammeView> approve_programme(const Principal& p, const std::string& id,
                                          int64_t version) const;

  // --- audits ---
  Result<std::vector<Audit>> list_audits(const Principal& p, const AuditFilter& f) const;
  Result<Audit> get_audit(const Principal& p, const std::string& id) const;
  // {"title","type","scope","criteria","lead_auditor_id","auditor_ids","start_on","end_on",
  //  "programme_id"}; the checklist is generated from the criteria.
  Result<Audit> create_audit(const Principal& p, const Json& body) const;
  // The same members plus "conclusion" and "version" (required); planned or in progress
  // only; changed criteria regenerate the checklist (decided items kept).
  Result<Audit> update_audit(const Principal& p, const std::string& id, const Json& body) const;
  Result<Audit> start_audit(const Principal& p, const std::string& id, int64_t version) const;
  // conclusion: when given, replaces the audit's before the completion rule is checked.
  Result<Audit> complete_audit(const Principal& p, const std::string& id, int64_t version,
                               const std::optional<std::string>& conclusion) const;
  Result<Audit> cancel_audit(const Principal& p, const std::string& id, int64_t version,
                             const std::string& reason) const;
  // {"version" (the item's, required),"question","result","notes","evidence","finding"}:
  // decisions need the audit in progress; "finding" ({"grade","title","description",
  // "owner_id","action"}) raises a finding for a nonconform or observation item.
  Result<CheckResultView> check_item(const Principal& p, const std::string& audit_id, int64_t index,
                                     const Json& body) const;

  // --- findings ---
  Result<std::vector<FindingView>> list_findings(const Principal& p, const FindingFilter& f) const;
  Result<FindingView> get_finding(const Principal& p, const std::string& id) const;
  // {"source","source_id","grade","title","description","requirement_keys","owner_id",
  //  "action":{"title","root_cause","action","owner_id","due_on"}} through
  // record_finding_in_tx.
  Result<FindingView> create_finding(const Principal& p, const Json& body) const;
  // As create_finding with source audit and this audit; "checklist_index" optional
  // (requirement key and title default from the item).
  Result<FindingView> create_audit_finding(const Principal& p, const std::string& audit_id,
                                           const Json& body) const;
  // {"version","grade","title","description","requirement_keys","owner_id"}; open only.
  Result<FindingView> update_finding(const Principal& p, const std::string& id,
                                     const Json& body) const;
  Result<FindingView> close_finding(const Principal& p, const std::string& id, int64_t version,
                                    const std::string& note) const;

  // --- corrective actions ---
  Result<std::vector<CorrectiveAction>> list_actions(const Principal& p,
                                                     const ActionFilter& f) const;
  Result<CorrectiveAction> get_action(const Principal& p, const std::string& id) const;
  // {"title","root_cause","action","owner_id","due_on"}; the finding must be open.
  Result<CorrectiveAction> add_action(const Principal& p, const std::string& finding_id,
                                      const Json& body) const;
  // {"version","title","root_cause","action","owner_id","due_on"}; open actions only.
  Result<CorrectiveAction> update_action(const Principal& p, const std::string& id,
                                         const Json& body) const;
  // {"version","implemented_on" (default today, not in the future),"note"}.
  Result<CorrectiveAction> implement_action(const Principal& p, const std::string& id,
                                            const Json& body) const;
  // {"version","effective" (required),"verified_on","note" (required when ineffective)}.
  // The verifier is the caller's person; the local operator names one (verifier_person_id).
  // A verification that satisfies the closing rule closes the finding in the same write.
  Result<CorrectiveAction> verify_action(
      const Principal& p, const std::string& id, const Json& body,
      const std::optional<std::string>& verifier_person_id) const;

  // --- report ---
  Result<AuditReport> report(const Principal& p, const std::string& audit_id) const;
  Result<std::string> report_pdf(const Principal& p, const std::string& audit_id) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
