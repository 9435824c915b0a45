// Store conformance suite, part 1: opening, migrations, transactions, organization,
// people, roles and users. Assets: store_assets_test.cc. Ledger: store_ledger_test.cc.
#include <algorithm>

#include "store/store_test_fixture.h"

namespace isms::store_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class StoreConformance : public StoreTest {};

const std::vector<std::string> kTables = {"acknowledgements",
                                          "api_tokens",
                                          "asset_dependencies",
                                          "asset_groups",
                                          "assets",
                                          "auth_events",
                                          "control_ref_counter",
                                          "control_requirements",
                                          "controls",
                                          "document_citations",
                                          "document_groups",
                                          "document_sections",
                                          "document_versions",
                                          "documents",
                                          "evidence",
                                          "evidence_blobs",
                                          "frameworks",
                                          "ledger_checkpoints",
                                          "ledger_entries",
                                          "object_grants",
                                          "op_counters",
                                          "op_records",
                                          "organization_settings",
                                          "organizations",
                                          "person_roles",
                                          "persons",
                                          "recovery_codes",
                                          "requirement_mappings",
                                          "requirements",
                                          "risk_assets",
                                          "risk_controls",
                                          "risk_cycle_snapshots",
                                          "risk_cycles",
                                          "risk_methods",
                                          "risk_ref_counter",
                                          "risk_reviews",
                                          "risk_sources",
                                          "risks",
                                          "roles",
                                          "schema_migrations",
                                          "sessions",
                                          "soa_lines",
                                          "soa_version_lines",
                                          "soa_versions",
                                          "users",
                                          "working_group_members",
                                          "working_groups"};

// SQLite's FTS5 search indexes (v2, v6) keep their data in tables of their own, and
// AUTOINCREMENT (auth_events, v3) its counters in sqlite_sequence.
std::vector<std::string> expected_tables(const std::string& engine) {
  std::vector<std::string> tables = kTables;
  if (engine == "sqlite") {
    for (const char* t :
         {"assets_search", "assets_search_config", "assets_search_data", "assets_search_docsize",
          "assets_search_idx", "risks_search", "risks_search_config", "risks_search_data",
          "risks_search_docsize", "risks_search_idx", "sqlite_sequence"}) {
      tables.push_back(t);
    }
    std::sort(tables.begin(), tables.end());
  }
  return tables;
}

// Versions for test-only migrations after the built-in ones.
const int kNext = Store::latest_schema_version() + 1;

TEST_P(StoreConformance, MigratesEmptyDatabaseAndIsIdempotent) {
  ASSERT_NO_FATAL_FAILURE(open());
  EXPECT_EQ(store_->engine(), engine());
  ASSERT_OK_AND_ASSIGN(int before, store_->schema_version());
  EXPECT_EQ(before, 0);

  ASSERT_OK_AND_ASSIGN(MigrationReport first, store_->migrate());
  EXPECT_EQ(first.from_version, 0);
  EXPECT_EQ(first.to_version, Store::latest_schema_version());
  ASSERT_OK_AND_ASSIGN(int after, store_->schema_version());
  EXPECT_EQ(after, Store::latest_schema_version());
  ASSERT_OK_AND_ASSIGN(auto tables, store_testing::table_names(url_));
  EXPECT_EQ(tables, expected_tables(engine()));

  ASSERT_OK_AND_ASSIGN(MigrationReport again, store_->migrate());
  EXPECT_EQ(again.from_version, Store::latest_schema_version());
  EXPECT_EQ(again.to_version, Store::latest_schema_version());
  ASSERT_OK(store_->ping());
}

