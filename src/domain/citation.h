// Citations: requirement references found in free text, normalized to catalogue ids
// (domain/catalogue.h). Pure; no I/O. docs/citations.md lists every notation with
// examples; the readers are in citation_notations.cc, the scanner in citation.cc.
//
// Recognized notations (case-insensitive where letters appear, unless noted):
//   bracket lists   "[ISO27001 5.2]", "[ISO27002 A5.19, A5.20]", "[ISO27002 A5.2, 5.4]"
//                   (an "A" prefix carries over to the following bare numbers),
//                   "[NIS 5.1-5.2]" (a numeric range expands to the catalogue ids between
//                   its ends, inclusive, at the ends' depth), "[NIS 12.2, 12.3]", "[NIS 9]",
//                   "[NIST AC-2]", "[SOC 2 CC6.1]", "[GDPR Art. 32]", "[NIS2 Art. 21(2)(a)]"
//                   (under "NIS2" dotted numbers are 2024/2690 Annex sections, other numbers
//                   Directive articles). A bracket must start with its tag; a tag inside
//                   it switches the framework ("[ISO27001 5.2; NIS 1.1]").
//   ISO 27001       "ISO 27001 A.9.2.1" / "ISO/IEC 27001:2013 A.9.2.1" (2013 numbering:
//                   an Annex A id with three levels or a first level 9..18 cannot exist in
//                   2022 and is read as 2013), "Annex A 5.15", "Annex A.5.15", "A.5.15"
//                   (standalone: two or more levels, first level 5..18), "clause 6.1.2"
//                   (ISO 27001:2022 when the catalogue has it; an unknown number warns only
//                   when the sentence names ISO 27001). Without a year in the notation, a
//                   sentence naming exactly one of ":2013" / ":2022" sets it.
//   NIST SP 800-53  "AC-2", "AC-2(1)" (family in capitals, with "NIST" or "800-53" in the
//                   same sentence, or inside a bracket that names NIST)
//   SOC 2           "CC6.1" (standalone, in capitals), and "A1.2", "C1.1", "PI1.1", "P1.1"
//                   with "SOC 2"/"SOC2"/"TSC" in the same sentence or bracket
//   NIS2 Directive  "Art. 21(2)(a)" / "Article 21(2)(a)" / "Article 21(2), point (a)" with
//                   "NIS2", "NIS 2" or "2022/2555" in the same sentence; "(a) and (b)",
//                   "(a)-(c)" continue one article
//   GDPR            "Art. 32" / "Article 32(1)(b)" with "GDPR" or "2016/679" in the same
//                   sentence (the nearest law word decides when a sentence names both)
// Not references: "[ISO2700X]", a bare "[NIS]", "[ISO27001]" without a number, numbers
// outside a recognized context ("version 3.1", "8.1 Acceptable use" headings), an ISO year
// other than 2013/2017/2022/2023 ("ISO/IEC 27001:2005 A.10.1.1"), "state of the art 32".
//
// Framework ids of the normalized form: "iso27001-2022" (clauses and Annex A "A.x.y"; the
// "ISO27002" prefix cites the Annex A control of the same number), "iso27001-2013",
// "nis2-2024-2690" ("[NIS ...]" cites the 2024/2690 Annex), "nist-sp-800-53-r5",
// "soc2-tsc-2017", "nis2-directive" (ref "21(2)(a)"), "gdpr" (ref "32(1)(b)").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isms {

// What the parser may ask about the catalogue. The service implements it over the
// stored requirements; tests use an in-memory set.
class CatalogueIndex {
 public:
  virtual ~CatalogueIndex() = default;
  virtual bool has_framework(std::string_view framework_id) const = 0;
  virtual bool has_requirement(std::string_view framework_id, std::string_view ref_id) const = 0;
  // Ref ids of the framework in document order (for range expansion and suggestions).
  virtual std::vector<std::string> ref_ids(std::string_view framework_id) const = 0;
};

// One reference in the text. offset/length are byte positions of the reference itself
// (for "[ISO27002 A5.19, A5.20]" each id has its own span: "A5.19" and "A5.20"; the
// bracket's span is bracket_offset/bracket_length).
struct Citation {
  std::string framework_id;
  std::string ref_id;  // normalized: "A.5.19", "5.2", "1.1", "AC-2(1)", "21(2)(a)"
  std::string raw;     // the text as written for this id, e.g. "A5.19" or "5.1-5.2"
  size_t offset = 0;
  size_t length = 0;
  size_t bracket_offset = 0;  // the whole notation ("[ISO27002 A5.19, A5.20]")
  size_t bracket_length = 0;
  bool from_range = false;  // expanded from "a-b"
};

// A reference that was recognized but does not name a catalogue requirement (unknown
// id, framework not in the catalogue, 2013 numbering, malformed range). Never dropped
// (up to the cap of scan_citations).
struct CitationWarning {
  // The id as written, after the tag of its notation when it has one: "ISO27001 5.4" for
  // the 5.4 of "[ISO27001 5.1, 5.4]", "ISO 27001 A.9.2.1", "NIS 5.1-6", "Art. 32".
  std::string raw;
  size_t offset = 0;  // byte position of the id (or range) itself, as Citation::offset: "5.4"
  size_t length = 0;
  std::string framework_id;               // best reading, "" when unknown
  std::string ref_id;                     // best reading, "" when unknown
  std::string message;                    // "ISO 27001:2022 has no clause 5.4"
  std::optional<std::string> suggestion;  // requirement key, e.g. "iso27001-2022:A.5.4"
};

struct CitationScan {
  std::vector<Citation> citations;  // in text order; duplicates kept (each occurrence)
  std::vector<CitationWarning> warnings;
};

// Finds every reference in `text` (UTF-8; invalid bytes are skipped, never crash).
// Linear in the text length; at most 10,000 citations are returned, further ones add a
// single warning saying the text was truncated (scanning stops there). At most 10,000
// warnings are listed; past that one last warning counts the others. A range expands to
// at most 200 ids; a longer one is a warning. Each framework's ref_ids() is read at most
// once per call, and only when a range needs it.
CitationScan scan_citations(std::string_view text, const CatalogueIndex& catalogue);

// ISO/IEC 27001:2013 Annex A -> 2022 correspondence (ISO/IEC 27002:2022 Annex B, table
// B.2), e.g. "A.9.2.1" -> {"A.5.16"}, "A.18.2.3" -> {"A.5.36", "A.8.8"}; "9.2.1" and
// "A9.2.1" are read as "A.9.2.1". Empty for anything but one of the 114 2013 controls.
std::vector<std::string> iso27001_2013_to_2022(std::string_view ref_id_2013);

}  // namespace isms
