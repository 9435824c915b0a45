// Internals shared by RiskService (risk_method_service.cc, risk_sources_service.cc,
// risk_register_service.cc, risk_reports_service.cc) and RiskCycleService: method
// lookups, the view of a risk, reference checks, ledger records, and the one risk update
// both a PATCH and a cycle review perform. Not thread-safe objects; free functions are.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "service/ledger_recorder.h"
#include "service/risk_service.h"

namespace isms::risk_internal {

// YYYY-MM-DD of the context's clock (UTC).
std::string today(const ServiceContext& ctx);

// The current method; kNotFound when the organization has none yet.
Result<RiskMethod> current_method(StoreTx& tx);

// Methods by number, each read once per transaction.
class MethodCache {
 public:
  explicit MethodCache(StoreTx& tx) : tx_(tx) {}
  Result<const RiskMethod*> get(int64_t number);
  void put(const RiskMethod& m) { methods_[m.number] = m; }

 private:
  StoreTx& tx_;
  std::map<int64_t, RiskMethod> methods_;
};

Result<RiskView> view_of(MethodCache& methods, Risk risk, int64_t current_number,
                         std::string_view today);

Error risk_not_found(const std::string& id);
// The stored risk; kNotFound with a message naming the id.
Result<Risk> load_risk(StoreTx& tx, const std::string& id);
// kConflict naming both versions when expected differs from the stored one.
Status check_version(const std::string& what, int64_t current, int64_t expected);

// Levels from the ratings under `m`. REQUIRES: validate_risk(*r, m) is empty.
void derive_levels(Risk* r, const RiskMethod& m);

// Assets, controls, threat, vulnerability and owner must exist (kInvalid naming the
// field). Only what changed from `before` (nullptr = everything) is checked, so an
// archived threat keeps working for risks that already name it.
Status check_references(StoreTx& tx, const Risk& r, const Risk* before);

// The ledger's record of a risk (no joined names, no flags) and the change between two.
Json risk_ledger_record(const Risk& r);
Json risk_diff(const Risk& before, const Risk& after);

// Applies a PATCH to risk `id` inside the caller's write transaction and records
// "risk.update". Ratings are re-read under the current method when the patch changes
// them (a risk on an old method then needs both ratings); a residual level that rises
// drops the acceptance. Returns the stored risk as it is afterwards (unchanged, no entry,
// when the patch changes nothing).
Result<Risk> update_risk_in_tx(const ServiceContext& ctx, StoreTx& tx, LedgerRecorder& ledger,
                               const std::string& id, const RiskPatch& patch);

// Calls fn for every risk not archived, in ref order, a page at a time; stops at the
// first error.
Status for_each_active_risk(StoreTx& tx, const std::function<Status(Risk&)>& fn);

// A reason or justification: required, at most 2000 characters of text.
Status check_reason(const std::string& field, const std::string& text, bool required);

}  // namespace isms::risk_internal
