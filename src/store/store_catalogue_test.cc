// Store conformance suite: the requirements catalogue (frameworks, requirements,
// mappings; migration 4), and migrations 4 and 5 over a version 3 database with data,
// on both engines.
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "store/store_test_fixture.h"

namespace isms::store_test {
namespace {

Framework make_framework(const std::string& id, const std::string& urn = "") {
  Framework f;
  f.id = id;
  f.urn = urn;
  f.ref_id = "REF " + id;
  f.name = "Framework " + id;
  f.description = "About " + id;
  f.version = "1";
  f.provider = "ISO/IEC";
  f.source = "builtin";
  f.copyright = "(c) " + id;
  f.updated_at = "2026-01-01T00:00:00.000000Z";
  return f;
}

Requirement make_requirement(const std::string& framework_id, const std::string& ref_id,
                             int position, const std::string& title = "",
                             const std::string& description = "") {
  Requirement r;
  r.framework_id = framework_id;
  r.ref_id = ref_id;
  r.title = title.empty() ? "Title " + ref_id : title;
  r.description = description;
  r.kind = "control";
  r.position = position;
  return r;
}

RequirementMapping make_mapping(const std::string& sf, const std::string& sr, const std::string& tf,
                                const std::string& tr, const std::string& origin = "ENISA") {
  return RequirementMapping{sf, sr, tf, tr, "equal", origin, "note " + sr + "->" + tr};
}

void expect_same(const Framework& got, const Framework& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.urn, want.urn);
  EXPECT_EQ(got.ref_id, want.ref_id);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.provider, want.provider);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.copyright, want.copyright);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

void expect_same(const Requirement& got, const Requirement& want) {
  SCOPED_TRACE(want.framework_id + ":" + want.ref_id);
  EXPECT_EQ(got.framework_id, want.framework_id);
  EXPECT_EQ(got.ref_id, want.ref_id);
  EXPECT_EQ(got.parent_ref_id, want.parent_ref_id);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.assessable, want.assessable);
  EXPECT_EQ(got.position, want.position);
  EXPECT_EQ(got.urn, want.urn);
  EXPECT_EQ(got.notes, want.notes);
}

std::vector<std::string> keys(const std::vector<Requirement>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(requirement_key(r.framework_id, r.ref_id));
  return out;
}

std::vector<std::string> keys(const std::vector<RequirementMapping>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) {
    out.push_back(m.source_framework_id + ":" + m.source_ref_id + ">" + m.target_framework_id +
                  ":" + m.target_ref_id + "@" + m.origin);
  }
  return out;
}

class StoreCatalogue : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }
};

TEST_P(StoreCatalogue, FrameworksUpsertGetFindList) {
  auto tx = write_tx();
  Framework iso = make_framework("iso27001-2022");
  Framework nis = make_framework("nis2-2024-2690", "urn:intuitem:risk:library:nis2");
  ASSERT_OK(tx->upsert_framework(nis));
  ASSERT_OK(tx->upsert_framework(iso));
  ASSERT_OK_AND_ASSIGN(Framework got, tx->get_framework(iso.id));
  expect_same(got, iso);
  EXPECT_EQ(got.requirement_count, 0);
  EXPECT_CODE(tx->get_framework("nope"), ErrorCode::kNotFound);

  // Upsert replaces every field.
  Framework changed = make_framework("iso27001-2022", "urn:iso");
  changed.ref_id = "ISO/IEC 27001:2022";
  changed.name = "Information security management systems";
  changed.description = "Requirements";
  changed.version = "2";
  changed.provider = "ISO";
  changed.source = "ciso-assistant";
  changed.copyright = "";
  changed.updated_at = "2026-02-01T00:00:00.000000Z";
  ASSERT_OK(tx->upsert_framework(changed));
  ASSERT_OK(tx->upsert_requirements(
      {make_requirement(iso.id, "4.1", 0), make_requirement(iso.id, "4.2", 1)}));
  ASSERT_OK_AND_ASSIGN(got, tx->get_framework(iso.id));
  expect_same(got, changed);
  EXPECT_EQ(got.requirement_count, 2);

  ASSERT_OK_AND_ASSIGN(auto found, tx->find_framework_by_urn("urn:iso"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, iso.id);
  EXPECT_EQ(found->requirement_count, 2);
  ASSERT_OK_AND_ASSIGN(found, tx->find_framework_by_urn("urn:none"));
  EXPECT_FALSE(found.has_value());
  ASSERT_OK_AND_ASSIGN(found, tx->find_framework_by_urn(""));
  EXPECT_FALSE(found.has_value());

  ASSERT_OK_AND_ASSIGN(auto all, tx->list_frameworks());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, iso.id);  // by id
  EXPECT_EQ(all[0].requirement_count, 2);
  EXPECT_EQ(all[1].id, nis.id);
  EXPECT_EQ(all[1].requirement_count, 0);
  ASSERT_OK(tx->commit());
}

