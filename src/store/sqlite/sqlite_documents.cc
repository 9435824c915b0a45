// SqliteTx: documents, their versions (with sections and citations), the published
// citations for traceability, and acknowledgements. Schema: documents_schema.cc.
#include <algorithm>
#include <map>

#include "store/document_codec.h"
#include "store/sqlite/sqlite_tx.h"

namespace isms::sqlite {

using store_detail::Row;
using store_detail::SqlValue;

namespace {

constexpr const char* kDocumentSelect =
    "SELECT d.id, d.kind, d.title, d.classification, d.information_owner, d.owner_role_key, "
    "d.owner_person_id, d.latest_version_id, d.published_version_id, d.published_label, "
    "d.next_review_date, d.archived_at, d.version, d.created_at, d.updated_at FROM documents d ";

// The codec's 28 version columns. History lists (with_body false) select '' and '[]' for
// body and warnings, so one decoder serves both and the body is never read for them.
std::string version_select(bool with_body) {
  return std::string(
             "SELECT v.id, v.document_id, v.number, v.status, v.title, v.classification, "
             "v.label, v.last_update, v.author, v.information_owner, v.approver, v.change_log, "
             "v.review_interval_months, v.requires_acknowledgement, ") +
         (with_body ? "v.body, v.warnings" : "'', '[]'") +
         ", v.created_by, v.created_at, v.updated_at, v.submitted_by, v.submitted_at, "
         "v.approved_by, v.approved_at, v.published_by, v.published_at, v.superseded_at, "
         "v.review_comment, v.version FROM document_versions v ";
}

// Bound parameters per statement for IN lists; far below SQLite's limit.
constexpr size_t kChunk = 500;

// Accumulates a WHERE clause with numbered parameters.
struct Where {
  std::string sql;
  store_detail::SqlParams params;

  std::string bind(SqlValue v) {
    params.push_back(std::move(v));
    return "?" + std::to_string(params.size());
  }
  void in(const char* column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + bind(values[i]);
    sql += ")";
  }
};

// The read rule of domain/access.h on `documents d`, as sqlite_assets.cc applies it to
// assets: owner = owner_person_id, working groups from document_groups, grants of object
// type 'document'. Nothing for scope.all; public/internal (rank <= 1) for everyone;
// confidential (2) with confidential_by_role, as owner, group member or by grant;
// customer_data (3) by grant only. The subqueries are uncorrelated: evaluated once per
// statement and probed per row.
void document_access(const ReadScope& scope, Where* w) {
  if (scope.all) return;
  if (scope.person_id.empty()) {
    w->sql +=
        scope.confidential_by_role ? " AND d.classification <= 2" : " AND d.classification <= 1";
    return;
  }
  std::string reader = w->bind(scope.person_id);
  std::string granted =
      "d.id IN (SELECT g.object_id FROM object_grants g WHERE g.person_id = " + reader +
      " AND g.object_type = 'document')";
  if (scope.confidential_by_role) {
    w->sql += " AND (d.classification <= 2 OR " + granted + ")";
    return;
  }
  w->sql +=
      " AND (d.classification <= 1 OR (d.classification = 2 AND (d.owner_person_id = " + reader +
      " OR d.id IN (SELECT dg.document_id FROM working_group_members m JOIN document_groups "
      "dg ON dg.group_id = m.group_id WHERE m.person_id = " +
      reader + "))) OR " + granted + ")";
}

Status collect_documents(SqliteConn& conn, const std::string& sql,
                         const store_detail::SqlParams& params, std::vector<Document>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(Document d, store_detail::decode_document(row));
    out->push_back(std::move(d));
    return ok_status();
  });
}

