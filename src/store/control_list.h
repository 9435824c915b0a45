// Engine-neutral parts of controls, evidence and the Statement of Applicability
// (migration 7), shared by both engines: the row order of their SELECTs and the
// parameter order of their INSERTs/UPDATEs (the same contract as codec.h: stored values
// that no longer parse decode to kCorruption), list validation and keyset page cutting
// for list_controls. No SQL here.
//
// Ordering contract of list_controls (both engines): rows ordered by (order key, id),
// ascending or descending, keys compared by bytes (SQLite BINARY, PostgreSQL COLLATE
// "C"), integers as integers:
//   kRef        controls.ref_number (integer: C-9999 < C-10000)
//   kTitle      controls.title_sort = sort_key(title) (text.h)
//   kStatus     the status name
//   kOwnerName  controls.owner_sort = the owner's persons.name_sort, '' without owner
//   kNextCheck  controls.next_check_key = next_check_on, '' without one (those first)
//   kUpdatedAt  updated_at (RFC 3339)
// Cursors (ControlKeyset::sort_value) carry control_sort_value: the ref number in
// decimal for kRef, the exact title / owner name for the text sorts (the key is derived
// here, as for assets), otherwise the key itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "domain/control.h"
#include "domain/soa.h"
#include "store/row.h"
#include "store/store.h"

namespace isms::store_detail {

// --- Controls ----------------------------------------------------------------------------

// "C-0001" for 1: at least four digits.
std::string format_control_ref(int64_t number);
// The number of a ref made by format_control_ref; nullopt for anything else.
std::optional<int64_t> parse_control_ref(std::string_view ref);

// A requirement key "framework:ref" split at its first ':'; nullopt without one, or with
// an empty part.
std::optional<std::pair<std::string, std::string>> split_requirement_key(std::string_view key);

// Columns (21): id, ref, title, description, owner_id, owner name (joined), status,
// classification (rank), next_check_on, last_checked_on, check_interval_months,
// description_sealed, archived_at, archive_reason, version, created_at, updated_at,
// evidence_count, valid_evidence_count, requirement keys (JSON array, NULL = none), risk
// ids (JSON array, NULL = none). Both lists are returned sorted.
inline constexpr int kControlColumns = 21;
Result<Control> decode_control(const Row& row);

// Parameters (18): id, ref, ref_number, title, title_sort, description,
// description_sealed, owner_id, status, classification rank, next_check_on,
// last_checked_on, check_interval_months, archived_at, archive_reason, version,
// created_at, updated_at; then search_key (control_search_key) as the 19th.
inline constexpr int kControlParams = 19;
SqlParams control_params(const Control& c, int64_t ref_number);
// What list_controls' search matches: fold_case of ref, title and description joined by
// kSearchFieldSeparator (text.h). A sealed description is never part of it: the service
// leaves `description` empty then.
std::string control_search_key(const Control& c);

// A validated ControlQuery.
struct ControlListPlan {
  std::vector<std::string> statuses;        // validated ControlStatus names
  std::optional<std::string> like_pattern;  // set when the query searches
  bool matches_nothing = false;             // the search (or requirement key) never matches
  std::string requirement_framework_id, requirement_ref_id;  // requirement_key split
  std::optional<ControlKeyset> after;
  std::optional<int64_t> after_number;  // kRef: the cursor's ref number
  std::string after_key;                // otherwise: the order key the cursor stands for
};
// kInvalid for limit outside 1..500, an unknown status ("status"), a search over
// kMaxSearchBytes ("q"), a check_before that is not YYYY-MM-DD ("check_before");
// kMalformed ("cursor") for a keyset that cannot belong to the sort.
Result<ControlListPlan> plan_control_list(const ControlQuery& query);

// The value the engines order by (see the contract above), for C++ comparisons.
std::string control_order_key(const Control& c, ControlSort sort);

// Builds the page from up to limit+1 ordered rows.
ControlPage cut_control_page(std::vector<Control> rows, const ControlQuery& query);

// Columns (7) of requirement_controls: requirement_key, control id, control ref, status,
// evidence_count, valid_evidence_count, risk ids (JSON array, NULL = none).
Result<RequirementControl> decode_requirement_control(const Row& row);

// --- Evidence ----------------------------------------------------------------------------

// Columns and parameters (16): id, control_id, title, description, kind, url, sha256,
// file_name, media_type, size, valid_from, valid_until, created_by, archived_at, version,
// created_at.
inline constexpr int kEvidenceParams = 16;
Result<Evidence> decode_evidence(const Row& row);
SqlParams evidence_params(const Evidence& e);

// Hex (as PostgreSQL's encode(.., 'hex') writes it) to bytes; kCorruption naming `what`
// when malformed.
Result<std::string> decode_hex(std::string_view hex, const std::string& what);

// --- Statement of Applicability ----------------------------------------------------------

// Columns (10) of a working line: framework_id, ref_id, title (joined; '' when the
// requirement is gone), applicable, reasons (JSON array of names), justification,
// implementation, updated_by, updated_at, version.
Result<Applicability> decode_applicability(const Row& row);
// Parameters (9): framework_id, ref_id, applicable, reasons, justification,
// implementation, updated_by, updated_at, version.
inline constexpr int kApplicabilityParams = 9;
SqlParams applicability_params(const Applicability& a);

// Columns (15) of a frozen line: the 10 above, then control_ids, control_refs, risk_ids
// (JSON arrays), evidence_count, valid_evidence_count.
Result<Applicability> decode_frozen_line(const Row& row);
// Parameters (17): soa_id, ord, then the 15 columns in that order.
inline constexpr int kFrozenLineParams = 17;
SqlParams frozen_line_params(const std::string& soa_id, size_t ord, const Applicability& a);

// Columns (15): id, number, framework_ids (JSON array), approved_by_person_id, approved
// by name (joined, '' when unknown), approved_at, note, then the totals lines,
// applicable, not_applicable, undecided, implemented, partial, planned, not_started.
// Lines are left empty.
Result<Soa> decode_soa(const Row& row);
// Parameters (14): the same without the name, totals computed from s.lines (soa_totals).
inline constexpr int kSoaParams = 14;
SqlParams soa_params(const Soa& s);

}  // namespace isms::store_detail
