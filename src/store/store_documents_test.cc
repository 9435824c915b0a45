// Store conformance suite: documents, versions (sections, citations, warnings), published
// citations and acknowledgements (migration 5), on both engines. The read rule over many
// scopes is in store_documents_access_test.cc; migration 3 -> 5 in store_catalogue_test.cc.
#include <algorithm>
#include <set>

#include "store/store_test_fixture.h"

namespace isms::store_test {
namespace {

constexpr const char* kT1 = "2026-01-01T01:00:00.000000Z";
constexpr const char* kT2 = "2026-01-02T02:00:00.000000Z";
constexpr const char* kT3 = "2026-01-03T03:00:00.000000Z";

Document make_document(const std::string& title,
                       Classification classification = Classification::kInternal) {
  Document d;
  d.id = new_id();
  d.title = title;
  d.classification = classification;
  d.information_owner = "CISO";
  d.created_at = kT1;
  d.updated_at = kT1;
  return d;
}

DocumentVersion make_version(const Document& d, int number,
                             VersionStatus status = VersionStatus::kDraft) {
  DocumentVersion v;
  v.id = new_id();
  v.document_id = d.id;
  v.number = number;
  v.status = status;
  v.content.title = d.title;
  v.content.classification = d.classification;
  v.content.label = std::to_string(number) + ".0";
  v.content.body = "body of " + d.title;
  v.created_by = "user:u1";
  v.created_at = kT1;
  v.updated_at = kT1;
  if (status == VersionStatus::kPublished || status == VersionStatus::kSuperseded) {
    v.published_by = "user:u1";
    v.published_at = kT2;
  }
  return v;
}

Section make_section(const std::string& number, const std::string& title, int level, size_t offset,
                     size_t end) {
  Section s;
  s.number = number;
  s.title = title;
  s.level = level;
  s.anchor = number.empty() ? "s-" + title : "s-" + number;
  std::replace(s.anchor.begin(), s.anchor.end(), '.', '-');
  s.offset = offset;
  s.end = end;
  return s;
}

DocumentCitation make_citation(const std::string& framework_id, const std::string& ref_id,
                               const Section* section, size_t offset = 10) {
  DocumentCitation c;
  c.citation.framework_id = framework_id;
  c.citation.ref_id = ref_id;
  c.citation.raw = ref_id;
  c.citation.offset = offset;
  c.citation.length = ref_id.size();
  c.citation.bracket_offset = offset - 1;
  c.citation.bracket_length = ref_id.size() + 10;
  if (section != nullptr) {
    c.section_number = section->number;
    c.section_anchor = section->anchor;
  }
  return c;
}

// A version with every field set to something other than its default.
DocumentVersion full_version(const Document& d, int number) {
  DocumentVersion v = make_version(d, number, VersionStatus::kApproved);
  DocumentContent& c = v.content;
  c.title = "Informationssäkerhetspolicy – \"quoted\" \\ 100%";
  c.classification = Classification::kConfidential;
  c.label = "3.1";
  c.last_update = "2026-01-15";
  c.author = "Hans Olof Edblom";
  c.information_owner = "CEO";
  c.approver = "Anna";
  c.change_log = {ChangeLogEntry{"3.0", "2025-06-01", "CISO", "Rewritten\nfully"},
                  ChangeLogEntry{"3.1", std::nullopt, "", ""}};
  c.review_interval_months = 24;
  c.requires_acknowledgement = true;
  c.body = "Preamble [ISO27001 5.2]\n# 1 Scope\ntext\n## 1.1 Detail\n\ttab ✓\n# Annex\n";
  v.sections = {make_section("1", "Scope", 1, 24, 60), make_section("1.1", "Detail", 2, 40, 60),
                make_section("", "Annex", 1, 60, 68)};
  v.citations = {make_citation("iso27001-2022", "5.2", nullptr, 19),
                 make_citation("iso27001-2022", "A.5.1", &v.sections[0], 30),
                 make_citation("nis2-2024-2690", "1.1", &v.sections[1], 45)};
  v.citations[2].citation.from_range = true;
  v.citations[2].citation.raw = "1.1-1.2";
  CitationWarning w1;
  w1.raw = "ISO27001 5.4";
  w1.offset = 3;
  w1.length = 12;
  w1.framework_id = "iso27001-2022";
  w1.ref_id = "5.4";
  w1.message = "ISO 27001:2022 has no clause 5.4";
  w1.suggestion = "iso27001-2022:A.5.4";
  CitationWarning w2;
  w2.raw = "NIS 99";
  w2.offset = 50;
  w2.length = 6;
  w2.message = "unknown";
  v.warnings = {w1, w2};
  v.created_by = "user:author";
  v.created_at = kT1;
  v.updated_at = kT2;
  v.submitted_by = "user:author";
  v.submitted_at = kT2;
  v.approved_by = "person-1";
  v.approved_at = kT3;
  v.published_by = "user:ciso";
  v.published_at = kT3;
  v.superseded_at = kT3;
  v.review_comment = "ok now";
  v.version = 7;
  return v;
}

void expect_same(const Document& got, const Document& want) {
  SCOPED_TRACE("document " + want.title);
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.classification, want.classification);
  EXPECT_EQ(got.information_owner, want.information_owner);
  EXPECT_EQ(got.owner_role_key, want.owner_role_key);
  EXPECT_EQ(got.owner_person_id, want.owner_person_id);
  EXPECT_EQ(got.working_group_ids, want.working_group_ids);
  EXPECT_EQ(got.latest_version_id, want.latest_version_id);
  EXPECT_EQ(got.published_version_id, want.published_version_id);
  EXPECT_EQ(got.published_label, want.published_label);
  EXPECT_EQ(got.next_review_date, want.next_review_date);
  EXPECT_EQ(got.archived_at, want.archived_at);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

// Every field; without the body, body, sections, citations and warnings must be empty.
void expect_same(const DocumentVersion& got, const DocumentVersion& want, bool with_body = true) {
  SCOPED_TRACE("version " + std::to_string(want.number) + (with_body ? "" : " without body"));
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.document_id, want.document_id);
  EXPECT_EQ(got.number, want.number);
  EXPECT_EQ(got.status, want.status);
  const DocumentContent& g = got.content;
  const DocumentContent& w = want.content;
  EXPECT_EQ(g.title, w.title);
  EXPECT_EQ(g.classification, w.classification);
  EXPECT_EQ(g.label, w.label);
  EXPECT_EQ(g.last_update, w.last_update);
  EXPECT_EQ(g.author, w.author);
  EXPECT_EQ(g.information_owner, w.information_owner);
  EXPECT_EQ(g.approver, w.approver);
  ASSERT_EQ(g.change_log.size(), w.change_log.size());
  for (size_t i = 0; i < w.change_log.size(); ++i) {
    EXPECT_EQ(g.change_log[i].version, w.change_log[i].version);
    EXPECT_EQ(g.change_log[i].date, w.change_log[i].date);
    EXPECT_EQ(g.change_log[i].author, w.change_log[i].author);
    EXPECT_EQ(g.change_log[i].changes, w.change_log[i].changes);
  }
  EXPECT_EQ(g.review_interval_months, w.review_interval_months);
  EXPECT_EQ(g.requires_acknowledgement, w.requires_acknowledgement);
  EXPECT_EQ(got.created_by, want.created_by);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
  EXPECT_EQ(got.submitted_by, want.submitted_by);
  EXPECT_EQ(got.submitted_at, want.submitted_at);
  EXPECT_EQ(got.approved_by, want.approved_by);
  EXPECT_EQ(got.approved_at, want.approved_at);
  EXPECT_EQ(got.published_by, want.published_by);
  EXPECT_EQ(got.published_at, want.published_at);
  EXPECT_EQ(got.superseded_at, want.superseded_at);
  EXPECT_EQ(got.review_comment, want.review_comment);
  EXPECT_EQ(got.version, want.version);
  if (!with_body) {
    EXPECT_EQ(g.body, "");
    EXPECT_TRUE(got.sections.empty());
    EXPECT_TRUE(got.citations.empty());
    EXPECT_TRUE(got.warnings.empty());
    return;
  }
  EXPECT_EQ(g.body, w.body);
  ASSERT_EQ(got.sections.size(), want.sections.size());
  for (size_t i = 0; i < want.sections.size(); ++i) {
    EXPECT_EQ(got.sections[i].number, want.sections[i].number);
    EXPECT_EQ(got.sections[i].title, want.sections[i].title);
    EXPECT_EQ(got.sections[i].level, want.sections[i].level);
    EXPECT_EQ(got.sections[i].anchor, want.sections[i].anchor);
    EXPECT_EQ(got.sections[i].offset, want.sections[i].offset);
    EXPECT_EQ(got.sections[i].end, want.sections[i].end);
  }
  ASSERT_EQ(got.citations.size(), want.citations.size());
  for (size_t i = 0; i < want.citations.size(); ++i) {
    const Citation& a = got.citations[i].citation;
    const Citation& b = want.citations[i].citation;
    EXPECT_EQ(a.framework_id, b.framework_id);
    EXPECT_EQ(a.ref_id, b.ref_id);
    EXPECT_EQ(a.raw, b.raw);
    EXPECT_EQ(a.offset, b.offset);
    EXPECT_EQ(a.length, b.length);
    EXPECT_EQ(a.bracket_offset, b.bracket_offset);
    EXPECT_EQ(a.bracket_length, b.bracket_length);
    EXPECT_EQ(a.from_range, b.from_range);
    EXPECT_EQ(got.citations[i].section_number, want.citations[i].section_number);
    EXPECT_EQ(got.citations[i].section_anchor, want.citations[i].section_anchor);
  }
  ASSERT_EQ(got.warnings.size(), want.warnings.size());
  for (size_t i = 0; i < want.warnings.size(); ++i) {
    EXPECT_EQ(got.warnings[i].raw, want.warnings[i].raw);
    EXPECT_EQ(got.warnings[i].offset, want.warnings[i].offset);
    EXPECT_EQ(got.warnings[i].length, want.warnings[i].length);
    EXPECT_EQ(got.warnings[i].framework_id, want.warnings[i].framework_id);
    EXPECT_EQ(got.warnings[i].ref_id, want.warnings[i].ref_id);
    EXPECT_EQ(got.warnings[i].message, want.warnings[i].message);
    EXPECT_EQ(got.warnings[i].suggestion, want.warnings[i].suggestion);
  }
}

std::vector<std::string> titles(const std::vector<Document>& docs) {
  std::vector<std::string> out;
  for (const auto& d : docs) out.push_back(d.title);
  return out;
}

class StoreDocuments : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }

  // A document with one version of `status`, latest (and published when published).
  Document add_document(StoreTx* tx, const std::string& title, DocumentKind kind,
                        VersionStatus status) {
    Document d = make_document(title);
    d.kind = kind;
    DocumentVersion v = make_version(d, 1, status);
    d.latest_version_id = v.id;
    if (status == VersionStatus::kPublished) d.published_version_id = v.id;
    EXPECT_OK(tx->insert_document(d));
    EXPECT_OK(tx->insert_document_version(v));
    return d;
  }
};

