// Requirements catalogue: frameworks (ISO/IEC 27001:2022, the Annex of Implementing
// Regulation (EU) 2024/2690, imported libraries), their requirements as a tree, and
// mappings between requirements of two frameworks. Pure value types and rules; no I/O.
//
// Identity: a framework has a stable key `id` ("iso27001-2022"); a requirement is
// identified by (framework_id, ref_id) where ref_id is the number the framework itself
// uses ("4.3", "A.5.1", "1.1.1", "1.1.1.a"). requirement_key() joins the two as
// "iso27001-2022:A.5.1", the one form used in citations, URLs and exports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isms {

// Ids of the built-in frameworks.
inline constexpr std::string_view kIso27001Id = "iso27001-2022";
inline constexpr std::string_view kNis2AnnexId = "nis2-2024-2690";

struct Framework {
  std::string id;                 // [a-z0-9][a-z0-9.-]{0,99}
  std::string urn;                // CISO Assistant framework URN; "" when none. Unique when set.
  std::string ref_id;             // as published: "ISO/IEC 27001:2022"
  std::string name;               // 1..300
  std::string description;        // 0..20000
  std::string version;            // library version, "" when unknown
  std::string provider;           // "ISO/IEC", "European Commission", "ENISA", ...
  std::string source;             // "builtin" | "ciso-assistant" | "oscal"
  std::string copyright;          // attribution / licence text, "" when none
  std::string updated_at;         // set by the service
  int64_t requirement_count = 0;  // read-only, filled by the store on list/get
};

struct Requirement {
  std::string framework_id;
  std::string ref_id;         // 1..100, unique within the framework
  std::string parent_ref_id;  // "" at the top level; must name a requirement of the framework
  std::string title;          // 0..1000 (a point may have no title)
  std::string description;    // 0..20000
  // "clause", "control", "group" (e.g. Annex A theme), "section", "subsection",
  // "paragraph", "point", "requirement" (imported without a finer kind).
  std::string kind;
  bool assessable = true;  // false for headings that only group others
  int position = 0;        // document order within the framework, 0-based
  std::string urn;         // CISO Assistant node URN or OSCAL id; "" when none
  std::string notes;       // editorial notes (e.g. from the reference data)
};

// One directed mapping "source relates to target". relationship is CISO Assistant's
// vocabulary: "equal", "subset", "superset", "intersect", "not_related"; "related" when
// the origin does not say how.
struct RequirementMapping {
  std::string source_framework_id;
  std::string source_ref_id;
  std::string target_framework_id;
  std::string target_ref_id;
  std::string relationship;
  std::string origin;  // "ENISA TIG mapping table v1.0 (2025-06)", a mapping-set ref_id, ...
  std::string notes;
};

// What one import (or the built-in data) brings: frameworks with all their requirements
// (each framework's tree is replaced: requirements absent from the new library are
// removed; citations keep their text and become warnings when their document is next
// re-indexed), and mappings (replaced per (source framework, target framework, origin)).
struct CatalogueLibrary {
  std::vector<Framework> frameworks;
  std::vector<Requirement> requirements;
  std::vector<RequirementMapping> mappings;
  // What the reader skipped or normalized (e.g. "Α.5.19: Greek capital alpha read as A").
  std::vector<std::string> warnings;
};

// "iso27001-2022:A.5.1".
std::string requirement_key(std::string_view framework_id, std::string_view ref_id);
// Splits a key at the first ':'; nullopt when there is none or a side is empty.
std::optional<std::pair<std::string, std::string>> split_requirement_key(std::string_view key);

// Field rules for a framework and a requirement; each problem names its field.
struct CatalogueProblem {
  std::string field;
  std::string message;
};
std::vector<CatalogueProblem> check_framework(const Framework& f);
// Checks one library as a whole: valid frameworks, requirement fields, unique ref_ids per
// framework, parents that exist and no cycles, mapping ends inside the library or named
// by id, trees at most 20 levels deep. Empty when valid (at most 100 problems).
std::vector<CatalogueProblem> check_library(const CatalogueLibrary& library);

}  // namespace isms
