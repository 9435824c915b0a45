// Reading an existing Statement of Applicability from a table (CSV/XLSX) with a column
// mapping: which row holds the headers and which column holds the control id,
// applicability, reasons, justification and implementation status. Pure: the caller gives
// the set of known requirement ids and gets one outcome per row; SoaService compares the
// outcomes with the stored lines (the dry run) and applies them.
//
// Real-world sheets: merged/multi-row headers (the header row is the last row of the
// header block; cells of a merged header are taken from its first cell); control ids as
// "A.5.15", "A 5.15", "5.15", "A5.15", "Annex A 5.15" or "5.15 Access control"; ids a
// spreadsheet turned into numbers (5.1 could be 5.1 or 5.10: rejected as ambiguous unless
// the cell's text keeps the trailing zero) or into dates (2026-05-12 for "5.12": read back
// as 5.12 with a warning); ISO/IEC 27001:2013 ids (A.9.2.1) mapped to 2022 through
// domain/citation.h's table with a warning, or rejected when the 2013 control has no single
// 2022 successor; applicability as yes/no/y/n/x/true/false/1/0/applicable/not applicable/
// included/excluded (case-insensitive); several rows for one control: rejected after the
// first, naming the first row. Every rejection names the row (1-based as the spreadsheet
// shows it) and the reason.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/soa.h"
#include "formats/table_reader.h"

namespace isms {

// Columns are 0-based indexes; -1 = not mapped. Reason columns: either one column with
// words ("risk, legal") or one column per reason holding a mark (x, yes, 1, ✓).
struct SoaColumnMapping {
  std::string sheet;    // XLSX sheet name, "" = first
  int header_row = -1;  // 0-based; -1 = detect
  int ref = -1;
  int applicable = -1;
  int reasons = -1;
  int reason_risk = -1, reason_legal = -1, reason_contractual = -1, reason_business = -1;
  int justification = -1;
  int implementation = -1;
  // Columns named by header text rather than letter, keyed by the JSON key ("ref",
  // "reason_risk", ...); resolve_soa_mapping (and so read_soa_rows) finds them in the header
  // row. A key set here has its index -1 until resolved.
  std::map<std::string, std::string> header_texts;
  bool empty() const { return ref < 0 && applicable < 0 && header_texts.empty(); }
};
// JSON keys as in soa_mapping_to_json: "sheet", "header_row" (1-based as the spreadsheet
// shows it; null or absent = detect) and the columns, each a letter ("B"; one to three
// letters naming one of the first 200 columns, any case) or a header text (anything else,
// matched without case and surrounding blanks), or null. Unknown keys refused naming the
// key.
Result<SoaColumnMapping> soa_mapping_from_json(const Json& body);
// Columns as letters; a column still given by header text as that text; -1 as null.
Json soa_mapping_to_json(const SoaColumnMapping& m);

// The mapping made concrete for this table: header_row detected when -1 (stays -1 when no
// row looks like a header), header texts resolved to indexes. kInvalid naming the key when
// a header text is not in the header row, when ref or applicable is missing, or when a
// column lies past the table's widest row.
Result<SoaColumnMapping> resolve_soa_mapping(const Table& table, const SoaColumnMapping& mapping);

// Guesses header row and columns from header words (control, id, ref, applicable,
// justification, reason, status, implementation, ...). Leaves a column -1 when unsure.
SoaColumnMapping suggest_soa_mapping(const Table& table);

struct SoaImportRow {
  int row = 0;                 // 1-based spreadsheet row
  std::string raw_ref;         // the cell as read
  std::string ref_id;          // normalized "A.5.15" ("" when rejected before)
  ApplicabilityFields fields;  // version unset
  std::vector<std::string> warnings;
  std::optional<std::string> error;  // rejection reason; the row is not applied
};

// `known` tells whether "A.5.15" is an Annex A control of the target framework.
// kInvalid when the mapping lacks ref or applicable, or names a column past the table's
// widest row (the mapping goes through resolve_soa_mapping first). Rows before and
// including header_row, and empty rows, are skipped.
Result<std::vector<SoaImportRow>> read_soa_rows(
    const Table& table, const SoaColumnMapping& mapping,
    const std::function<bool(const std::string&)>& known);

// {"row","raw_ref","ref_id","warnings","error"} (error null when accepted), plus
// "applicable", "reasons", "justification", "implementation" for the fields the row gives.
Json soa_import_row_to_json(const SoaImportRow& r);

}  // namespace isms
