#include "service/catalogue_json.h"

namespace isms {

Json framework_to_json(const Framework& f) {
  return Json{{"id", f.id},
              {"urn", f.urn},
              {"ref_id", f.ref_id},
              {"name", f.name},
              {"description", f.description},
              {"version", f.version},
              {"provider", f.provider},
              {"source", f.source},
              {"copyright", f.copyright},
              {"updated_at", f.updated_at},
              {"requirement_count", f.requirement_count}};
}

Json requirement_to_json(const Requirement& r) {
  return Json{{"key", requirement_key(r.framework_id, r.ref_id)},
              {"framework_id", r.framework_id},
              {"ref_id", r.ref_id},
              {"parent_ref_id", r.parent_ref_id},
              {"title", r.title},
              {"description", r.description},
              {"kind", r.kind},
              {"assessable", r.assessable},
              {"position", r.position},
              {"urn", r.urn},
              {"notes", r.notes}};
}

Json mapping_to_json(const MappingView& v) {
  const RequirementMapping& m = v.mapping;
  return Json{{"source", requirement_key(m.source_framework_id, m.source_ref_id)},
              {"target", requirement_key(m.target_framework_id, m.target_ref_id)},
              {"source_title", v.source_title},
              {"target_title", v.target_title},
              {"relationship", m.relationship},
              {"origin", m.origin},
              {"notes", m.notes}};
}

namespace {

template <typename T, typename F>
Json array_of(const std::vector<T>& items, F to_json) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

Json requirement_detail_to_json(const RequirementDetail& d) {
  return Json{{"requirement", requirement_to_json(d.requirement)},
              {"ancestors", array_of(d.ancestors, requirement_to_json)},
              {"children", array_of(d.children, requirement_to_json)},
              {"mappings", array_of(d.mappings, mapping_to_json)},
              {"citations", array_of(d.citations, published_citation_to_json)}};
}

Json catalogue_import_result_to_json(const CatalogueImportResult& r) {
  return Json{{"framework_ids", r.framework_ids},
              {"frameworks_created", r.frameworks_created},
              {"frameworks_updated", r.frameworks_updated},
              {"requirements_added", r.requirements_added},
              {"requirements_changed", r.requirements_changed},
              {"requirements_removed", r.requirements_removed},
              {"mappings", r.mappings},
              {"warnings", r.warnings}};
}

Json citation_to_json(const Citation& c) {
  return Json{{"key", requirement_key(c.framework_id, c.ref_id)},
              {"framework_id", c.framework_id},
              {"ref_id", c.ref_id},
              {"raw", c.raw},
              {"offset", c.offset},
              {"length", c.length},
              {"bracket_offset", c.bracket_offset},
              {"bracket_length", c.bracket_length},
              {"from_range", c.from_range}};
}

Json citation_warning_to_json(const CitationWarning& w) {
  return Json{{"raw", w.raw},
              {"offset", w.offset},
              {"length", w.length},
              {"framework_id", w.framework_id},
              {"ref_id", w.ref_id},
              {"message", w.message},
              {"suggestion", w.suggestion ? Json(*w.suggestion) : Json(nullptr)}};
}

Json citation_scan_to_json(const CitationScan& scan) {
  return Json{{"citations", array_of(scan.citations, citation_to_json)},
              {"warnings", array_of(scan.warnings, citation_warning_to_json)}};
}

Json published_citation_to_json(const PublishedCitation& c) {
  return Json{{"document_id", c.document_id},     {"document_title", c.document_title},
              {"document_kind", c.document_kind}, {"version_id", c.version_id},
              {"version_label", c.version_label}, {"section_number", c.section_number},
              {"section_title", c.section_title}, {"section_anchor", c.section_anchor},
              {"framework_id", c.framework_id},   {"ref_id", c.ref_id}};
}

Json trace_row_to_json(const TraceRow& row) {
  return Json{{"requirement", requirement_to_json(row.requirement)},
              {"citations", array_of(row.citations, published_citation_to_json)},
              {"covered_through", row.covered_through}};
}

Json coverage_figures_to_json(const CoverageFigures& f) {
  return Json{{"total", f.total},
              {"covered", f.covered},
              {"covered_through_mapping", f.covered_through_mapping},
              {"percent", f.percent},
              {"percent_with_mapping", f.percent_with_mapping},
              {"with_control", f.with_control},
              {"with_implemented_control", f.with_implemented_control},
              {"with_valid_evidence", f.with_valid_evidence}};
}

Json gap_report_to_json(const GapReport& r, bool with_rows) {
  Json out{{"framework_id", r.framework_id},
           {"framework_name", r.framework_name},
           {"scope", r.scope},
           {"figures", coverage_figures_to_json(r.figures)}};
  if (with_rows) {
    out["rows"] = array_of(r.rows, trace_row_to_json);
    out["gaps"] = array_of(r.gaps, requirement_to_json);
  }
  return out;
}

Json coverage_to_json(const CoverageSummary& s) {
  Json reports = Json::array();
  for (const GapReport& r : s.reports) reports.push_back(gap_report_to_json(r, false));
  return Json{{"reports", reports}};
}

}  // namespace isms
