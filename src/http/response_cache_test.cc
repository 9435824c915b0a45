#include "http/response_cache.h"

#include <gtest/gtest.h>

namespace isms::http {
namespace {

std::shared_ptr<const CachedResponse> entry(int64_t version, size_t body_bytes) {
  auto e = std::make_shared<CachedResponse>();
  e->version = version;
  e->body.assign(body_bytes, 'x');
  return e;
}

TEST(CacheKey, QueryOrderDoesNotMatterButEveryPartDoes) {
  QueryParams a{{"limit", "5"}, {"sort", "name"}}, b{{"sort", "name"}, {"limit", "5"}};
  EXPECT_EQ(cache_key({.resource = "assets", .query = &a}),
            cache_key({.resource = "assets", .query = &b}));
  QueryParams c{{"limit", "5"}, {"sort", "-name"}};
  EXPECT_NE(cache_key({.resource = "assets", .query = &a}),
            cache_key({.resource = "assets", .query = &c}));
  EXPECT_NE(cache_key({.scope = "u1", .resource = "assets", .query = &a}),
            cache_key({.scope = "u2", .resource = "assets", .query = &a}));
  // Length prefixes: moving bytes between parts changes the key.
  QueryParams d{{"ab", "c"}}, e{{"a", "bc"}};
  EXPECT_NE(cache_key({.resource = "x", .query = &d}), cache_key({.resource = "x", .query = &e}));
}

TEST(ResponseCache, FindsOnlyTheExactVersion) {
  ResponseCache cache;
  cache.put("k", entry(7, 10));
  EXPECT_NE(cache.find("k", 7), nullptr);
  EXPECT_EQ(cache.find("other", 7), nullptr);
  EXPECT_EQ(cache.find("k", 8), nullptr);
  // Version 8 was seen: the version 7 entry is gone for good, and late puts of 7 are ignored.
  EXPECT_EQ(cache.find("k", 7), nullptr);
  cache.put("k", entry(7, 10));
  EXPECT_EQ(cache.find("k", 7), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ResponseCache, EvictsLeastRecentlyUsedByBytes) {
  ResponseCache cache({.max_bytes = 4000, .max_entry_bytes = 2000});
  cache.put("a", entry(1, 1000));
  cache.put("b", entry(1, 1000));
  cache.put("c", entry(1, 1000));
  ASSERT_NE(cache.find("a", 1), nullptr);  // a is now the most recent
  cache.put("d", entry(1, 1000));          // over 4000 with overheads: b goes first
  EXPECT_EQ(cache.find("b", 1), nullptr);
  EXPECT_NE(cache.find("a", 1), nullptr);
  EXPECT_NE(cache.find("d", 1), nullptr);
  EXPECT_LE(cache.stats().bytes, 4000u);
  cache.put("big", entry(1, 2001));  // over the entry limit: not stored
  EXPECT_EQ(cache.find("big", 1), nullptr);
}

TEST(ResponseCache, ReplacingAnEntryKeepsTheAccounting) {
  ResponseCache cache;
  cache.put("k", entry(1, 100));
  size_t one = cache.stats().bytes;
  cache.put("k", entry(1, 100));
  EXPECT_EQ(cache.stats().bytes, one);
  EXPECT_EQ(cache.stats().entries, 1u);
}

}  // namespace
}  // namespace isms::http
