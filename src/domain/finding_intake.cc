#include "domain/finding_intake.h"

#include "domain/audit.h"
#include "domain/audit_json.h"
#include "domain/finding.h"

namespace isms {

Result<FindingIntake> finding_intake_from_json(const Json& body, bool with_source,
                                               const std::string& prefix) {
  audit_json::Reader in(body, prefix,
                        prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1));
  FindingIntake intake;
  if (with_source) {
    intake.source = in.choice("source", finding_source_names(), true).value_or("");
    if (const Json* v = in.raw("source_id"); v && !v->is_null()) {
      if (v->is_string() && v->get<std::string>().size() <= kAuditIdMax) {
        intake.source_id = v->get<std::string>();
      } else {
        in.add("source_id", "must be the source record's id or null");
      }
    }
  }
  intake.grade = in.choice("grade", finding_grade_names(), true).value_or("");
  intake.title = in.text("title", kAuditTitleMax, false, with_source).value_or("");
  intake.description = in.text("description", kAuditTextMax, true, false).value_or("");
  intake.requirement_keys =
      in.strings("requirement_keys", kFindingRequirementsMax, kAuditIdMax, false)
          .value_or(std::vector<std::string>{});
  if (const Json* v = in.raw("owner_id"); v && !v->is_null()) {
    if (v->is_string() && v->get<std::string>().size() <= kAuditIdMax) {
      intake.owner_id = v->get<std::string>();
    } else {
      in.add("owner_id", "must be a person's id or null");
    }
  }
  if (const Json* v = in.raw("action"); v && !v->is_null()) {
    audit_json::Reader a(*v, prefix + "action.", prefix + "action");
    CorrectiveActionIntake ai;
    ai.title = a.text("title", kAuditTitleMax, false, true).value_or("");
    ai.root_cause = a.text("root_cause", kAuditTextMax, true, false).value_or("");
    ai.owner_id = a.text("owner_id", kAuditIdMax, false, true).value_or("");
    ai.due_on = a.date("due_on", true).value_or("");
    Status s = a.finish();
    if (!s) {
      for (auto& e : s.error().details) in.errors().push_back(e);
    }
    intake.action = std::move(ai);
  }
  in.read_only({"id", "ref", "status", "version", "closed_at", "closed_by", "close_note",
                "created_at", "updated_at"});
  ISMS_TRY(in.finish());
  return intake;
}

}  // namespace isms