TEST_P(StoreCatalogue, UrnIsUniqueWhenSet) {
  auto tx = write_tx();
  ASSERT_OK(tx->upsert_framework(make_framework("a", "urn:x")));
  EXPECT_CODE(tx->upsert_framework(make_framework("b", "urn:x")), ErrorCode::kConflict);
  // The failed write left the transaction usable and changed nothing.
  ASSERT_OK_AND_ASSIGN(auto all, tx->list_frameworks());
  ASSERT_EQ(all.size(), 1u);
  // Empty URNs never collide; a framework keeps its own URN on re-upsert.
  ASSERT_OK(tx->upsert_framework(make_framework("b")));
  ASSERT_OK(tx->upsert_framework(make_framework("c")));
  ASSERT_OK(tx->upsert_framework(make_framework("a", "urn:x")));
  // Moving a URN from one framework to another works once the first lets go of it.
  ASSERT_OK(tx->upsert_framework(make_framework("a", "urn:y")));
  ASSERT_OK(tx->upsert_framework(make_framework("b", "urn:x")));
  ASSERT_OK(tx->commit());
}

TEST_P(StoreCatalogue, RequirementsUpsertReplaceAndOrder) {
  auto tx = write_tx();
  ASSERT_OK(tx->upsert_framework(make_framework("f")));
  ASSERT_OK(tx->upsert_framework(make_framework("g")));
  Requirement a5 = make_requirement("f", "A.5", 2);
  a5.kind = "group";
  a5.assessable = false;
  a5.urn = "urn:f:a.5";
  a5.notes = "theme";
  Requirement a51 = make_requirement("f", "A.5.1", 3, "Policies", "Information security policy");
  a51.parent_ref_id = "A.5";
  Requirement c4 = make_requirement("f", "4", 0);
  Requirement c41 = make_requirement("f", "4.1", 1);
  Requirement tie = make_requirement("f", "4.0", 1);  // same position: then by ref_id
  ASSERT_OK(tx->upsert_requirements({a51, a5, c41, c4, tie}));
  ASSERT_OK(tx->upsert_requirements({make_requirement("g", "1", 0)}));
  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_requirements("f"));
  EXPECT_THAT(keys(listed), ::testing::ElementsAre("f:4", "f:4.0", "f:4.1", "f:A.5", "f:A.5.1"));
  expect_same(listed[3], a5);
  expect_same(listed[4], a51);
  ASSERT_OK_AND_ASSIGN(Requirement got, tx->get_requirement("f", "A.5.1"));
  expect_same(got, a51);
  EXPECT_CODE(tx->get_requirement("f", "A.9"), ErrorCode::kNotFound);
  EXPECT_CODE(tx->get_requirement("g", "A.5.1"), ErrorCode::kNotFound);

  // Replacing: every field of an existing key, the last of a repeated key wins.
  Requirement a51b = a51;
  a51b.parent_ref_id = "";
  a51b.title = "Policies for information security";
  a51b.description = "";
  a51b.kind = "requirement";
  a51b.assessable = false;
  a51b.position = 9;
  a51b.urn = "urn:x";
  a51b.notes = "renamed";
  Requirement first = a51b;
  first.title = "overwritten in the same batch";
  ASSERT_OK(tx->upsert_requirements({first, a51b}));
  ASSERT_OK_AND_ASSIGN(got, tx->get_requirement("f", "A.5.1"));
  expect_same(got, a51b);
  ASSERT_OK_AND_ASSIGN(listed, tx->list_requirements("f"));
  EXPECT_EQ(listed.size(), 5u);
  ASSERT_OK(tx->upsert_requirements({}));

  // An unknown framework: kInvalid naming it, and nothing of the batch is written.
  auto bad = tx->upsert_requirements(
      {make_requirement("f", "new", 10), make_requirement("missing", "1", 0)});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().field, "framework_id");
  EXPECT_CODE(tx->get_requirement("f", "new"), ErrorCode::kNotFound);
  // A row failing late (text with NUL) undoes the rows before it.
  Requirement nul = make_requirement("f", "nul", 12);
  nul.notes = std::string("a\0b", 3);
  EXPECT_CODE(tx->upsert_requirements({make_requirement("f", "new", 10), nul}),
              ErrorCode::kInvalid);
  EXPECT_CODE(tx->get_requirement("f", "new"), ErrorCode::kNotFound);
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(Framework f, rtx->get_framework("f"));
  EXPECT_EQ(f.requirement_count, 5);
}