TEST_P(StoreDocuments, InsertGetUpdate) {
  auto tx = write_tx();
  Person anna = make_person("Anna", "anna@example.com");
  Person bob = make_person("Bob", "bob@example.com");
  ASSERT_OK(tx->insert_person(anna));
  ASSERT_OK(tx->insert_person(bob));
  WorkingGroup g1 = make_group("Security", {anna.id});
  WorkingGroup g2 = make_group("Legal");
  ASSERT_OK(tx->insert_group(g1));
  ASSERT_OK(tx->insert_group(g2));

  Document d = make_document("Information security policy", Classification::kConfidential);
  d.kind = DocumentKind::kStandard;
  d.owner_role_key = "ceo";
  d.owner_person_id = anna.id;
  d.working_group_ids = {g1.id, g2.id};
  std::sort(d.working_group_ids.begin(), d.working_group_ids.end());
  d.latest_version_id = "v-latest";  // no foreign key: written before its version
  d.published_version_id = "v-published";
  d.published_label = "3.0";
  d.next_review_date = "2027-01-01";
  ASSERT_OK(tx->insert_document(d));
  ASSERT_OK_AND_ASSIGN(Document got, tx->get_document(d.id));
  expect_same(got, d);
  EXPECT_CODE(tx->insert_document(d), ErrorCode::kConflict);
  EXPECT_CODE(tx->get_document("nope"), ErrorCode::kNotFound);

  // Update writes every field.
  Document d2 = d;
  d2.kind = DocumentKind::kProcedure;
  d2.title = "Renamed";
  d2.classification = Classification::kCustomerData;
  d2.information_owner = "Anna";
  d2.owner_role_key.reset();
  d2.owner_person_id = bob.id;
  d2.working_group_ids = {g2.id};
  d2.latest_version_id.reset();
  d2.published_version_id.reset();
  d2.published_label.reset();
  d2.next_review_date.reset();
  d2.archived_at = kT3;
  d2.version = 2;
  d2.created_at = kT2;
  d2.updated_at = kT3;
  ASSERT_OK(tx->update_document(d2, 1));
  ASSERT_OK_AND_ASSIGN(got, tx->get_document(d.id));
  expect_same(got, d2);
  EXPECT_CODE(tx->update_document(d2, 1), ErrorCode::kConflict);
  Document unknown = make_document("Unknown");
  EXPECT_CODE(tx->update_document(unknown, 1), ErrorCode::kNotFound);

  // Unknown references name their field, and a failed write leaves nothing behind.
  Document orphan = make_document("Orphan");
  orphan.owner_person_id = "no-such-person";
  auto bad = tx->insert_document(orphan);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().field, "owner_person_id");
  Document grouped = make_document("Grouped");
  grouped.working_group_ids = {g1.id, "no-such-group"};
  bad = tx->insert_document(grouped);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "working_group_ids");
  EXPECT_CODE(tx->get_document(grouped.id), ErrorCode::kNotFound);
  Document d3 = d2;
  d3.title = "Not written";
  d3.version = 3;
  d3.working_group_ids = {"no-such-group"};
  EXPECT_CODE(tx->update_document(d3, 2), ErrorCode::kInvalid);
  ASSERT_OK_AND_ASSIGN(got, tx->get_document(d.id));
  expect_same(got, d2);
  ASSERT_OK(tx->commit());
}

