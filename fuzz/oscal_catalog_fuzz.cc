// Fuzz target: an OSCAL catalog (JSON), as POST /catalogue/import?format=oscal receives it.
//
// Feeds the bytes to read_oscal_catalog, with and without a framework id. Beyond "no
// crash, no leak, no hang" it checks, for every catalog accepted, the invariants of
// catalogue_round_trip.h: a valid library, and each framework written back as OSCAL
// reads back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "catalogue_round_trip.h"
#include "formats/catalogue_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lib = isms::read_oscal_catalog(text, "fuzz-catalog");
  if (!lib.ok()) return 0;
  if (lib->frameworks.size() != 1 || lib->frameworks[0].id != "fuzz-catalog") std::abort();
  isms::fuzz::check_accepted_library(std::move(lib).value());
  // The id from the title is a valid id whenever the catalog is otherwise accepted.
  auto titled = isms::read_oscal_catalog(text, "");
  if (titled.ok()) isms::fuzz::check_accepted_library(std::move(titled).value());
  return 0;
}
