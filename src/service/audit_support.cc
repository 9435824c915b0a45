#include "service/audit_support.h"

#include <cstdio>

#include "domain/catalogue.h"
#include "service/admin_common.h"
#include "service/time_zone_setting.h"

namespace isms::audit_internal {
namespace {

template <typename T, typename F>
Result<T> load(StoreTx& tx, std::string_view kind, const std::string& id, const char* what,
               F decode) {
  auto r = tx.get_op_record(std::string(kind), id);
  if (!r) {
    if (r.error().code == ErrorCode::kNotFound) {
      return Error::not_found(std::string(what) + " " + id + " not found");
    }
    return std::move(r).error();
  }
  return decode(*r);
}

}  // namespace

Result<AuditProgramme> load_programme(StoreTx& tx, const std::string& id) {
  return load<AuditProgramme>(tx, kProgrammeKind, id, "audit programme", programme_from_record);
}
Result<Audit> load_audit(StoreTx& tx, const std::string& id) {
  return load<Audit>(tx, kAuditKind, id, "audit", audit_from_record);
}
Result<Finding> load_finding(StoreTx& tx, const std::string& id) {
  return load<Finding>(tx, kFindingKind, id, "finding", finding_from_record);
}
Result<CorrectiveAction> load_action(StoreTx& tx, const std::string& id) {
  return load<CorrectiveAction>(tx, kActionKind, id, "corrective action", action_from_record);
}

Result<std::vector<CorrectiveAction>> actions_of(StoreTx& tx, const std::string& finding_id) {
  OpRecordQuery q;
  q.kind = kActionKind;
  q.parent_id = finding_id;
  ISMS_ASSIGN(auto rows, tx.list_op_records(q));
  std::vector<CorrectiveAction> out;
  for (const auto& r : rows) {
    ISMS_ASSIGN(CorrectiveAction a, action_from_record(r));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::map<std::string, std::vector<CorrectiveAction>>> actions_by_finding(StoreTx& tx) {
  OpRecordQuery q;
  q.kind = kActionKind;
  ISMS_ASSIGN(auto rows, tx.list_op_records(q));
  std::map<std::string, std::vector<CorrectiveAction>> out;
  for (const auto& r : rows) {
    ISMS_ASSIGN(CorrectiveAction a, action_from_record(r));
    out[a.finding_id].push_back(std::move(a));
  }
  return out;
}

Status check_person(StoreTx& tx, std::vector<FieldError>& errors, const std::string& field,
                    const std::string& id) {
  if (id.empty()) return ok_status();
  auto person = tx.get_person(id);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (!person) errors.push_back({field, "no person with id \"" + id + "\""});
  return ok_status();
}

Status check_requirements(StoreTx& tx, std::vector<FieldError>& errors, const std::string& field,
                          const std::vector<std::string>& keys,
                          std::map<std::string, std::string>* titles) {
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string f = field + "[" + std::to_string(i) + "]";
    auto split = split_requirement_key(keys[i]);
    if (!split) {
      errors.push_back({f, "must be a requirement key \"framework:ref\""});
      continue;
    }
    auto found = tx.get_requirement(split->first, split->second);
    if (!found) {
      if (found.error().code != ErrorCode::kNotFound) return std::move(found).error();
      errors.push_back({f, "no requirement \"" + keys[i] + "\" in the catalogue"});
      continue;
    }
    if (titles) (*titles)[keys[i]] = found->title;
  }
  return ok_status();
}

Status check_version(const std::string& what, int64_t current, std::optional<int64_t> expected) {
  if (!expected) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  if (*expected != current) {
    return Error::conflict(what + " was changed by someone else: version " +
                           std::to_string(current) + " is current, the request was for " +
                           std::to_string(*expected));
  }
  return ok_status();
}

Result<std::string> next_ref(StoreTx& tx, const std::string& counter, const std::string& prefix) {
  ISMS_ASSIGN(int64_t n, tx.next_op_number(counter));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(n));
  return prefix + "-" + buf;
}

Result<std::string> today_in(const ServiceContext& ctx, StoreTx& tx) {
  return organization_today(ctx, tx);
}

Result<FindingView> finding_view_with(StoreTx& tx, Finding f, std::vector<CorrectiveAction> actions,
                                      const std::string& today) {
  FindingView v;
  v.overdue = finding_overdue(f, actions, today);
  v.actions = std::move(actions);
  std::string_view kind = source_record_kind(f.source);
  if (!f.source_id.empty()) {
    if (!kind.empty()) {
      auto r = tx.get_op_record(std::string(kind), f.source_id);
      if (auto e = admin::unless_not_found(r)) return *e;
      if (r) {
        v.source_ref = r->ref;
        auto body = parse_json(r->body);
        if (body && body->is_object()) {
          for (const char* key : {"title", "summary"}) {
            auto it = body->find(key);
            if (it != body->end() && it->is_string()) {
              v.source_title = it->get<std::string>();
              break;
            }
          }
        }
      }
    } else if (f.source == FindingSource::kRiskCycle) {
      auto c = tx.get_risk_cycle(f.source_id);
      if (auto e = admin::unless_not_found(c)) return *e;
      if (c) v.source_title = c->title;
    }
  }
  v.finding = std::move(f);
  return v;
}

Result<FindingView> finding_view(StoreTx& tx, Finding f, const std::string& today) {
  ISMS_ASSIGN(auto actions, actions_of(tx, f.id));
  return finding_view_with(tx, std::move(f), std::move(actions), today);
}

namespace {
Json without_bookkeeping(Json j) {
  for (const char* key : {"version", "created_at", "updated_at", "overdue", "checklist_totals"}) {
    j.erase(key);
  }
  return j;
}
}  // namespace

Json programme_ledger(const AuditProgramme& p) { return without_bookkeeping(programme_to_json(p)); }
Json audit_ledger(const Audit& a) { return without_bookkeeping(audit_to_json(a)); }
Json finding_ledger(const Finding& f) { return without_bookkeeping(finding_to_json(f)); }
Json action_ledger(const CorrectiveAction& a) { return without_bookkeeping(action_to_json(a, "")); }

std::optional<int64_t> body_version(const Json& body) {
  if (!body.is_object()) return std::nullopt;
  auto it = body.find("version");
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

}  // namespace isms::audit_internal