TEST_P(StoreDocuments, VersionsRoundTripEveryField) {
  auto tx = write_tx();
  Document d = make_document("Policy");
  ASSERT_OK(tx->insert_document(d));
  DocumentVersion v1 = full_version(d, 1);
  DocumentVersion v2 = make_version(d, 2);  // optional fields absent, lists empty
  v2.content.body = "";
  ASSERT_OK(tx->insert_document_version(v2));
  ASSERT_OK(tx->insert_document_version(v1));
  ASSERT_OK_AND_ASSIGN(DocumentVersion got, tx->get_document_version(v1.id));
  expect_same(got, v1);
  ASSERT_OK_AND_ASSIGN(got, tx->get_document_version(v2.id));
  expect_same(got, v2);
  EXPECT_CODE(tx->get_document_version("nope"), ErrorCode::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_document_versions(d.id, true));
  ASSERT_EQ(listed.size(), 2u);  // by number
  expect_same(listed[0], v1);
  expect_same(listed[1], v2);
  ASSERT_OK_AND_ASSIGN(listed, tx->list_document_versions(d.id, false));
  ASSERT_EQ(listed.size(), 2u);
  expect_same(listed[0], v1, false);
  expect_same(listed[1], v2, false);
  ASSERT_OK_AND_ASSIGN(listed, tx->list_document_versions("nope", true));
  EXPECT_TRUE(listed.empty());

  // Duplicates and unknown documents.
  DocumentVersion dup = make_version(d, 2);
  EXPECT_CODE(tx->insert_document_version(dup), ErrorCode::kConflict);
  DocumentVersion same_id = make_version(d, 3);
  same_id.id = v1.id;
  EXPECT_CODE(tx->insert_document_version(same_id), ErrorCode::kConflict);
  Document other = make_document("Other");
  ASSERT_OK(tx->insert_document(other));
  ASSERT_OK(tx->insert_document_version(make_version(other, 2)));  // numbers are per document
  auto bad = tx->insert_document_version(make_version(make_document("Absent"), 1));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().field, "document_id");

  // Update: every mutable field, sections and citations replaced.
  DocumentVersion u = full_version(d, 2);
  u.id = v2.id;
  u.created_by = v2.created_by;  // identity of the version: never rewritten
  u.created_at = v2.created_at;
  u.sections.pop_back();
  u.citations.erase(u.citations.begin());
  u.warnings.pop_back();
  u.version = 2;
  ASSERT_OK(tx->update_document_version(u, 1));
  ASSERT_OK_AND_ASSIGN(got, tx->get_document_version(v2.id));
  expect_same(got, u);
  EXPECT_CODE(tx->update_document_version(u, 1), ErrorCode::kConflict);
  DocumentVersion missing = make_version(d, 9);
  EXPECT_CODE(tx->update_document_version(missing, 1), ErrorCode::kNotFound);

  // A write failing on its last row (text with NUL in a citation) leaves nothing.
  DocumentVersion broken = u;
  broken.content.title = "broken";
  broken.sections = {make_section("9", "New", 1, 0, 1)};
  broken.citations.push_back(make_citation("iso27001-2022", "A.5.2", nullptr));
  broken.citations.back().citation.raw = std::string("A\0B", 3);
  broken.version = 3;
  EXPECT_CODE(tx->update_document_version(broken, 2), ErrorCode::kInvalid);
  ASSERT_OK_AND_ASSIGN(got, tx->get_document_version(v2.id));
  expect_same(got, u);
  DocumentVersion broken_new = broken;
  broken_new.id = new_id();
  broken_new.number = 5;
  EXPECT_CODE(tx->insert_document_version(broken_new), ErrorCode::kInvalid);
  EXPECT_CODE(tx->get_document_version(broken_new.id), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(listed, tx->list_document_versions(d.id, true));
  EXPECT_EQ(listed.size(), 2u);
  ASSERT_OK(tx->commit());

  // Committed as written.
  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(got, rtx->get_document_version(v1.id));
  expect_same(got, v1);
}