Status load_document_groups(SqliteConn& conn, std::vector<Document>* docs) {
  std::map<std::string, Document*> by_id;
  for (auto& d : *docs) by_id[d.id] = &d;
  for (size_t start = 0; start < docs->size(); start += kChunk) {
    Where w;
    size_t end = std::min(docs->size(), start + kChunk);
    std::string sql = "SELECT document_id, group_id FROM document_groups WHERE document_id IN (";
    for (size_t i = start; i < end; ++i) sql += (i > start ? ", " : "") + w.bind((*docs)[i].id);
    ISMS_TRY(conn.query(sql + ") ORDER BY document_id, group_id", w.params,
                        [&](const Row& row) -> Status {
                          auto it = by_id.find(row.text(0));
                          if (it != by_id.end())
                            it->second->working_group_ids.push_back(row.text(1));
                          return ok_status();
                        }));
  }
  return ok_status();
}

Status write_document_groups(SqliteConn& conn, const Document& d) {
  for (const auto& group_id : d.working_group_ids) {
    auto inserted = conn.exec(
        "INSERT INTO document_groups (document_id, group_id) VALUES (?1, ?2) "
        "ON CONFLICT DO NOTHING",
        {d.id, group_id});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid) {
        return Error::invalid("working_group_ids", "no working group with id " + group_id);
      }
      return std::move(inserted).error();
    }
  }
  return ok_status();
}

Result<bool> exists(SqliteConn& conn, const char* sql, const std::string& id) {
  bool found = false;
  ISMS_TRY(conn.query(sql, {id}, [&](const Row&) -> Status {
    found = true;
    return ok_status();
  }));
  return found;
}

// The conflict or not-found error of a versioned UPDATE that changed no row.
Status stale_or_missing(SqliteConn& conn, const char* table, const char* what,
                        const std::string& id, int64_t expected_version) {
  std::optional<int64_t> stored;
  ISMS_TRY(conn.query(std::string("SELECT version FROM ") + table + " WHERE id = ?1", {id},
                      [&](const Row& row) -> Status {
                        stored = row.int64(0);
                        return ok_status();
                      }));
  if (!stored) return Error::not_found(std::string("no ") + what + " with id " + id);
  return Error::conflict(std::string(what) + " " + id + " is at version " +
                         std::to_string(*stored) + ", not " + std::to_string(expected_version));
}

// Sections and citations of a version, in body order (ord).
Status write_version_parts(SqliteConn& conn, const DocumentVersion& v) {
  for (size_t i = 0; i < v.sections.size(); ++i) {
    ISMS_TRY(conn.exec(
        "INSERT INTO document_sections (version_id, ord, number, title, level, start_offset, "
        "end_offset, anchor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        store_detail::section_params(v.id, i, v.sections[i])));
  }
  for (size_t i = 0; i < v.citations.size(); ++i) {
    ISMS_TRY(conn.exec(
        "INSERT INTO document_citations (version_id, ord, framework_id, ref_id, raw, "
        "start_offset, length, bracket_offset, bracket_length, from_range, section_number, "
        "section_anchor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        store_detail::citation_params(v.id, i, v.citations[i])));
  }
  return ok_status();
}

Status load_version_parts(SqliteConn& conn, DocumentVersion* v) {
  ISMS_TRY(conn.query(
      "SELECT number, title, level, start_offset, end_offset, anchor FROM document_sections "
      "WHERE version_id = ?1 ORDER BY ord",
      {v->id}, [&](const Row& row) -> Status {
        v->sections.push_back(store_detail::decode_section(row, 0));
        return ok_status();
      }));
  return conn.query(
      "SELECT framework_id, ref_id, raw, start_offset, length, bracket_offset, bracket_length, "
      "from_range, section_number, section_anchor FROM document_citations "
      "WHERE version_id = ?1 ORDER BY ord",
      {v->id}, [&](const Row& row) -> Status {
        v->citations.push_back(store_detail::decode_citation(row, 0));
        return ok_status();
      });
}

Status collect_versions(SqliteConn& conn, const std::string& sql,
                        const store_detail::SqlParams& params, std::vector<DocumentVersion>* out) {
  return conn.query(sql, params, [&](const Row& row) -> Status {
    ISMS_ASSIGN(DocumentVersion v, store_detail::decode_version(row));
    out->push_back(std::move(v));
    return ok_status();
  });
}

}  // namespace

// --- Documents ------------------------------------------------------------------------

Status SqliteTx::insert_document(const Document& d) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto inserted = conn_->exec(
        "INSERT INTO documents (id, kind, title, classification, information_owner, "
        "owner_role_key, owner_person_id, latest_version_id, published_version_id, "
        "published_label, next_review_date, archived_at, version, created_at, updated_at, "
        "title_sort, search_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15, ?16, ?17) ON CONFLICT DO NOTHING",
        store_detail::document_params(d));
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kInvalid && d.owner_person_id) {
        return Error::invalid("owner_person_id", "no person with id " + *d.owner_person_id);
      }
      return std::move(inserted).error();
    }
    if (*inserted == 0) return Error::conflict("a document with id " + d.id + " exists");
    return write_document_groups(*conn_, d);
  });
}

