// Shared by the catalogue fuzz targets: what must hold for every library a reader
// accepts. Calls std::abort() (a finding) when it does not.
//  - after resolve_mapping_urns, check_library finds nothing (readers return valid
//    libraries apart from unresolved mapping ends, and resolution leaves none);
//  - each framework written as OSCAL parses as JSON and reads back to the same framework
//    and requirements (write_oscal_catalog's promise).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "base/json.h"
#include "domain/catalogue.h"
#include "formats/catalogue_formats.h"

namespace isms::fuzz {

inline auto requirement_fields(const Requirement& r) {
  return std::tie(r.framework_id, r.ref_id, r.parent_ref_id, r.title, r.description, r.kind,
                  r.assessable, r.position, r.notes);
}

inline void check_accepted_library(CatalogueLibrary lib) {
  resolve_mapping_urns(&lib, nullptr);
  if (!check_library(lib).empty()) std::abort();
  for (const Framework& f : lib.frameworks) {
    std::vector<Requirement> reqs;
    for (const Requirement& r : lib.requirements)
      if (r.framework_id == f.id) reqs.push_back(r);
    std::stable_sort(reqs.begin(), reqs.end(), [](const Requirement& a, const Requirement& b) {
      return a.position < b.position;
    });
    std::string text = write_oscal_catalog(f, reqs);
    if (!parse_json(text).ok()) std::abort();
    auto back = read_oscal_catalog(text, f.id);
    if (!back.ok() || back->frameworks.size() != 1) std::abort();
    const Framework& g = back->frameworks[0];
    if (std::tie(g.id, g.name, g.version, g.description, g.ref_id, g.provider, g.copyright) !=
        std::tie(f.id, f.name, f.version, f.description, f.ref_id, f.provider, f.copyright))
      std::abort();
    if (back->requirements.size() != reqs.size()) std::abort();
    for (size_t i = 0; i < reqs.size(); ++i)
      if (requirement_fields(back->requirements[i]) != requirement_fields(reqs[i])) std::abort();
  }
}

}  // namespace isms::fuzz
