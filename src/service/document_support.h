// Internals shared by the DocumentService source files (document_service.cc,
// document_workflow.cc, document_acknowledgements.cc, document_import_service.cc):
// loading with the access rules, deriving sections and citations, the ledger form of a
// version's content, and the view returned by every step. Not for other callers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/access.h"
#include "domain/citation.h"
#include "domain/document.h"
#include "service/context.h"
#include "service/document_service.h"
#include "service/ledger_recorder.h"

namespace isms::document_detail {

Error document_not_found(const std::string& id);
// The read rule's view of a document (owner = owner_person_id, working groups, grants of
// object type "document").
Result<ObjectAccess> document_access(StoreTx& tx, const Document& d);
// documents:read and the read rule; unreadable documents are kNotFound like unknown ones.
Result<Document> load_readable(StoreTx& tx, const Principal& p, const std::string& id);
// load_readable, then documents:write and the write rule (kForbidden), and not archived
// (kConflict).
Result<Document> load_writable(StoreTx& tx, const Principal& p, const std::string& id);

// policies:approve and the information owner (role or person); the operator always.
bool may_approve(const Principal& p, const Document& d);
// kForbidden naming who may approve `d`.
Error approval_refused(StoreTx& tx, const Document& d);

// A version of `d` (kNotFound when it belongs to another document).
Result<DocumentVersion> find_version(StoreTx& tx, const Document& d, const std::string& version_id);
// The latest version of `d`.
Result<DocumentVersion> latest_version(StoreTx& tx, const Document& d);
// Draft, in review or approved: the one version of a document that may still move.
bool is_open(const DocumentVersion& v);
// kConflict unless the version row is at `expected`.
Status check_row_version(const DocumentVersion& v, int64_t expected);
// kConflict naming the state unless `v` is in `wanted`.
Status check_status(const DocumentVersion& v, VersionStatus wanted, std::string_view step);

// Re-derives sections, citations and warnings of v from its body with the catalogue.
void derive(DocumentVersion* v, const CatalogueIndex& catalogue);
// The same with the catalogue as stored in tx.
Status derive(StoreTx& tx, DocumentVersion* v);

// "sha256:<hex>" of a body: the ledger never holds document text.
std::string body_digest(std::string_view body);
// The ledger form of a version's content: every field, the body as body_digest.
Json content_record(const DocumentContent& c);
// Applies the fields present in f to the content and the document (no checks). Keeps
// owner_role_key in step with information_owner.
void apply_fields(const DocumentFields& f, DocumentContent* c, Document* d);
// Content rules (check_document_content) and references (owner person, working groups);
// kInvalid listing every problem.
Status check_fields(StoreTx& tx, const DocumentContent& c, const Document& d);
// Copies the latest version's content mirrors into the document row.
void mirror(const DocumentContent& c, Document* d);

// The view returned by every read and step (latest with body, published when different).
Result<DocumentView> make_view(StoreTx& tx, const Principal& p, const Document& d);

// Writes `d` as the next version of the document row (version+1, updated_at = now).
Status save_document(StoreTx& tx, const ServiceContext& ctx, Document* d);
// Writes `v` as the next version of its row, re-deriving its citations first.
Status save_version(StoreTx& tx, const ServiceContext& ctx, DocumentVersion* v);

// Who is asked to acknowledge a published document: active persons holding a role with
// "policies:accept", by name.
Result<std::vector<Person>> acknowledgement_audience(StoreTx& tx);

// Records a read of confidential or customer_data content ("document.read"), in its own
// write transaction; nothing for public and internal documents.
Status record_read(const ServiceContext& ctx, const Principal& p, const Document& d,
                   const std::string& version_id);

}  // namespace isms::document_detail
