// DocumentService: reads, drafts (create, update, new version), archive, diff, preview and
// rendering. Workflow steps: document_workflow.cc; acknowledgements:
// document_acknowledgements.cc; import and export: document_import_service.cc.
#include "service/document_service.h"

#include "base/crypto.h"
#include "render/document_render.h"
#include "service/admin_common.h"
#include "service/catalogue_service.h"
#include "service/document_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace document_detail;

namespace {

constexpr size_t kArchiveReasonMax = 2000;

// The document-level fields a ledger entry shows besides the content.
Json document_record(const Document& d) {
  return Json{{"kind", document_kind_name(d.kind)},
              {"owner_role_key", d.owner_role_key ? Json(*d.owner_role_key) : Json(nullptr)},
              {"owner_person_id", d.owner_person_id ? Json(*d.owner_person_id) : Json(nullptr)},
              {"working_group_ids", d.working_group_ids}};
}

}  // namespace

Result<std::vector<Document>> DocumentService::list(const Principal& p,
                                                    const DocumentQuery& query) const {
  ISMS_TRY(admin::require_permission(p, "documents:read"));
  DocumentQuery q = query;
  q.scope = read_scope(p);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_documents(q);
}

Result<DocumentView> DocumentService::get(const Principal& p, const std::string& id) const {
  DocumentView view;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(Document d, load_readable(*tx, p, id));
    ISMS_ASSIGN(view, make_view(*tx, p, d));
  }
  ISMS_TRY(record_read(ctx_, p, view.document, view.latest->id));
  return view;
}

Result<std::vector<DocumentVersion>> DocumentService::versions(const Principal& p,
                                                               const std::string& id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(Document d, load_readable(*tx, p, id));
  return tx->list_document_versions(d.id, false);
}

Result<DocumentVersion> DocumentService::version(const Principal& p, const std::string& id,
                                                 const std::string& version_id) const {
  Document d;
  DocumentVersion v;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(d, load_readable(*tx, p, id));
    ISMS_ASSIGN(v, find_version(*tx, d, version_id));
  }
  ISMS_TRY(record_read(ctx_, p, d, v.id));
  return v;
}

Result<DocumentView> DocumentService::create(const Principal& p,
                                             const DocumentFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "documents:write"));
  if (!fields.kind) return Error::invalid("kind", "is required: policy, standard or procedure");
  if (!fields.title) return Error::invalid("title", "is required");
  std::string now = ctx_.clock->now_utc();
  Document d;
  d.id = new_id();
  d.created_at = d.updated_at = now;
  DocumentVersion v;
  v.id = new_id();
  v.document_id = d.id;
  v.number = 1;
  v.content.label = "1.0";
  apply_fields(fields, &v.content, &d);
  d.latest_version_id = v.id;
  v.created_by = p.actor;
  v.created_at = v.updated_at = now;

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(check_fields(*tx, v.content, d));
  ISMS_TRY(derive(*tx, &v));
  ISMS_TRY(tx->insert_document(d));
  ISMS_TRY(tx->insert_document_version(v));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = document_record(d);
  change["version_id"] = v.id;
  change["content"] = content_record(v.content);
  ISMS_TRY(ledger.record("document.create", "document", d.id, change));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Document stored, tx->get_document(d.id));
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, stored));
  ISMS_TRY(tx->commit());
  return view;
}

Result<DocumentView> DocumentService::update_draft(const Principal& p, const std::string& id,
                                                   const DocumentPatch& patch) const {
  if (!patch.version) {
    return Error::invalid("version", "the version of the draft you last read is required");
  }
  if (patch.fields.kind) return Error::invalid("kind", "cannot change after creation");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document before, load_writable(*tx, p, id));
  ISMS_ASSIGN(DocumentVersion draft, latest_version(*tx, before));
  ISMS_TRY(check_status(draft, VersionStatus::kDraft, "change the draft"));
  ISMS_TRY(check_row_version(draft, *patch.version));
  Document after = before;
  DocumentContent content = draft.content;
  apply_fields(patch.fields, &content, &after);
  ISMS_TRY(check_fields(*tx, content, after));
  Json diff = admin::json_diff(content_record(draft.content), content_record(content));
  Json doc_diff = admin::json_diff(document_record(before), document_record(after));
  diff.update(doc_diff);
  if (diff.empty()) return make_view(*tx, p, before);  // nothing changed: no ledger entry
  draft.content = std::move(content);
  ISMS_TRY(save_version(*tx, ctx_, &draft));
  ISMS_TRY(save_document(*tx, ctx_, &after));
  diff["version_id"] = draft.id;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("document.update", "document", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, after));
  ISMS_TRY(tx->commit());
  return view;
}