TEST_P(StoreCatalogue, DeleteRequirementsRemovesTheirMappings) {
  auto tx = write_tx();
  ASSERT_OK(tx->upsert_framework(make_framework("iso")));
  ASSERT_OK(tx->upsert_framework(make_framework("nis")));
  ASSERT_OK(tx->upsert_requirements({make_requirement("iso", "A.5.1", 0),
                                     make_requirement("iso", "A.5.2", 1),
                                     make_requirement("iso", "A.5.3", 2)}));
  ASSERT_OK(tx->upsert_requirements(
      {make_requirement("nis", "1.1", 0), make_requirement("nis", "1.2", 1)}));
  ASSERT_OK(tx->replace_mappings(
      "nis", "iso", "ENISA",
      {make_mapping("nis", "1.1", "iso", "A.5.1"), make_mapping("nis", "1.1", "iso", "A.5.2"),
       make_mapping("nis", "1.2", "iso", "A.5.3")}));
  ASSERT_OK(tx->replace_mappings("iso", "nis", "own",
                                 {make_mapping("iso", "A.5.1", "nis", "1.2", "own"),
                                  make_mapping("iso", "A.5.3", "nis", "1.1", "own")}));
  // A.5.1 is a target of one set and a source of the other; "A.5.9" does not exist.
  ASSERT_OK(tx->delete_requirements("iso", {"A.5.1", "A.5.9"}));
  ASSERT_OK_AND_ASSIGN(auto left, tx->list_requirements("iso"));
  EXPECT_THAT(keys(left), ::testing::ElementsAre("iso:A.5.2", "iso:A.5.3"));
  ASSERT_OK_AND_ASSIGN(auto mappings, tx->list_mappings("iso", ""));
  EXPECT_THAT(keys(mappings),
              ::testing::ElementsAre("iso:A.5.3>nis:1.1@own", "nis:1.1>iso:A.5.2@ENISA",
                                     "nis:1.2>iso:A.5.3@ENISA"));
  // The same ref id in another framework is untouched.
  ASSERT_OK(tx->delete_requirements("nis", {"A.5.2"}));
  ASSERT_OK_AND_ASSIGN(mappings, tx->list_mappings("iso", "A.5.2"));
  EXPECT_EQ(mappings.size(), 1u);
  ASSERT_OK(tx->delete_requirements("iso", {}));
  ASSERT_OK(tx->commit());
}

