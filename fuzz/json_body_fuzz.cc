// Fuzz target: a JSON request body, as the HTTP layer receives it.
//
// Feeds the bytes to parse_json; when they parse, to the asset decoder and to the
// ledger's canonical JSON. Beyond "no crash, no leak, no uncaught exception" it checks:
//  - canonical_json() throws exactly when try_canonical_json() reports an error;
//  - the canonical text parses back to an equal value with the same canonical text;
//  - whatever an accepted asset patch does to an asset, the resulting wire form and the
//    ledger change (asset_diff) can be recorded, i.e. are canonicalizable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "base/json.h"
#include "domain/asset.h"
#include "ledger/canonical_json.h"
#include "ledger/entry.h"

namespace {

void check_canonical(const isms::Json& value) {
  auto canon = isms::ledger::try_canonical_json(value);
  bool threw = false;
  try {
    (void)isms::ledger::canonical_json(value);
  } catch (const std::invalid_argument&) {
    threw = true;
  }
  if (threw == canon.ok()) std::abort();
  if (!canon.ok()) return;
  auto again = isms::parse_json(*canon);
  if (!again.ok() || *again != value) std::abort();
  auto twice = isms::ledger::try_canonical_json(*again);
  if (!twice.ok() || *twice != *canon) std::abort();
}

void check_asset_patch(const isms::Json& body) {
  auto patch = isms::asset_patch_from_json(body);
  if (!patch.ok()) return;
  isms::Asset before;
  before.id = "00000000-0000-4000-8000-000000000001";
  before.name = "Mail server";
  isms::Asset after = before;
  isms::apply_asset_fields(patch->fields, &after);
  (void)isms::validate_asset(after);
  (void)isms::check_asset_update(before, after, patch->justification);
  if (!isms::ledger::is_canonicalizable(isms::asset_to_json(after))) std::abort();
  if (!isms::ledger::is_canonicalizable(isms::asset_diff(before, after, patch->justification)))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = isms::parse_json(text);
  if (!parsed.ok()) return 0;
  check_canonical(*parsed);
  check_asset_patch(*parsed);
  return 0;
}
