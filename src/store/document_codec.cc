#include "store/document_codec.h"

#include <map>
#include <tuple>

#include "base/json.h"
#include "store/asset_list.h"
#include "store/text.h"

namespace isms::store_detail {

namespace {

Error bad_value(const std::string& what, const std::string& id, const std::string& detail) {
  return Error::corruption(what + " " + id + ": stored " + detail + " is not valid");
}

Result<Classification> decode_rank(int64_t rank, const std::string& what, const std::string& id) {
  if (rank < 0 || rank > 3) return bad_value(what, id, "classification");
  return static_cast<Classification>(rank);
}

std::string encode_change_log(const std::vector<ChangeLogEntry>& log) {
  Json out = Json::array();
  for (const auto& e : log) {
    out.push_back({{"version", e.version},
                   {"date", e.date ? Json(*e.date) : Json(nullptr)},
                   {"author", e.author},
                   {"changes", e.changes}});
  }
  return dump_json(out);
}

std::string encode_warnings(const std::vector<CitationWarning>& warnings) {
  Json out = Json::array();
  for (const auto& w : warnings) {
    out.push_back({{"raw", w.raw},
                   {"offset", w.offset},
                   {"length", w.length},
                   {"framework_id", w.framework_id},
                   {"ref_id", w.ref_id},
                   {"message", w.message},
                   {"suggestion", w.suggestion ? Json(*w.suggestion) : Json(nullptr)}});
  }
  return dump_json(out);
}

// The JSON we wrote ourselves; any other shape means the row was changed behind isms.
bool is_text(const Json& v, const char* key) { return v.contains(key) && v[key].is_string(); }
bool is_text_or_null(const Json& v, const char* key) {
  return v.contains(key) && (v[key].is_string() || v[key].is_null());
}
bool is_count(const Json& v, const char* key) {
  return v.contains(key) && v[key].is_number_unsigned();
}

Result<std::vector<ChangeLogEntry>> decode_change_log(const std::string& text,
                                                      const std::string& id) {
  auto parsed = parse_json(text);
  if (!parsed.ok() || !parsed->is_array()) return bad_value("document version", id, "change_log");
  std::vector<ChangeLogEntry> log;
  for (const auto& e : *parsed) {
    if (!e.is_object() || !is_text(e, "version") || !is_text_or_null(e, "date") ||
        !is_text(e, "author") || !is_text(e, "changes")) {
      return bad_value("document version", id, "change_log");
    }
    ChangeLogEntry entry;
    entry.version = e["version"].get<std::string>();
    if (e["date"].is_string()) entry.date = e["date"].get<std::string>();
    entry.author = e["author"].get<std::string>();
    entry.changes = e["changes"].get<std::string>();
    log.push_back(std::move(entry));
  }
  return log;
}

Result<std::vector<CitationWarning>> decode_warnings(const std::string& text,
                                                     const std::string& id) {
  auto parsed = parse_json(text);
  if (!parsed.ok() || !parsed->is_array()) return bad_value("document version", id, "warnings");
  std::vector<CitationWarning> warnings;
  for (const auto& e : *parsed) {
    if (!e.is_object() || !is_text(e, "raw") || !is_count(e, "offset") || !is_count(e, "length") ||
        !is_text(e, "framework_id") || !is_text(e, "ref_id") || !is_text(e, "message") ||
        !is_text_or_null(e, "suggestion")) {
      return bad_value("document version", id, "warnings");
    }
    CitationWarning w;
    w.raw = e["raw"].get<std::string>();
    w.offset = e["offset"].get<size_t>();
    w.length = e["length"].get<size_t>();
    w.framework_id = e["framework_id"].get<std::string>();
    w.ref_id = e["ref_id"].get<std::string>();
    w.message = e["message"].get<std::string>();
    if (e["suggestion"].is_string()) w.suggestion = e["suggestion"].get<std::string>();
    warnings.push_back(std::move(w));
  }
  return warnings;
}

int64_t as_int(size_t n) { return static_cast<int64_t>(n); }
size_t as_size(int64_t n) { return n < 0 ? 0 : static_cast<size_t>(n); }

}  // namespace

// --- Catalogue ---------------------------------------------------------------------------

Framework decode_framework(const Row& row) {
  Framework f;
  f.id = row.text(0);
  f.urn = row.text(1);
  f.ref_id = row.text(2);
  f.name = row.text(3);
  f.description = row.text(4);
  f.version = row.text(5);
  f.provider = row.text(6);
  f.source = row.text(7);
  f.copyright = row.text(8);
  f.updated_at = row.text(9);
  f.requirement_count = row.int64(10);
  return f;
}

SqlParams framework_params(const Framework& f) {
  return {f.id,      f.urn,      f.ref_id, f.name,      f.description,
          f.version, f.provider, f.source, f.copyright, f.updated_at};
}

Requirement decode_requirement(const Row& row) {
  Requirement r;
  r.framework_id = row.text(0);
  r.ref_id = row.text(1);
  r.parent_ref_id = row.text(2);
  r.title = row.text(3);
  r.description = row.text(4);
  r.kind = row.text(5);
  r.assessable = row.int64(6) != 0;
  r.position = static_cast<int>(row.int64(7));
  r.urn = row.text(8);
  r.notes = row.text(9);
  return r;
}

std::string requirement_search_key(const Requirement& r) {
  return fold_case(r.ref_id) + kSearchFieldSeparator + fold_case(r.title) + kSearchFieldSeparator +
         fold_case(r.description);
}

SqlParams requirement_params(const Requirement& r) {
  return {r.framework_id,
          r.ref_id,
          r.parent_ref_id,
          r.title,
          r.description,
          r.kind,
          int64_t{r.assessable ? 1 : 0},
          int64_t{r.position},
          r.urn,
          r.notes,
          requirement_search_key(r)};
}

RequirementMapping decode_mapping(const Row& row) {
  return RequirementMapping{row.text(0), row.text(1), row.text(2), row.text(3),
                            row.text(4), row.text(5), row.text(6)};
}

SqlParams mapping_params(const RequirementMapping& m) {
  return {m.source_framework_id,
          m.source_ref_id,
          m.target_framework_id,
          m.target_ref_id,
          m.relationship,
          m.origin,
          m.notes};
}

// --- Documents ---------------------------------------------------------------------------

Result<Document> decode_document(const Row& row) {
  Document d;
  d.id = row.text(0);
  std::string kind = row.text(1);
  auto k = parse_document_kind(kind);
  if (!k) return bad_value("document", d.id, "kind '" + kind + "'");
  d.kind = *k;
  d.title = row.text(2);
  ISMS_ASSIGN(d.classification, decode_rank(row.int64(3), "document", d.id));
  d.information_owner = row.text(4);
  d.owner_role_key = row.opt_text(5);
  d.owner_person_id = row.opt_text(6);
  d.latest_version_id = row.opt_text(7);
  d.published_version_id = row.opt_text(8);
  d.published_label = row.opt_text(9);
  d.next_review_date = row.opt_text(10);
  d.archived_at = row.opt_text(11);
  d.version = row.int64(12);
  d.created_at = row.text(13);
  d.updated_at = row.text(14);
  return d;
}

SqlParams document_params(const Document& d) {
  return {d.id,
          std::string(document_kind_name(d.kind)),
          d.title,
          int64_t{classification_rank(d.classification)},
          d.information_owner,
          sql_opt(d.owner_role_key),
          sql_opt(d.owner_person_id),
          sql_opt(d.latest_version_id),
          sql_opt(d.published_version_id),
          sql_opt(d.published_label),
          sql_opt(d.next_review_date),
          sql_opt(d.archived_at),
          d.version,
          d.created_at,
          d.updated_at,
          sort_key(d.title),
          fold_case(d.title)};
}

Result<DocumentVersion> decode_version(const Row& row) {
  DocumentVersion v;
  v.id = row.text(0);
  v.document_id = row.text(1);
  v.number = static_cast<int>(row.int64(2));
  std::string status = row.text(3);
  auto s = parse_version_status(status);
  if (!s) return bad_value("document version", v.id, "status '" + status + "'");
  v.status = *s;
  DocumentContent& c = v.content;
  c.title = row.text(4);
  ISMS_ASSIGN(c.classification, decode_rank(row.int64(5), "document version", v.id));
  c.label = row.text(6);
  c.last_update = row.opt_text(7);
  c.author = row.text(8);
  c.information_owner = row.text(9);
  c.approver = row.text(10);
  ISMS_ASSIGN(c.change_log, decode_change_log(row.text(11), v.id));
  c.review_interval_months = static_cast<int>(row.int64(12));
  c.requires_acknowledgement = row.int64(13) != 0;
  c.body = row.text(14);
  ISMS_ASSIGN(v.warnings, decode_warnings(row.text(15), v.id));
  v.created_by = row.text(16);
  v.created_at = row.text(17);
  v.updated_at = row.text(18);
  v.submitted_by = row.opt_text(19);
  v.submitted_at = row.opt_text(20);
  v.approved_by = row.opt_text(21);
  v.approved_at = row.opt_text(22);
  v.published_by = row.opt_text(23);
  v.published_at = row.opt_text(24);
  v.superseded_at = row.opt_text(25);
  v.review_comment = row.text(26);
  v.version = row.int64(27);
  return v;
}

SqlParams version_params(const DocumentVersion& v) {
  const DocumentContent& c = v.content;
  return {v.id,
          v.document_id,
          int64_t{v.number},
          std::string(version_status_name(v.status)),
          c.title,
          int64_t{classification_rank(c.classification)},
          c.label,
          sql_opt(c.last_update),
          c.author,
          c.information_owner,
          c.approver,
          encode_change_log(c.change_log),
          int64_t{c.review_interval_months},
          int64_t{c.requires_acknowledgement ? 1 : 0},
          c.body,
          encode_warnings(v.warnings),
          v.created_by,
          v.created_at,
          v.updated_at,
          sql_opt(v.submitted_by),
          sql_opt(v.submitted_at),
          sql_opt(v.approved_by),
          sql_opt(v.approved_at),
          sql_opt(v.published_by),
          sql_opt(v.published_at),
          sql_opt(v.superseded_at),
          v.review_comment,
          v.version};
}

Section decode_section(const Row& row, int first) {
  Section s;
  s.number = row.text(first);
  s.title = row.text(first + 1);
  s.level = static_cast<int>(row.int64(first + 2));
  s.offset = as_size(row.int64(first + 3));
  s.end = as_size(row.int64(first + 4));
  s.anchor = row.text(first + 5);
  return s;
}

SqlParams section_params(const std::string& version_id, size_t ord, const Section& s) {
  return {version_id,       as_int(ord),      s.number,      s.title,
          int64_t{s.level}, as_int(s.offset), as_int(s.end), s.anchor};
}

DocumentCitation decode_citation(const Row& row, int first) {
  DocumentCitation c;
  Citation& x = c.citation;
  x.framework_id = row.text(first);
  x.ref_id = row.text(first + 1);
  x.raw = row.text(first + 2);
  x.offset = as_size(row.int64(first + 3));
  x.length = as_size(row.int64(first + 4));
  x.bracket_offset = as_size(row.int64(first + 5));
  x.bracket_length = as_size(row.int64(first + 6));
  x.from_range = row.int64(first + 7) != 0;
  c.section_number = row.text(first + 8);
  c.section_anchor = row.text(first + 9);
  return c;
}

SqlParams citation_params(const std::string& version_id, size_t ord, const DocumentCitation& c) {
  const Citation& x = c.citation;
  return {version_id,
          as_int(ord),
          x.framework_id,
          x.ref_id,
          x.raw,
          as_int(x.offset),
          as_int(x.length),
          as_int(x.bracket_offset),
          as_int(x.bracket_length),
          int64_t{x.from_range ? 1 : 0},
          c.section_number,
          c.section_anchor};
}

Acknowledgement decode_acknowledgement(const Row& row) {
  Acknowledgement a;
  a.version_id = row.text(0);
  a.person_id = row.text(1);
  a.person_name = row.text(2);
  a.acknowledged_at = row.opt_text(3);
  a.last_reminded_at = row.opt_text(4);
  a.reminder_count = static_cast<int>(row.int64(5));
  return a;
}

SqlParams acknowledgement_params(const Acknowledgement& a) {
  return {a.version_id, a.person_id, sql_opt(a.acknowledged_at), sql_opt(a.last_reminded_at),
          int64_t{a.reminder_count}};
}

PublishedCitation decode_published_citation(const Row& row) {
  return PublishedCitation{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                           row.text(5), row.text(6), row.text(7), row.text(8), row.text(9)};
}

PendingAcknowledgement decode_pending_acknowledgement(const Row& row) {
  return PendingAcknowledgement{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)};
}

