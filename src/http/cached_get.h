// CachedGet: serves a GET route's responses from the ResponseCache, validated by the data
// version (the ledger head seq), with ETag / If-None-Match for conditional GETs.
//
// Why a served body is never stale. Every change in isms appends a ledger entry in the
// same transaction as the change, and writers serialize, so the head seq strictly grows
// with every commit and two equal heads mean identical data. serve() does:
//
//   1. H1 = head seq (its own short read transaction).
//   2. A cached body stored at exactly H1 is served: it was computed from the state H1,
//      which is the current state as of step 1.
//   3. Otherwise compute() reads the data (one or more read transactions; on PostgreSQL's
//      READ COMMITTED even each statement may see a newer snapshot), then H2 = head seq.
//      Every snapshot compute() saw was taken after step 1 began and before step 3's head
//      read, so it saw a state s with H1 <= s <= H2. Only when H2 == H1 did all of them
//      see the state H1 exactly: only then is the body stored, labelled H1.
//      When H2 != H1 a write raced with us: the body is still served (it is at least as
//      new as the request) but neither stored nor given a list ETag.
//
// So a body labelled N is f(state N), and it is served only when the head is N again,
// i.e. nothing changed since: a body computed at head N is never served at head N+1.
// (Reading the head inside the data's own transaction would also work on SQLite, whose
// read transactions are snapshots, but not on PostgreSQL READ COMMITTED without changing
// the store; the double read costs one extra short transaction, only on a miss.)
//
// Conditional GETs: with `etag` set, the response carries ETag "<seq>.<hash of key>" and
// a matching If-None-Match gets 304 straight after step 1, without computing or
// copying anything. The hash mixes in a per-process salt: a restarted (possibly upgraded)
// server never confirms a tag whose body an older binary encoded.
#pragma once

#include <functional>
#include <string>

#include "base/error.h"
#include "http/message.h"
#include "http/response_cache.h"
#include "service/ledger_service.h"

namespace isms::http {

class CachedGet {
 public:
  // ctx and cache must outlive every copy.
  CachedGet(const ServiceContext& ctx, ResponseCache* cache, std::string etag_salt);

  // Serves the response for `key` (cache_key()) as seen by request.principal (the key is
  // scoped by user and token); compute() produces it on a miss. Only
  // 200 responses are stored; errors and other statuses pass through uncached.
  // With etag: sends the version ETag and honours If-None-Match (304).
  Result<Response> serve(const Request& request, const std::string& key, bool etag,
                         const std::function<Result<Response>()>& compute) const;

 private:
  std::string etag_for(int64_t version, const std::string& key) const;

  LedgerService ledger_;
  ResponseCache* cache_;
  std::string salt_;
};

}  // namespace isms::http
