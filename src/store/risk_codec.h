// Row decoders and parameter encoders of the risk register (migration 6): risk methods,
// threats and vulnerabilities, risks, risk cycles, reviews and cycle snapshots, shared by
// both engines. Same contract as codec.h: each engine's SELECTs return the columns in
// exactly the order listed here, its INSERT and UPDATE statements use the parameters in
// the order the *_params functions produce, and stored values that no longer parse (an
// unknown enum name, malformed JSON) decode to kCorruption. No SQL lives here.
//
// What is read only whole is JSON text: a risk method's scales, levels and grid, a
// source's properties, a cycle's attendees and decisions. Everything a query filters,
// sorts or groups on has a column of its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/risk.h"
#include "domain/risk_cycle.h"
#include "domain/risk_method.h"
#include "domain/threat.h"
#include "store/row.h"

namespace isms::store_detail {

// --- Risk methods ------------------------------------------------------------------------

// Columns and parameters (4): number, body (JSON: everything else but created_by and
// created_at), created_by, created_at.
Result<RiskMethod> decode_risk_method(const Row& row);
SqlParams risk_method_params(const RiskMethod& m);

// --- Threats and vulnerabilities ---------------------------------------------------------

// Columns (11): id, kind, key, name, category, description, properties (JSON array of
// names), archived_at, version, created_at, updated_at. Parameters
// (13): id, kind, key, name, category, description, properties, archived_at, version,
// created_at, updated_at, name_key (fold_case(name), unique per kind), name_sort.
inline constexpr int kRiskSourceParams = 13;
Result<RiskSource> decode_risk_source(const Row& row);
SqlParams risk_source_params(const RiskSource& s);

// --- Risks -------------------------------------------------------------------------------

// "R-0001" for 1: at least four digits.
std::string format_risk_ref(int64_t number);
// The number of a ref made by format_risk_ref; nullopt for anything else.
std::optional<int64_t> parse_risk_ref(std::string_view ref);

// Columns (39): id, ref_number, title, description, threat_id, vulnerability_id, owner_id,
// owner name (joined), threat name (joined), vulnerability name (joined), method_number,
// inherent likelihood, inherent impact confidentiality, integrity, availability,
// authenticity, the same five of the residual rating, inherent_level, residual_level,
// treatment, treatment_plan, acceptance person id (NULL = no acceptance), acceptance person
// name (joined), acceptance role, accepted_at, acceptance expires_on, justification,
// acceptance level rank, acceptance method number, next_review_on, archived_at,
// archive_reason, version, created_at, updated_at. asset_ids and control_ids are left
// empty; engines fill them from risk_assets and risk_controls.
inline constexpr int kRiskColumns = 39;
Result<Risk> decode_risk(const Row& row);

// Parameters (39): id, ref_number, title, description, threat_id, vulnerability_id,
// owner_id, method_number, the inherent rating's five values, the residual rating's five,
// inherent impact (RiskRating::impact), residual impact, inherent_level, residual_level,
// treatment, treatment_plan, the acceptance's seven stored values (person id, role,
// accepted_at, expires_on, justification, level rank, method number; all NULL without
// acceptance), next_review_on, archived_at, archive_reason, version, created_at,
// updated_at, title_sort (sort_key(title)), search_text (risk_search_text).
inline constexpr int kRiskParams = 39;
SqlParams risk_params(const Risk& r, int64_t ref_number);
// What list_risks' search matches: fold_case of ref, title and description joined by
// kSearchFieldSeparator (text.h), so a match never spans two fields.
std::string risk_search_text(const std::string& ref, const Risk& r);

// Columns (13): risk_id, ref_number, title, owner name, method_number, inherent
// likelihood, inherent impact, inherent level, residual likelihood, residual impact,
// residual level, treatment, archived (0/1). Parameters (14) of a cycle snapshot row:
// cycle_id, risk_id, ref, then the same from title on.
inline constexpr int kSnapshotParams = 14;
RiskSnapshotEntry decode_live_snapshot(const Row& row);
// The same columns with ref (text) in place of ref_number, as stored in a cycle snapshot.
RiskSnapshotEntry decode_stored_snapshot(const Row& row);
SqlParams snapshot_params(const std::string& cycle_id, const RiskSnapshotEntry& e);

// --- Risk cycles ---------------------------------------------------------------------------

// Columns (15): id, title, opened_on, closed_at, status, method_number, attendee_ids (JSON
// array), decisions (JSON), minutes, interval_months, version, created_at, updated_at,
// then reviewed_count and risk_count (computed). Parameters (13): the same
// without the counts.
inline constexpr int kCycleParams = 13;
Result<RiskCycle> decode_risk_cycle(const Row& row);
SqlParams risk_cycle_params(const RiskCycle& c);

// Columns (13): cycle_id, risk_id, risk ref_number (joined), risk title (joined), outcome,
// reviewed_by, reviewer name (joined), reviewed_at, note, inherent_level_before,
// residual_level_before, inherent_level_after, residual_level_after. Parameters (10): the
// same without the joined three.
Result<RiskReview> decode_risk_review(const Row& row);
SqlParams risk_review_params(const RiskReview& r);

}  // namespace isms::store_detail
