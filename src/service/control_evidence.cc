// ControlService, evidence half: files (content-addressed blobs, sealed for confidential
// controls) and links. See control_service.h.
#include <string>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/control_service.h"
#include "service/control_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace control_detail;

namespace {

Error evidence_not_found(const std::string& id) {
  return Error::not_found("evidence " + id + " not found");
}

// The evidence and its control, for a reader (writer when `write`). Evidence of a control
// the caller may not read is reported exactly like unknown evidence.
Result<std::pair<Evidence, Control>> load_evidence(StoreTx& tx, const Principal& p,
                                                   const std::string& id, const std::string& today,
                                                   bool write) {
  ISMS_TRY(admin::require_permission(p, "controls:read"));
  auto e = tx.get_evidence(id);
  if (!e) {
    if (e.error().code == ErrorCode::kNotFound) return evidence_not_found(id);
    return std::move(e).error();
  }
  auto c = write ? load_writable(tx, p, e->control_id, today)
                 : load_readable(tx, p, e->control_id, today);
  if (!c) {
    if (c.error().code == ErrorCode::kNotFound) return evidence_not_found(id);
    return std::move(c).error();
  }
  return std::make_pair(std::move(e).value(), std::move(c).value());
}

Json evidence_ledger_record(const Evidence& e, bool sealed) {
  Json j{{"control_id", e.control_id},
         {"kind", evidence_kind_name(e.kind)},
         {"title", e.title},
         {"valid_from", e.valid_from},
         {"valid_until", e.valid_until ? Json(*e.valid_until) : Json(nullptr)}};
  if (e.kind == EvidenceKind::kFile) {
    // The file by its hash and size, never its content.
    j["sha256"] = e.sha256;
    j["size"] = e.size;
    j["file_name"] = e.file_name;
    j["media_type"] = e.media_type;
    j["sealed"] = sealed;
  } else {
    j["url"] = e.url;
  }
  return j;
}

// Common fields of a new piece of evidence.
Evidence new_evidence(const ServiceContext& ctx, const Principal& p, const std::string& control_id,
                      const std::string& title, const std::string& description,
                      const std::string& valid_from, const std::optional<std::string>& valid_until,
                      const std::string& today) {
  Evidence e;
  e.id = new_id();
  e.control_id = control_id;
  e.title = title;
  e.description = description;
  e.valid_from = valid_from.empty() ? today : valid_from;
  e.valid_until = valid_until;
  e.created_by = p.actor;
  e.version = 1;
  e.created_at = ctx.clock->now_utc();
  return e;
}

Result<Evidence> insert(const ServiceContext& ctx, const Principal& p, StoreTx& tx,
                        const Evidence& e, bool sealed) {
  auto errors = validate_evidence(e);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_TRY(tx.insert_evidence(e));
  LedgerRecorder ledger(ctx, &tx, actor_of(p));
  ISMS_TRY(ledger.record("evidence.add", "evidence", e.id, evidence_ledger_record(e, sealed)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Evidence stored, tx.get_evidence(e.id));
  ISMS_TRY(tx.commit());
  return stored;
}

}  // namespace

Result<EvidenceLink> evidence_link_from_json(const Json& body) {
  admin::BodyReader r(body);
  EvidenceLink link;
  if (auto kind = r.string("kind"); kind && *kind != "link") {
    r.add("kind", "must be \"link\" (files are uploaded as the request body)");
  }
  if (auto v = r.required_string("title")) link.title = *v;
  if (auto v = r.required_string("url")) link.url = *v;
  if (auto v = r.string("description")) link.description = *v;
  if (auto v = r.string("valid_from")) link.valid_from = *v;
  if (auto v = r.nullable_string("valid_until")) link.valid_until = *v;
  ISMS_TRY(r.finish());
  return link;
}

Result<Evidence> ControlService::add_file(const Principal& p, const std::string& control_id,
                                          const EvidenceUpload& upload) const {
  ISMS_TRY(admin::require_permission(p, "controls:write"));
  std::string name = sanitize_file_name(upload.file_name);
  if (upload.content.size() > kEvidenceFileMax) {
    return Error::too_large("evidence file \"" + name + "\" is " +
                            std::to_string(upload.content.size()) +
                            " bytes; at most 25 MiB is accepted");
  }
  std::string t = today(ctx_);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Control control, load_writable(*tx, p, control_id, t));
  if (control.archived_at) return Error::conflict("control " + control.ref + " is archived");
  if (upload.content.empty())
    return Error::invalid("content", "the file \"" + name + "\" is empty");
  ISMS_ASSIGN(std::string media_type, evidence_media_type(upload.file_name, upload.content));

