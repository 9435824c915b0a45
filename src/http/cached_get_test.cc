// CachedGet and the cached routes over a real SQLite store: a cached body is served only
// while the data is unchanged, never after a write.
#include "http/cached_get.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "http/access_log.h"
#include "http/app.h"
#include "http/test_support.h"
#include "service/asset_service.h"
#include "service/test_fixture.h"

namespace isms::http {
namespace {

class CachedGetTest : public isms::testing::ServiceFixture {
 protected:
  void SetUp() override {
    ServiceFixture::SetUp();
    set_http_logging_enabled(false);
    app_ = std::make_unique<App>(ctx_, AppOptions{});
    auto bearer = testing::bearer_for_new_user(ctx_, "reader");
    ASSERT_TRUE(bearer) << bearer.error().message;
    bearer_ = *bearer;
  }
  void TearDown() override {
    app_.reset();
    ServiceFixture::TearDown();
  }

  Response get(std::string target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = "GET";
    req.target = std::move(target);
    req.remote_address = "127.0.0.1";
    req.headers.add("Authorization", bearer_);
    for (auto& [k, v] : headers) req.headers.add(k, v);
    return app_->handle(req);
  }
  Asset create(const std::string& name) {
    AssetPatch patch;
    patch.fields.name = name;
    auto a = AssetService(ctx_).create(op_, patch);
    EXPECT_TRUE(a) << a.error().message;
    return *a;
  }
  Asset rename(const Asset& a, const std::string& name) {
    AssetPatch patch;
    patch.fields.name = name;
    patch.version = a.version;
    auto b = AssetService(ctx_).update(op_, a.id, patch);
    EXPECT_TRUE(b) << b.error().message;
    return *b;
  }

  Principal op_ = operator_principal("test");
  std::string bearer_;
  std::unique_ptr<App> app_;
};

TEST_F(CachedGetTest, ListIsServedFromCacheUntilAWrite) {
  Asset a = create("Alpha");
  Response first = get("/api/v1/assets?limit=5&sort=name");
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_TRUE(first.headers.has("ETag"));
  Response second = get("/api/v1/assets?sort=name&limit=5");  // same request, other order
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(*second.headers.find("ETag"), *first.headers.find("ETag"));
  EXPECT_EQ(*second.headers.find("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(app_->cache_stats().hits, 1u);

  rename(a, "Beta");
  Response third = get("/api/v1/assets?limit=5&sort=name");
  ASSERT_EQ(third.status, 200);
  EXPECT_NE(third.body.find("\"Beta\""), std::string::npos) << third.body;
  EXPECT_EQ(third.body.find("\"Alpha\""), std::string::npos) << "stale body served";
  EXPECT_NE(*third.headers.find("ETag"), *first.headers.find("ETag"));
}

TEST_F(CachedGetTest, IfNoneMatchGets304UntilTheDataChanges) {
  Asset a = create("Alpha");
  Response first = get("/api/v1/assets");
  std::string tag = *first.headers.find("ETag");
  Response again = get("/api/v1/assets", {{"If-None-Match", "\"x\", W/" + tag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(*again.headers.find("ETag"), tag);
  // Another query's tag does not match this one.
  EXPECT_EQ(get("/api/v1/assets?limit=7", {{"If-None-Match", tag}}).status, 200);

  rename(a, "Beta");
  Response changed = get("/api/v1/assets", {{"If-None-Match", tag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.body.find("\"Beta\""), std::string::npos);
}

TEST_F(CachedGetTest, DetailKeepsTheVersionETagAndIsNeverStale) {
  Asset a = create("Alpha");
  Response first = get("/api/v1/assets/" + a.id);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(*first.headers.find("ETag"), "\"1\"");
  EXPECT_EQ(get("/api/v1/assets/" + a.id).body, first.body);
  rename(a, "Beta");
  Response second = get("/api/v1/assets/" + a.id);
  EXPECT_EQ(*second.headers.find("ETag"), "\"2\"");
  EXPECT_NE(second.body.find("\"Beta\""), std::string::npos);
  EXPECT_EQ(get("/api/v1/assets/no-such-id").status, 404);
}

TEST_F(CachedGetTest, DashboardFollowsWrites) {
  Json before = Json::parse(get("/api/v1/dashboard").body);
  create("Alpha");
  Json after = Json::parse(get("/api/v1/dashboard").body);
  EXPECT_EQ(after["assets"]["total"], before["assets"]["total"].get<int>() + 1);
}

// A write that commits while the body is being computed: the body is served (it is
// fresh) but not stored, so the next request computes again.
TEST_F(CachedGetTest, BodyComputedAcrossAWriteIsNotStored) {
  Asset a = create("Alpha");
  ResponseCache cache;
  CachedGet cached(ctx_, &cache, "salt");
  Request req;
  req.method = "GET";
  auto racing = [&]() -> Result<Response> {
    Response res;
    res.body = "computed";
    rename(a, "Beta");  // commits between the two head reads
    return res;
  };
  auto served = cached.serve(req, "k", /*etag=*/true, racing);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->body, "computed");
  EXPECT_FALSE(served->headers.has("ETag"));
  EXPECT_EQ(cache.stats().stores, 0u);

  int computed = 0;
  auto plain = [&]() -> Result<Response> {
    ++computed;
    Response res;
    res.body = "v" + std::to_string(computed);
    return res;
  };
  EXPECT_EQ(cached.serve(req, "k", true, plain)->body, "v1");
  EXPECT_EQ(cached.serve(req, "k", true, plain)->body, "v1");  // now cached
  EXPECT_EQ(computed, 1);
}

// Readers race a writer: every response must show at least the version that was
// committed before the request started.
TEST_F(CachedGetTest, ConcurrentReadersNeverSeeAnOlderVersionThanCommitted) {
  Asset a = create("v1");
  std::atomic<int64_t> committed{a.version};
  std::atomic<bool> done{false}, failed{false};
  std::thread writer([&] {
    Asset cur = a;
    for (int i = 0; i < 40; ++i) {
      cur = rename(cur, "v" + std::to_string(cur.version + 1));
      committed.store(cur.version);
    }
    done.store(true);
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load() && !failed.load()) {
        int64_t floor = committed.load();
        Response list = get("/api/v1/assets");
        Response one = get("/api/v1/assets/" + a.id);
        if (list.status != 200 || one.status != 200) continue;  // SQLITE_BUSY etc.
        int64_t lv = Json::parse(list.body)["items"][0]["version"].get<int64_t>();
        int64_t dv = Json::parse(one.body)["version"].get<int64_t>();
        if (lv < floor || dv < floor) failed.store(true);
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  EXPECT_FALSE(failed.load());
  EXPECT_GT(app_->cache_stats().hits + app_->cache_stats().misses, 0u);
}

}  // namespace
}  // namespace isms::http
