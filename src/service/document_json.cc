#include "service/document_json.h"

#include "service/admin_common.h"

namespace isms {

namespace {

constexpr size_t kMaxChangeLog = 500;
constexpr size_t kMaxFileName = 255;
constexpr int64_t kMaxReviewMonths = 60;

Json opt(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

template <typename T, typename F>
Json array_of(const std::vector<T>& items, F to_json) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

// Reads one member of an array of objects with its own BodyReader, so its problems are
// named "<array>[i].<member>" in the outer reader.
void forward_errors(admin::BodyReader& outer, const std::string& prefix, const Status& inner) {
  if (inner) return;
  for (const FieldError& e : inner.error().details) outer.add(prefix + "." + e.field, e.message);
  if (inner.error().details.empty()) outer.add(prefix, inner.error().message);
}

std::optional<std::vector<ChangeLogEntry>> read_change_log(admin::BodyReader& reader,
                                                           const Json& value) {
  if (!value.is_array()) {
    reader.add("change_log", "must be an array of {version, date, author, changes}");
    return std::nullopt;
  }
  if (value.size() > kMaxChangeLog) {
    reader.add("change_log", "must have at most 500 entries");
    return std::nullopt;
  }
  std::vector<ChangeLogEntry> log;
  bool ok = true;
  for (size_t i = 0; i < value.size(); ++i) {
    std::string prefix = "change_log[" + std::to_string(i) + "]";
    if (!value[i].is_object()) {
      reader.add(prefix, "must be an object");
      ok = false;
      continue;
    }
    admin::BodyReader entry(value[i]);
    ChangeLogEntry e;
    e.version = entry.required_string("version").value_or("");
    auto date = entry.nullable_string("date");
    if (date) e.date = *date;
    e.author = entry.string("author").value_or("");
    e.changes = entry.string("changes").value_or("");
    Status done = entry.finish();
    forward_errors(reader, prefix, done);
    ok = ok && done.ok();
    log.push_back(std::move(e));
  }
  if (!ok) return std::nullopt;
  return log;
}

}  // namespace

bool document_review_due(const Document& d, std::string_view today) {
  return d.published_version_id && d.next_review_date && !d.archived_at &&
         *d.next_review_date <= today;
}

Json document_to_json(const Document& d, std::string_view today) {
  return Json{{"id", d.id},
              {"kind", document_kind_name(d.kind)},
              {"title", d.title},
              {"classification", classification_name(d.classification)},
              {"information_owner", d.information_owner},
              {"owner_role_key", opt(d.owner_role_key)},
              {"owner_person_id", opt(d.owner_person_id)},
              {"working_group_ids", d.working_group_ids},
              {"latest_version_id", opt(d.latest_version_id)},
              {"published_version_id", opt(d.published_version_id)},
              {"published_label", opt(d.published_label)},
              {"next_review_date", opt(d.next_review_date)},
              {"review_due", document_review_due(d, today)},
              {"archived_at", opt(d.archived_at)},
              {"version", d.version},
              {"created_at", d.created_at},
              {"updated_at", d.updated_at}};
}

Json change_log_entry_to_json(const ChangeLogEntry& e) {
  return Json{
      {"version", e.version}, {"date", opt(e.date)}, {"author", e.author}, {"changes", e.changes}};
}

Json section_to_json(const Section& s) {
  return Json{{"number", s.number}, {"title", s.title}, {"level", s.level}, {"anchor", s.anchor}};
}

Json document_citation_to_json(const DocumentCitation& c) {
  Json out = citation_to_json(c.citation);
  out["section_number"] = c.section_number;
  out["section_anchor"] = c.section_anchor;
  return out;
}

Json version_to_json(const DocumentVersion& v, bool with_body) {
  const DocumentContent& c = v.content;
  Json out{{"id", v.id},
           {"document_id", v.document_id},
           {"number", v.number},
           {"status", version_status_name(v.status)},
           {"title", c.title},
           {"classification", classification_name(c.classification)},
           {"label", c.label},
           {"last_update", opt(c.last_update)},
           {"author", c.author},
           {"information_owner", c.information_owner},
           {"approver", c.approver},
           {"change_log", array_of(c.change_log, change_log_entry_to_json)},
           {"review_interval_months", c.review_interval_months},
           {"requires_acknowledgement", c.requires_acknowledgement},
           {"created_by", v.created_by},
           {"created_at", v.created_at},
           {"updated_at", v.updated_at},
           {"submitted_by", opt(v.submitted_by)},
           {"submitted_at", opt(v.submitted_at)},
           {"approved_by", opt(v.approved_by)},
           {"approved_at", opt(v.approved_at)},
           {"published_by", opt(v.published_by)},
           {"published_at", opt(v.published_at)},
           {"superseded_at", opt(v.superseded_at)},
           {"review_comment", v.review_comment},
           {"version", v.version}};
  if (with_body) {
    out["body"] = c.body;
    out["sections"] = array_of(v.sections, section_to_json);
    out["citations"] = array_of(v.citations, document_citation_to_json);
    out["warnings"] = array_of(v.warnings, citation_warning_to_json);
  }
  return out;
}

Json document_view_to_json(const DocumentView& v, std::string_view today) {
  Json published = nullptr;
  if (v.published) {
    published = version_to_json(*v.published, true);
  } else if (v.latest && v.document.published_version_id &&
             *v.document.published_version_id == v.latest->id) {
    published = version_to_json(*v.latest, true);
  }
  return Json{{"document", document_to_json(v.document, today)},
              {"latest", v.latest ? version_to_json(*v.latest, true) : Json(nullptr)},
              {"published", published},
              {"can_write", v.can_write},
              {"can_approve", v.can_approve}};
}

Json version_diff_to_json(const VersionDiff& d) {
  Json fields = Json::array();
  for (const FieldChange& f : d.fields) {
    fields.push_back(Json{{"field", f.field}, {"before", f.before}, {"after", f.after}});
  }
  Json lines = Json::array();
  for (const DiffLine& l : d.lines) {
    lines.push_back(Json{{"op", std::string(1, l.op)},
                         {"text", l.text},
                         {"old_line", l.old_line},
                         {"new_line", l.new_line}});
  }
  return Json{{"fields", fields}, {"lines", lines}, {"added", d.added}, {"removed", d.removed}};
}

Json acknowledgement_to_json(const Acknowledgement& a) {
  return Json{{"version_id", a.version_id},
              {"person_id", a.person_id},
              {"person_name", a.person_name},
              {"acknowledged_at", opt(a.acknowledged_at)},
              {"last_reminded_at", opt(a.last_reminded_at)},
              {"reminder_count", a.reminder_count}};
}

Json acknowledgement_status_to_json(const AcknowledgementStatus& s) {
  return Json{{"version_id", s.version_id},
              {"persons", array_of(s.persons, acknowledgement_to_json)},
              {"acknowledged", s.acknowledged},
              {"pending", s.pending},
              {"completion_rate", s.completion_rate}};
}

Json pending_acknowledgement_to_json(const PendingAcknowledgement& a) {
  return Json{{"document_id", a.document_id},
              {"document_title", a.document_title},
              {"version_id", a.version_id},
              {"version_label", a.version_label},
              {"published_at", a.published_at}};
}

Json import_outcome_to_json(const DocumentImportOutcome& o) {
  return Json{{"file_name", o.file_name},
              {"document_id", o.document_id},
              {"version_id", o.version_id},
              {"action", o.action},
              {"notes", o.notes},
              {"citations", o.citations},
              {"warnings", array_of(o.warnings, citation_warning_to_json)}};
}

Json document_files_to_json(const std::vector<DocumentImportFile>& files) {
  Json out = Json::array();
  for (const auto& f : files) out.push_back(Json{{"name", f.file_name}, {"content", f.bytes}});
  return Json{{"files", out}};
}

Json document_preview_to_json(const DocumentPreview& p) {
  return Json{{"html", p.html},
              {"sections", array_of(p.version.sections, section_to_json)},
              {"citations", array_of(p.version.citations, document_citation_to_json)},
              {"warnings", array_of(p.version.warnings, citation_warning_to_json)}};
}

Result<DocumentPatch> document_patch_from_json(const Json& body, bool allow_version) {
  // change_log is an array of objects, which BodyReader does not read: it is taken out of
  // the body and read entry by entry.
  Json rest = body;
  std::optional<Json> change_log;
  if (rest.is_object() && rest.contains("change_log")) {
    change_log = rest["change_log"];
    rest.erase("change_log");
  }
  admin::BodyReader reader(rest);
  DocumentPatch patch;
  DocumentFields& f = patch.fields;
  if (allow_version) {
    reader.reject("kind", "cannot change after creation");
    patch.version = reader.integer("version", 1, INT64_MAX);
  } else {
    if (auto kind = reader.string("kind")) {
      f.kind = parse_document_kind(*kind);
      if (!f.kind) reader.add("kind", "must be policy, standard or procedure");
    }
    reader.reject("version", "not accepted when creating");
  }
  f.title = reader.string("title");
  if (auto c = reader.string("classification")) {
    f.classification = parse_classification(*c);
    if (!f.classification) {
      reader.add("classification", "must be public, internal, confidential or customer_data");
    }
  }
  f.label = reader.string("label");
  f.last_update = reader.nullable_string("last_update");
  f.author = reader.string("author");
  f.information_owner = reader.string("information_owner");
  f.approver = reader.string("approver");
  if (auto months = reader.integer("review_interval_months", 1, kMaxReviewMonths)) {
    f.review_interval_months = static_cast<int>(*months);
  }
  f.requires_acknowledgement = reader.boolean("requires_acknowledgement");
  f.body = reader.string("body");
  f.owner_person_id = reader.nullable_string("owner_person_id");
  f.working_group_ids = reader.strings("working_group_ids", 100);
  if (change_log) f.change_log = read_change_log(reader, *change_log);
  for (const char* read_only :
       {"id", "owner_role_key", "latest_version_id", "published_version_id", "published_label",
        "next_review_date", "review_due", "archived_at", "created_at", "updated_at", "status",
        "number", "sections", "citations", "warnings", "document_id"}) {
    reader.reject(read_only, "is read-only");
  }
  ISMS_TRY(reader.finish());
  return patch;
}

Result<std::vector<DocumentImportFile>> document_import_files_from_json(const Json& body) {
  if (!body.is_object() || !body.contains("files")) {
    admin::BodyReader reader(body);
    reader.add("files", "is required: [{\"name\", \"content\"}]");
    return std::move(reader.finish()).error();
  }
  Json rest = body;
  Json files = rest["files"];
  rest.erase("files");
  admin::BodyReader reader(rest);
  std::vector<DocumentImportFile> out;
  if (!files.is_array() || files.empty() || files.size() > kMaxImportFiles) {
    reader.add("files", "must be an array of 1 to 200 {\"name\", \"content\"} objects");
  } else {
    size_t total = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      std::string prefix = "files[" + std::to_string(i) + "]";
      if (!files[i].is_object()) {
        reader.add(prefix, "must be an object");
        continue;
      }
      admin::BodyReader file(files[i]);
      DocumentImportFile f;
      f.file_name = file.required_string("name").value_or("");
      f.bytes = file.required_string("content").value_or("");
      if (f.file_name.size() > kMaxFileName) file.add("name", "must be at most 255 bytes");
      forward_errors(reader, prefix, file.finish());
      total += f.bytes.size();
      out.push_back(std::move(f));
    }
    if (total > kMaxImportTotalBytes) return Error::too_large("files may hold at most 8 MiB");
  }
  ISMS_TRY(reader.finish());
  return out;
}

Result<DocumentContent> document_preview_from_json(const Json& body) {
  admin::BodyReader reader(body);
  DocumentContent c;
  c.title = "Preview";
  c.label = "preview";
  c.body = reader.required_string("body").value_or("");
  if (auto title = reader.string("title")) c.title = *title;
  if (auto cls = reader.string("classification")) {
    auto parsed = parse_classification(*cls);
    if (!parsed)
      reader.add("classification", "must be public, internal, confidential or customer_data");
    if (parsed) c.classification = *parsed;
  }
  ISMS_TRY(reader.finish());
  return c;
}

Result<WorkflowRequest> workflow_request_from_json(const Json& body, std::string_view step) {
  admin::BodyReader reader(body);
  WorkflowRequest r;
  if (step == "archive") {
    r.reason = reader.required_string("reason").value_or("");
    reader.integer("version", 1, INT64_MAX);  // accepted, not needed: archiving is final
  } else {
    auto version = reader.integer("version", 1, INT64_MAX);
    if (!version && body.is_object() && !body.contains("version")) {
      reader.add("version", "the version you last read is required");
    }
    r.version = version.value_or(0);
    if (step == "return") r.comment = reader.required_string("comment").value_or("");
  }
  ISMS_TRY(reader.finish());
  return r;
}

}  // namespace isms