  Evidence e = new_evidence(ctx_, p, control_id, upload.title.empty() ? name : upload.title,
                            upload.description, upload.valid_from, upload.valid_until, t);
  e.kind = EvidenceKind::kFile;
  e.sha256 = sha256_hex(upload.content);
  e.file_name = name;
  e.media_type = media_type;
  e.size = static_cast<int64_t>(upload.content.size());
  auto errors = validate_evidence(e);
  if (!errors.empty()) return Error::invalid(std::move(errors));

  // Content-addressed: the same bytes are stored once (per form, sealed or plain).
  bool sealed = is_sealed(control.classification);
  auto existing = tx->get_evidence_blob(e.sha256, sealed);
  if (!existing) {
    if (existing.error().code != ErrorCode::kNotFound) return std::move(existing).error();
    EvidenceBlob blob;
    blob.sha256 = e.sha256;
    blob.sealed = sealed;
    blob.media_type = media_type;
    blob.size = e.size;
    blob.content =
        sealed ? ctx_.keyring->seal(upload.content, blob_place(e.sha256)) : upload.content;
    ISMS_TRY(tx->put_evidence_blob(blob));
  }
  return insert(ctx_, p, *tx, e, sealed);
}

Result<Evidence> ControlService::add_link(const Principal& p, const std::string& control_id,
                                          const EvidenceLink& link) const {
  ISMS_TRY(admin::require_permission(p, "controls:write"));
  std::string t = today(ctx_);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Control control, load_writable(*tx, p, control_id, t));
  if (control.archived_at) return Error::conflict("control " + control.ref + " is archived");
  Evidence e = new_evidence(ctx_, p, control_id, link.title, link.description, link.valid_from,
                            link.valid_until, t);
  e.kind = EvidenceKind::kLink;
  e.url = link.url;
  return insert(ctx_, p, *tx, e, false);
}

Result<std::vector<Evidence>> ControlService::evidence(const Principal& p,
                                                       const std::string& control_id,
                                                       bool include_archived) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_TRY(load_readable(*tx, p, control_id, today(ctx_)));
  return tx->list_evidence(control_id, include_archived);
}

Result<EvidenceFile> ControlService::evidence_file(const Principal& p,
                                                   const std::string& evidence_id) const {
  EvidenceFile file;
  bool confidential = false;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(auto loaded, load_evidence(*tx, p, evidence_id, today(ctx_), false));
    file.evidence = std::move(loaded.first);
    confidential = is_sealed(loaded.second.classification);
    if (file.evidence.kind != EvidenceKind::kFile) {
      return Error::not_found("evidence " + evidence_id + " is a link and has no file");
    }
    // The form that matches the control's classification first; the other one exists when
    // the classification changed after the upload.
    auto blob = tx->get_evidence_blob(file.evidence.sha256, confidential);
    if (!blob && blob.error().code == ErrorCode::kNotFound) {
      blob = tx->get_evidence_blob(file.evidence.sha256, !confidential);
    }
    if (!blob) {
      if (blob.error().code == ErrorCode::kNotFound) {
        return Error::corruption("the file of evidence " + evidence_id + " is missing");
      }
      return std::move(blob).error();
    }
    if (blob->sealed) {
      ISMS_ASSIGN(file.content, ctx_.keyring->open(blob->content, blob_place(blob->sha256)));
    } else {
      file.content = std::move(blob->content);
    }
  }
  if (sha256_hex(file.content) != file.evidence.sha256) {
    return Error::corruption("the file of evidence " + evidence_id + " does not match its SHA-256");
  }
  if (confidential) {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
    ISMS_TRY(ledger.record("evidence.read", "evidence", evidence_id,
                           Json{{"control_id", file.evidence.control_id},
                                {"sha256", file.evidence.sha256},
                                {"size", file.evidence.size}}));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
  }
  return file;
}

Result<Evidence> ControlService::archive_evidence(const Principal& p,
                                                  const std::string& evidence_id,
                                                  int64_t expected_version) const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(auto loaded, load_evidence(*tx, p, evidence_id, today(ctx_), true));
  Evidence e = std::move(loaded.first);
  if (e.version != expected_version) {
    return Error::conflict("evidence " + evidence_id + " was changed by someone else: version " +
                           std::to_string(e.version) + " is current, the request was for " +
                           std::to_string(expected_version));
  }
  if (e.archived_at) return Error::conflict("evidence " + evidence_id + " is already archived");
  int64_t before = e.version;
  e.archived_at = ctx_.clock->now_utc();
  e.version = before + 1;
  ISMS_TRY(tx->update_evidence(e, before));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(
      "evidence.archive", "evidence", evidence_id,
      Json{{"control_id", e.control_id}, {"archived_at", *e.archived_at}, {"version", e.version}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Evidence stored, tx->get_evidence(evidence_id));
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