Result<Document> SqliteTx::get_document(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<Document> found;
  ISMS_TRY(
      collect_documents(*conn_, std::string(kDocumentSelect) + "WHERE d.id = ?1", {id}, &found));
  if (found.empty()) return Error::not_found("no document with id " + id);
  ISMS_TRY(load_document_groups(*conn_, &found));
  return std::move(found.front());
}

Status SqliteTx::update_document(const Document& d, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto params = store_detail::document_params(d);
    params.emplace_back(std::in_place_type<int64_t>, expected_version);
    auto updated = conn_->exec(
        "UPDATE documents SET kind = ?2, title = ?3, classification = ?4, "
        "information_owner = ?5, owner_role_key = ?6, owner_person_id = ?7, "
        "latest_version_id = ?8, published_version_id = ?9, published_label = ?10, "
        "next_review_date = ?11, archived_at = ?12, version = ?13, created_at = ?14, "
        "updated_at = ?15, title_sort = ?16, search_key = ?17 WHERE id = ?1 AND version = ?18",
        params);
    if (!updated.ok()) {
      if (updated.error().code == ErrorCode::kInvalid && d.owner_person_id) {
        return Error::invalid("owner_person_id", "no person with id " + *d.owner_person_id);
      }
      return std::move(updated).error();
    }
    if (*updated == 0)
      return stale_or_missing(*conn_, "documents", "document", d.id, expected_version);
    ISMS_TRY(conn_->exec("DELETE FROM document_groups WHERE document_id = ?1", {d.id}));
    return write_document_groups(*conn_, d);
  });
}

Result<std::vector<Document>> SqliteTx::list_documents(const DocumentQuery& query) {
  ISMS_TRY(usable());
  ISMS_ASSIGN(auto plan, store_detail::plan_document_list(query));
  std::vector<Document> out;
  if (plan.matches_nothing) return out;
  Where w;
  w.sql = query.archived == ArchivedFilter::kAll            ? "WHERE 1 = 1"
          : query.archived == ArchivedFilter::kArchivedOnly ? "WHERE d.archived_at IS NOT NULL"
                                                            : "WHERE d.archived_at IS NULL";
  document_access(query.scope, &w);
  w.in("d.kind", plan.kinds);
  if (!plan.statuses.empty()) {
    w.sql += " AND d.latest_version_id IN (SELECT lv.id FROM document_versions lv WHERE 1 = 1";
    w.in("lv.status", plan.statuses);
    w.sql += ")";
  }
  if (plan.like_pattern) {
    w.sql += " AND d.search_key LIKE " + w.bind(*plan.like_pattern) + " ESCAPE '\\'";
  }
  ISMS_TRY(collect_documents(*conn_, kDocumentSelect + w.sql + " ORDER BY d.title_sort, d.id",
                             w.params, &out));
  ISMS_TRY(load_document_groups(*conn_, &out));
  return out;
}

// --- Versions -------------------------------------------------------------------------

