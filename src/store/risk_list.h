// Engine-neutral parts of StoreTx::list_risks, as asset_list.h is for assets: validating
// a RiskQuery into a plan the engines turn into SQL, merging the active and archived
// halves of an "all" listing, and cutting a page with its keyset. No SQL here.
//
// Ordering contract (both engines): rows are ordered by (order key, id), ascending or
// descending. The order key of
//   kRef            risks.ref_number (integer),
//   kTitle          risks.title_sort = sort_key(title) (text.h), compared by bytes,
//   kInherentLevel  risks.inherent_level, kResidualLevel risks.residual_level (ranks),
//   kOwnerName      risks.owner_sort = the owner's persons.name_sort, '' without owner,
//   kNextReview     risks.review_sort = next_review_on, '' without one (those first),
//   kUpdatedAt      risks.updated_at (RFC 3339 text).
// Each has an (archived, key, id) index on both engines.
//
// Cursors (RiskKeyset::sort_value) carry risk_sort_value: the ref ("R-0001") for kRef,
// the decimal rank for levels, the exact title or owner name for the text sorts (the key
// is derived here, as for assets), the date or time otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/store.h"

namespace isms::store_detail {

struct RiskListPlan {
  std::vector<std::string> treatments;      // validated Treatment names
  std::optional<std::string> like_pattern;  // set when the query searches
  // The folded search when a trigram index can serve it (see AssetListPlan).
  std::optional<std::string> trigram_text;
  bool matches_nothing = false;  // the search can never match
  std::optional<RiskKeyset> after;
  bool integer_key = false;  // kRef and the level sorts order by an integer column
  int64_t after_number = 0;  // after's key when integer_key
  std::string after_key;     // otherwise
};

// Checks limit (1..500), treatment names (kInvalid "treatment"), levels and the cell
// (kInvalid "min_residual_level", "min_inherent_level", "likelihood", "impact" when
// negative or above 100), the search length (kInvalid "q") and the keyset (kMalformed
// "cursor" when its value cannot belong to the sort).
Result<RiskListPlan> plan_risk_list(const RiskQuery& query);

// True when row a comes before row b in the query's order.
bool risk_before(const Risk& a, const Risk& b, const RiskQuery& query);

// Merges two lists each already in the query's order, keeping at most `keep` rows.
std::vector<Risk> merge_risks(std::vector<Risk> a, std::vector<Risk> b, const RiskQuery& query,
                              size_t keep);

// Builds the page from up to limit+1 ordered rows: the first `limit` become items and
// `next` is set when a further row exists.
RiskPage cut_risk_page(std::vector<Risk> rows, const RiskQuery& query);

// ids in input order, each once, that are in `found`.
std::vector<std::string> in_input_order(const std::vector<std::string>& ids,
                                        std::vector<std::string> found);

}  // namespace isms::store_detail