Result<DocumentView> DocumentService::new_version(const Principal& p, const std::string& id) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_writable(*tx, p, id));
  ISMS_ASSIGN(DocumentVersion latest, latest_version(*tx, d));
  if (is_open(latest)) {
    return Error::conflict("document " + id + " already has an open version " +
                           latest.content.label + " (" +
                           std::string(version_status_name(latest.status)) + ")");
  }
  if (!d.published_version_id)
    return Error::conflict("document " + id + " has no published version");
  ISMS_ASSIGN(DocumentVersion published, tx->get_document_version(*d.published_version_id));
  std::string now = ctx_.clock->now_utc();
  DocumentVersion v;
  v.id = new_id();
  v.document_id = d.id;
  v.number = latest.number + 1;
  v.content = published.content;
  v.content.label = next_version_label(published.content.label);
  v.created_by = p.actor;
  v.created_at = v.updated_at = now;
  ISMS_TRY(derive(*tx, &v));
  ISMS_TRY(tx->insert_document_version(v));
  d.latest_version_id = v.id;
  ISMS_TRY(save_document(*tx, ctx_, &d));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("document.new_version", "document", id,
                         Json{{"version_id", v.id},
                              {"number", v.number},
                              {"label", v.content.label},
                              {"from_version_id", published.id}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

Result<DocumentView> DocumentService::archive(const Principal& p, const std::string& id,
                                              const std::string& reason) const {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::invalid("reason", "is required: say why the document is archived");
  }
  std::vector<FieldError> errors;
  admin::check_text(errors, "reason", reason, 1, kArchiveReasonMax, true);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Document d, load_writable(*tx, p, id));
  d.archived_at = ctx_.clock->now_utc();
  ISMS_TRY(save_document(*tx, ctx_, &d));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("document.archive", "document", id, Json{{"reason", reason}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(DocumentView view, make_view(*tx, p, d));
  ISMS_TRY(tx->commit());
  return view;
}

Result<VersionDiff> DocumentService::diff(const Principal& p, const std::string& id,
                                          const std::string& from_version_id,
                                          const std::string& to_version_id) const {
  Document d;
  DocumentVersion from, to;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(d, load_readable(*tx, p, id));
    ISMS_ASSIGN(from, find_version(*tx, d, from_version_id));
    ISMS_ASSIGN(to, find_version(*tx, d, to_version_id));
  }
  ISMS_TRY(record_read(ctx_, p, d, to.id));
  return diff_versions(from.content, to.content);
}

Result<DocumentPreview> DocumentService::preview(const Principal& p,
                                                 const DocumentContent& content) const {
  ISMS_TRY(admin::require_permission(p, "documents:read"));
  DocumentPreview preview;
  preview.version.content = content;
  for (const auto& problem : check_document_content(content)) {
    // Only the body matters to a preview; other fields are checked when saved.
    if (problem.field == "body") return Error::invalid(problem.field, problem.message);
  }
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_TRY(derive(*tx, &preview.version));
  }
  RenderContext rc;
  rc.status = version_status_name(VersionStatus::kDraft);
  rc.generated_at = ctx_.clock->now_utc();
  preview.html = render_body_html(preview.version, rc);
  return preview;
}

Result<std::string> DocumentService::render(const Principal& p, const std::string& id,
                                            const std::string& version_id,
                                            const std::string& format) const {
  if (format != "html" && format != "pdf") return Error::invalid("format", "must be html or pdf");
  Document d;
  DocumentVersion v;
  RenderContext rc;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(d, load_readable(*tx, p, id));
    if (version_id.empty()) {
      ISMS_ASSIGN(v, latest_version(*tx, d));
    } else {
      ISMS_ASSIGN(v, find_version(*tx, d, version_id));
    }
    ISMS_ASSIGN(std::optional<Organization> org, tx->get_organization());
    if (org) rc.organization_name = org->name;
  }
  ISMS_TRY(record_read(ctx_, p, d, v.id));
  rc.status = version_status_name(v.status);
  rc.generated_at = ctx_.clock->now_utc();
  if (format == "html") return render_document_html(v, rc);
  return render_document_pdf(v, rc);
}

}  // namespace isms