TEST_P(StoreConformance, FailingMigrationOnEmptyDatabaseAppliesNothing) {
  store_testing::add_extra_migration(engine(), kNext, "good_extra",
                                     "CREATE TABLE extra_ok (x integer)");
  store_testing::add_extra_migration(engine(), kNext + 1, "failing_extra",
                                     "CREATE TABLE extra_bad (x integer); "
                                     "INSERT INTO no_such_table VALUES (1)");
  ASSERT_NO_FATAL_FAILURE(open());
  auto migrated = store_->migrate();
  ASSERT_FALSE(migrated.ok());
  EXPECT_EQ(migrated.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(migrated.error().message,
              HasSubstr("migration " + std::to_string(kNext + 1) + " (failing_extra)"));
  EXPECT_THAT(migrated.error().message, HasSubstr("no_such_table"));

  ASSERT_OK_AND_ASSIGN(int version, store_->schema_version());
  EXPECT_EQ(version, 0);
  ASSERT_OK_AND_ASSIGN(auto tables, store_testing::table_names(url_));
  EXPECT_TRUE(tables.empty()) << tables.front();
}

TEST_P(StoreConformance, FailingMigrationLeavesMigratedDatabaseUnchanged) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_organization({"org-1", "Acme", "2026-01-01T00:00:00.000000Z"}));
    ASSERT_OK(tx->commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tables_before, store_testing::table_names(url_));

  store_testing::add_extra_migration(engine(), kNext, "good_extra",
                                     "CREATE TABLE extra_ok (x integer); "
                                     "INSERT INTO roles (id, key, name, description, ordinal) "
                                     "VALUES ('r', 'k', 'n', 'd', 1)");
  store_testing::add_extra_migration(engine(), kNext + 1, "failing_extra", "THIS IS NOT SQL");
  auto migrated = store_->migrate();
  ASSERT_FALSE(migrated.ok());
  EXPECT_EQ(migrated.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(migrated.error().message,
              HasSubstr("migration " + std::to_string(kNext + 1) + " (failing_extra)"));

  ASSERT_OK_AND_ASSIGN(int version, store_->schema_version());
  EXPECT_EQ(version, Store::latest_schema_version());
  ASSERT_OK_AND_ASSIGN(auto tables_after, store_testing::table_names(url_));
  EXPECT_EQ(tables_after, tables_before);
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto org, tx->get_organization());
  ASSERT_TRUE(org.has_value());
  EXPECT_EQ(org->id, "org-1");
  ASSERT_OK_AND_ASSIGN(auto roles, tx->list_roles());
  EXPECT_TRUE(roles.empty());
}

TEST_P(StoreConformance, RefusesDatabaseNewerThanBuild) {
  store_testing::add_extra_migration(engine(), kNext, "from_the_future",
                                     "CREATE TABLE later (x integer)");
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  ASSERT_OK_AND_ASSIGN(int version, store_->schema_version());
  EXPECT_EQ(version, kNext);
  store_testing::clear_extra_migrations();
  auto migrated = store_->migrate();
  ASSERT_FALSE(migrated.ok());
  EXPECT_EQ(migrated.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(migrated.error().message, HasSubstr("newer"));
}

TEST_P(StoreConformance, OrganizationIsSingle) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto tx = write_tx();
  ASSERT_OK_AND_ASSIGN(auto none, tx->get_organization());
  EXPECT_FALSE(none.has_value());
  Organization org{"org-1", "Acme GmbH", "2026-01-01T00:00:00.000000Z"};
  ASSERT_OK(tx->insert_organization(org));
  EXPECT_CODE(tx->insert_organization({"org-2", "Other", org.created_at}), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto got, rtx->get_organization());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, org.id);
  EXPECT_EQ(got->name, org.name);
  EXPECT_EQ(got->created_at, org.created_at);
}

TEST_P(StoreConformance, RolesKeepInsertionOrderAndUniqueKeys) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto tx = write_tx();
  std::vector<Role> roles;
  for (const auto& seed : seed_roles()) {
    Role r = seed;
    r.id = new_id();
    roles.push_back(r);
    ASSERT_OK(tx->insert_role(r));
  }
  Role dup = roles[1];
  dup.id = new_id();
  EXPECT_CODE(tx->insert_role(dup), ErrorCode::kConflict);
  ASSERT_OK(tx->commit());  // the conflict did not spoil the transaction

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto listed, rtx->list_roles());
  ASSERT_EQ(listed.size(), roles.size());
  for (size_t i = 0; i < roles.size(); ++i) {
    EXPECT_EQ(listed[i].id, roles[i].id);
    EXPECT_EQ(listed[i].key, roles[i].key);
    EXPECT_EQ(listed[i].name, roles[i].name);
    EXPECT_EQ(listed[i].description, roles[i].description);
  }
}