TEST_P(StoreDocuments, ListFiltersSearchAndOrder) {
  auto tx = write_tx();
  add_document(tx.get(), "Zebra policy", DocumentKind::kPolicy, VersionStatus::kDraft);
  add_document(tx.get(), "apple standard", DocumentKind::kStandard, VersionStatus::kPublished);
  Document archived = add_document(tx.get(), "Äpfel procedure", DocumentKind::kProcedure,
                                   VersionStatus::kPublished);
  archived.archived_at = kT3;
  archived.version = 2;
  ASSERT_OK(tx->update_document(archived, 1));
  add_document(tx.get(), "Access 100% control", DocumentKind::kPolicy, VersionStatus::kInReview);
  Document bare = make_document("Under_score");  // no version yet
  ASSERT_OK(tx->insert_document(bare));
  // A document whose earlier version is published but whose latest is a draft: the
  // status filter looks at the latest version only.
  Document two = make_document("Two versions");
  DocumentVersion p = make_version(two, 1, VersionStatus::kPublished);
  DocumentVersion q = make_version(two, 2, VersionStatus::kDraft);
  two.latest_version_id = q.id;
  two.published_version_id = p.id;
  ASSERT_OK(tx->insert_document(two));
  ASSERT_OK(tx->insert_document_version(p));
  ASSERT_OK(tx->insert_document_version(q));

  auto list = [&](DocumentQuery query) {
    query.scope = scope_all();
    auto docs = tx->list_documents(query);
    EXPECT_TRUE(docs.ok()) << docs.error().message;
    return docs.ok() ? titles(*docs) : std::vector<std::string>{};
  };
  using ::testing::ElementsAre;
  DocumentQuery q0;
  EXPECT_THAT(list(q0), ElementsAre("Access 100% control", "apple standard", "Two versions",
                                    "Under_score", "Zebra policy"));
  DocumentQuery qa;
  qa.archived = ArchivedFilter::kArchivedOnly;
  EXPECT_THAT(list(qa), ElementsAre("Äpfel procedure"));
  qa.archived = ArchivedFilter::kAll;  // code point order of the folded title: ä after z
  EXPECT_THAT(list(qa), ElementsAre("Access 100% control", "apple standard", "Two versions",
                                    "Under_score", "Zebra policy", "Äpfel procedure"));
  DocumentQuery qk;
  qk.kinds = {"policy"};
  EXPECT_THAT(list(qk),
              ElementsAre("Access 100% control", "Two versions", "Under_score", "Zebra policy"));
  qk.kinds = {"standard", "procedure"};
  qk.archived = ArchivedFilter::kAll;
  EXPECT_THAT(list(qk), ElementsAre("apple standard", "Äpfel procedure"));
  DocumentQuery qs;
  qs.statuses = {"draft"};
  EXPECT_THAT(list(qs), ElementsAre("Two versions", "Zebra policy"));
  qs.statuses = {"published", "in_review"};
  EXPECT_THAT(list(qs), ElementsAre("Access 100% control", "apple standard"));
  qs.kinds = {"policy"};
  EXPECT_THAT(list(qs), ElementsAre("Access 100% control"));
  auto search = [&](const std::string& text,
                    ArchivedFilter archived = ArchivedFilter::kActiveOnly) {
    DocumentQuery query;
    query.search = text;
    query.archived = archived;
    return list(query);
  };
  EXPECT_THAT(search("APPLE"), ElementsAre("apple standard"));
  EXPECT_THAT(search("äPFEL", ArchivedFilter::kAll), ElementsAre("Äpfel procedure"));
  EXPECT_THAT(search("äpfel"), ElementsAre());
  EXPECT_THAT(search("100%"), ElementsAre("Access 100% control"));
  EXPECT_THAT(search("%"), ElementsAre("Access 100% control"));
  EXPECT_THAT(search("r_s"), ElementsAre("Under_score"));
  EXPECT_THAT(search("ss_1"), ElementsAre());  // "ss 1" if _ were a wildcard
  EXPECT_THAT(search("\\"), ElementsAre());

  DocumentQuery invalid;
  invalid.kinds = {"memo"};
  auto r = tx->list_documents(invalid);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "kind");
  invalid.kinds.clear();
  invalid.statuses = {"pending"};
  r = tx->list_documents(invalid);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "status");
  invalid.statuses.clear();
  invalid.search = std::string(4001, 'x');
  r = tx->list_documents(invalid);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().field, "q");
  ASSERT_OK(tx->commit());
}