TEST_P(StoreCatalogue, SearchIsCaseInsensitiveLiteralAndOrdered) {
  auto tx = write_tx();
  ASSERT_OK(tx->upsert_framework(make_framework("b")));
  ASSERT_OK(tx->upsert_framework(make_framework("a")));
  ASSERT_OK(tx->upsert_requirements({
      make_requirement("b", "B.2", 1, "ÄRGER mit Zugang", "access"),
      make_requirement("b", "B.1", 0, "Supplier 100% coverage", "under_score"),
      make_requirement("a", "A.9", 5, "Backslash", "path C:\\temp"),
      make_requirement("a", "A.1", 7, "Access control", ""),
      make_requirement("a", "A.5.10", 6, "Acceptable use", ""),
  }));
  auto search = [&](const std::string& q, const std::string& fw = "", int limit = 50) {
    auto found = tx->search_requirements(q, fw, limit);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? keys(*found) : std::vector<std::string>{};
  };
  // Framework id, then position.
  EXPECT_THAT(search("ACCESS"), ::testing::ElementsAre("a:A.1", "b:B.2"));
  EXPECT_THAT(search("access", "b"), ::testing::ElementsAre("b:B.2"));
  EXPECT_THAT(search("ärger"), ::testing::ElementsAre("b:B.2"));     // beyond ASCII
  EXPECT_THAT(search("a.5.1"), ::testing::ElementsAre("a:A.5.10"));  // ref id
  // %, _ and \ are literal.
  EXPECT_THAT(search("100%"), ::testing::ElementsAre("b:B.1"));
  EXPECT_THAT(search("%"), ::testing::ElementsAre("b:B.1"));
  EXPECT_THAT(search("r_s"), ::testing::ElementsAre("b:B.1"));
  EXPECT_TRUE(search("ss_c").empty());  // "access control" if _ were a wildcard
  EXPECT_THAT(search("c:\\t"), ::testing::ElementsAre("a:A.9"));
  // A match never spans two fields (ref id "A.1" + title "Access").
  EXPECT_TRUE(search("1access").empty());
  EXPECT_TRUE(search("A.1Access").empty());
  EXPECT_TRUE(search("nothing here").empty());
  EXPECT_THAT(search("a", "", 2), ::testing::ElementsAre("a:A.9", "a:A.5.10"));
  EXPECT_THAT(search("a", "nope"), ::testing::ElementsAre());
  EXPECT_THAT(search("", "a"), ::testing::ElementsAre("a:A.9", "a:A.5.10", "a:A.1"));
  EXPECT_CODE(tx->search_requirements("a", "", 0), ErrorCode::kInvalid);
  EXPECT_CODE(tx->search_requirements("a", "", 501), ErrorCode::kInvalid);
  ASSERT_OK(tx->search_requirements("a", "", 500));
  auto too_long = tx->search_requirements(std::string(4001, 'a'), "", 10);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(too_long.error().field, "q");
  ASSERT_OK(tx->search_requirements(std::string(4000, 'a'), "", 10));
  ASSERT_OK(tx->commit());
}

