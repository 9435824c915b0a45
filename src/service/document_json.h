// JSON of documents, versions, diffs, acknowledgements and imports (docs/api.md
// "Documents"), and the decoders of their request bodies, shared by the HTTP handlers and
// the CLI. document_patch_from_json (the create/update body) is declared in
// service/document_service.h and defined with these.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/document.h"
#include "service/catalogue_json.h"
#include "service/document_service.h"
#include "store/store.h"

namespace isms {

// True when the document is published and its next_review_date is on or before `today`
// (YYYY-MM-DD).
bool document_review_due(const Document& d, std::string_view today);

// Document = {"id","kind","title","classification","information_owner","owner_role_key",
// "owner_person_id","working_group_ids","latest_version_id","published_version_id",
// "published_label","next_review_date","review_due","archived_at","version","created_at",
// "updated_at"}; review_due against `today` (YYYY-MM-DD, e.g. the clock's date).
Json document_to_json(const Document& d, std::string_view today);
// {"version","date"|null,"author","changes"}.
Json change_log_entry_to_json(const ChangeLogEntry& e);
// {"number","title","level","anchor"}.
Json section_to_json(const Section& s);
// Citation + {"section_number","section_anchor"}.
Json document_citation_to_json(const DocumentCitation& c);
// Version (docs/api.md). with_body = false leaves out body, sections, citations and
// warnings (history lists).
Json version_to_json(const DocumentVersion& v, bool with_body);
// {"document","latest":Version|null,"published":Version|null,"can_write","can_approve"};
// "published" is the latest version when that is the published one.
Json document_view_to_json(const DocumentView& v, std::string_view today);
// {"fields":[{"field","before","after"}],"lines":[{"op","text","old_line","new_line"}],
// "added","removed"}.
Json version_diff_to_json(const VersionDiff& d);
// {"version_id","person_id","person_name","acknowledged_at","last_reminded_at","reminder_count"}.
Json acknowledgement_to_json(const Acknowledgement& a);
// {"version_id","persons":[...],"acknowledged","pending","completion_rate"}.
Json acknowledgement_status_to_json(const AcknowledgementStatus& s);
// {"document_id","document_title","version_id","version_label","published_at"}.
Json pending_acknowledgement_to_json(const PendingAcknowledgement& a);
// {"file_name","document_id","version_id","action","notes","citations","warnings"}.
Json import_outcome_to_json(const DocumentImportOutcome& o);
// {"files":[{"name","content"}]}.
Json document_files_to_json(const std::vector<DocumentImportFile>& files);
// {"html","sections","citations","warnings"}.
Json document_preview_to_json(const DocumentPreview& p);

// Limits of POST /documents/import.
inline constexpr size_t kMaxImportFiles = 200;
inline constexpr size_t kMaxImportTotalBytes = 8 * 1024 * 1024;
// {"files":[{"name","content"}]}: 1..200 files, names 1..255 characters, contents text,
// total <= 8 MiB (else kTooLarge); problems name "files[i].name" / "files[i].content".
Result<std::vector<DocumentImportFile>> document_import_files_from_json(const Json& body);
// {"body","title"?,"classification"?} -> the content to preview (defaults: title
// "Preview", internal).
Result<DocumentContent> document_preview_from_json(const Json& body);

// Bodies of the workflow routes: {"version"} (submit, approve, publish), {"version",
// "comment"} (return; comment required), {"reason"} (archive; reason required).
struct WorkflowRequest {
  int64_t version = 0;
  std::string comment;
  std::string reason;
};
// step: "submit" | "approve" | "publish" | "return" | "archive".
Result<WorkflowRequest> workflow_request_from_json(const Json& body, std::string_view step);

}  // namespace isms
