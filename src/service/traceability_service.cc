#include "service/traceability_service.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "render/table_export.h"
#include "service/admin_common.h"

namespace isms {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The dot-separated parts of a ref id: "A.5.1" -> {"A","5","1"}.
std::vector<std::string_view> parts(std::string_view ref) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t dot = ref.find('.', start);
    out.push_back(ref.substr(start, dot == std::string_view::npos ? ref.npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

bool numeric_ref(std::string_view ref, size_t depth) {
  auto p = parts(ref);
  return (depth == 0 || p.size() == depth) &&
         std::all_of(p.begin(), p.end(), [](std::string_view s) { return all_digits(s); });
}

// "A.5.1": an Annex A control (two numbers after "A").
bool annex_a_control(std::string_view ref) {
  auto p = parts(ref);
  return p.size() == 3 && p[0] == "A" && all_digits(p[1]) && all_digits(p[2]);
}

// Clauses 4-10 and their sub-clauses ("6.1.2").
bool clause_ref(std::string_view ref) {
  if (!numeric_ref(ref, 0)) return false;
  int top = std::stoi(std::string(parts(ref)[0]));
  return top >= 4 && top <= 10;
}

// One framework's tree and the rule saying which requirements a report counts.
struct Tree {
  std::vector<Requirement> reqs;  // catalogue order
  std::map<std::string, size_t> index;
  std::map<std::string, std::vector<std::string>> children;

  const Requirement* find(const std::string& ref) const {
    auto it = index.find(ref);
    return it == index.end() ? nullptr : &reqs[it->second];
  }
  // The ref itself and its ancestors, nearest first. Refs no longer in the catalogue
  // (a citation published before a newer library removed them) fall back to their
  // number's prefixes: "1.1.1.a" -> "1.1.1", "1.1".
  std::vector<std::string> lineage(const std::string& ref) const {
    std::vector<std::string> out;
    std::string cur = ref;
    while (!cur.empty() && out.size() <= reqs.size()) {
      out.push_back(cur);
      if (const Requirement* r = find(cur)) {
        cur = r->parent_ref_id;
      } else {
        size_t dot = cur.rfind('.');
        cur = dot == std::string::npos ? "" : cur.substr(0, dot);
      }
    }
    return out;
  }
};

Result<Tree> load_tree(StoreTx* tx, const std::string& framework_id) {
  Tree t;
  ISMS_ASSIGN(t.reqs, tx->list_requirements(framework_id));
  for (size_t i = 0; i < t.reqs.size(); ++i) {
    t.index[t.reqs[i].ref_id] = i;
    if (!t.reqs[i].parent_ref_id.empty()) {
      t.children[t.reqs[i].parent_ref_id].push_back(t.reqs[i].ref_id);
    }
  }
  return t;
}

struct Scope {
  std::string name;
  std::function<bool(const Requirement&)> counts;
};

// The rows of a report: see GapReport in the header.
Result<Scope> scope_of(const std::string& framework_id, const std::string& scope,
                       const Tree& tree) {
  auto has_child = [&tree](const std::string& ref, auto pred) {
    auto it = tree.children.find(ref);
    return it != tree.children.end() && std::any_of(it->second.begin(), it->second.end(), pred);
  };
  if (framework_id == kIso27001Id && scope == "clauses") {
    // Assessable leaves: a clause counts unless it is only the heading of sub-clauses.
    return Scope{"Clauses 4-10", [has_child](const Requirement& r) {
                   return clause_ref(r.ref_id) &&
                          !has_child(r.ref_id, [](const std::string& c) { return clause_ref(c); });
                 }};
  }
  if (!scope.empty()) {
    return Error::invalid("scope", "unknown scope \"" + scope +
                                       "\" (\"clauses\" is the only "
                                       "other scope, for " +
                                       std::string(kIso27001Id) + ")");
  }
  if (framework_id == kIso27001Id) {
    return Scope{"Annex A controls",
                 [](const Requirement& r) { return annex_a_control(r.ref_id); }};
  }
  if (framework_id == kNis2AnnexId) {
    // By kind where the catalogue has kinds (built-in data, and imports keep them); by
    // number depth otherwise: paragraphs "7.2" sit right under sections without
    // subsections, so depth alone would count them.
    bool has_kinds = std::any_of(tree.reqs.begin(), tree.reqs.end(),
                                 [](const Requirement& r) { return r.kind == "subsection"; });
    auto subsection = [&tree, has_kinds](const std::string& ref) {
      if (!has_kinds) return numeric_ref(ref, 2);
      const Requirement* r = tree.find(ref);
      return r != nullptr && r->kind == "subsection";
    };
    return Scope{"Annex subsections", [has_child, has_kinds, subsection](const Requirement& r) {
                   if (subsection(r.ref_id)) return true;
                   bool section = has_kinds ? r.kind == "section" : numeric_ref(r.ref_id, 1);
                   return section && !has_child(r.ref_id, subsection);
                 }};
  }
  return Scope{"Assessable requirements", [](const Requirement& r) { return r.assessable; }};
}

double one_decimal(int part, int total) {
  if (total == 0) return 0;
  return std::round(part * 1000.0 / total) / 10.0;
}

// Builds the rows of `framework_id` counted by `counts`: direct citations of a row or of a
// finer requirement below it, and requirements of other frameworks that the row maps to
// (as the mapping's source) and that are cited.
Result<std::vector<TraceRow>> build_rows(StoreTx* tx, const Principal& p,
                                         const std::string& framework_id, const Tree& tree,
                                         const std::function<bool(const Requirement&)>& counts) {
  std::vector<TraceRow> rows;
  std::map<std::string, size_t> row_of;
  for (const Requirement& r : tree.reqs) {
    if (!counts(r)) continue;
    row_of[r.ref_id] = rows.size();
    rows.push_back(TraceRow{r, {}, {}});
  }
  auto nearest_row = [&](const std::string& ref) -> TraceRow* {
    for (const std::string& up : tree.lineage(ref)) {
      auto it = row_of.find(up);
      if (it != row_of.end()) return &rows[it->second];
    }
    return nullptr;
  };
  ISMS_ASSIGN(std::vector<PublishedCitation> cited,
              tx->list_published_citations(read_scope(p), ""));
  std::set<std::tuple<std::string, std::string, std::string>> seen;  // version, anchor, ref
  std::map<std::string, std::set<std::string>> cited_refs;           // framework -> refs
  for (PublishedCitation& c : cited) {
    cited_refs[c.framework_id].insert(c.ref_id);
    if (c.framework_id != framework_id) continue;
    if (!seen.insert({c.version_id, c.section_anchor, c.ref_id}).second) continue;
    if (TraceRow* row = nearest_row(c.ref_id)) row->citations.push_back(std::move(c));
  }
  // A mapped requirement counts as cited when it or a finer requirement below it is.
  std::map<std::string, Tree> other_trees;
  std::map<std::string, std::set<std::string>> covered_refs;
  ISMS_ASSIGN(std::vector<RequirementMapping> mappings, tx->list_mappings(framework_id, ""));
  for (const RequirementMapping& m : mappings) {
    if (m.source_framework_id != framework_id || m.target_framework_id == framework_id ||
        m.relationship == "not_related") {
      continue;
    }
    const std::string& fw = m.target_framework_id;
    if (!other_trees.count(fw)) {
      ISMS_ASSIGN(Tree t, load_tree(tx, fw));
      std::set<std::string>& covered = covered_refs[fw];
      for (const std::string& ref : cited_refs[fw]) {
        for (const std::string& up : t.lineage(ref)) covered.insert(up);
      }
      other_trees.emplace(fw, std::move(t));
    }
    if (!covered_refs[fw].count(m.target_ref_id)) continue;
    TraceRow* row = nearest_row(m.source_ref_id);
    if (!row || !row->citations.empty()) continue;
    std::string key = requirement_key(fw, m.target_ref_id);
    auto& through = row->covered_through;
    if (std::find(through.begin(), through.end(), key) == through.end()) through.push_back(key);
  }
  return rows;
}

Status require_read(const Principal& p) {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  return admin::require_permission(p, "documents:read");
}

Result<Framework> find_framework(StoreTx* tx, const std::string& id) {
  auto f = tx->get_framework(id);
  if (!f && f.error().code == ErrorCode::kNotFound) {
    return Error::not_found("framework " + id + " not found");
  }
  return f;
}

// The control figures of CoverageFigures: each control naming a requirement of the
// framework counts for the nearest counted row at or above that requirement.
Status count_controls(StoreTx* tx, const std::string& framework_id, const Tree& tree,
                      const std::string& today, GapReport* r) {
  std::map<std::string, size_t> row_of;
  for (size_t i = 0; i < r->rows.size(); ++i) row_of[r->rows[i].requirement.ref_id] = i;
  struct Seen {
    bool control = false, implemented = false, evidence = false;
  };
  std::vector<Seen> seen(r->rows.size());
  ISMS_ASSIGN(std::vector<RequirementControl> controls,
              tx->requirement_controls(framework_id, today));
  for (const RequirementControl& rc : controls) {
    auto key = split_requirement_key(rc.requirement_key);
    if (!key || key->first != framework_id) continue;
    for (const std::string& up : tree.lineage(key->second)) {
      auto it = row_of.find(up);
      if (it == row_of.end()) continue;
      Seen& s = seen[it->second];
      s.control = true;
      s.implemented = s.implemented || rc.status == ControlStatus::kImplemented;
      s.evidence = s.evidence || rc.valid_evidence_count > 0;
      break;
    }
  }
  for (const Seen& s : seen) {
    r->figures.with_control += s.control ? 1 : 0;
    r->figures.with_implemented_control += s.implemented ? 1 : 0;
    r->figures.with_valid_evidence += s.evidence ? 1 : 0;
  }
  return ok_status();
}

Result<GapReport> report(StoreTx* tx, const Principal& p, const std::string& framework_id,
                         const std::string& scope_param, const std::string& today) {
  ISMS_ASSIGN(Framework f, find_framework(tx, framework_id));
  ISMS_ASSIGN(Tree tree, load_tree(tx, framework_id));
  ISMS_ASSIGN(Scope scope, scope_of(framework_id, scope_param, tree));
  GapReport r;
  r.framework_id = f.id;
  r.framework_name = f.name;
  r.scope = scope.name;
  ISMS_ASSIGN(r.rows, build_rows(tx, p, framework_id, tree, scope.counts));
  if (p.has("controls:read")) ISMS_TRY(count_controls(tx, framework_id, tree, today, &r));
  for (const TraceRow& row : r.rows) {
    if (!row.citations.empty()) {
      ++r.figures.covered;
    } else {
      r.gaps.push_back(row.requirement);
      if (!row.covered_through.empty()) ++r.figures.covered_through_mapping;
    }
  }
  r.figures.total = static_cast<int>(r.rows.size());
  r.figures.percent = one_decimal(r.figures.covered, r.figures.total);
  r.figures.percent_with_mapping =
      one_decimal(r.figures.covered + r.figures.covered_through_mapping, r.figures.total);
  return r;
}

std::string cited_by(const TraceRow& row) {
  std::string out;
  for (const PublishedCitation& c : row.citations) {
    if (!out.empty()) out += "; ";
    out += c.document_title + " " + c.version_label + " " +
           (c.section_number.empty() ? std::string("(preamble)") : "§" + c.section_number);
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Sheet rows_sheet(const std::string& name, const std::vector<TraceRow>& rows) {
  Sheet s;
  s.name = name;
  s.header = {"Requirement", "Title", "Covered", "Cited by", "Covered through mapping"};
  s.widths = {22, 60, 10, 60, 40};
  for (const TraceRow& row : rows) {
    s.rows.push_back({requirement_key(row.requirement.framework_id, row.requirement.ref_id),
                      row.requirement.title, row.citations.empty() ? "no" : "yes", cited_by(row),
                      joined(row.covered_through)});
  }
  return s;
}

std::string decimal(double v) {
  std::string s = std::to_string(std::round(v * 10) / 10);
  return s.substr(0, s.find('.') + 2);
}

}  // namespace

Result<std::vector<Requirement>> scope_requirements(StoreTx* tx, const std::string& framework_id) {
  ISMS_TRY(find_framework(tx, framework_id));
  ISMS_ASSIGN(Tree tree, load_tree(tx, framework_id));
  ISMS_ASSIGN(Scope scope, scope_of(framework_id, "", tree));
  std::vector<Requirement> out;
  for (const Requirement& r : tree.reqs) {
    if (scope.counts(r)) out.push_back(r);
  }
  return out;
}

Result<std::vector<TraceRow>> TraceabilityService::matrix(const Principal& p,
                                                          const std::string& framework_id) const {
  ISMS_TRY(require_read(p));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_TRY(find_framework(tx.get(), framework_id));
  ISMS_ASSIGN(Tree tree, load_tree(tx.get(), framework_id));
  // Every requirement is a row, so each citation lands on exactly what it cites.
  return build_rows(tx.get(), p, framework_id, tree, [](const Requirement&) { return true; });
}

Result<GapReport> TraceabilityService::gap_report(const Principal& p,
                                                  const std::string& framework_id,
                                                  const std::string& scope) const {
  ISMS_TRY(require_read(p));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return report(tx.get(), p, framework_id, scope, ctx_.clock->now_utc().substr(0, 10));
}

Result<CoverageSummary> TraceabilityService::coverage(const Principal& p) const {
  ISMS_TRY(require_read(p));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  CoverageSummary summary;
  std::string today = ctx_.clock->now_utc().substr(0, 10);
  const std::pair<std::string_view, std::string_view> scopes[] = {
      {kIso27001Id, ""}, {kIso27001Id, "clauses"}, {kNis2AnnexId, ""}};
  for (const auto& [fw, scope] : scopes) {
    auto r = report(tx.get(), p, std::string(fw), std::string(scope), today);
    if (!r && r.error().code == ErrorCode::kNotFound) continue;  // not in this catalogue
    if (!r) return std::move(r).error();
    r->rows.clear();
    r->gaps.clear();
    summary.reports.push_back(std::move(*r));
  }
  return summary;
}

Result<std::string> TraceabilityService::export_gap_report(const Principal& p,
                                                           const std::string& framework_id,
                                                           const std::string& scope,
                                                           const std::string& format) const {
  if (format != "csv" && format != "xlsx") return Error::invalid("format", "must be csv or xlsx");
  ISMS_ASSIGN(GapReport r, gap_report(p, framework_id, scope));
  if (format == "csv") return write_csv(rows_sheet("Gap report", r.rows));
  Sheet summary;
  summary.name = "Summary";
  summary.header = {"Framework",
                    "Scope",
                    "Requirements",
                    "Covered",
                    "Covered through mapping",
                    "Percent",
                    "Percent with mapping"};
  summary.numeric = {false, false, true, true, true, true, true};
  summary.rows.push_back({r.framework_name, r.scope, std::to_string(r.figures.total),
                          std::to_string(r.figures.covered),
                          std::to_string(r.figures.covered_through_mapping),
                          decimal(r.figures.percent), decimal(r.figures.percent_with_mapping)});
  Sheet gaps;
  gaps.name = "Gaps";
  gaps.header = {"Requirement", "Title", "Covered through mapping"};
  gaps.widths = {22, 60, 40};
  std::map<std::string, const TraceRow*> row_by_ref;
  for (const TraceRow& row : r.rows) row_by_ref[row.requirement.ref_id] = &row;
  for (const Requirement& g : r.gaps) {
    gaps.rows.push_back({requirement_key(g.framework_id, g.ref_id), g.title,
                         joined(row_by_ref[g.ref_id]->covered_through)});
  }
  ISMS_ASSIGN(std::vector<TraceRow> matrix_rows, matrix(p, framework_id));
  std::vector<Sheet> sheets{summary, gaps, rows_sheet("Matrix", matrix_rows)};
  // How far the published documents reach into NIS2 through ENISA's mapping.
  auto nis2 = gap_report(p, std::string(kNis2AnnexId), "");
  if (nis2) {
    sheets.push_back(rows_sheet("NIS2 via ENISA mapping", nis2->rows));
  } else if (nis2.error().code != ErrorCode::kNotFound) {
    return std::move(nis2).error();
  }
  return write_xlsx(sheets);
}

}  // namespace isms