Status SqliteTx::insert_document_version(const DocumentVersion& v) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    ISMS_ASSIGN(bool document_exists,
                exists(*conn_, "SELECT 1 FROM documents WHERE id = ?1", v.document_id));
    if (!document_exists)
      return Error::invalid("document_id", "no document with id " + v.document_id);
    ISMS_ASSIGN(int64_t n,
                conn_->exec("INSERT INTO document_versions (id, document_id, number, status, "
                            "title, classification, label, last_update, author, "
                            "information_owner, approver, change_log, review_interval_months, "
                            "requires_acknowledgement, body, warnings, created_by, created_at, "
                            "updated_at, submitted_by, submitted_at, approved_by, approved_at, "
                            "published_by, published_at, superseded_at, review_comment, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28) "
                            "ON CONFLICT DO NOTHING",
                            store_detail::version_params(v)));
    if (n == 0) {
      return Error::conflict("document " + v.document_id + " already has a version " +
                             std::to_string(v.number) + " or a version with id " + v.id);
    }
    return write_version_parts(*conn_, v);
  });
}

Result<DocumentVersion> SqliteTx::get_document_version(const std::string& id) {
  ISMS_TRY(usable());
  std::vector<DocumentVersion> found;
  ISMS_TRY(collect_versions(*conn_, version_select(true) + "WHERE v.id = ?1", {id}, &found));
  if (found.empty()) return Error::not_found("no document version with id " + id);
  ISMS_TRY(load_version_parts(*conn_, &found.front()));
  return std::move(found.front());
}

Status SqliteTx::update_document_version(const DocumentVersion& v, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically([&]() -> Status {
    auto params = store_detail::version_params(v);
    params.emplace_back(std::in_place_type<int64_t>, expected_version);
    // Parameters as version_params (codec); id, document_id, number, created_by and
    // created_at (?1, ?2, ?3, ?17, ?18) identify the version and never change.
    ISMS_ASSIGN(int64_t n,
                conn_->exec("UPDATE document_versions SET status = ?4, title = ?5, "
                            "classification = ?6, label = ?7, last_update = ?8, author = ?9, "
                            "information_owner = ?10, approver = ?11, change_log = ?12, "
                            "review_interval_months = ?13, requires_acknowledgement = ?14, "
                            "body = ?15, warnings = ?16, updated_at = ?19, submitted_by = ?20, "
                            "submitted_at = ?21, approved_by = ?22, approved_at = ?23, "
                            "published_by = ?24, published_at = ?25, superseded_at = ?26, "
                            "review_comment = ?27, version = ?28 WHERE id = ?1 AND version = ?29",
                            params));
    if (n == 0) {
      return stale_or_missing(*conn_, "document_versions", "document version", v.id,
                              expected_version);
    }
    ISMS_TRY(conn_->exec("DELETE FROM document_sections WHERE version_id = ?1", {v.id}));
    ISMS_TRY(conn_->exec("DELETE FROM document_citations WHERE version_id = ?1", {v.id}));
    return write_version_parts(*conn_, v);
  });
}

Result<std::vector<DocumentVersion>> SqliteTx::list_document_versions(
    const std::string& document_id, bool with_body) {
  ISMS_TRY(usable());
  std::vector<DocumentVersion> out;
  ISMS_TRY(collect_versions(
      *conn_, version_select(with_body) + "WHERE v.document_id = ?1 ORDER BY v.number",
      {document_id}, &out));
  if (with_body) {
    for (auto& v : out) ISMS_TRY(load_version_parts(*conn_, &v));
  }
  return out;
}

