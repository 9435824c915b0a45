// Catalogue formats: the built-in reference data, CISO Assistant libraries (YAML) and
// OSCAL catalogs (JSON), each read into a CatalogueLibrary (domain/catalogue.h); and an
// OSCAL catalog written from one framework. Pure functions over bytes; no I/O. Every
// reader has a fuzz target (fuzz/).
//
// Errors: kTooLarge over kMaxLibraryBytes; kMalformed for input that is not YAML / JSON,
// invalid UTF-8, nesting deeper than 64, YAML aliases that expand beyond the input's size
// (billion laughs: refused while parsing, before any expansion); kInvalid for a
// well-formed file with a wrong structure, naming where ("objects.framework
// .requirement_nodes[12].urn: missing", "catalog.groups[0].controls[3].id: missing").
// What a reader returns passes check_library, apart from the unresolved mapping ends
// described below.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "domain/catalogue.h"

namespace isms {

inline constexpr size_t kMaxLibraryBytes = 16 * 1024 * 1024;

// ISO/IEC 27001:2022 (clauses 4-10 with sub-clauses; Annex A as group "A", themes
// "A.5".."A.8", controls "A.5.1".."A.8.34"), the 2024/2690 Annex (sections, subsections,
// numbered paragraphs) and ENISA's mapping between them, from the CSV files in
// data/catalogue/ compiled into the binary. Titles and notes as in those files (a
// paragraph's points column becomes its description, "Points (a)–(k)."); the mapping's
// origin is the file's source column ("ENISA TIG mapping table v1.0 (2025-06)"), credited
// on the NIS2 framework's copyright ("Mapping: © ENISA 2025, CC BY 4.0, normalised").
// Rows the mapping table gives against the 2013 edition ("A.9") target framework
// "iso27001-2013", which is not in the catalogue. Requirement URNs are CISO Assistant's
// node URNs ("urn:intuitem:risk:req_node:iso27001-2022:a.5.1") and the framework URNs
// its framework URNs, so importing its libraries updates these frameworks in place.
// Positions: document order (clauses, then Annex A).
const CatalogueLibrary& builtin_catalogue();

// The framework id for a CISO Assistant framework URN: the two built-in URNs give the
// built-in ids ("urn:intuitem:risk:framework:iso27001-2022" -> "iso27001-2022",
// "...:annex-technical-and-methodological-requirements-nis2" -> "nis2-2024-2690"); any
// other its last ':' field in lower case, characters outside [a-z0-9.-] as '-', at most
// 100 bytes. "" when nothing usable remains.
std::string ciso_framework_id(std::string_view framework_urn);

// A CISO Assistant library (YAML; library fields urn, ref_id, name, description,
// copyright, version, provider, packager) with objects.framework and/or
// objects.requirement_mapping_sets. objects.reference_controls and other objects are
// ignored.
//
// Framework: id ciso_framework_id(urn); ref_id, name and description from the framework
// (else the library); version, provider and copyright from the library; source
// "ciso-assistant". Each requirement node becomes a requirement: ref_id = the node's
// ref_id, else its URN suffix after "<framework part>:" (e.g. "4.3.2:1", with a warning);
// parent_ref_id from parent_urn (else, when only depth is given, the nearest preceding
// node one level up); title = name on one line; description; notes = annotation (ENISA's
// guidance) followed by "Typical evidence:" and typical_evidence, cut at 20000 bytes with
// a warning; assessable (default false); urn = the node URN; position = document order.
// In a built-in framework a node with a built-in requirement's URN keeps that
// requirement's ref_id (CISO Assistant's "annex-a" is the built-in "A"), with a warning.
// kind: for a built-in framework the built-in requirement's kind when one has the same
// ref_id, else "point" for a ref_id ending in ".<letters>" ("1.1.1.a", "9.2.c.ii"), else
// "group" for a non-assessable node with children, else "requirement". A node without a
// name in a built-in framework takes the built-in title of the same ref_id.
//
// Mapping sets: origin = the set's ref_id (else its URN's last field); relationship as
// given (default "related"); notes from rationale/annotation. Duplicates (same ends and
// origin) are dropped, and a set that is exactly the reverse of an earlier set of the
// file (CISO Assistant ships both directions) is skipped, each with a warning.
//
// Mapping ends (the rule resolve_mapping_urns completes): an end whose requirement URN is
// a node of a framework in the same file is resolved to (that framework's id, the node's
// ref_id) — by URN, else by the URN suffix matching a ref_id in match form (ASCII lower
// case, ':' as '.': "a.5.1" matches "A.5.1", "12.5:1" matches "12.5.1"). Any other end is
// left unresolved: framework_id = the set's source/target_framework_urn as written and
// ref_id = the full requirement node URN, both starting with "urn:".
Result<CatalogueLibrary> read_ciso_assistant_library(std::string_view yaml);

// What the caller (the service) has stored of one framework, found by its URN.
struct StoredFramework {
  std::string id;
  std::vector<Requirement> requirements;  // ref_id and urn are what is used
};
using StoredFrameworkLookup =
    std::function<std::optional<StoredFramework>(const std::string& framework_urn)>;

// Resolves every unresolved mapping end of a library read by read_ciso_assistant_library
// (framework_id or ref_id starting with "urn:"), so that check_library can pass:
//  - framework: a framework of the library with that URN, else lookup(urn)'s id, else
//    ciso_framework_id(urn) (a framework imported later will get that id);
//  - ref_id: among that framework's requirements (the library's own when it holds the
//    framework, else the stored ones), the one whose urn equals the end's URN, else the
//    one whose ref_id in match form equals the URN suffix in match form, else the URN
//    suffix itself (a requirement not in the catalogue yet: stored mappings have no
//    foreign keys, and importing the framework later makes the end point at it; one
//    warning counts these ends).
// Then drops duplicates (same ends and origin) that resolution created, with a warning.
// lookup may be empty (no stored frameworks).
void resolve_mapping_urns(CatalogueLibrary* library, const StoredFrameworkLookup& lookup);

// An OSCAL catalog (1.0/1.1 JSON): groups and controls (with nested controls) become
// requirements in document order (catalog level: controls, then groups; in a group:
// groups, then controls); ref_id from the label prop when present, else the id (else, for
// a group without either, "group-<n>" with a warning); parent from nesting; title on one
// line (cut at 1000 bytes); description from the statement part: its prose, then each
// sub-part's ("a. prose" when labelled), as paragraphs (a group without a statement: its
// overview part); notes from the guidance part likewise (each cut at 20000 bytes with a
// warning); kind "group"/"control" and assessable false/true unless this writer's props
// (ns "urn:isms") say otherwise; urn = the OSCAL id. Params are not resolved:
// "{{ insert: param, x }}" stays in the text. Framework: id = framework_id when given,
// else the slug of metadata.title; name = title; version; description = metadata.remarks;
// ref_id = the first document-id; provider = the party with role "creator"; copyright =
// the back-matter resource titled "Copyright"; source "oscal"; urn "".
Result<CatalogueLibrary> read_oscal_catalog(std::string_view json, std::string_view framework_id);

// One framework as an OSCAL 1.1.2 catalog JSON; requirements as check_library accepts
// them, in any order. Siblings are all groups when each has children and is not
// assessable (and their parent is a group or the catalog), else all controls (nested
// controls under controls), since JSON's separate "groups" and "controls" lists would
// lose the order of mixed siblings. OSCAL ids must be tokens, so each requirement's id is
// its ref_id slug ("A.5.1" -> "a-5-1", "4.1" -> "r-4-1", "-2", "-3" on collision) and the
// ref_id is kept in a "label" prop; kind and assessable go in props with ns "urn:isms",
// an empty title is written as the ref_id with an "untitled" prop, description as the
// statement part, notes as the guidance part; provider as the party of role "creator",
// copyright as a back-matter resource, an empty version as "unspecified" with a
// "version-unknown" prop. UUIDs (v4 form) come from SHA-256 of the framework id (the
// catalog's also of the content), so the same framework exports the same bytes.
// read_oscal_catalog(result, framework.id) gives back the framework (id, name, version,
// description, ref_id, provider, copyright) and the requirements (ref_id, parent_ref_id,
// title, description, kind, assessable, position, notes) when positions are document
// order (as every reader here assigns them).
std::string write_oscal_catalog(const Framework& framework,
                                const std::vector<Requirement>& requirements);

}  // namespace isms
