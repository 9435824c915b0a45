// DocumentService import (plain text, Markdown with front matter, HTML; all files in one
// transaction) and export (Markdown with front matter: policy as code).
#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/catalogue_service.h"
#include "service/document_json.h"
#include "service/document_service.h"
#include "service/document_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace document_detail;

namespace {

constexpr size_t kSlugMax = 80;

std::string file_field(size_t i) { return "files[" + std::to_string(i) + "]"; }

// Ids in front matter come from outside: only the form isms itself gives ids.
bool acceptable_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool same_content(const DocumentContent& a, const DocumentContent& b) {
  return a.body == b.body && content_record(a) == content_record(b);
}

// "Information Security Policy" -> "information-security-policy".
std::string slug(const std::string& title) {
  std::string out;
  for (char c : title) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    bool word = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (word) {
      out.push_back(l);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
    if (out.size() >= kSlugMax) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "document" : out;
}

std::string export_markdown_text(const Document& d, const DocumentVersion& v) {
  return export_markdown(d.id, d.kind, version_status_name(v.status), v.content);
}

struct Parsed {
  std::string file_name;
  ImportedDocument doc;
};

class Importer {
 public:
  Importer(const ServiceContext& ctx, StoreTx& tx, const Principal& p, const CatalogueIndex& cat,
           LedgerRecorder& ledger)
      : ctx_(ctx), tx_(tx), p_(p), catalogue_(cat), ledger_(ledger), now_(ctx.clock->now_utc()) {}

  Result<DocumentImportOutcome> run(size_t i, Parsed& in) {
    DocumentImportOutcome out;
    out.file_name = in.file_name;
    out.notes = in.doc.notes;
    std::optional<Document> existing;
    if (!in.doc.id.empty()) {
      if (!acceptable_id(in.doc.id)) {
        return Error::invalid(file_field(i), in.file_name + ": front matter id \"" + in.doc.id +
                                                 "\" is not a document id");
      }
      auto found = load_writable(tx_, p_, in.doc.id);
      if (found) {
        existing = std::move(*found);
      } else if (found.error().code != ErrorCode::kNotFound) {
        return prefixed(i, in, std::move(found).error());
      } else if (auto stored = tx_.get_document(in.doc.id); stored) {
        // It exists but this principal may not read it: never write into it.
        return Error::invalid(file_field(i), in.file_name + ": front matter id \"" + in.doc.id +
                                                 "\" names no document you may change");
      }
    }
    DocumentVersion v;
    Document d;
    if (existing) {
      d = *existing;
      ISMS_ASSIGN(DocumentVersion latest, latest_version(tx_, d));
      if (d.kind != in.doc.kind)
        out.notes.push_back("kind stays " + std::string(document_kind_name(d.kind)));
      if (same_content(latest.content, in.doc.content)) {
        out.action = "unchanged";
        v = std::move(latest);
      } else if (latest.status == VersionStatus::kDraft) {
        out.action = "updated_draft";
        v = std::move(latest);
        v.content = in.doc.content;
        ISMS_TRY(check(i, in, v.content, d));
        ISMS_TRY(save_version(tx_, ctx_, &v));
      } else if (is_open(latest)) {
        return Error::conflict(file_field(i) + ": " + in.file_name + ": version " +
                               latest.content.label + " of \"" + d.title + "\" is " +
                               std::string(version_status_name(latest.status)) +
                               "; return it to draft before importing a change");
      } else {
        out.action = "new_version";
        v = fresh_version(d.id, latest.number + 1, in.doc.content);
        if (d.published_label && v.content.label == *d.published_label) {
          v.content.label = next_version_label(v.content.label);
          out.notes.push_back("label " + *d.published_label + " is published; the new draft is " +
                              v.content.label);
        }
        ISMS_TRY(check(i, in, v.content, d));
        derive(&v, catalogue_);
        ISMS_TRY(tx_.insert_document_version(v));
        d.latest_version_id = v.id;
      }
      if (out.action != "unchanged") {
        mirror(v.content, &d);
        ISMS_TRY(save_document(tx_, ctx_, &d));
      }
    } else {
      out.action = "created";
      d.id = in.doc.id.empty() ? new_id() : in.doc.id;
      d.kind = in.doc.kind;
      d.created_at = d.updated_at = now_;
      v = fresh_version(d.id, 1, in.doc.content);
      mirror(v.content, &d);
      d.latest_version_id = v.id;
      ISMS_TRY(check(i, in, v.content, d));
      derive(&v, catalogue_);
      ISMS_TRY(tx_.insert_document(d));
      ISMS_TRY(tx_.insert_document_version(v));
    }
    out.document_id = d.id;
    out.version_id = v.id;
    out.citations = static_cast<int>(v.citations.size());
    out.warnings = v.warnings;
    if (out.action != "unchanged") {
      ISMS_TRY(ledger_.record("document.import", "document", d.id,
                              Json{{"file_name", in.file_name},
                                   {"action", out.action},
                                   {"kind", document_kind_name(d.kind)},
                                   {"version_id", v.id},
                                   {"content", content_record(v.content)}}));
    }
    return out;
  }

 private:
  DocumentVersion fresh_version(const std::string& document_id, int number,
                                const DocumentContent& content) const {
    DocumentVersion v;
    v.id = new_id();
    v.document_id = document_id;
    v.number = number;
    v.content = content;
    v.created_by = p_.actor;
    v.created_at = v.updated_at = now_;
    return v;
  }

  Status check(size_t i, const Parsed& in, const DocumentContent& c, const Document& d) {
    auto checked = check_fields(tx_, c, d);
    if (!checked) return prefixed(i, in, std::move(checked).error());
    return ok_status();
  }

  // The error of one file, naming it: field "files[i]" and the file name in the message.
  static Error prefixed(size_t i, const Parsed& in, Error e) {
    if (e.code != ErrorCode::kInvalid) return e;
    return Error::invalid(file_field(i), in.file_name + ": " + e.message);
  }

  const ServiceContext& ctx_;
  StoreTx& tx_;
  const Principal& p_;
  const CatalogueIndex& catalogue_;
  LedgerRecorder& ledger_;
  std::string now_;
};

}  // namespace

Result<std::vector<DocumentImportOutcome>> DocumentService::import(
    const Principal& p, const std::vector<DocumentImportFile>& files) const {
  ISMS_TRY(admin::require_permission(p, "documents:write"));
  if (files.empty()) return Error::invalid("files", "at least one file is required");
  if (files.size() > kMaxImportFiles) return Error::invalid("files", "at most 200 files");
  // Parse everything first: a bad file stops the import before anything is written.
  std::vector<Parsed> parsed;
  for (size_t i = 0; i < files.size(); ++i) {
    const DocumentImportFile& f = files[i];
    auto format = detect_import_format(f.file_name, f.bytes);
    Result<ImportedDocument> doc = format ? import_document(*format, f.bytes)
                                          : Result<ImportedDocument>(std::move(format).error());
    if (!doc) return Error::invalid(file_field(i), f.file_name + ": " + doc.error().message);
    parsed.push_back(Parsed{f.file_name, std::move(*doc)});
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(CatalogueSnapshot snapshot, load_catalogue_snapshot(tx.get()));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Importer importer(ctx_, *tx, p, snapshot, ledger);
  std::vector<DocumentImportOutcome> outcomes;
  bool changed = false;
  for (size_t i = 0; i < parsed.size(); ++i) {
    ISMS_ASSIGN(DocumentImportOutcome out, importer.run(i, parsed[i]));
    changed = changed || out.action != "unchanged";
    outcomes.push_back(std::move(out));
  }
  if (!changed) return outcomes;
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return outcomes;
}

Result<std::vector<DocumentImportFile>> DocumentService::export_markdown(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "documents:read"));
  DocumentQuery query;
  query.scope = read_scope(p);
  std::vector<DocumentImportFile> files;
  std::vector<Document> recorded;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(std::vector<Document> docs, tx->list_documents(query));
    std::set<std::string> names;
    for (const Document& d : docs) {
      ISMS_ASSIGN(DocumentVersion v, latest_version(*tx, d));
      std::string base = slug(d.title);
      std::string name = base + ".md";
      for (int n = 2; names.count(name); ++n) name = base + "-" + std::to_string(n) + ".md";
      names.insert(name);
      files.push_back({name, export_markdown_text(d, v)});
      if (read_is_recorded(d.classification)) recorded.push_back(d);
    }
  }
  for (const Document& d : recorded) ISMS_TRY(record_read(ctx_, p, d, *d.latest_version_id));
  return files;
}

}  // namespace isms
