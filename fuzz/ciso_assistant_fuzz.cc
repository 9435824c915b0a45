// Fuzz target: a CISO Assistant library (YAML), as POST /catalogue/import receives it.
//
// Feeds the bytes to read_ciso_assistant_library (which parses YAML with its own limits
// on nesting and alias expansion). Beyond "no crash, no leak, no hang" it checks, for
// every library accepted, the invariants of catalogue_round_trip.h: resolution leaves a
// valid library, and each framework survives an OSCAL export and re-import unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalogue_round_trip.h"
#include "formats/catalogue_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lib = isms::read_ciso_assistant_library(text);
  if (!lib.ok()) return 0;
  isms::fuzz::check_accepted_library(std::move(lib).value());
  return 0;
}
