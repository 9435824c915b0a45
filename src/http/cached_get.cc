#include "http/cached_get.h"

#include <cstdio>
#include <utility>

#include "http/header_values.h"

namespace isms::http {
namespace {

// FNV-1a, 64 bit: stable across builds and platforms (std::hash is not promised to be).
uint64_t fnv1a(std::string_view a, std::string_view b) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (std::string_view part : {a, b}) {
    for (char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ull;
    }
  }
  return h;
}

Response from_cache(const CachedResponse& cached) {
  Response res;
  res.status = 200;
  res.headers = cached.headers;
  res.body = cached.body;
  return res;
}

}  // namespace

CachedGet::CachedGet(const ServiceContext& ctx, ResponseCache* cache, std::string etag_salt)
    : ledger_(ctx), cache_(cache), salt_(std::move(etag_salt)) {}

std::string CachedGet::etag_for(int64_t version, const std::string& key) const {
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "\"%lld.%016llx\"", static_cast<long long>(version),
                        static_cast<unsigned long long>(fnv1a(salt_, key)));
  return std::string(buf, static_cast<size_t>(n));
}

Result<Response> CachedGet::serve(const Request& request, const std::string& query_key, bool etag,
                                  const std::function<Result<Response>()>& compute) const {
  // What a caller may read depends on who it is (classification-aware reads, token
  // scope); a change of roles, groups or grants is a write, which moves the version.
  const Principal& p = request.principal;
  std::string key = p.user_id + '\x1f' + p.token_id + '\x1f' + (p.operator_access ? "op" : "") +
                    '\x1f' + query_key;
  ISMS_ASSIGN(int64_t before, ledger_.head_seq());
  std::string tag;
  if (etag) {
    tag = etag_for(before, key);
    if (if_none_match_matches(request.headers.find("If-None-Match"), tag)) {
      Response res;
      res.status = 304;
      res.headers.set("ETag", std::move(tag));
      return res;
    }
  }
  if (auto cached = cache_->find(key, before)) {
    Response res = from_cache(*cached);
    if (etag) res.headers.set("ETag", std::move(tag));
    return res;
  }

  ISMS_ASSIGN(Response res, compute());
  if (res.status != 200) return res;
  ISMS_ASSIGN(int64_t after, ledger_.head_seq());
  if (after != before) return res;  // raced with a write: fresh, but of no one version

  auto entry = std::make_shared<CachedResponse>();
  entry->version = before;
  entry->headers = res.headers;
  entry->body = res.body;
  cache_->put(key, std::move(entry));
  if (etag) res.headers.set("ETag", std::move(tag));
  return res;
}

}  // namespace isms::http
