// Fuzz target: the operational records of the audit module (domain/audit.h, domain/finding.h)
// as the store hands them back, read strictly through audit_json::Reader.
//
// Feeds the bytes, as the record's JSON body, to programme_from_record, audit_from_record,
// finding_from_record and action_from_record (which parse it themselves); the record's
// status column is one of the kind's states, picked by the input's size. Beyond "no crash,
// no leak, no uncaught exception" it checks:
//  - an accepted record written back (*_to_record) has a body that parses, reads back,
//    and writes the same record again (every column and the body text);
//  - the API form of an accepted record (*_to_json) can go into the ledger; an audit's
//    checklist_totals add up to its checklist;
//  - the checklist generated for an accepted audit's criteria (checklist_for) keeps the
//    criteria order and can be stored and read back;
//  - the state rules agree: completed and cancelled audits take no transition; the owner
//    of a corrective action may never verify it; a nonconformity that
//    nonconformity_resolved() says is resolved passes check_finding_closable.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/json.h"
#include "domain/audit.h"
#include "domain/finding.h"
#include "domain/finding_intake.h"
#include "op_body_check.h"

namespace {

using isms::Json;
using isms::OpRecord;
using isms::fuzz::check_ledger_safe;
using isms::fuzz::kToday;

OpRecord record(std::string_view kind, std::string status, std::string_view body) {
  OpRecord r;
  r.kind = std::string(kind);
  r.id = "rec-1";
  r.ref = "REF-0001";
  r.parent_id = "parent-1";
  r.status = std::move(status);
  r.owner_id = "person-1";
  r.body = std::string(body);
  r.version = 3;
  r.created_at = "2026-01-05T10:00:00Z";
  r.updated_at = "2026-02-01T09:30:00Z";
  return r;
}

auto columns(const OpRecord& r) {
  return std::tie(r.kind, r.id, r.ref, r.parent_id, r.status, r.owner_id, r.due_at, r.archived,
                  r.body, r.version, r.created_at, r.updated_at);
}

// A written record: its body is JSON the ledger accepts, and `read` takes it back to a
// value that writes the very same record.
template <typename T, typename Read, typename Write>
void check_record_round_trip(const T& value, Read read, Write write) {
  OpRecord written = write(value);
  auto body = isms::parse_json(written.body);
  FUZZ_CHECK(body.ok());
  check_ledger_safe(*body);
  auto back = read(written);
  FUZZ_CHECK(back.ok());
  OpRecord again = write(*back);
  FUZZ_CHECK(columns(again) == columns(written));
}

void check_programme(std::string_view body, size_t pick) {
  static const char* kStates[] = {"draft", "approved"};
  auto p = isms::programme_from_record(record(isms::kProgrammeKind, kStates[pick % 2], body));
  if (!p.ok()) return;
  check_record_round_trip(*p, isms::programme_from_record, isms::programme_to_record);
  check_ledger_safe(isms::programme_to_json(*p));
}

void check_audit(std::string_view body, size_t pick) {
  static const char* kStates[] = {"planned", "in_progress", "completed", "cancelled"};
  auto a = isms::audit_from_record(record(isms::kAuditKind, kStates[pick % 4], body));
  if (!a.ok()) return;
  check_record_round_trip(*a, isms::audit_from_record, isms::audit_to_record);
  Json wire = isms::audit_to_json(*a);
  check_ledger_safe(wire);
  int64_t total = 0;
  for (const auto& [name, n] : wire["checklist_totals"].items()) total += n.get<int64_t>();
  FUZZ_CHECK(total == static_cast<int64_t>(a->checklist.size()));

  (void)isms::validate_audit(*a);
  (void)isms::completion_problems(*a);
  for (auto to : {isms::AuditStatus::kPlanned, isms::AuditStatus::kInProgress,
                  isms::AuditStatus::kCompleted, isms::AuditStatus::kCancelled}) {
    bool allowed = isms::check_audit_transition(*a, to).ok();
    if (isms::audit_is_final(*a)) FUZZ_CHECK(!allowed);
  }

  // New criteria get fresh items; the checklist follows the criteria and can be stored.
  std::map<std::string, std::string> titles;
  if (!a->criteria.empty()) titles[a->criteria.front()] = "Information security policies";
  isms::Audit b = *a;
  b.checklist = isms::checklist_for(a->checklist, a->criteria, titles);
  FUZZ_CHECK(b.checklist.size() == b.criteria.size());
  for (size_t i = 0; i < b.criteria.size(); ++i) {
    FUZZ_CHECK(b.checklist[i].requirement_key == b.criteria[i]);
  }
  check_record_round_trip(b, isms::audit_from_record, isms::audit_to_record);
}

void check_finding_and_action(std::string_view body, size_t pick) {
  static const char* kFindingStates[] = {"open", "closed"};
  static const char* kActionStates[] = {"open", "implemented", "verified", "ineffective"};
  auto f =
      isms::finding_from_record(record(isms::kFindingKind, kFindingStates[(pick / 4) % 2], body));
  if (f.ok()) {
    check_record_round_trip(*f, isms::finding_from_record, isms::finding_to_record);
    check_ledger_safe(isms::finding_to_json(*f));
    (void)isms::validate_finding(*f);
  }
  auto a = isms::action_from_record(record(isms::kActionKind, kActionStates[pick % 4], body));
  if (a.ok()) {
    check_record_round_trip(*a, isms::action_from_record, isms::action_to_record);
    check_ledger_safe(isms::action_to_json(*a, kToday));
    (void)isms::validate_action(*a);
    (void)isms::check_implementable(*a);
    FUZZ_CHECK(!isms::check_verifiable(*a, a->owner_id).ok());
    (void)isms::check_verifiable(*a, "person-2");
  }
  if (f.ok()) {
    std::vector<isms::CorrectiveAction> actions;
    if (a.ok()) actions.push_back(*a);
    if (isms::nonconformity_resolved(*f, actions)) {
      FUZZ_CHECK(isms::check_finding_closable(*f, actions, "").ok());
    }
    (void)isms::check_finding_closable(*f, actions, "Accepted by management");
    (void)isms::finding_overdue(*f, actions, kToday);
  }
}

// A finding raised by request (domain/finding_intake.h), with and without its source and
// under a member prefix: an accepted intake names a known grade (and source), carries a
// source only when the route lets the body name it, an action with a real due day, and
// what the ledger will record of it is canonicalizable.
void check_intake(const Json& body, bool with_source, const std::string& prefix) {
  auto in = isms::finding_intake_from_json(body, with_source, prefix);
  if (!in.ok()) return;
  FUZZ_CHECK(isms::parse_finding_grade(in->grade).has_value());
  if (with_source) {
    FUZZ_CHECK(isms::parse_finding_source(in->source).has_value());
  } else {
    FUZZ_CHECK(in->source.empty() && in->source_id.empty());
  }
  FUZZ_CHECK(in->requirement_keys.size() <= isms::kFindingRequirementsMax);
  Json written{{"source", in->source},
               {"source_id", in->source_id},
               {"grade", in->grade},
               {"title", in->title},
               {"description", in->description},
               {"requirement_keys", in->requirement_keys},
               {"owner_id", in->owner_id}};
  if (in->action) {
    FUZZ_CHECK(!in->action->title.empty() && !in->action->owner_id.empty());
    FUZZ_CHECK(in->action->due_on.size() == 10);
    written["action"] = Json{{"title", in->action->title},
                             {"root_cause", in->action->root_cause},
                             {"owner_id", in->action->owner_id},
                             {"due_on", in->action->due_on}};
  }
  check_ledger_safe(written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  check_programme(body, size);
  check_audit(body, size);
  check_finding_and_action(body, size);
  if (auto parsed = isms::parse_json(body); parsed.ok()) {
    check_intake(*parsed, true, "");
    check_intake(*parsed, false, "finding.");
  }
  return 0;
}
