// Catalogue formats: the built-in reference data, CISO Assistant libraries (YAML) and
// OSCAL catalogs (JSON), each read into a CatalogueLibrary (domain/catalogue.h); and an
// OSCAL catalog written from one framework. Pure functions over bytes; no I/O. Every
// reader has a fuzz target (fuzz/).
//
// Errors: kInvalid naming what is wrong and where ("objects.framework.requirement_nodes[12]
// .ref_id: missing"); inputs over kMaxLibraryBytes, YAML aliases that expand beyond the
// input's size (billion laughs), nesting deeper than 64 and invalid UTF-8 are refused.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "domain/catalogue.h"

namespace isms {

inline constexpr size_t kMaxLibraryBytes = 16 * 1024 * 1024;

// ISO/IEC 27001:2022 (clauses 4-10 with sub-clauses; Annex A as group "A", themes
// "A.5".."A.8", controls "A.5.1".."A.8.34"), the 2024/2690 Annex (sections, subsections,
// numbered paragraphs) and ENISA's mapping between them, from the CSV files in
// data/catalogue/ compiled into the binary. Titles and notes as in those files; the
// mapping's origin is "ENISA TIG mapping table v1.0 (2025-06)", credited "© ENISA 2025,
// CC BY 4.0, normalised". URNs match CISO Assistant's so importing its libraries updates
// these frameworks in place.
const CatalogueLibrary& builtin_catalogue();

// A CISO Assistant library: objects.framework (requirement_nodes -> requirements, urn
// parent_urn -> parent_ref_id, depth/assessable kept) and/or
// objects.requirement_mapping_sets (source/target requirement URNs; the framework URNs
// are resolved by the caller: mappings carry the URN's framework part in
// source_framework_id/target_framework_id prefixed "urn:" until resolved). Framework id:
// the URN's last segment ("urn:intuitem:risk:framework:iso27001-2022" ->
// "iso27001-2022"), except the two built-in URNs map to the built-in ids.
Result<CatalogueLibrary> read_ciso_assistant_library(std::string_view yaml);

// An OSCAL catalog (1.0/1.1 JSON): groups and controls (with nested controls) become
// requirements; ref_id from the control's label prop when present, else its id; title;
// description from the statement part's prose (sub-parts joined). Framework id from
// metadata title slug unless `framework_id` is given.
Result<CatalogueLibrary> read_oscal_catalog(std::string_view json, std::string_view framework_id);

// One framework as an OSCAL 1.1.2 catalog JSON (UUIDs derived deterministically from the
// framework id and ref ids, so exports are stable); read_oscal_catalog of the result
// gives the same framework and requirements back (ids, ref_ids, titles, descriptions,
// parents, kinds, order).
std::string write_oscal_catalog(const Framework& framework,
                                const std::vector<Requirement>& requirements);

}  // namespace isms
