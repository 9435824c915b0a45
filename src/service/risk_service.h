// RiskService: the risk method (versions, preview of a change), the threat and
// vulnerability catalogues, and the risk register (docs/api.md "Risks"). Each write is one
// transaction with its ledger entry ("risk_method.create", "risk_source.create|update|
// archive", "risk.create|update|accept|revoke_acceptance|archive|rerate"). Thread-safe.
//
// Permissions: reads "risks:read"; writes "risks:write"; a new method version
// "risks:method"; acceptance per check_acceptance_authority (domain/risk.h): within the
// appetite the risk owner (a person) or a holder of "risks:write"; above it "risks:accept"
// plus the method's acceptance role (default "ceo"). The accepting person is the caller's
// person (the operator cannot accept above the appetite: kForbidden).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/risk.h"
#include "domain/risk_method.h"
#include "domain/threat.h"
#include "service/context.h"

namespace isms {

class LedgerRecorder;

inline constexpr int kRiskReviewMonths = 3;

struct RiskView {
  Risk risk;
  RiskFlags flags;
  RiskMethod method;  // the method the risk is rated under
};

struct RiskListRequest {
  RiskQuery query;              // query.after is ignored; the cursor sets it
  std::string cursor;           // opaque, from a previous page
  bool above_appetite = false;  // sets query.min_residual_level from the current method
};
struct RiskListResult {
  std::vector<RiskView> items;
  std::string next_cursor;
  std::optional<int64_t> total;
};

// What saving a new method would do: every risk not archived whose rating or level changes.
struct MethodChangePreview {
  RiskMethod current;
  RiskMethod proposed;  // number = current.number + 1
  struct Item {
    std::string risk_id, ref, title;
    RatingChange inherent, residual;
  };
  std::vector<Item> changed;  // at most 1000 listed; changed_count counts all
  int64_t changed_count = 0;
  int64_t unchanged_count = 0;
};

struct HeatMap {
  RiskMethod method;  // the current method: the axes and colours
  bool residual = true;
  // counts[l-1][i-1] for risks rated under the current method
  std::vector<std::vector<int64_t>> counts;
  int64_t rated_under_old_methods = 0;  // not placed on this grid
  int64_t total = 0;
};

struct RiskSummary {
  HeatMap inherent, residual;
  int64_t above_appetite = 0;
  std::vector<OwnerRiskSummary> top_owners;  // at most 10
  std::vector<RiskView> top_risks;           // highest residual level first, at most 10
};

class RiskService {
 public:
  explicit RiskService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Creates method 1 (default_risk_method) and the default threats and vulnerabilities
  // when absent; called by OrganizationService::initialize in its transaction.
  static Status ensure_defaults(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger);

  // --- method
  Result<RiskMethod> current_method(const Principal& p) const;
  Result<std::vector<RiskMethod>> methods(const Principal& p) const;
  Result<RiskMethod> method(const Principal& p, int64_t number) const;
  // Validates the proposal and returns what it would change; stores nothing.
  Result<MethodChangePreview> preview_method(const Principal& p, const RiskMethod& proposed,
                                             const ScaleMapping& mapping) const;
  // Stores the proposal as version current+1 (expected_number must equal the current number,
  // else kConflict). With rerate = true every risk not archived is re-rated to the new
  // method by `mapping` in the same transaction (one "risk.rerate" entry per changed risk;
  // a risk still on an older method whose scale sizes the maps do not fit stays there);
  // with rerate = false risks stay on their old method and show rated_under_old_method.
  Result<RiskMethod> save_method(const Principal& p, const RiskMethod& proposed,
                                 const ScaleMapping& mapping, int64_t expected_number,
                                 bool rerate) const;

  // --- threats and vulnerabilities
  Result<std::vector<RiskSource>> sources(const Principal& p, RiskSourceKind kind,
                                          ArchivedFilter archived) const;
  Result<RiskSource> source(const Principal& p, const std::string& id) const;
  Result<RiskSource> create_source(const Principal& p, RiskSourceKind kind,
                                   const RiskSourceFields& fields) const;
  Result<RiskSource> update_source(const Principal& p, const std::string& id,
                                   const RiskSourceFields& fields) const;  // version required
  Result<RiskSource> archive_source(const Principal& p, const std::string& id,
                                    int64_t expected_version) const;

  // --- risks
  Result<RiskListResult> list(const Principal& p, const RiskListRequest& request) const;
  Result<RiskView> get(const Principal& p, const std::string& id) const;
  // Rated under the current method; assets, threat, vulnerability, owner and controls
  // must exist (kInvalid naming the field). Levels are derived, never taken from input.
  Result<RiskView> create(const Principal& p, const RiskPatch& patch) const;
  Result<RiskView> update(const Principal& p, const std::string& id, const RiskPatch& patch) const;
  // Accepts the residual risk as it is now. expires_on default: today + method validity;
  // at most 36 months ahead. kConflict when stale or archived.
  Result<RiskView> accept(const Principal& p, const std::string& id, int64_t expected_version,
                          const std::string& justification,
                          const std::optional<std::string>& expires_on) const;
  Result<RiskView> revoke_acceptance(const Principal& p, const std::string& id,
                                     int64_t expected_version, const std::string& reason) const;
  Result<RiskView> archive(const Principal& p, const std::string& id, int64_t expected_version,
                           const std::string& reason) const;

  // A completed periodic review ("needs review", issue 6): next_review_on moves to
  // `today` (organization time zone) + interval_months (default kRiskReviewMonths, the
  // quarterly Risk Management Forum); "risk.update" plus "risk.review" with the note.
  // risks:write; kConflict when archived.
  Result<RiskView> mark_reviewed(const Principal& p, const std::string& id, const std::string& note,
                                 int interval_months) const;

  Result<HeatMap> heat_map(const Principal& p, bool residual) const;
  Result<RiskSummary> summary(const Principal& p) const;

  // The register as a file (render/risk_soa_export.h): every risk not archived, the current
  // method and both matrices. "risk-register.xlsx" / "risk-register.pdf".
  struct RegisterFile {
    std::string file_name;
    std::string media_type;
    std::string bytes;
  };
  enum class RegisterFormat { kXlsx, kPdf };
  Result<RegisterFile> export_register(const Principal& p, RegisterFormat format) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
