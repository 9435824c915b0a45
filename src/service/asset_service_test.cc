#include "service/asset_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "base/crypto.h"
#include "service/demo_service.h"
#include "service/ledger_service.h"
#include "service/test_fixture.h"

namespace isms {
namespace {

class AssetServiceTest : public testing::ServiceFixture {
 protected:
  AssetPatch named(const std::string& name) {
    AssetPatch p;
    p.fields.name = name;
    return p;
  }
  // The local operator, recorded in the ledger as "test".
  Principal op_ = operator_principal("test");

  int64_t ledger_size() {
    auto report = LedgerService(ctx_).verify();
    EXPECT_TRUE(report && report->ok) << (report ? report->reason : report.error().message);
    return report ? report->entries : -1;
  }
};

TEST_F(AssetServiceTest, LedgerHeadSeqGrowsWithEveryChange) {
  auto before = LedgerService(ctx_).head_seq();
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(*before, ledger_size());
  ASSERT_TRUE(AssetService(ctx_).create(op_, named("Mail server")));
  EXPECT_EQ(*LedgerService(ctx_).head_seq(), *before + 1);
}

TEST_F(AssetServiceTest, CreateAppliesDefaultsAndRecordsLedger) {
  AssetService svc(ctx_);
  int64_t before = ledger_size();
  auto a = svc.create(op_, named("Mail server"));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->version, 1);
  EXPECT_EQ(a->classification, Classification::kInternal);
  EXPECT_EQ(a->lifecycle_status, LifecycleStatus::kActive);
  EXPECT_EQ(ledger_size(), before + 1);
  auto entries = LedgerService(ctx_).list(0, 1000, a->id);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().action, "asset.create");
  EXPECT_EQ(entries->front().actor, "test");
}

TEST_F(AssetServiceTest, CreateRejectsMissingNameUnknownOwnerAndDependency) {
  AssetService svc(ctx_);
  int64_t before = ledger_size();
  auto no_name = svc.create(op_, AssetPatch{});
  ASSERT_FALSE(no_name);
  EXPECT_EQ(no_name.error().field, "name");
  auto p = named("X");
  p.fields.owner_id = std::optional<std::string>("nobody");
  auto bad_owner = svc.create(op_, p);
  ASSERT_FALSE(bad_owner);
  EXPECT_EQ(bad_owner.error().field, "owner_id");
  auto q = named("Y");
  q.fields.depends_on = std::vector<std::string>{"missing"};
  auto bad_dep = svc.create(op_, q);
  ASSERT_FALSE(bad_dep);
  EXPECT_EQ(bad_dep.error().field, "depends_on");
  EXPECT_EQ(ledger_size(), before);  // nothing half-written
}

TEST_F(AssetServiceTest, UpdateNeedsCurrentVersion) {
  AssetService svc(ctx_);
  auto a = svc.create(op_, named("CRM"));
  ASSERT_TRUE(a);
  auto no_version = svc.update(op_, a->id, named("CRM 2"));
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  auto p = named("CRM 2");
  p.version = 1;
  auto ok = svc.update(op_, a->id, p);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->version, 2);
  int64_t size = ledger_size();
  auto stale = svc.update(op_, a->id, p);  // still version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(svc.get(op_, a->id)->name, "CRM 2");
  EXPECT_EQ(ledger_size(), size);
}

TEST_F(AssetServiceTest, NoOpUpdateKeepsVersion) {
  AssetService svc(ctx_);
  auto a = svc.create(op_, named("Same"));
  auto p = named("Same");
  p.version = 1;
  auto u = svc.update(op_, a->id, p);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->version, 1);
}

