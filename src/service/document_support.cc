#include "service/document_support.h"

#include <algorithm>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/catalogue_service.h"

namespace isms::document_detail {

namespace {
constexpr size_t kMaxWorkingGroups = 100;
}  // namespace

Error document_not_found(const std::string& id) {
  return Error::not_found("document " + id + " not found");
}

Result<ObjectAccess> document_access(StoreTx& tx, const Document& d) {
  ObjectAccess access;
  access.classification = d.classification;
  access.owner_id = d.owner_person_id;
  access.group_ids = d.working_group_ids;
  ISMS_ASSIGN(std::vector<ObjectGrant> grants, tx.list_grants("document", d.id));
  for (const auto& g : grants) access.granted_person_ids.push_back(g.person_id);
  return access;
}

Result<Document> load_readable(StoreTx& tx, const Principal& p, const std::string& id) {
  ISMS_TRY(admin::require_permission(p, "documents:read"));
  auto found = tx.get_document(id);
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) return document_not_found(id);
    return std::move(found).error();
  }
  ISMS_ASSIGN(ObjectAccess access, document_access(tx, *found));
  if (!can_read_object(p, access)) return document_not_found(id);
  return std::move(found).value();
}

Result<Document> load_writable(StoreTx& tx, const Principal& p, const std::string& id) {
  ISMS_ASSIGN(Document d, load_readable(tx, p, id));
  ISMS_ASSIGN(ObjectAccess access, document_access(tx, d));
  if (!can_write_object(p, access, "documents")) {
    return Error::forbidden("you may read document " + id + " but not change it");
  }
  if (d.archived_at) return Error::conflict("document " + id + " is archived");
  return d;
}

bool may_approve(const Principal& p, const Document& d) {
  if (p.operator_access) return true;
  if (!p.has("policies:approve")) return false;
  if (d.owner_person_id && !p.person_id.empty() && *d.owner_person_id == p.person_id) return true;
  return d.owner_role_key &&
         std::find(p.role_keys.begin(), p.role_keys.end(), *d.owner_role_key) != p.role_keys.end();
}

Error approval_refused(StoreTx& tx, const Document& d) {
  std::vector<std::string> who;
  if (d.owner_role_key) who.push_back("holds the role \"" + *d.owner_role_key + "\"");
  if (d.owner_person_id) {
    auto person = tx.get_person(*d.owner_person_id);
    who.push_back("is " + (person ? person->name : *d.owner_person_id));
  }
  std::string rule = who.empty() ? std::string("who is its information owner") : "who " + who[0];
  if (who.size() > 1) rule += " or " + who[1];
  return Error::forbidden("document \"" + d.title + "\" may only be approved by a person with " +
                          "policies:approve " + rule + " (information owner: \"" +
                          d.information_owner + "\")");
}

Result<DocumentVersion> find_version(StoreTx& tx, const Document& d,
                                     const std::string& version_id) {
  auto v = tx.get_document_version(version_id);
  if ((!v && v.error().code == ErrorCode::kNotFound) || (v && v->document_id != d.id)) {
    return Error::not_found("version " + version_id + " of document " + d.id + " not found");
  }
  return v;
}

Result<DocumentVersion> latest_version(StoreTx& tx, const Document& d) {
  if (!d.latest_version_id) return Error::corruption("document " + d.id + " has no version");
  return tx.get_document_version(*d.latest_version_id);
}

bool is_open(const DocumentVersion& v) {
  return v.status == VersionStatus::kDraft || v.status == VersionStatus::kInReview ||
         v.status == VersionStatus::kApproved;
}

Status check_row_version(const DocumentVersion& v, int64_t expected) {
  if (v.version != expected) {
    return Error::conflict("version " + v.content.label +
                           " was changed by someone else: " + std::to_string(v.version) +
                           " is current, the request was for " + std::to_string(expected));
  }
  return ok_status();
}

Status check_status(const DocumentVersion& v, VersionStatus wanted, std::string_view step) {
  if (v.status == wanted) return ok_status();
  return Error::conflict("cannot " + std::string(step) + ": version " + v.content.label + " is " +
                         std::string(version_status_name(v.status)) + ", not " +
                         std::string(version_status_name(wanted)));
}

void derive(DocumentVersion* v, const CatalogueIndex& catalogue) {
  v->sections = extract_sections(v->content.body);
  CitationScan scan = scan_citations(v->content.body, catalogue);
  v->citations = attach_citations(v->sections, scan.citations);
  v->warnings = std::move(scan.warnings);
}

Status derive(StoreTx& tx, DocumentVersion* v) {
  ISMS_ASSIGN(CatalogueSnapshot snapshot, load_catalogue_snapshot(&tx));
  derive(v, snapshot);
  return ok_status();
}

std::string body_digest(std::string_view body) { return "sha256:" + sha256_hex(body); }

