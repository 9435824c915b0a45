#include "http/response_cache.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace isms::http {
namespace {

void append_part(std::string_view part, std::string* out) {
  out->append(std::to_string(part.size())).push_back(':');
  out->append(part);
}

// Roughly what an entry holds on the heap: the body, the key (twice: map and LRU list),
// the headers, plus a fixed allowance for the nodes and control blocks.
size_t entry_bytes(const std::string& key, const CachedResponse& value) {
  size_t n = value.body.size() + 2 * key.size() + 256;
  for (const auto& [name, v] : value.headers.fields()) n += name.size() + v.size() + 64;
  return n;
}

}  // namespace

std::string cache_key(const CacheKeyParts& parts) {
  std::string key;
  append_part(parts.scope, &key);
  append_part(parts.resource, &key);
  if (parts.query != nullptr) {
    // Order-insensitive: ?a=1&b=2 and ?b=2&a=1 are the same request (names are unique).
    std::vector<const std::pair<std::string, std::string>*> sorted;
    for (const auto& p : *parts.query) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* p : sorted) {
      append_part(p->first, &key);
      append_part(p->second, &key);
    }
  }
  return key;
}

ResponseCache::ResponseCache(ResponseCacheOptions options) : options_(options) {}

void ResponseCache::observe_version(int64_t version) {
  if (version <= newest_version_) return;
  newest_version_ = version;
  slots_.clear();
  lru_.clear();
  bytes_ = 0;
}

void ResponseCache::erase(std::unordered_map<std::string, Slot>::iterator it) {
  bytes_ -= it->second.bytes;
  lru_.erase(it->second.lru);
  slots_.erase(it);
}

std::shared_ptr<const CachedResponse> ResponseCache::find(const std::string& key, int64_t version) {
  std::lock_guard lock(mu_);
  observe_version(version);
  auto it = slots_.find(key);
  if (it == slots_.end() || it->second.value->version != version) {
    ++stats_.misses;
    return nullptr;
  }
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.value;
}

void ResponseCache::put(const std::string& key, std::shared_ptr<const CachedResponse> value) {
  if (!value || value->body.size() > options_.max_entry_bytes) return;
  size_t bytes = entry_bytes(key, *value);
  if (bytes > options_.max_bytes) return;
  std::lock_guard lock(mu_);
  observe_version(value->version);
  if (value->version < newest_version_) return;  // computed before a newer write was seen
  if (auto it = slots_.find(key); it != slots_.end()) erase(it);
  while (bytes_ + bytes > options_.max_bytes && !lru_.empty()) erase(slots_.find(lru_.back()));
  lru_.push_front(key);
  slots_.emplace(key, Slot{std::move(value), lru_.begin(), bytes});
  bytes_ += bytes;
  ++stats_.stores;
}

ResponseCacheStats ResponseCache::stats() const {
  std::lock_guard lock(mu_);
  ResponseCacheStats s = stats_;
  s.entries = slots_.size();
  s.bytes = bytes_;
  return s;
}

}  // namespace isms::http
