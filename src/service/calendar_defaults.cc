// The policy's default calendar (service/operations_defaults.h): the recurring duties the
// information security policy names, created unassigned with anchors counted from today in
// the organization's zone. Each default carries a default_key; one that exists (even
// archived or edited) is never created again or overwritten.
#include <set>

#include "base/time_zone.h"
#include "domain/calendar.h"
#include "service/calendar_service.h"
#include "service/operations_defaults.h"
#include "service/time_zone_setting.h"

namespace isms {

namespace {

struct DefaultActivity {
  const char* key;
  const char* title;
  const char* description;
  CadenceKind kind;
  const char* subject;
  const char* policy_ref;
  std::vector<std::string> requires_fields;
};

const std::vector<DefaultActivity>& defaults() {
  static const std::vector<DefaultActivity> list = {
      {"risk_assessment",
       "Quarterly risk assessment (Risk Management Forum)",
       "The Risk Management Forum reviews every risk, its rating and treatment.",
       CadenceKind::kQuarterly,
       "risks",
       "Policy 5",
       {"notes", "decision"}},
      {"isms_review",
       "Yearly ISMS review",
       "Review the ISMS scope, policy and processes for continuing suitability.",
       CadenceKind::kYearly,
       "isms",
       "Policy 5",
       {"notes"}},
      {"management_review",
       "Yearly management review",
       "Top management reviews the ISMS with the inputs ISO 27001 9.3 names.",
       CadenceKind::kYearly,
       "management_review",
       "Policy 4, ISO 27001 9.3",
       {"notes", "decision"}},
      {"objectives_review",
       "Yearly review of objectives and their indices",
       "Review the information security objectives, their indicators and targets.",
       CadenceKind::kYearly,
       "objectives",
       "Policy 6",
       {"notes"}},
      {"access_rights_review",
       "Yearly access-rights review",
       "Review who has access to what and remove what is no longer needed.",
       CadenceKind::kYearly,
       "access_rights",
       "Policy 8.3",
       {"notes", "evidence"}},
      {"topic_policy_review",
       "Yearly review of each topic policy",
       "Review every topic-specific policy and approve a new version where needed.",
       CadenceKind::kYearly,
       "documents",
       "Policy 8",
       {"notes"}},
      {"backup_restore_test",
       "Quarterly backup restore test",
       "Restore a backup and verify the restored data.",
       CadenceKind::kQuarterly,
       "backups",
       "Policy 8.13",
       {"notes", "evidence"}},
      {"supplier_review",
       "Yearly supplier review",
       "Review the information security of suppliers and their agreements.",
       CadenceKind::kYearly,
       "suppliers",
       "Policy 8.4",
       {"notes"}},
      {"log_review",
       "Monthly log review",
       "Review security logs and alerts for anomalies.",
       CadenceKind::kMonthly,
       "logging",
       "Policy 8.14",
       {"notes"}},
      {"vulnerability_assessment",
       "Quarterly vulnerability assessment",
       "Scan and assess technical vulnerabilities and plan their remediation.",
       CadenceKind::kQuarterly,
       "vulnerabilities",
       "Policy 8.12",
       {"notes", "evidence"}},
      {"internal_audit_programme",
       "Yearly internal audit programme",
       "Plan and approve the internal audit programme of the year.",
       CadenceKind::kYearly,
       "audit_programme",
       "Policy 4, ISO 27001 9.2",
       {"decision"}},
      {"cryptography_review",
       "Yearly review of cryptographic controls",
       "Review the use of cryptography and key management.",
       CadenceKind::kYearly,
       "controls",
       "Policy 8.15",
       {"notes"}},
  };
  return list;
}

int months_of(CadenceKind k) {
  switch (k) {
    case CadenceKind::kMonthly:
      return 1;
    case CadenceKind::kQuarterly:
      return 3;
    default:
      return 12;
  }
}

}  // namespace

Status ensure_default_calendar(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger) {
  OpRecordQuery q;
  q.kind = "activity";
  q.archived = ArchivedFilter::kAll;
  ISMS_ASSIGN(std::vector<OpRecord> records, tx->list_op_records(q));
  std::set<std::string> present;
  for (const OpRecord& r : records) {
    auto body = parse_json(r.body);
    if (body && body->is_object() && body->contains("default_key") &&
        (*body)["default_key"].is_string()) {
      present.insert((*body)["default_key"].get<std::string>());
    }
  }
  ISMS_ASSIGN(std::string today, organization_today(ctx, *tx));
  for (const DefaultActivity& d : defaults()) {
    if (present.count(d.key)) continue;
    Activity a;
    a.title = d.title;
    a.description = d.description;
    a.cadence.kind = d.kind;
    // The first occurrence one period from today: a new organization first runs the
    // duty a period after adopting its policy.
    ISMS_ASSIGN(a.anchor_on, add_months(today, months_of(d.kind)));
    a.cadence.day_of_month = std::stoi(a.anchor_on.substr(8, 2));
    a.subject.register_name = d.subject;
    a.policy_ref = d.policy_ref;
    a.requires_fields = d.requires_fields;
    a.default_key = d.key;
    auto inserted = calendar_internal::insert_activity(ctx, *tx, *ledger, std::move(a));
    if (!inserted) return inserted.error();
  }
  return ok_status();
}

}  // namespace isms