TEST_P(StoreDocuments, PublishedCitations) {
  auto tx = write_tx();
  Person owner = make_person("Owner", "owner@example.com");
  Person other = make_person("Other", "other@example.com");
  ASSERT_OK(tx->insert_person(owner));
  ASSERT_OK(tx->insert_person(other));

  // "Beta policy": v1 superseded, v2 published with sections and repeated citations.
  Document beta = make_document("Beta policy");
  DocumentVersion b1 = make_version(beta, 1, VersionStatus::kSuperseded);
  b1.citations = {make_citation("iso", "A.9.9", nullptr)};
  DocumentVersion b2 = make_version(beta, 2, VersionStatus::kPublished);
  b2.content.label = "2.1";
  b2.sections = {make_section("1", "Scope", 1, 10, 50), make_section("1.1", "Detail", 2, 30, 50),
                 make_section("2", "Roles", 1, 50, 90)};
  b2.citations = {make_citation("iso", "A.5.1", nullptr, 2),
                  make_citation("nis", "1.1", &b2.sections[0], 15),
                  make_citation("iso", "A.5.1", &b2.sections[1], 35),
                  make_citation("iso", "A.5.1", &b2.sections[1], 40),  // same section again
                  make_citation("iso", "A.5.1", &b2.sections[2], 60)};
  beta.latest_version_id = b2.id;
  beta.published_version_id = b2.id;
  ASSERT_OK(tx->insert_document(beta));
  ASSERT_OK(tx->insert_document_version(b1));
  ASSERT_OK(tx->insert_document_version(b2));

  // "alpha standard": confidential, owned by `owner`; sorts before Beta.
  Document alpha = make_document("alpha standard", Classification::kConfidential);
  alpha.kind = DocumentKind::kStandard;
  alpha.owner_person_id = owner.id;
  DocumentVersion a1 = make_version(alpha, 1, VersionStatus::kPublished);
  a1.sections = {make_section("1", "Purpose", 1, 0, 10)};
  a1.citations = {make_citation("iso", "A.5.1", &a1.sections[0])};
  ASSERT_OK(tx->insert_document(alpha));
  ASSERT_OK(tx->insert_document_version(a1));

  // Not counted: a draft, an archived document's published version.
  Document draft = make_document("Draft only");
  DocumentVersion d1 = make_version(draft, 1, VersionStatus::kDraft);
  d1.citations = {make_citation("iso", "A.5.1", nullptr)};
  ASSERT_OK(tx->insert_document(draft));
  ASSERT_OK(tx->insert_document_version(d1));
  Document gone = make_document("Archived");
  gone.archived_at = kT3;
  DocumentVersion g1 = make_version(gone, 1, VersionStatus::kPublished);
  g1.citations = {make_citation("iso", "A.5.1", nullptr)};
  ASSERT_OK(tx->insert_document(gone));
  ASSERT_OK(tx->insert_document_version(g1));
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto all, rtx->list_published_citations(scope_all(), ""));
  std::vector<std::string> rows;
  for (const auto& c : all) {
    rows.push_back(c.framework_id + ":" + c.ref_id + " " + c.document_title + " §" +
                   c.section_number + " " + c.section_title + " #" + c.section_anchor);
  }
  EXPECT_THAT(rows, ::testing::ElementsAre("iso:A.5.1 alpha standard §1 Purpose #s-1",
                                           "iso:A.5.1 Beta policy §  #",
                                           "iso:A.5.1 Beta policy §1.1 Detail #s-1-1",
                                           "iso:A.5.1 Beta policy §2 Roles #s-2",
                                           "nis:1.1 Beta policy §1 Scope #s-1"));
  ASSERT_EQ(all.size(), 5u);
  const PublishedCitation& c = all[2];
  EXPECT_EQ(c.document_id, beta.id);
  EXPECT_EQ(c.document_title, "Beta policy");
  EXPECT_EQ(c.document_kind, "policy");
  EXPECT_EQ(c.version_id, b2.id);
  EXPECT_EQ(c.version_label, "2.1");
  EXPECT_EQ(all[0].document_kind, "standard");

  ASSERT_OK_AND_ASSIGN(auto nis, rtx->list_published_citations(scope_all(), "nis"));
  ASSERT_EQ(nis.size(), 1u);
  EXPECT_EQ(nis[0].section_title, "Scope");
  ASSERT_OK_AND_ASSIGN(auto none, rtx->list_published_citations(scope_all(), "gdpr"));
  EXPECT_TRUE(none.empty());

  // The read rule: the confidential document only for its owner (or the role).
  ReadScope s;
  s.person_id = other.id;
  ASSERT_OK_AND_ASSIGN(auto theirs, rtx->list_published_citations(s, "iso"));
  EXPECT_EQ(theirs.size(), 3u);
  s.person_id = owner.id;
  ASSERT_OK_AND_ASSIGN(auto mine, rtx->list_published_citations(s, "iso"));
  EXPECT_EQ(mine.size(), 4u);
  ASSERT_OK_AND_ASSIGN(auto anonymous, rtx->list_published_citations(ReadScope{}, ""));
  EXPECT_EQ(anonymous.size(), 4u);
}