Json content_record(const DocumentContent& c) {
  Json log = Json::array();
  for (const ChangeLogEntry& e : c.change_log) {
    log.push_back(Json{{"version", e.version},
                       {"date", e.date ? Json(*e.date) : Json(nullptr)},
                       {"author", e.author},
                       {"changes", e.changes}});
  }
  return Json{{"title", c.title},
              {"classification", classification_name(c.classification)},
              {"label", c.label},
              {"last_update", c.last_update ? Json(*c.last_update) : Json(nullptr)},
              {"author", c.author},
              {"information_owner", c.information_owner},
              {"approver", c.approver},
              {"change_log", log},
              {"review_interval_months", c.review_interval_months},
              {"requires_acknowledgement", c.requires_acknowledgement},
              {"body", body_digest(c.body)}};
}

void apply_fields(const DocumentFields& f, DocumentContent* c, Document* d) {
  if (f.kind) d->kind = *f.kind;
  if (f.title) c->title = *f.title;
  if (f.classification) c->classification = *f.classification;
  if (f.label) c->label = *f.label;
  if (f.last_update) c->last_update = *f.last_update;
  if (f.author) c->author = *f.author;
  if (f.information_owner) c->information_owner = *f.information_owner;
  if (f.approver) c->approver = *f.approver;
  if (f.change_log) c->change_log = *f.change_log;
  if (f.review_interval_months) c->review_interval_months = *f.review_interval_months;
  if (f.requires_acknowledgement) c->requires_acknowledgement = *f.requires_acknowledgement;
  if (f.body) c->body = *f.body;
  if (f.owner_person_id) d->owner_person_id = *f.owner_person_id;
  if (f.working_group_ids) d->working_group_ids = admin::sorted_unique(*f.working_group_ids);
  mirror(*c, d);
}

Status check_fields(StoreTx& tx, const DocumentContent& c, const Document& d) {
  std::vector<FieldError> errors;
  for (auto& problem : check_document_content(c)) {
    errors.push_back({std::move(problem.field), std::move(problem.message)});
  }
  if (d.owner_person_id) {
    auto person = tx.get_person(*d.owner_person_id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person)
      errors.push_back({"owner_person_id", "no person with id \"" + *d.owner_person_id + "\""});
  }
  if (d.working_group_ids.size() > kMaxWorkingGroups) {
    errors.push_back({"working_group_ids", "must have at most 100 working groups"});
  } else if (!d.working_group_ids.empty()) {
    ISMS_ASSIGN(std::vector<WorkingGroup> groups, tx.list_groups());
    for (const auto& id : d.working_group_ids) {
      if (std::none_of(groups.begin(), groups.end(),
                       [&](const WorkingGroup& g) { return g.id == id; })) {
        errors.push_back({"working_group_ids", "no working group with id \"" + id + "\""});
        break;
      }
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

void mirror(const DocumentContent& c, Document* d) {
  d->title = c.title;
  d->classification = c.classification;
  d->information_owner = c.information_owner;
  d->owner_role_key = role_key_for_owner(c.information_owner);
}

Result<DocumentView> make_view(StoreTx& tx, const Principal& p, const Document& d) {
  DocumentView view;
  view.document = d;
  ISMS_ASSIGN(view.latest, latest_version(tx, d));
  if (d.published_version_id && *d.published_version_id != view.latest->id) {
    ISMS_ASSIGN(view.published, tx.get_document_version(*d.published_version_id));
  }
  ISMS_ASSIGN(ObjectAccess access, document_access(tx, d));
  view.can_write = !d.archived_at && can_write_object(p, access, "documents");
  view.can_approve =
      !d.archived_at && view.latest->status == VersionStatus::kInReview && may_approve(p, d);
  return view;
}

Status save_document(StoreTx& tx, const ServiceContext& ctx, Document* d) {
  int64_t expected = d->version;
  d->version = expected + 1;
  d->updated_at = ctx.clock->now_utc();
  return tx.update_document(*d, expected);
}

Status save_version(StoreTx& tx, const ServiceContext& ctx, DocumentVersion* v) {
  ISMS_TRY(derive(tx, v));
  int64_t expected = v->version;
  v->version = expected + 1;
  v->updated_at = ctx.clock->now_utc();
  return tx.update_document_version(*v, expected);
}

Result<std::vector<Person>> acknowledgement_audience(StoreTx& tx) {
  ISMS_ASSIGN(std::vector<Role> roles, tx.list_roles());
  std::vector<std::string> accepting;
  for (const Role& r : roles) {
    if (std::find(r.permissions.begin(), r.permissions.end(), "policies:accept") !=
        r.permissions.end()) {
      accepting.push_back(r.id);
    }
  }
  ISMS_ASSIGN(std::vector<Person> persons, tx.list_persons());
  std::erase_if(persons, [&](const Person& person) {
    return person.employment_status != EmploymentStatus::kActive ||
           std::none_of(person.role_ids.begin(), person.role_ids.end(), [&](const auto& id) {
             return std::find(accepting.begin(), accepting.end(), id) != accepting.end();
           });
  });
  return persons;
}

Status record_read(const ServiceContext& ctx, const Principal& p, const Document& d,
                   const std::string& version_id) {
  if (!read_is_recorded(d.classification)) return ok_status();
  // Who read which confidential content, and when (policy 8.3), as for assets.
  ISMS_ASSIGN(auto tx, ctx.store->begin_write());
  LedgerRecorder ledger(ctx, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(
      "document.read", "document", d.id,
      Json{{"classification", classification_name(d.classification)}, {"version_id", version_id}}));
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

}  // namespace isms::document_detail
