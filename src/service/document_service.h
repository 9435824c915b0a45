// DocumentService: policies, standards and procedures with versions, workflow, diff,
// acknowledgement, import and rendering (docs/api.md "Documents"). Thread-safe.
//
// Permissions: reads "documents:read" plus the read rule of domain/access.h for the
// document's classification (owner = owner_person_id; working groups; grants of object
// type "document"); unreadable documents are kNotFound. Writes to drafts "documents:write";
// approve "policies:approve" and the information owner (domain/document.h); acknowledge
// "policies:accept" (one's own acknowledgement only). Every write is one transaction
// with a ledger entry "document.<step>" (create, update, submit, return, approve,
// publish, supersede, new_version, archive, import, acknowledge, remind); the ledger holds
// the body's SHA-256, not its text, for confidential and customer_data documents.
// Every write re-derives sections, citations and warnings from the body with the
// catalogue as it is at that moment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/document.h"
#include "formats/document_import.h"
#include "service/context.h"

namespace isms {

// A create or a draft update: every field optional on update (absent = unchanged).
struct DocumentFields {
  std::optional<DocumentKind> kind;  // create only
  std::optional<std::string> title;
  std::optional<Classification> classification;
  std::optional<std::string> label;
  std::optional<std::optional<std::string>> last_update;
  std::optional<std::string> author;
  std::optional<std::string> information_owner;
  std::optional<std::string> approver;
  std::optional<std::vector<ChangeLogEntry>> change_log;
  std::optional<int> review_interval_months;
  std::optional<bool> requires_acknowledgement;
  std::optional<std::string> body;
  // Document-level (not versioned):
  std::optional<std::optional<std::string>> owner_person_id;
  std::optional<std::vector<std::string>> working_group_ids;
};
struct DocumentPatch {
  DocumentFields fields;
  std::optional<int64_t> version;  // of the draft version row; required by update
};
// Decodes a create (allow_version = false) or a draft update body; unknown and read-only
// keys are refused naming the key.
Result<DocumentPatch> document_patch_from_json(const Json& body, bool allow_version);

struct DocumentView {
  Document document;
  std::optional<DocumentVersion> latest;     // with body, sections, citations, warnings
  std::optional<DocumentVersion> published;  // when different from latest; with body
  bool can_write = false;                    // for the UI
  bool can_approve = false;
};

struct AcknowledgementStatus {
  std::string version_id;
  std::vector<Acknowledgement> persons;  // the audience: active persons with policies:accept
  int acknowledged = 0;
  int pending = 0;
  double completion_rate = 0;  // acknowledged / audience, 0..1; 1 when nobody is asked
};

struct DocumentImportFile {
  std::string file_name;
  std::string bytes;
};
struct DocumentImportOutcome {
  std::string file_name;
  std::string document_id;
  std::string version_id;
  std::string action;  // "created", "new_version", "updated_draft", "unchanged"
  std::vector<std::string> notes;
  int citations = 0;
  std::vector<CitationWarning> warnings;
};

// A body being edited, with its derived parts and its HTML (render_body_html).
struct DocumentPreview {
  DocumentVersion version;  // content, sections, citations, warnings; not stored
  std::string html;
};

class DocumentService {
 public:
  explicit DocumentService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<std::vector<Document>> list(const Principal& p, const DocumentQuery& query) const;
  Result<DocumentView> get(const Principal& p, const std::string& id) const;
  Result<std::vector<DocumentVersion>> versions(const Principal& p, const std::string& id) const;
  Result<DocumentVersion> version(const Principal& p, const std::string& id,
                                  const std::string& version_id) const;

  // Creates the document with version 1 as a draft.
  Result<DocumentView> create(const Principal& p, const DocumentFields& fields) const;
  // Changes the open draft (kConflict when the latest version is not a draft or stale).
  Result<DocumentView> update_draft(const Principal& p, const std::string& id,
                                    const DocumentPatch& patch) const;
  // A new draft from the latest published version (label next_version_label); kConflict
  // when an open version exists.
  Result<DocumentView> new_version(const Principal& p, const std::string& id) const;
  // Workflow steps on the open version (expected_version: of that version row).
  Result<DocumentView> submit(const Principal& p, const std::string& id,
                              int64_t expected_version) const;
  Result<DocumentView> return_to_draft(const Principal& p, const std::string& id,
                                       int64_t expected_version, const std::string& comment) const;
  Result<DocumentView> approve(const Principal& p, const std::string& id,
                               int64_t expected_version) const;
  // Publishes the approved version, supersedes the previous one, sets next_review_date,
  // and when requires_acknowledgement creates a pending acknowledgement per audience person.
  Result<DocumentView> publish(const Principal& p, const std::string& id,
                               int64_t expected_version) const;
  Result<DocumentView> archive(const Principal& p, const std::string& id,
                               const std::string& reason) const;
  // A completed periodic review of the published version ("needs review", issue 6):
  // next_review_date = today (organization time zone) + the version's
  // review_interval_months; "document.review" with the note. Write rule as for drafts;
  // kInvalid "object_id" when nothing is published. (document_review.cc)
  Result<DocumentView> mark_reviewed(const Principal& p, const std::string& id,
                                     const std::string& note) const;

  Result<VersionDiff> diff(const Principal& p, const std::string& id,
                           const std::string& from_version_id,
                           const std::string& to_version_id) const;

  Result<AcknowledgementStatus> acknowledgements(const Principal& p, const std::string& id,
                                                 const std::string& version_id) const;
  // The principal's own acknowledgement of the published version.
  Result<AcknowledgementStatus> acknowledge(const Principal& p, const std::string& id) const;
  // Records a reminder for every pending person (documents:write); returns who was reminded.
  Result<std::vector<Acknowledgement>> remind(const Principal& p, const std::string& id) const;
  // The principal's pending acknowledgements ("My tasks").
  Result<std::vector<PendingAcknowledgement>> my_pending(const Principal& p) const;

  // Imports files in one transaction: all or nothing. A file whose front matter names an
  // existing document id updates that document (new draft version, or the open draft;
  // "unchanged" when content is equal); others create documents.
  Result<std::vector<DocumentImportOutcome>> import(
      const Principal& p, const std::vector<DocumentImportFile>& files) const;
  // Markdown with front matter of the latest version of every readable document (file
  // name: slug of the title + ".md", unique).
  Result<std::vector<DocumentImportFile>> export_markdown(const Principal& p) const;

  // Citations and preview of a body that is being edited (not stored).
  // documents:read (or documents:write); no store writes.
  Result<DocumentPreview> preview(const Principal& p, const DocumentContent& content) const;
  // Renderings of a version (latest when version_id is ""): "html" or "pdf".
  Result<std::string> render(const Principal& p, const std::string& id,
                             const std::string& version_id, const std::string& format) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
