// Row decoders and parameter encoders of the requirements catalogue (migration 4) and of
// documents (migration 5), shared by both engines. Same contract as codec.h: each
// engine's SELECTs return the columns in exactly the order listed here, its INSERT and
// UPDATE statements use the parameters in the order the *_params functions produce, and
// stored values that no longer parse decode to kCorruption. No SQL lives here.
//
// Booleans travel as integers 0/1. Lists that are only ever read whole (a version's
// change log and citation warnings) are stored as JSON text; sections and citations have
// tables of their own because queries join them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/catalogue.h"
#include "domain/document.h"
#include "store/row.h"
#include "store/store.h"

namespace isms::store_detail {

// --- Catalogue ---------------------------------------------------------------------------

// Columns (11): id, urn, ref_id, name, description, version, provider, source, copyright,
// updated_at, requirement_count. Parameters (10): the same without requirement_count.
Framework decode_framework(const Row& row);
SqlParams framework_params(const Framework& f);

// Columns (10): framework_id, ref_id, parent_ref_id, title, description, kind,
// assessable (0/1), position, urn, notes. Parameters (11): the same, then search_key.
inline constexpr int kRequirementParams = 11;
Requirement decode_requirement(const Row& row);
SqlParams requirement_params(const Requirement& r);
// What search_requirements matches: fold_case of ref_id, title and description joined
// by kSearchFieldSeparator (text.h), so a match never spans two fields.
std::string requirement_search_key(const Requirement& r);

// Columns and parameters (7): source_framework_id, source_ref_id, target_framework_id,
// target_ref_id, relationship, origin, notes.
inline constexpr int kMappingParams = 7;
RequirementMapping decode_mapping(const Row& row);
SqlParams mapping_params(const RequirementMapping& m);

// --- Documents ---------------------------------------------------------------------------

// Columns (15): id, kind, title, classification (rank 0..3), information_owner,
// owner_role_key, owner_person_id, latest_version_id, published_version_id,
// published_label, next_review_date, archived_at, version, created_at, updated_at.
// working_group_ids are left empty; engines fill them from document_groups.
// Parameters (17): the same, then title_sort (sort_key(title)) and search_key
// (fold_case(title)).
Result<Document> decode_document(const Row& row);
SqlParams document_params(const Document& d);

// Columns (28): id, document_id, number, status, title, classification (rank), label,
// last_update, author, information_owner, approver, change_log (JSON), review_interval_months,
// requires_acknowledgement (0/1), body, warnings (JSON), created_by, created_at,
// updated_at, submitted_by, submitted_at, approved_by, approved_at, published_by,
// published_at, superseded_at, review_comment, version. sections and citations are left
// empty; engines fill them from document_sections and document_citations.
// Parameters (28): the same order.
inline constexpr int kVersionParams = 28;
Result<DocumentVersion> decode_version(const Row& row);
SqlParams version_params(const DocumentVersion& v);

// Section columns from `first` on (6): number, title, level, start_offset, end_offset,
// anchor. Parameters (8): version_id, ord (position in the version), then those six.
inline constexpr int kSectionParams = 8;
Section decode_section(const Row& row, int first);
SqlParams section_params(const std::string& version_id, size_t ord, const Section& s);

// Citation columns from `first` on (10): framework_id, ref_id, raw, start_offset, length,
// bracket_offset, bracket_length, from_range (0/1), section_number, section_anchor.
// Parameters (12): version_id, ord, then those ten.
inline constexpr int kCitationParams = 12;
DocumentCitation decode_citation(const Row& row, int first);
SqlParams citation_params(const std::string& version_id, size_t ord, const DocumentCitation& c);

// Columns (6): version_id, person_id, person_name (joined), acknowledged_at,
// last_reminded_at, reminder_count. Parameters (5): the same without person_name.
Acknowledgement decode_acknowledgement(const Row& row);
SqlParams acknowledgement_params(const Acknowledgement& a);

// Columns (10): document_id, document_title, document_kind, version_id, version_label,
// section_number, section_title, section_anchor, framework_id, ref_id.
PublishedCitation decode_published_citation(const Row& row);

// Columns (5): document_id, document_title, version_id, version_label, published_at.
PendingAcknowledgement decode_pending_acknowledgement(const Row& row);

// A validated DocumentQuery: kInvalid naming "kind", "status" or "q" (longer than
// kMaxSearchBytes). like_pattern is set when the query searches; matches_nothing when
// the search can never match.
struct DocumentListPlan {
  std::vector<std::string> kinds;
  std::vector<std::string> statuses;
  std::optional<std::string> like_pattern;
  bool matches_nothing = false;
};
Result<DocumentListPlan> plan_document_list(const DocumentQuery& query);

// Validates search_requirements' arguments (limit 1..500, search length) and returns
// the LIKE pattern over requirement_search_key, nullopt when nothing can match.
Result<std::optional<std::string>> plan_requirement_search(const std::string& search, int limit);

// The batch with one entry per key, the last one given winning, in the order keys first
// appear: engines write a batch as multi-row upserts, where a key may appear only once.
// Keys: (framework_id, ref_id) and a mapping's primary key (both ends and origin).
std::vector<Requirement> last_per_key(const std::vector<Requirement>& requirements);
std::vector<RequirementMapping> last_per_key(const std::vector<RequirementMapping>& mappings);

}  // namespace isms::store_detail