TEST_F(AssetServiceTest, ClassificationDowngradeRules) {
  AssetService svc(ctx_);
  auto p = named("Customer DB");
  p.fields.classification = Classification::kCustomerData;
  auto a = svc.create(op_, p);
  ASSERT_TRUE(a);
  AssetPatch down;
  down.version = 1;
  down.justification = "no longer holds customer data";
  down.fields.classification = Classification::kConfidential;
  auto refused = svc.update(op_, a->id, down);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("customer_data_never_downgraded"), std::string::npos);

  auto c = named("Wiki");
  c.fields.classification = Classification::kConfidential;
  auto wiki = svc.create(op_, c);
  AssetPatch lower;
  lower.version = 1;
  lower.fields.classification = Classification::kPublic;
  auto needs = svc.update(op_, wiki->id, lower);
  ASSERT_FALSE(needs);
  EXPECT_EQ(needs.error().field, "justification");
  lower.justification = "published on the website";
  auto done = svc.update(op_, wiki->id, lower);
  ASSERT_TRUE(done) << done.error().message;
  auto entries = LedgerService(ctx_).list(0, 1000, wiki->id);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_NE(entries->back().change.find("published on the website"), std::string::npos);
}

TEST_F(AssetServiceTest, ArchiveNeedsReasonAndHappensOnce) {
  AssetService svc(ctx_);
  auto a = svc.create(op_, named("Old server"));
  EXPECT_EQ(svc.archive(op_, a->id, " ", 1).error().field, "reason");
  auto archived = svc.archive(op_, a->id, "decommissioned", 1);
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->archived());
  EXPECT_EQ(svc.archive(op_, a->id, "again", std::nullopt).error().code, ErrorCode::kConflict);
  auto p = named("Revived");
  p.version = archived->version;
  EXPECT_EQ(svc.update(op_, a->id, p).error().code, ErrorCode::kConflict);
}

TEST_F(AssetServiceTest, ConcurrentUpdatesOneWinsChainIntact) {
  AssetService svc(ctx_);
  auto a = svc.create(op_, named("Contended"));
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto p = named("Writer " + std::to_string(t));
      p.version = 1;
      auto r = svc.update(op_, a->id, p);
      if (r)
        ++wins;
      else if (r.error().code == ErrorCode::kConflict)
        ++conflicts;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  ledger_size();
}

TEST_F(AssetServiceTest, CursorPagesThroughEverythingOnce) {
  AssetService svc(ctx_);
  for (int i = 0; i < 23; ++i) ASSERT_TRUE(svc.create(op_, named("Item " + std::to_string(i % 7))));
  AssetListRequest req;
  req.query.limit = 5;
  req.query.sort = AssetSort::kName;
  req.query.descending = true;
  std::set<std::string> seen;
  int pages = 0;
  do {
    auto page = svc.list(op_, req);
    ASSERT_TRUE(page) << page.error().message;
    for (auto& a : page->items) EXPECT_TRUE(seen.insert(a.id).second);
    req.cursor = page->next_cursor;
    ++pages;
  } while (!req.cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 23u);
  req.cursor = "garbage";
  EXPECT_EQ(svc.list(op_, req).error().field, "cursor");
}

TEST_F(AssetServiceTest, DemoLoadsOnceIntoEmptyRegistry) {
  auto r = DemoService(ctx_).load(op_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_GE(r->persons, 20);
  EXPECT_GE(r->assets, 30);
  EXPECT_EQ(DemoService(ctx_).load(op_).error().code, ErrorCode::kConflict);
  ledger_size();
}

TEST_F(AssetServiceTest, InitializeIsIdempotentAndPasswordOnlyHashed) {
  EXPECT_TRUE(init_.created);
  EXPECT_EQ(init_.admin_one_time_password.size(), 20u);
  auto again = OrganizationService(ctx_).initialize(actor_, "Other");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_TRUE(again->admin_one_time_password.empty());
  auto tx = store_->begin_read();
  auto user = (*tx)->find_user("admin");
  ASSERT_TRUE(user && user->has_value());
  EXPECT_NE((*user)->password_hash.find("$argon2id$"), std::string::npos);
  EXPECT_TRUE(verify_password(init_.admin_one_time_password, (*user)->password_hash));
}

}  // namespace
}  // namespace isms
