// Fuzz target: reading SoA rows from a table (formats/soa_import.h) with a fixed set of
// known controls (the 93 of ISO/IEC 27001:2022 Annex A).
//
// The input is a CSV table, optionally preceded by a column mapping as JSON and the line
// "=====". Without one (or when it does not parse) the suggested mapping is used.
//
// Checks beyond "does not crash": the mapping survives its JSON round trip; outcomes come
// in row order, after the header row, one per row at most; an accepted row names a known
// control, and no control is accepted twice; a rejected row says why; an accepted id is
// normalized ("A.x.y"); every outcome serializes to JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/json.h"
#include "formats/soa_import.h"

namespace {

const std::set<std::string>& annex_a() {
  static const std::set<std::string> ids = [] {
    std::set<std::string> s;
    for (auto [theme, count] : {std::pair{5, 37}, {6, 8}, {7, 14}, {8, 34}}) {
      for (int i = 1; i <= count; ++i) {
        s.insert("A." + std::to_string(theme) + "." + std::to_string(i));
      }
    }
    return s;
  }();
  return ids;
}

bool known(const std::string& id) { return annex_a().count(id) > 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::optional<isms::SoaColumnMapping> given;
  constexpr std::string_view kSep = "\n=====\n";
  if (size_t at = input.find(kSep); at != std::string_view::npos) {
    auto json = isms::parse_json(input.substr(0, at));
    if (json.ok()) {
      auto m = isms::soa_mapping_from_json(*json);
      if (m.ok()) given = *m;
    }
    input.remove_prefix(at + kSep.size());
  }
  auto table = isms::read_csv_table(input);
  if (!table.ok()) return 0;

  isms::SoaColumnMapping mapping = given ? *given : isms::suggest_soa_mapping(*table);
  isms::Json json = isms::soa_mapping_to_json(mapping);
  auto back = isms::soa_mapping_from_json(json);
  if (!back.ok() || isms::soa_mapping_to_json(*back) != json) std::abort();

  auto resolved = isms::resolve_soa_mapping(*table, mapping);
  auto rows = isms::read_soa_rows(*table, mapping, known);
  if (resolved.ok() != rows.ok()) std::abort();
  if (!rows.ok()) {
    if (rows.error().message.empty()) std::abort();
    return 0;
  }
  int last = resolved->header_row + 1;  // 1-based number of the header row
  std::set<std::string> accepted;
  for (const isms::SoaImportRow& r : *rows) {
    if (r.row <= last || r.row > static_cast<int>(table->rows.size())) std::abort();
    last = r.row;
    if (r.error) {
      if (r.error->empty()) std::abort();
    } else {
      if (!known(r.ref_id)) std::abort();
      if (!accepted.insert(r.ref_id).second) std::abort();
    }
    if (!r.ref_id.empty() && !known(r.ref_id)) std::abort();
    (void)isms::dump_json(isms::soa_import_row_to_json(r));
  }
  return 0;
}
