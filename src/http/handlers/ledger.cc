// Reading and verifying the hash-chained ledger.
#include <cstdint>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/query_params.h"
#include "service/ledger_service.h"

namespace isms::http {
namespace {

constexpr int kLedgerDefaultLimit = 100;
constexpr int kLedgerMaxLimit = 1000;
constexpr size_t kObjectIdMaxLength = 200;

std::vector<QueryParamDoc> ledger_params() {
  return {
      {"after", "Only entries with a greater sequence number (default 0).",
       Json{{"type", "integer"}, {"minimum", 0}, {"default", 0}}},
      {"limit", "Page size, 1-1000 (default 100).",
       Json{{"type", "integer"},
            {"minimum", 1},
            {"maximum", kLedgerMaxLimit},
            {"default", kLedgerDefaultLimit}}},
      {"object_id", "Only entries about this object.",
       Json{{"type", "string"}, {"minLength", 1}, {"maxLength", kObjectIdMaxLength}}},
  };
}

Result<Response> list_ledger(const LedgerService& service, const Request& req) {
  int64_t after = 0;
  int64_t limit = kLedgerDefaultLimit;
  std::string object_id;
  if (const std::string* v = req.query_param("after")) {
    ISMS_ASSIGN(after, parse_int_param("after", *v, 0, INT64_MAX));
  }
  if (const std::string* v = req.query_param("limit")) {
    ISMS_ASSIGN(limit, parse_int_param("limit", *v, 1, kLedgerMaxLimit));
  }
  if (const std::string* v = req.query_param("object_id")) {
    if (v->empty() || v->size() > kObjectIdMaxLength) {
      return Error::malformed("object_id: must be 1-200 characters", "object_id");
    }
    object_id = *v;
  }
  ISMS_ASSIGN(std::vector<ledger::Entry> entries,
              service.list(after, static_cast<int>(limit), object_id));
  Json items = Json::array();
  for (const auto& e : entries) items.push_back(ledger::entry_to_json(e));
  // A full page may have a successor; a short page is the end.
  Json next = static_cast<int64_t>(entries.size()) == limit && !entries.empty()
                  ? Json(entries.back().seq)
                  : Json(nullptr);
  return json_response(200, Json{{"items", std::move(items)}, {"next_after", std::move(next)}});
}

Json verify_report_to_json(const ledger::VerifyReport& r) {
  if (r.ok) {
    return Json{{"ok", true},
                {"entries", r.entries},
                {"checkpoints", r.checkpoints},
                {"head_hash", r.head_hash}};
  }
  return Json{{"ok", false},
              {"entries", r.entries},
              {"first_bad_seq", r.first_bad_seq ? Json(*r.first_bad_seq) : Json(nullptr)},
              {"reason", r.reason}};
}

}  // namespace

void add_ledger_routes(Router& router, const ServiceContext& ctx) {
  LedgerService service(ctx);
  router.add(
      "GET", "/api/v1/ledger", [service](const Request& req) { return list_ledger(service, req); },
      RouteDoc{.operation_id = "listLedger",
               .summary = "Ledger entries in sequence order",
               .tag = "ledger",
               .response_schema = "LedgerPage",
               .query = ledger_params(),
               .errors = {503},
               .access = needs("ledger:read")});
  router.add(
      "GET", "/api/v1/ledger/verify",
      [service](const Request&) -> Result<Response> {
        ISMS_ASSIGN(ledger::VerifyReport report, service.verify());
        return json_response(200, verify_report_to_json(report));
      },
      RouteDoc{.operation_id = "verifyLedger",
               .summary = "Verify the whole hash chain and its signed checkpoints",
               .tag = "ledger",
               .response_schema = "VerifyReport",
               .errors = {503},
               .access = needs("ledger:read")});
}

}  // namespace isms::http