TEST_P(StoreCatalogue, ReplaceMappingsPerSetAndList) {
  auto tx = write_tx();
  ASSERT_OK(tx->replace_mappings(
      "nis", "iso", "ENISA",
      {make_mapping("nis", "1.1", "iso", "A.5.1"), make_mapping("nis", "1.2", "iso", "A.5.1"),
       make_mapping("nis", "1.1", "iso", "A.8.1")}));
  ASSERT_OK(tx->replace_mappings("nis", "iso", "other",
                                 {make_mapping("nis", "1.1", "iso", "A.5.1", "other")}));
  ASSERT_OK(
      tx->replace_mappings("iso", "nis", "ENISA", {make_mapping("iso", "A.5.1", "nis", "2.1")}));
  ASSERT_OK_AND_ASSIGN(auto got, tx->list_mappings("iso", "A.5.1"));
  EXPECT_THAT(keys(got),
              ::testing::ElementsAre("iso:A.5.1>nis:2.1@ENISA", "nis:1.1>iso:A.5.1@ENISA",
                                     "nis:1.1>iso:A.5.1@other", "nis:1.2>iso:A.5.1@ENISA"));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1].relationship, "equal");
  EXPECT_EQ(got[1].notes, "note 1.1->A.5.1");

  // Replacing one set leaves the others; a repeated mapping keeps the last one given.
  RequirementMapping m = make_mapping("nis", "1.3", "iso", "A.5.2");
  m.relationship = "subset";
  RequirementMapping m2 = m;
  m2.relationship = "superset";
  m2.notes = "";
  ASSERT_OK(tx->replace_mappings("nis", "iso", "ENISA", {m, m2}));
  ASSERT_OK_AND_ASSIGN(got, tx->list_mappings("nis", ""));
  EXPECT_THAT(keys(got),
              ::testing::ElementsAre("iso:A.5.1>nis:2.1@ENISA", "nis:1.1>iso:A.5.1@other",
                                     "nis:1.3>iso:A.5.2@ENISA"));
  EXPECT_EQ(got[2].relationship, "superset");
  EXPECT_EQ(got[2].notes, "");
  ASSERT_OK_AND_ASSIGN(got, tx->list_mappings("nis", "1.3"));
  EXPECT_EQ(got.size(), 1u);
  ASSERT_OK_AND_ASSIGN(got, tx->list_mappings("gdpr", ""));
  EXPECT_TRUE(got.empty());

  // A mapping outside the set is refused; a failing row leaves the old set in place.
  auto wrong = tx->replace_mappings("nis", "iso", "ENISA",
                                    {make_mapping("nis", "1.1", "iso", "A.5.1", "other")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(wrong.error().field, "mappings");
  RequirementMapping nul = make_mapping("nis", "1.4", "iso", "A.5.4");
  nul.notes = std::string("x\0y", 3);
  EXPECT_CODE(tx->replace_mappings("nis", "iso", "ENISA",
                                   {make_mapping("nis", "1.5", "iso", "A.5.5"), nul}),
              ErrorCode::kInvalid);
  ASSERT_OK_AND_ASSIGN(got, tx->list_mappings("nis", "1.3"));
  EXPECT_EQ(got.size(), 1u);
  ASSERT_OK_AND_ASSIGN(got, tx->list_mappings("nis", "1.5"));
  EXPECT_TRUE(got.empty());
  // An empty set removes the set.
  ASSERT_OK(tx->replace_mappings("nis", "iso", "ENISA", {}));
  ASSERT_OK_AND_ASSIGN(got, tx->list_mappings("nis", "1.3"));
  EXPECT_TRUE(got.empty());
  ASSERT_OK(tx->commit());
}

// A library's worth of rows in one call each (the built-in catalogue: ~1,000 requirements,
// ~600 mappings): correct, and batched so that it stays fast on both engines.
TEST_P(StoreCatalogue, LargeBatches) {
  auto tx = write_tx();
  ASSERT_OK(tx->upsert_framework(make_framework("big")));
  ASSERT_OK(tx->upsert_framework(make_framework("other")));
  std::vector<Requirement> rs;
  for (int i = 0; i < 1200; ++i) {
    Requirement r = make_requirement("big", "R." + std::to_string(i), i,
                                     "Title " + std::to_string(i), std::string(300, 'd'));
    r.parent_ref_id = i > 0 ? "R.0" : "";
    rs.push_back(r);
  }
  std::vector<RequirementMapping> ms;
  for (int i = 0; i < 700; ++i) {
    ms.push_back(make_mapping("big", "R." + std::to_string(i), "other", "O." + std::to_string(i)));
  }
  auto start = std::chrono::steady_clock::now();
  ASSERT_OK(tx->upsert_requirements(rs));
  ASSERT_OK(tx->upsert_requirements(rs));  // all updates the second time
  ASSERT_OK(tx->replace_mappings("big", "other", "ENISA", ms));
  ASSERT_OK(tx->replace_mappings("big", "other", "ENISA", ms));
  std::vector<std::string> doomed;
  for (int i = 0; i < 1200; i += 2) doomed.push_back("R." + std::to_string(i));
  ASSERT_OK(tx->delete_requirements("big", doomed));
  auto ms_taken = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  // Generous bound for a loaded 2-core machine; one round trip per row would be far above.
  EXPECT_LT(ms_taken, 10000) << "batch writes took " << ms_taken << " ms";
  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_requirements("big"));
  ASSERT_EQ(listed.size(), 600u);
  EXPECT_EQ(listed.front().ref_id, "R.1");
  expect_same(listed.back(), rs.back());
  ASSERT_OK_AND_ASSIGN(auto mappings, tx->list_mappings("big", ""));
  EXPECT_EQ(mappings.size(), 350u);  // odd R.n below 700
  ASSERT_OK(tx->commit());
}

