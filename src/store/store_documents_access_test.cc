// Store conformance suite: the read rule (domain/access.h) in list_documents and
// list_published_citations. Documents of all four classifications with owners, working
// groups and grants are listed under many ReadScopes and compared with the rule evaluated
// here in C++, written independently of the store (as store_access_test.cc for assets).
#include <algorithm>
#include <set>

#include "store/store_test_fixture.h"

namespace isms::store_test {
namespace {

struct World {
  std::vector<Person> persons;
  std::vector<WorkingGroup> groups;
  std::vector<Document> documents;
  std::vector<ObjectGrant> grants;  // object types "document" and "asset"
};

bool granted(const World& w, const std::string& document_id, const std::string& person_id) {
  for (const auto& g : w.grants) {
    if (g.object_type == "document" && g.object_id == document_id && g.person_id == person_id) {
      return true;
    }
  }
  return false;
}

bool in_document_group(const World& w, const Document& d, const std::string& person_id) {
  for (const auto& g : w.groups) {
    if (std::find(d.working_group_ids.begin(), d.working_group_ids.end(), g.id) ==
        d.working_group_ids.end()) {
      continue;
    }
    if (std::find(g.member_ids.begin(), g.member_ids.end(), person_id) != g.member_ids.end()) {
      return true;
    }
  }
  return false;
}

// domain/access.h, with the document's owner person as owner.
bool may_read(const ReadScope& s, const Document& d, const World& w) {
  if (s.all) return true;
  switch (d.classification) {
    case Classification::kPublic:
    case Classification::kInternal:
      return true;
    case Classification::kConfidential:
      if (s.confidential_by_role) return true;
      if (s.person_id.empty()) return false;
      return d.owner_person_id == s.person_id || in_document_group(w, d, s.person_id) ||
             granted(w, d.id, s.person_id);
    case Classification::kCustomerData:
      return !s.person_id.empty() && granted(w, d.id, s.person_id);
  }
  return false;
}

class StoreDocumentsAccess : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
    ASSERT_NO_FATAL_FAILURE(build_world());
  }

  void build_world() {
    for (int i = 0; i < 5; ++i) {
      w_.persons.push_back(
          make_person("Person " + std::to_string(i), "p" + std::to_string(i) + "@example.com"));
    }
    auto pid = [&](int i) { return w_.persons[static_cast<size_t>(i)].id; };
    w_.groups = {make_group("G0", {pid(0), pid(1)}), make_group("G1", {pid(2)}),
                 make_group("G2", {pid(1), pid(3)}), make_group("G3")};
    unsigned seed = 7;
    auto next = [&seed](unsigned n) {
      seed = seed * 1103515245u + 12345u;
      return (seed >> 16) % n;
    };
    constexpr Classification kClasses[] = {Classification::kPublic, Classification::kInternal,
                                           Classification::kConfidential,
                                           Classification::kCustomerData};
    auto tx = write_tx();
    for (const auto& p : w_.persons) ASSERT_OK(tx->insert_person(p));
    for (const auto& g : w_.groups) ASSERT_OK(tx->insert_group(g));
    for (int i = 0; i < 64; ++i) {
      Document d;
      d.id = new_id();
      d.title = "Document " + std::to_string(100 + i);
      d.classification = kClasses[next(4)];
      unsigned owner = next(6);
      if (owner < 5) d.owner_person_id = pid(static_cast<int>(owner));
      for (const auto& g : w_.groups) {
        if (next(3) == 0) d.working_group_ids.push_back(g.id);
      }
      std::sort(d.working_group_ids.begin(), d.working_group_ids.end());
      if (next(6) == 0) d.archived_at = "2026-02-01T00:00:00.000000Z";
      d.created_at = "2026-01-01T00:00:00.000000Z";
      d.updated_at = d.created_at;
      // Every document has a published version citing one requirement.
      DocumentVersion v;
      v.id = new_id();
      v.document_id = d.id;
      v.status = VersionStatus::kPublished;
      v.content.title = d.title;
      v.content.label = "1.0";
      DocumentCitation c;
      c.citation.framework_id = "iso27001-2022";
      c.citation.ref_id = "A.5.1";
      v.citations = {c};
      d.latest_version_id = v.id;
      d.published_version_id = v.id;
      ASSERT_OK(tx->insert_document(d));
      ASSERT_OK(tx->insert_document_version(v));
      w_.documents.push_back(d);
    }
    for (int i = 0; i < 40; ++i) {
      ObjectGrant g;
      g.object_type = next(4) == 0 ? "asset" : "document";  // asset grants open nothing here
      g.object_id = w_.documents[next(64)].id;
      g.person_id = pid(static_cast<int>(next(5)));
      g.granted_by = "user:admin";
      g.granted_at = "2026-01-02T00:00:00.000000Z";
      bool dup = false;
      for (const auto& e : w_.grants) {
        dup = dup || (e.object_type == g.object_type && e.object_id == g.object_id &&
                      e.person_id == g.person_id);
      }
      if (dup) continue;
      ASSERT_OK(tx->insert_grant(g));
      w_.grants.push_back(g);
    }
    ASSERT_OK(tx->commit());
  }