// One row per (document, version, section, requirement): several citations of the same
// requirement in one section are the same row of the traceability matrix. Sections are
// in body order; the preamble (no section) comes first.
Result<std::vector<PublishedCitation>> SqliteTx::list_published_citations(
    const ReadScope& scope, const std::string& framework_id) {
  ISMS_TRY(usable());
  Where w;
  w.sql = "WHERE v.status = 'published' AND d.archived_at IS NULL";
  if (!framework_id.empty()) w.sql += " AND c.framework_id = " + w.bind(framework_id);
  document_access(scope, &w);
  std::vector<PublishedCitation> out;
  ISMS_TRY(conn_->query(
      "SELECT DISTINCT d.id, d.title, d.kind, v.id, v.label, c.section_number, "
      "coalesce(s.title, ''), c.section_anchor, c.framework_id, c.ref_id, d.title_sort, "
      "coalesce(s.ord, -1) AS section_ord FROM document_citations c "
      "JOIN document_versions v ON v.id = c.version_id "
      "JOIN documents d ON d.id = v.document_id "
      "LEFT JOIN document_sections s ON s.version_id = c.version_id AND s.anchor = "
      "c.section_anchor AND c.section_anchor <> '' " +
          w.sql +
          " ORDER BY c.framework_id, c.ref_id, d.title_sort, d.id, v.id, section_ord, "
          "c.section_anchor",
      w.params, [&](const Row& row) -> Status {
        out.push_back(store_detail::decode_published_citation(row));
        return ok_status();
      }));
  return out;
}

// --- Acknowledgements -----------------------------------------------------------------

Status SqliteTx::put_acknowledgement(const Acknowledgement& a) {
  ISMS_TRY(writable());
  // Checked first so the error names the field (a foreign-key failure would not).
  ISMS_ASSIGN(bool version_exists,
              exists(*conn_, "SELECT 1 FROM document_versions WHERE id = ?1", a.version_id));
  if (!version_exists)
    return Error::invalid("version_id", "no document version with id " + a.version_id);
  ISMS_ASSIGN(bool person_exists,
              exists(*conn_, "SELECT 1 FROM persons WHERE id = ?1", a.person_id));
  if (!person_exists) return Error::invalid("person_id", "no person with id " + a.person_id);
  ISMS_TRY(conn_->exec(
      "INSERT INTO acknowledgements (version_id, person_id, acknowledged_at, last_reminded_at, "
      "reminder_count) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (version_id, person_id) DO UPDATE "
      "SET acknowledged_at = excluded.acknowledged_at, "
      "last_reminded_at = excluded.last_reminded_at, reminder_count = excluded.reminder_count",
      store_detail::acknowledgement_params(a)));
  return ok_status();
}

Result<std::vector<Acknowledgement>> SqliteTx::list_acknowledgements(
    const std::string& version_id) {
  ISMS_TRY(usable());
  std::vector<Acknowledgement> out;
  ISMS_TRY(conn_->query(
      "SELECT a.version_id, a.person_id, p.name, a.acknowledged_at, a.last_reminded_at, "
      "a.reminder_count FROM acknowledgements a JOIN persons p ON p.id = a.person_id "
      "WHERE a.version_id = ?1 ORDER BY p.name_sort, a.person_id",
      {version_id}, [&](const Row& row) -> Status {
        out.push_back(store_detail::decode_acknowledgement(row));
        return ok_status();
      }));
  return out;
}

// Oldest publication first: the longest outstanding request leads "My tasks".
Result<std::vector<PendingAcknowledgement>> SqliteTx::pending_acknowledgements(
    const std::string& person_id) {
  ISMS_TRY(usable());
  std::vector<PendingAcknowledgement> out;
  ISMS_TRY(conn_->query(
      "SELECT d.id, d.title, v.id, v.label, coalesce(v.published_at, '') "
      "FROM acknowledgements a JOIN document_versions v ON v.id = a.version_id "
      "JOIN documents d ON d.id = v.document_id "
      "WHERE a.person_id = ?1 AND a.acknowledged_at IS NULL AND v.status = 'published' "
      "AND v.requires_acknowledgement = 1 AND d.archived_at IS NULL "
      "ORDER BY v.published_at, d.title_sort, d.id",
      {person_id}, [&](const Row& row) -> Status {
        out.push_back(store_detail::decode_pending_acknowledgement(row));
        return ok_status();
      }));
  return out;
}

}  // namespace isms::sqlite
