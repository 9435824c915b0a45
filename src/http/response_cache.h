// ResponseCache: encoded GET response bodies, each stored with the data version (the
// ledger head seq) it was computed at, bounded by total bytes (least recently used out).
//
// It only stores and finds; deciding *when* a stored body may be served is
// cached_get.h's job. A body is found only for exactly the version asked for. Because the
// head seq only grows, entries of an older version than the newest one seen can never be
// served again: seeing a newer version drops them all at once.
//
// Thread-safe. One mutex around a small map: it is held only to look up, link and unlink
// entries, never while a body is computed or copied (entries are shared, immutable).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.h"

namespace isms::http {

// What identifies a cached response. Build it with cache_key(); the parts are
// length-prefixed so that no two different keys serialize alike.
//
// `scope` is who may see the response. Today every caller sees everything, so it is
// empty; issue 3 (classification-aware reads per user) must put the principal's access
// scope here (e.g. the highest classification they may read, or a role set's hash),
// otherwise one user's cached body would be served to another.
struct CacheKeyParts {
  std::string_view scope = {};         // the caller's visibility; "" = everything
  std::string_view resource = {};      // route and path parameters, e.g. "assets" or "asset/<id>"
  const QueryParams* query = nullptr;  // decoded; sorted by name into the key
};
std::string cache_key(const CacheKeyParts& parts);

struct CachedResponse {
  int64_t version = 0;  // ledger head seq the body was computed at
  Headers headers;      // Content-Type and representation headers (e.g. an asset's ETag)
  std::string body;
};

struct ResponseCacheOptions {
  size_t max_bytes = 32u << 20;       // all bodies and keys together
  size_t max_entry_bytes = 1u << 20;  // larger bodies are not stored
};

struct ResponseCacheStats {
  uint64_t hits = 0, misses = 0, stores = 0;
  size_t entries = 0, bytes = 0;
};

class ResponseCache {
 public:
  explicit ResponseCache(ResponseCacheOptions options = {});
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The entry for `key` computed at exactly `version`, or nullptr.
  std::shared_ptr<const CachedResponse> find(const std::string& key, int64_t version);
  // Stores `value` under `key` unless it is too large or older than the newest version
  // seen (a request that raced with a write); replaces an entry of the same key.
  void put(const std::string& key, std::shared_ptr<const CachedResponse> value);

  ResponseCacheStats stats() const;

 private:
  struct Slot {
    std::shared_ptr<const CachedResponse> value;
    std::list<std::string>::iterator lru;  // position in lru_ (front = most recent)
    size_t bytes;
  };
  // REQUIRES mu_. Drops everything when `version` is newer than all seen so far.
  void observe_version(int64_t version);
  void erase(std::unordered_map<std::string, Slot>::iterator it);

  const ResponseCacheOptions options_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;
  std::list<std::string> lru_;
  size_t bytes_ = 0;
  int64_t newest_version_ = 0;
  ResponseCacheStats stats_;
};

}  // namespace isms::http