Result<DocumentListPlan> plan_document_list(const DocumentQuery& query) {
  DocumentListPlan plan;
  for (const auto& k : query.kinds) {
    if (!parse_document_kind(k)) return Error::invalid("kind", "unknown document kind '" + k + "'");
    plan.kinds.push_back(k);
  }
  for (const auto& s : query.statuses) {
    if (!parse_version_status(s)) return Error::invalid("status", "unknown status '" + s + "'");
    plan.statuses.push_back(s);
  }
  if (query.search.size() > kMaxSearchBytes) {
    return Error::invalid(
        "q", "search text is longer than " + std::to_string(kMaxSearchBytes) + " bytes");
  }
  if (!query.search.empty()) {
    plan.like_pattern = search_like_pattern(query.search);
    plan.matches_nothing = !plan.like_pattern;
  }
  return plan;
}

Result<std::optional<std::string>> plan_requirement_search(const std::string& search, int limit) {
  if (limit < 1 || limit > 500) return Error::invalid("limit", "must be between 1 and 500");
  if (search.size() > kMaxSearchBytes) {
    return Error::invalid(
        "q", "search text is longer than " + std::to_string(kMaxSearchBytes) + " bytes");
  }
  return search_like_pattern(search);
}

namespace {

template <typename T, typename Key>
std::vector<T> keep_last(const std::vector<T>& items, Key key) {
  std::vector<T> out;
  std::map<decltype(key(items.front())), size_t> index;
  for (const auto& item : items) {
    auto [it, fresh] = index.emplace(key(item), out.size());
    if (fresh) {
      out.push_back(item);
    } else {
      out[it->second] = item;
    }
  }
  return out;
}

}  // namespace

std::vector<Requirement> last_per_key(const std::vector<Requirement>& requirements) {
  if (requirements.empty()) return {};
  return keep_last(requirements,
                   [](const Requirement& r) { return std::make_pair(r.framework_id, r.ref_id); });
}

std::vector<RequirementMapping> last_per_key(const std::vector<RequirementMapping>& mappings) {
  if (mappings.empty()) return {};
  return keep_last(mappings, [](const RequirementMapping& m) {
    return std::make_tuple(m.source_framework_id, m.source_ref_id, m.target_framework_id,
                           m.target_ref_id, m.origin);
  });
}

}  // namespace isms::store_detail