TEST_P(StoreDocuments, Acknowledgements) {
  auto tx = write_tx();
  Person bob = make_person("bob", "bob@example.com");
  Person anna = make_person("Anna", "anna@example.com");
  Person carl = make_person("Carl", "carl@example.com");
  for (const auto& p : {bob, anna, carl}) ASSERT_OK(tx->insert_person(p));

  auto published = [&](const std::string& title, bool ask, const char* at) {
    Document d = make_document(title);
    DocumentVersion v = make_version(d, 1, VersionStatus::kPublished);
    v.content.requires_acknowledgement = ask;
    v.published_at = at;
    d.latest_version_id = v.id;
    d.published_version_id = v.id;
    EXPECT_OK(tx->insert_document(d));
    EXPECT_OK(tx->insert_document_version(v));
    return std::make_pair(d, v);
  };
  auto [policy, v1] = published("Acceptable use", true, kT2);
  Acknowledgement a_bob{v1.id, bob.id, "", std::nullopt, std::nullopt, 0};
  Acknowledgement a_anna{v1.id, anna.id, "", kT2, std::nullopt, 0};
  Acknowledgement a_carl{v1.id, carl.id, "", std::nullopt, kT3, 2};
  for (const auto& a : {a_bob, a_anna, a_carl}) ASSERT_OK(tx->put_acknowledgement(a));

  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_acknowledgements(v1.id));
  ASSERT_EQ(listed.size(), 3u);  // by name, case-insensitive
  EXPECT_EQ(listed[0].person_name, "Anna");
  EXPECT_EQ(listed[0].acknowledged_at, a_anna.acknowledged_at);
  EXPECT_EQ(listed[1].person_name, "bob");
  EXPECT_EQ(listed[2].person_name, "Carl");
  EXPECT_EQ(listed[2].version_id, v1.id);
  EXPECT_EQ(listed[2].person_id, carl.id);
  EXPECT_FALSE(listed[2].acknowledged_at.has_value());
  EXPECT_EQ(listed[2].last_reminded_at, a_carl.last_reminded_at);
  EXPECT_EQ(listed[2].reminder_count, 2);

  ASSERT_OK_AND_ASSIGN(auto pending, tx->pending_acknowledgements(bob.id));
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].document_id, policy.id);
  EXPECT_EQ(pending[0].document_title, "Acceptable use");
  EXPECT_EQ(pending[0].version_id, v1.id);
  EXPECT_EQ(pending[0].version_label, "1.0");
  EXPECT_EQ(pending[0].published_at, kT2);
  ASSERT_OK_AND_ASSIGN(pending, tx->pending_acknowledgements(anna.id));
  EXPECT_TRUE(pending.empty());

  // put replaces: once acknowledged, nothing is pending.
  a_bob.acknowledged_at = kT3;
  ASSERT_OK(tx->put_acknowledgement(a_bob));
  ASSERT_OK_AND_ASSIGN(pending, tx->pending_acknowledgements(bob.id));
  EXPECT_TRUE(pending.empty());
  ASSERT_OK_AND_ASSIGN(listed, tx->list_acknowledgements(v1.id));
  EXPECT_EQ(listed[1].acknowledged_at, kT3);

  // Not pending: a version not asking, a superseded version, an archived document.
  auto [quiet, q1] = published("Quiet", false, kT1);
  ASSERT_OK(tx->put_acknowledgement({q1.id, carl.id, "", std::nullopt, std::nullopt, 0}));
  Document evolving = make_document("Evolving");
  DocumentVersion e1 = make_version(evolving, 1, VersionStatus::kSuperseded);
  e1.content.requires_acknowledgement = true;
  DocumentVersion e2 = make_version(evolving, 2, VersionStatus::kPublished);
  e2.content.requires_acknowledgement = true;
  e2.published_at = kT1;  // published before "Acceptable use": listed first
  ASSERT_OK(tx->insert_document(evolving));
  ASSERT_OK(tx->insert_document_version(e1));
  ASSERT_OK(tx->insert_document_version(e2));
  ASSERT_OK(tx->put_acknowledgement({e1.id, carl.id, "", std::nullopt, std::nullopt, 0}));
  ASSERT_OK(tx->put_acknowledgement({e2.id, carl.id, "", std::nullopt, std::nullopt, 0}));
  auto [old, o1] = published("Old", true, kT1);
  old.archived_at = kT3;
  old.version = 2;
  ASSERT_OK(tx->update_document(old, 1));
  ASSERT_OK(tx->put_acknowledgement({o1.id, carl.id, "", std::nullopt, std::nullopt, 0}));
  ASSERT_OK_AND_ASSIGN(pending, tx->pending_acknowledgements(carl.id));
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].version_id, e2.id);
  EXPECT_EQ(pending[0].version_label, "2.0");
  EXPECT_EQ(pending[1].version_id, v1.id);

  auto bad = tx->put_acknowledgement({"no-version", bob.id, "", std::nullopt, std::nullopt, 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().field, "version_id");
  bad = tx->put_acknowledgement({v1.id, "no-person", "", std::nullopt, std::nullopt, 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "person_id");
  ASSERT_OK_AND_ASSIGN(listed, tx->list_acknowledgements("no-version"));
  EXPECT_TRUE(listed.empty());
  ASSERT_OK(tx->commit());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreDocuments,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
