// Helpers shared by the catalogue readers and writers of src/formats (builtin_catalogue.cc,
// ciso_assistant.cc, oscal_catalog.cc). Internal to the formats layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "domain/catalogue.h"
#include "formats/catalogue_formats.h"

namespace isms::catalogue_internal {

// CISO Assistant URNs of the built-in frameworks (their libraries use these, so importing
// them updates the built-in frameworks in place).
inline constexpr std::string_view kIso27001Urn = "urn:intuitem:risk:framework:iso27001-2022";
inline constexpr std::string_view kNis2AnnexUrn =
    "urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2";
// "urn:intuitem:risk:req_node:<framework part>:<node>".
inline constexpr std::string_view kReqNodePrefix = "urn:intuitem:risk:req_node:";

// RFC 4180 CSV: fields separated by ',', records by LF or CRLF; a field in double quotes
// may hold commas, line breaks and doubled quotes. Returns the records (the header row
// included); a final line break ends the last record. kMalformed naming the line for an
// unterminated quote or text after a closing quote.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text);

// The part of a CISO Assistant requirement node URN after "<framework part>:" (the first
// five ':'-separated fields), e.g. "a.5.1" or "4.3.2:1"; when the URN has fewer fields,
// its last field.
std::string_view urn_node_suffix(std::string_view node_urn);

// A ref id or URN suffix in the form used to match one against the other: ASCII lower
// case, ':' read as '.' (CISO Assistant writes node URN suffixes in lower case and some
// with ':' where the ref id has '.': "12.5:1" for "12.5.1").
std::string match_form(std::string_view id);

// Collapses runs of spaces and line breaks into one space and trims; titles are one line.
std::string one_line(std::string_view text);
// Trims spaces and line breaks at both ends.
std::string trim(std::string_view text);
// At most max bytes of UTF-8 text, cut at a character boundary.
std::string utf8_prefix(std::string_view text, size_t max);

// A lower-case id made of [a-z0-9] runs joined by '-', at most max_len bytes, never
// starting or ending with '-': "Sample Catalog *for* Demo" -> "sample-catalog-for-demo".
std::string slug(std::string_view text, size_t max_len);

// Positions in document order: a pre-order walk of each framework's tree, roots and
// siblings in their current order in `requirements`. Requirements whose parent is missing
// keep their relative order after the others (check_library reports them).
void assign_positions(std::vector<Requirement>* requirements);

// The mapping-end rule of catalogue_formats.h. final_pass = false (the reader): ends
// naming frameworks of the library are resolved, others stay "urn:"; true
// (resolve_mapping_urns): every end is resolved, by lookup when given. Mappings naming a
// node that a framework of the library lacks are dropped; then duplicates are dropped;
// each with a warning. paths (optional): one entry per mapping, kept aligned.
void resolve_mapping_ends(CatalogueLibrary* lib, const StoredFrameworkLookup* lookup,
                          bool final_pass, std::vector<std::string>* paths);
// Drops mappings with the same ends and origin as an earlier one (warning per origin).
void drop_duplicate_mappings(CatalogueLibrary* lib, std::vector<std::string>* paths);

}  // namespace isms::catalogue_internal
