// ensure_default_objectives: the six information security objectives of the policy's
// section 6, each created once (found again by its default_key, withdrawn ones included,
// so a withdrawn default is not re-created and what users changed is never overwritten).
// The titles are the policy's; the descriptions are short paraphrases. The first review
// is due one year after creation.
#include "base/crypto.h"
#include "base/time_zone.h"
#include "service/objective_support.h"
#include "service/operations_defaults.h"
#include "service/time_zone_setting.h"

namespace isms {

namespace {

struct DefaultObjective {
  const char* key;
  const char* title;
  const char* description;
};

constexpr DefaultObjective kDefaults[] = {
    {"cyber-resilience", "Cyber Resilience Assurance",
     "Keep the cloud-native platform resilient: protect data, keep systems available and "
     "respond to incidents quickly, so the business continues and customers keep trusting "
     "us."},
    {"compliance", "Regulatory and Contractual Compliance",
     "Maintain a compliance framework that meets legal, regulatory and contractual "
     "requirements and manages the risks of suppliers and of our own operations."},
    {"security-culture", "Security-Centric Culture Development",
     "Make security everyone's responsibility through training and communication, so that "
     "security is part of daily work and of every business decision."},
    {"partners-vendors", "Strategic Partnerships and Vendor Management",
     "Work with trusted vendors and partners held to strict security requirements, and "
     "assess their risks continuously to strengthen our services."},
    {"continuous-improvement", "Continuous Improvement and Innovation",
     "Improve security practices continually, using new technology and good industry "
     "practice to stay ahead of emerging threats."},
    {"confidence-transparency", "Confidence and Transparency",
     "Earn the trust of clients and partners by communicating openly about security and "
     "showing accountability for the services we deliver."},
};

}  // namespace

Status ensure_default_objectives(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger) {
  using namespace objective_internal;
  ISMS_ASSIGN(std::vector<Objective> existing, all_objectives(*tx));
  ISMS_ASSIGN(std::string today, organization_today(ctx, *tx));
  for (const DefaultObjective& d : kDefaults) {
    bool found = false;
    for (const Objective& o : existing) found = found || o.default_key == d.key;
    if (found) continue;
    Objective o;
    o.id = new_id();
    o.default_key = d.key;
    o.title = d.title;
    o.description = d.description;
    o.policy_section = "6";
    o.review_interval_months = 12;
    ISMS_ASSIGN(o.next_review_on, add_months(today, o.review_interval_months));
    ISMS_ASSIGN(o.ref, next_ref(*tx, "objective", "OBJ-", 2));
    o.created_at = o.updated_at = ctx.clock->now_utc();
    ISMS_TRY(tx->insert_op_record(objective_record(o)));
    ISMS_TRY(ledger->record("objective.create", kObjectiveKind, o.id, objective_ledger_json(o)));
  }
  return ok_status();
}

}  // namespace isms