  std::vector<ReadScope> scopes() const {
    std::vector<ReadScope> out;
    out.push_back(scope_all());
    out.push_back(ReadScope{});
    out.push_back(ReadScope{false, "", true});
    for (const auto& p : w_.persons) {
      out.push_back(ReadScope{false, p.id, false});
      out.push_back(ReadScope{false, p.id, true});
    }
    out.push_back(ReadScope{false, "unknown-person", false});
    return out;
  }

  World w_;
};

std::string describe(const ReadScope& s) {
  if (s.all) return "scope all";
  return "scope person '" + s.person_id + "'" + (s.confidential_by_role ? " +role" : "");
}

TEST_P(StoreDocumentsAccess, ListMatchesTheRule) {
  auto tx = read_tx();
  std::set<Classification> seen;
  for (const auto& d : w_.documents) seen.insert(d.classification);
  ASSERT_EQ(seen.size(), 4u);  // the world has every classification
  for (const ReadScope& scope : scopes()) {
    SCOPED_TRACE(describe(scope));
    for (auto archived :
         {ArchivedFilter::kActiveOnly, ArchivedFilter::kArchivedOnly, ArchivedFilter::kAll}) {
      std::vector<std::string> want;  // titles are "Document 1nn": sorted by title = by text
      std::vector<const Document*> sorted;
      for (const auto& d : w_.documents) sorted.push_back(&d);
      std::sort(sorted.begin(), sorted.end(),
                [](const Document* a, const Document* b) { return a->title < b->title; });
      for (const Document* d : sorted) {
        bool is_archived = d->archived_at.has_value();
        if (archived == ArchivedFilter::kActiveOnly && is_archived) continue;
        if (archived == ArchivedFilter::kArchivedOnly && !is_archived) continue;
        if (may_read(scope, *d, w_)) want.push_back(d->id);
      }
      DocumentQuery q;
      q.archived = archived;
      q.scope = scope;
      ASSERT_OK_AND_ASSIGN(auto got, tx->list_documents(q));
      std::vector<std::string> got_ids;
      for (const auto& d : got) got_ids.push_back(d.id);
      EXPECT_EQ(got_ids, want) << "archived filter " << static_cast<int>(archived);
    }
  }
}

TEST_P(StoreDocumentsAccess, PublishedCitationsMatchTheRule) {
  auto tx = read_tx();
  for (const ReadScope& scope : scopes()) {
    SCOPED_TRACE(describe(scope));
    std::set<std::string> want;
    for (const auto& d : w_.documents) {
      if (!d.archived_at && may_read(scope, d, w_)) want.insert(d.id);
    }
    ASSERT_OK_AND_ASSIGN(auto got, tx->list_published_citations(scope, ""));
    std::set<std::string> got_ids;
    for (const auto& c : got) got_ids.insert(c.document_id);
    EXPECT_EQ(got.size(), got_ids.size());  // one citation per document
    EXPECT_EQ(got_ids, want);
    ASSERT_OK_AND_ASSIGN(auto other, tx->list_published_citations(scope, "nis2-2024-2690"));
    EXPECT_TRUE(other.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreDocumentsAccess,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
