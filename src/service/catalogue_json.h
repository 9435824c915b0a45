// JSON of the catalogue, citations and traceability (docs/api.md "Catalogue" and
// "Traceability and gaps"), shared by the HTTP handlers and the CLI so both print the same
// shapes. Encoders only; request bodies of these routes are query parameters or raw files.
#pragma once

#include "base/json.h"
#include "domain/catalogue.h"
#include "domain/citation.h"
#include "service/catalogue_service.h"
#include "service/traceability_service.h"
#include "store/store.h"

namespace isms {

// Framework = {"id","urn","ref_id","name","description","version","provider","source",
// "copyright","updated_at","requirement_count"}.
Json framework_to_json(const Framework& f);
// Requirement = {"key","framework_id","ref_id","parent_ref_id","title","description","kind",
// "assessable","position","urn","notes"}.
Json requirement_to_json(const Requirement& r);
// Mapping = {"source","target","source_title","target_title","relationship","origin","notes"}
// (source/target as requirement keys).
Json mapping_to_json(const MappingView& m);
// {"requirement","ancestors","children","mappings","citations":[PublishedCitation]}.
Json requirement_detail_to_json(const RequirementDetail& d);
// {"framework_ids","frameworks_created","frameworks_updated","requirements_added",
// "requirements_changed","requirements_removed","mappings","warnings"}.
Json catalogue_import_result_to_json(const CatalogueImportResult& r);

// Citation = {"key","framework_id","ref_id","raw","offset","length","bracket_offset",
// "bracket_length","from_range"}.
Json citation_to_json(const Citation& c);
// CitationWarning = {"raw","offset","length","framework_id","ref_id","message",
// "suggestion":key|null}.
Json citation_warning_to_json(const CitationWarning& w);
// {"citations":[Citation],"warnings":[CitationWarning]} (POST /citations/scan).
Json citation_scan_to_json(const CitationScan& scan);

// PublishedCitation = {"document_id","document_title","document_kind","version_id",
// "version_label","section_number","section_title","section_anchor","framework_id","ref_id"}.
Json published_citation_to_json(const PublishedCitation& c);
// {"requirement":Requirement,"citations":[PublishedCitation],"covered_through":[key]}.
Json trace_row_to_json(const TraceRow& row);
// {"total","covered","covered_through_mapping","percent","percent_with_mapping"}.
Json coverage_figures_to_json(const CoverageFigures& f);
// {"framework_id","framework_name","scope","figures","rows":[TraceRow],"gaps":[Requirement]};
// with_rows = false leaves out rows and gaps (coverage summaries).
Json gap_report_to_json(const GapReport& r, bool with_rows = true);
// {"reports":[{"framework_id","framework_name","scope","figures"}]} (also the dashboard's
// "coverage").
Json coverage_to_json(const CoverageSummary& s);

}  // namespace isms