TEST_P(StoreConformance, PersonsRoundTripAndEmailIsUniqueIgnoringCase) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto tx = write_tx();
  Role ciso = make_role("ciso", "CISO");
  Role employee = make_role("employee", "Employee");
  ASSERT_OK(tx->insert_role(ciso));
  ASSERT_OK(tx->insert_role(employee));

  Person zoe = make_person("Zoë Åberg", "Zoe@Example.com");
  zoe.role_ids = {employee.id, ciso.id};
  zoe.employment_status = EmploymentStatus::kEnded;
  Person anna = make_person("Anna Berg", "anna@example.com");
  Person anna2 = make_person("Anna Berg", "ÄNNE@example.com");
  ASSERT_OK(tx->insert_person(zoe));
  ASSERT_OK(tx->insert_person(anna));
  ASSERT_OK(tx->insert_person(anna2));

  EXPECT_CODE(tx->insert_person(make_person("Other", "ZOE@example.COM")), ErrorCode::kConflict);
  EXPECT_CODE(tx->insert_person(make_person("Other", "änne@EXAMPLE.com")), ErrorCode::kConflict);
  Person same_id = make_person("Other", "other@example.com");
  same_id.id = anna.id;
  EXPECT_CODE(tx->insert_person(same_id), ErrorCode::kConflict);
  Person bad_role = make_person("Bad", "bad@example.com");
  bad_role.role_ids = {"no-such-role"};
  auto rejected = tx->insert_person(bad_role);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(rejected.error().field, "role_ids");
  EXPECT_CODE(tx->get_person(bad_role.id), ErrorCode::kNotFound);  // nothing half-written
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(Person got, rtx->get_person(zoe.id));
  EXPECT_EQ(got.name, zoe.name);
  EXPECT_EQ(got.email, zoe.email);  // stored as given
  EXPECT_EQ(got.job_title, zoe.job_title);
  EXPECT_EQ(got.role_ids, zoe.role_ids);
  EXPECT_EQ(got.employment_status, EmploymentStatus::kEnded);
  EXPECT_EQ(got.created_at, zoe.created_at);
  EXPECT_CODE(rtx->get_person("missing"), ErrorCode::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto all, rtx->list_persons());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "Anna Berg");
  EXPECT_EQ(all[1].name, "Anna Berg");
  EXPECT_LT(all[0].id, all[1].id);  // ties broken by id
  EXPECT_EQ(all[2].id, zoe.id);
  EXPECT_EQ(all[2].role_ids, zoe.role_ids);
  ASSERT_OK_AND_ASSIGN(int64_t n, rtx->count_persons());
  EXPECT_EQ(n, 3);
}

TEST_P(StoreConformance, UsersHaveUniqueUsernames) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto tx = write_tx();
  Person admin = make_person("Admin", "admin@example.com");
  ASSERT_OK(tx->insert_person(admin));
  User u = make_user("admin", admin.id);
  ASSERT_OK(tx->insert_user(u));
  User dup = u;
  dup.id = new_id();
  EXPECT_CODE(tx->insert_user(dup), ErrorCode::kConflict);
  User orphan = make_user("ghost", "no-such-person");
  auto rejected = tx->insert_user(orphan);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(rejected.error().field, "person_id");
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto found, rtx->find_user("admin"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, u.id);
  EXPECT_EQ(found->person_id, admin.id);
  EXPECT_EQ(found->password_hash, u.password_hash);
  EXPECT_TRUE(found->must_change_password);
  EXPECT_EQ(found->created_at, u.created_at);
  ASSERT_OK_AND_ASSIGN(auto missing, rtx->find_user("nobody"));
  EXPECT_FALSE(missing.has_value());
  ASSERT_OK_AND_ASSIGN(auto ghost, rtx->find_user("ghost"));
  EXPECT_FALSE(ghost.has_value());
}

TEST_P(StoreConformance, UncommittedTransactionRollsBackOnDestruction) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_organization({"org-1", "Acme", "2026-01-01T00:00:00.000000Z"}));
    ASSERT_OK(tx->insert_person(make_person("Temp", "temp@example.com")));
  }
  auto tx = write_tx();  // the writer lock was released by the rollback
  ASSERT_OK_AND_ASSIGN(auto org, tx->get_organization());
  EXPECT_FALSE(org.has_value());
  ASSERT_OK_AND_ASSIGN(int64_t n, tx->count_persons());
  EXPECT_EQ(n, 0);
}

