// Shared fixture of the store conformance suite: every TEST_P runs once per engine.
//
// SQLite runs in a fresh temporary directory. PostgreSQL needs ISMS_TEST_PG_URL (a
// database where the user may create schemas); each test gets its own fresh schema. Without the
// variable the PostgreSQL instances are skipped, unless ISMS_REQUIRE_PG=1, in which case they fail.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "base/crypto.h"
#include "store/migration.h"
#include "store/store.h"
#include "store/testing.h"

namespace isms::store_test {

enum class Engine { kSqlite, kPostgres };

inline std::string engine_label(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "sqlite" : "postgresql";
}

#define ASSERT_OK(expr)                                                      \
  do {                                                                       \
    auto isms_ok_ = (expr);                                                  \
    ASSERT_TRUE(isms_ok_.ok()) << #expr << ": " << isms_ok_.error().message; \
  } while (0)

#define EXPECT_OK(expr)                                                      \
  do {                                                                       \
    auto isms_ok_ = (expr);                                                  \
    EXPECT_TRUE(isms_ok_.ok()) << #expr << ": " << isms_ok_.error().message; \
  } while (0)

// lhs = value of a Result, or a fatal test failure naming the error.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL(ISMS_CONCAT(isms_r_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr)                \
  auto tmp = (expr);                                             \
  ASSERT_TRUE(tmp.ok()) << #expr << ": " << tmp.error().message; \
  lhs = std::move(tmp).value()

// Expects a failed Result/Status with the given ErrorCode.
#define EXPECT_CODE(expr, expected_code)                                       \
  do {                                                                         \
    auto isms_c_ = (expr);                                                     \
    ASSERT_FALSE(isms_c_.ok()) << #expr << " succeeded";                       \
    EXPECT_EQ(isms_c_.error().code, expected_code) << isms_c_.error().message; \
  } while (0)

class StoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto_init());
    if (GetParam() == Engine::kSqlite) {
      std::string tmpl = (std::filesystem::temp_directory_path() / "isms_store_XXXXXX").string();
      ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
      dir_ = tmpl;
      url_ = "sqlite:" + dir_ + "/isms.db";
    } else {
      const char* pg = std::getenv("ISMS_TEST_PG_URL");
      if (pg == nullptr || *pg == '\0') {
        const char* require = std::getenv("ISMS_REQUIRE_PG");
        if (require != nullptr && std::string(require) == "1") {
          FAIL() << "ISMS_REQUIRE_PG=1 but ISMS_TEST_PG_URL is not set";
        }
        GTEST_SKIP() << "ISMS_TEST_PG_URL not set; skipping PostgreSQL (see "
                        "scripts/pg-cluster.sh)";
      }
      maintenance_url_ = pg;
      static int counter = 0;
      pg_schema_ = "isms_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
      auto url = store_testing::create_pg_schema(maintenance_url_, pg_schema_);
      ASSERT_TRUE(url.ok()) << url.error().message;
      url_ = *url;
    }
  }

  void TearDown() override {
    store_testing::clear_extra_migrations();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    // ISMS_TEST_KEEP_PG=1 keeps the schema for a post-mortem look (debugging aid).
    const char* keep = std::getenv("ISMS_TEST_KEEP_PG");
    if (!pg_schema_.empty() && !(keep && std::string(keep) == "1")) {
      auto dropped = store_testing::drop_pg_schema(maintenance_url_, pg_schema_);
      EXPECT_TRUE(dropped.ok()) << dropped.error().message;
    }
  }

  // Opens the store without migrating.
  void open() {
    auto store = open_store(url_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
  }
  void open_migrated() {
    ASSERT_NO_FATAL_FAILURE(open());
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
  }

  std::unique_ptr<StoreTx> write_tx() {
    auto tx = store_->begin_write();
    EXPECT_TRUE(tx.ok()) << tx.error().message;
    return tx.ok() ? std::move(tx).value() : nullptr;
  }
  std::unique_ptr<StoreTx> read_tx() {
    auto tx = store_->begin_read();
    EXPECT_TRUE(tx.ok()) << tx.error().message;
    return tx.ok() ? std::move(tx).value() : nullptr;
  }

  std::string engine() const { return GetParam() == Engine::kSqlite ? "sqlite" : "postgresql"; }

  std::string url_;
  std::unique_ptr<Store> store_;
  std::string maintenance_url_;  // PostgreSQL only
  std::string pg_schema_;        // PostgreSQL only

 private:
  std::string dir_;
};

// Test data builders.
inline Person make_person(const std::string& name, const std::string& email) {
  Person p;
  p.id = new_id();
  p.name = name;
  p.email = email;
  p.job_title = "Engineer";
  p.created_at = "2026-01-01T00:00:00.000000Z";
  return p;
}

// The operator's scope: every classification.
inline ReadScope scope_all() {
  ReadScope s;
  s.all = true;
  return s;
}

inline Role make_role(const std::string& key, const std::string& name,
                      std::vector<std::string> permissions = {}) {
  Role r;
  r.id = new_id();
  r.key = key;
  r.name = name;
  r.description = "The " + name + " role";
  r.permissions = std::move(permissions);
  return r;
}

inline User make_user(const std::string& username, const std::string& person_id) {
  User u;
  u.id = new_id();
  u.username = username;
  u.person_id = person_id;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2026-01-01T00:00:00.000000Z";
  u.password_changed_at = u.created_at;
  return u;
}

inline WorkingGroup make_group(const std::string& name, std::vector<std::string> member_ids = {}) {
  WorkingGroup g;
  g.id = new_id();
  g.name = name;
  g.description = "The " + name + " group";
  std::sort(member_ids.begin(), member_ids.end());
  g.member_ids = std::move(member_ids);
  g.created_at = "2026-01-01T00:00:00.000000Z";
  g.updated_at = g.created_at;
  return g;
}

inline Asset make_asset(const std::string& name) {
  Asset a;
  a.id = new_id();
  a.name = name;
  a.description = "description of " + name;
  a.business_function = "Operations";
  a.created_at = "2026-01-01T00:00:00.000000Z";
  a.updated_at = a.created_at;
  return a;
}

inline ledger::Entry make_entry(int64_t seq, const std::string& object_id = "obj") {
  ledger::Entry e;
  e.seq = seq;
  e.at = "2026-01-01T00:00:00.000000Z";
  e.actor = "system";
  e.action = "asset.create";
  e.object_type = "asset";
  e.object_id = object_id;
  e.change = "{\"n\":" + std::to_string(seq) + "}";
  e.prev_hash = std::string(ledger::kGenesisHash);
  e.hash = sha256_hex("entry " + std::to_string(seq));
  return e;
}

}  // namespace isms::store_test
