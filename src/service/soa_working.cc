#include "service/soa_working.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/catalogue.h"
#include "service/traceability_service.h"

namespace isms::soa_detail {

namespace {

bool covered(const std::string& framework_id) {
  return framework_id == kIso27001Id || framework_id == kNis2AnnexId;
}

Result<std::vector<Requirement>> lines_of(StoreTx& tx, const std::string& framework_id) {
  auto reqs = scope_requirements(&tx, framework_id);
  if (!reqs && reqs.error().code == ErrorCode::kNotFound) {
    return Error::not_found("the catalogue has no framework " + framework_id +
                            " (the SoA needs the built-in catalogue)");
  }
  return reqs;
}

// The line a control's requirement counts for: the requirement itself, or the nearest
// line above it (a NIS2 point 1.1.1 counts for subsection 1.1).
const std::string* line_ref_of(const std::string& ref, const std::set<std::string>& line_refs) {
  std::string cur = ref;
  while (!cur.empty()) {
    auto it = line_refs.find(cur);
    if (it != line_refs.end()) return &*it;
    size_t dot = cur.rfind('.');
    if (dot == std::string::npos) break;
    cur.resize(dot);
  }
  return nullptr;
}

}  // namespace

std::string today(const ServiceContext& ctx) { return ctx.clock->now_utc().substr(0, 10); }

Result<std::vector<std::string>> scope_frameworks(StoreTx& tx,
                                                  const std::vector<std::string>& requested) {
  std::vector<std::string> out{std::string(kIso27001Id)};
  bool nis2 = false;
  for (const std::string& fw : requested) {
    if (!covered(fw)) {
      return Error::invalid("framework", "the Statement of Applicability covers " +
                                             std::string(kIso27001Id) + " and " +
                                             std::string(kNis2AnnexId) + ", not \"" + fw + "\"");
    }
    nis2 = nis2 || fw == kNis2AnnexId;
  }
  if (requested.empty()) {
    ISMS_ASSIGN(std::vector<Applicability> stored,
                tx.list_applicability(std::string(kNis2AnnexId)));
    nis2 = !stored.empty();
  }
  if (nis2) out.emplace_back(kNis2AnnexId);
  return out;
}

Result<std::vector<Applicability>> working_lines(StoreTx& tx,
                                                 const std::vector<std::string>& framework_ids,
                                                 const std::string& today) {
  std::vector<Applicability> out;
  for (const std::string& fw : framework_ids) {
    ISMS_ASSIGN(std::vector<Requirement> reqs, lines_of(tx, fw));
    ISMS_ASSIGN(std::vector<Applicability> stored, tx.list_applicability(fw));
    ISMS_ASSIGN(std::vector<RequirementControl> controls, tx.requirement_controls(fw, today));
    std::map<std::string, Applicability> by_ref;
    for (Applicability& a : stored) by_ref.emplace(a.ref_id, std::move(a));
    std::set<std::string> line_refs;
    for (const Requirement& r : reqs) line_refs.insert(r.ref_id);
    std::map<std::string, std::vector<const RequirementControl*>> controls_of;
    for (const RequirementControl& rc : controls) {
      auto key = split_requirement_key(rc.requirement_key);
      if (!key || key->first != fw) continue;
      if (const std::string* ref = line_ref_of(key->second, line_refs)) {
        controls_of[*ref].push_back(&rc);
      }
    }
    for (const Requirement& r : reqs) {
      Applicability line;
      if (auto it = by_ref.find(r.ref_id); it != by_ref.end()) line = std::move(it->second);
      line.framework_id = fw;
      line.ref_id = r.ref_id;
      line.title = r.title;
      line.control_ids.clear();
      line.control_refs.clear();
      line.risk_ids.clear();
      line.evidence_count = line.valid_evidence_count = 0;
      std::set<std::string> risks;
      for (const RequirementControl* rc : controls_of[r.ref_id]) {
        // A control may name both a point and its subsection: count it once.
        if (std::find(line.control_ids.begin(), line.control_ids.end(), rc->control_id) !=
            line.control_ids.end()) {
          continue;
        }
        line.control_ids.push_back(rc->control_id);
        line.control_refs.push_back(rc->control_ref);
        risks.insert(rc->risk_ids.begin(), rc->risk_ids.end());
        line.evidence_count += rc->evidence_count;
        line.valid_evidence_count += rc->valid_evidence_count;
      }
      line.risk_ids.assign(risks.begin(), risks.end());
      out.push_back(std::move(line));
    }
  }
  return out;
}

Result<Applicability> working_line(StoreTx& tx, const std::string& framework_id,
                                   const std::string& ref_id, const std::string& today) {
  Error missing = Error::not_found("the Statement of Applicability has no line " +
                                   requirement_key(framework_id, ref_id));
  if (!covered(framework_id)) return missing;
  ISMS_ASSIGN(std::vector<Applicability> lines, working_lines(tx, {framework_id}, today));
  for (Applicability& a : lines) {
    if (a.ref_id == ref_id) return std::move(a);
  }
  return missing;
}

std::vector<std::string> decision_changes(const Applicability& before, const Applicability& after) {
  std::vector<std::string> out;
  if (before.applicable != after.applicable) out.push_back("applicable");
  if (before.reasons != after.reasons) out.push_back("reasons");
  if (before.justification != after.justification) out.push_back("justification");
  if (before.implementation != after.implementation) out.push_back("implementation");
  return out;
}

int64_t count_decision_changes(const std::vector<Applicability>& a,
                               const std::vector<Applicability>& b) {
  int64_t n = 0;
  for (const SoaLineChange& c : compare_soa_lines(a, b)) {
    // Derived fields (evidence expiring, controls added) are not a change of the SoA.
    if (!c.before || !c.after || !decision_changes(*c.before, *c.after).empty()) ++n;
  }
  return n;
}

Json totals_to_json(const Soa::Totals& t) {
  return Json{{"lines", t.lines},
              {"applicable", t.applicable},
              {"not_applicable", t.not_applicable},
              {"undecided", t.undecided},
              {"implemented", t.implemented},
              {"partial", t.partial},
              {"planned", t.planned},
              {"not_started", t.not_started}};
}

}  // namespace isms::soa_detail