TEST_P(StoreConformance, FinishedAndReadTransactionsRefuseWrites) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto rtx = read_tx();
  EXPECT_FALSE(rtx->insert_organization({"org-1", "Acme", "2026-01-01T00:00:00.000000Z"}).ok());
  ASSERT_OK(rtx->commit());
  EXPECT_FALSE(rtx->get_organization().ok());
  EXPECT_FALSE(rtx->commit().ok());

  auto wtx = write_tx();
  ASSERT_OK(wtx->commit());
  EXPECT_FALSE(wtx->count_persons().ok());
}

TEST_P(StoreConformance, ReadTransactionSeesOneSnapshot) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(int64_t before, rtx->count_persons());
  {
    auto wtx = write_tx();
    ASSERT_OK(wtx->insert_person(make_person("New", "new@example.com")));
    ASSERT_OK(wtx->commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t during, rtx->count_persons());
  EXPECT_EQ(during, before);
  ASSERT_OK(rtx->commit());
  auto fresh = read_tx();
  ASSERT_OK_AND_ASSIGN(int64_t after, fresh->count_persons());
  EXPECT_EQ(after, before + 1);
}

TEST_P(StoreConformance, RejectsTextWithNulCharacters) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  auto tx = write_tx();
  EXPECT_CODE(tx->insert_person(make_person(std::string("Nul\0l", 5), "nul@example.com")),
              ErrorCode::kInvalid);
  ASSERT_OK(tx->commit());
}

TEST_P(StoreConformance, RecoversWhenTheServerDropsConnections) {
  if (GetParam() != Engine::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  {  // leave several idle connections in the pool
    auto a = read_tx();
    auto b = read_tx();
    auto c = write_tx();
  }
  auto tx = read_tx();
  ASSERT_OK(store_testing::terminate_pg_connections(maintenance_url_, pg_schema_));
  EXPECT_CODE(tx->count_persons(), ErrorCode::kUnavailable);
  EXPECT_FALSE(tx->commit().ok());
  tx.reset();
  for (int i = 0; i < 5; ++i) {  // the dead idle connections are replaced transparently
    auto w = write_tx();
    ASSERT_NE(w, nullptr);
    ASSERT_OK(w->count_persons());
    ASSERT_OK(w->commit());
  }
  ASSERT_OK(store_->ping());
  ASSERT_OK(store_testing::terminate_pg_connections(maintenance_url_, pg_schema_));
  ASSERT_OK(store_->ping());
  ASSERT_OK(store_->scan_ledger([](const ledger::Entry&) { return true; }));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

TEST(OpenStore, RejectsUnknownScheme) {
  auto store = open_store("mysql://localhost/isms");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kInvalid);
  EXPECT_THAT(store.error().message, HasSubstr("mysql"));
  EXPECT_EQ(open_store("").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(open_store("sqlite:").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(open_store("sqlite::memory:").error().code, ErrorCode::kInvalid);
}

TEST(OpenStore, UnopenableSqliteFileIsUnavailable) {
  auto store = open_store("sqlite:/nonexistent-dir-isms/sub/isms.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(store.error().message, HasSubstr("/nonexistent-dir-isms/sub/isms.db"));

  std::string path = (std::filesystem::temp_directory_path() / "isms_not_a_db.txt").string();
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not a database, just some text that is long enough to be a header", f);
    std::fclose(f);
  }
  auto garbage = open_store("sqlite:" + path);
  std::filesystem::remove(path);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::kUnavailable);
}

TEST(OpenStore, UnreachablePostgresIsUnavailableWithoutPassword) {
  auto store = open_store("postgresql://isms:s3cr3t-pw@127.0.0.1:1/isms?connect_timeout=2");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(store.error().message, Not(HasSubstr("s3cr3t-pw")));
  EXPECT_THAT(store.error().message, HasSubstr("127.0.0.1"));

  auto bad = open_store("postgres://isms:s3cr3t-pw@127.0.0.1:1/isms?no_such_option=1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_THAT(bad.error().message, Not(HasSubstr("s3cr3t-pw")));
}

}  // namespace
}  // namespace isms::store_test