// --- Migrations 4 and 5 ---------------------------------------------------------------

TEST_P(StoreCatalogue, MigratesVersion3DatabaseWithData) {
  // A fresh database at version 3 (the fixture's one is at the latest version already).
  store_.reset();
  if (GetParam() == Engine::kSqlite) {
    std::string path = url_.substr(std::string("sqlite:").size());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  } else {
    auto url = store_testing::create_pg_schema(maintenance_url_, pg_schema_);
    ASSERT_TRUE(url.ok()) << url.error().message;
  }
  store_testing::stop_migrations_after(3);
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  ASSERT_OK_AND_ASSIGN(int v3, store_->schema_version());
  ASSERT_EQ(v3, 3);

  // Data written at version 3 (through the store: every table it writes here exists).
  std::vector<Role> roles;
  for (const auto& seed : seed_roles()) {
    Role r = seed;
    r.id = new_id();
    r.builtin = true;
    r.permissions = {"assets:read"};  // as a v3 build knew them: without the new ones
    roles.push_back(r);
  }
  Role custom = make_role("reviewer", "Reviewer", {"assets:read", "ledger:read"});
  Person anna = make_person("Anna", "anna@example.com");
  anna.role_ids = {roles[0].id};
  Person bob = make_person("Bob", "bob@example.com");
  WorkingGroup group = make_group("Security", {anna.id});
  Asset asset = make_asset("Mail server");
  asset.classification = Classification::kConfidential;
  asset.owner_id = bob.id;
  {
    auto tx = write_tx();
    for (const auto& r : roles) ASSERT_OK(tx->insert_role(r));
    ASSERT_OK(tx->insert_role(custom));
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_person(bob));
    ASSERT_OK(tx->insert_group(group));
    ASSERT_OK(tx->insert_asset(asset));
    ASSERT_OK(tx->commit());
  }

  store_testing::clear_extra_migrations();
  ASSERT_OK_AND_ASSIGN(MigrationReport report, store_->migrate());
  EXPECT_EQ(report.from_version, 3);
  EXPECT_EQ(report.to_version, Store::latest_schema_version());

  auto tx = write_tx();
  // Built-in roles hold the permissions of this build (documents, catalogue); a role an
  // administrator made keeps its own.
  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_roles());
  ASSERT_EQ(listed.size(), roles.size() + 1);
  for (const auto& r : listed) {
    SCOPED_TRACE(r.key);
    if (!r.builtin) {
      EXPECT_EQ(r.permissions, custom.permissions);
      continue;
    }
    std::vector<std::string> want = builtin_role_permissions(r.key);
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    EXPECT_EQ(r.permissions, want);
  }
  ASSERT_OK_AND_ASSIGN(Asset a, tx->get_asset(asset.id));
  EXPECT_EQ(a.owner_name, "Bob");
  ASSERT_OK_AND_ASSIGN(auto frameworks, tx->list_frameworks());
  EXPECT_TRUE(frameworks.empty());

  // The new tables work with the migrated rows.
  ASSERT_OK(tx->upsert_framework(make_framework("iso27001-2022")));
  ASSERT_OK(tx->upsert_requirements({make_requirement("iso27001-2022", "A.5.1", 0)}));
  Document d;
  d.id = new_id();
  d.title = "Security policy";
  d.classification = Classification::kConfidential;
  d.working_group_ids = {group.id};
  d.owner_person_id = bob.id;
  d.created_at = "2026-01-01T00:00:00.000000Z";
  d.updated_at = d.created_at;
  ASSERT_OK(tx->insert_document(d));
  DocumentQuery q;
  q.scope.person_id = anna.id;  // through the working group
  ASSERT_OK_AND_ASSIGN(auto docs, tx->list_documents(q));
  EXPECT_EQ(docs.size(), 1u);
  ASSERT_OK(tx->commit());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreCatalogue,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
