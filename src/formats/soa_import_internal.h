// Helpers shared by the SoA import files (formats/soa_import.h). Internal.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/soa.h"
#include "formats/table_reader.h"

namespace isms::soa_detail {

// For matching words: trimmed (blanks, NBSP), blank runs as one space, ASCII and Latin-1
// capitals in lower case ("Begründung", "BEGRÜNDUNG" -> "begründung").
std::string fold(std::string_view s);
// Trimmed of blanks and NBSP, nothing else changed.
std::string trim_text(std::string_view s);

// The numeric levels of a control id as written ("A.5.15", "Annex A 5.15", "5.15 Access
// control" -> {5, 15}); nullopt when the text does not start with an id.
std::optional<std::vector<int>> id_levels(std::string_view text);
// True when the cell reads as a control id of two or three levels (header detection).
bool looks_like_control_id(const TableCell& cell);

struct RefOutcome {
  std::string ref_id;  // "" on error
  std::vector<std::string> warnings;
  std::optional<std::string> error;
};
RefOutcome resolve_ref(const TableCell& cell, const std::function<bool(const std::string&)>& known);

std::optional<Applicable> parse_applicability_word(std::string_view text);
std::optional<ImplementationStatus> parse_implementation_word(const TableCell& cell);

// Which cell shows through at each position of a line of `length` cells, given merged
// intervals on that line [first, last] -> source: the source of the first interval
// covering a position, else nullopt. Linear in length plus intervals.
struct MergeInterval {
  int first = 0, last = 0;
  std::pair<int, int> source;  // (row, column) of the range's top-left cell
};
std::vector<std::optional<std::pair<int, int>>> paint_merges(
    int length, const std::vector<MergeInterval>& intervals);

// The cell at (row, column), or an empty one.
const TableCell& cell_at(const Table& t, int row, int column);

}  // namespace isms::soa_detail
