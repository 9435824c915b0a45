// Fuzz target: scan_citations on arbitrary bytes with a small fixed catalogue.
//
// Checks the contract of domain/citation.h beyond "does not crash": every citation's
// span lies inside the text and is its raw text, its notation's span contains it, every
// warning's span lies inside the text, citations come in text order and stay under the
// 10,000 cap. Scanning the same text twice gives the same result (no hidden state).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/citation.h"

namespace {

class FixedCatalogue : public isms::CatalogueIndex {
 public:
  FixedCatalogue() {
    auto& iso = ids_["iso27001-2022"];
    iso = {"4", "4.3", "5", "5.1", "5.2", "5.3", "6", "6.1", "6.1.2", "A", "A.5"};
    for (int k = 1; k <= 37; ++k) iso.push_back("A.5." + std::to_string(k));
    iso.push_back("A.8");
    for (int k = 1; k <= 34; ++k) iso.push_back("A.8." + std::to_string(k));
    auto& nis = ids_["nis2-2024-2690"];
    for (int s = 1; s <= 13; ++s) {
      nis.push_back(std::to_string(s));
      for (int k = 1; k <= 12; ++k) nis.push_back(std::to_string(s) + "." + std::to_string(k));
    }
    nis.push_back("1.1.1");
    nis.push_back("1.1.1.a");
    ids_["nist-sp-800-53-r5"] = {"AC", "AC-2", "AC-2(1)"};
    ids_["gdpr"] = {"32", "32(1)", "32(1)(b)"};
    for (const auto& [fw, ids] : ids_) sets_[fw] = std::set<std::string>(ids.begin(), ids.end());
  }
  bool has_framework(std::string_view fw) const override { return ids_.count(std::string(fw)) > 0; }
  bool has_requirement(std::string_view fw, std::string_view ref) const override {
    auto it = sets_.find(std::string(fw));
    return it != sets_.end() && it->second.count(std::string(ref)) > 0;
  }
  std::vector<std::string> ref_ids(std::string_view fw) const override {
    auto it = ids_.find(std::string(fw));
    return it == ids_.end() ? std::vector<std::string>{} : it->second;
  }

 private:
  std::map<std::string, std::vector<std::string>> ids_;
  std::map<std::string, std::set<std::string>> sets_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const FixedCatalogue catalogue;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  isms::CitationScan scan = isms::scan_citations(text, catalogue);
  if (scan.citations.size() > 10000) std::abort();
  size_t previous = 0;
  for (const auto& c : scan.citations) {
    if (c.offset > size || c.length > size - c.offset) std::abort();
    if (text.substr(c.offset, c.length) != c.raw || c.raw.empty()) std::abort();
    if (c.bracket_offset > c.offset) std::abort();
    if (c.bracket_offset + c.bracket_length < c.offset + c.length) std::abort();
    if (c.bracket_offset + c.bracket_length > size) std::abort();
    if (c.offset < previous) std::abort();
    previous = c.offset;
    if (!catalogue.has_requirement(c.framework_id, c.ref_id)) std::abort();
  }
  for (const auto& w : scan.warnings) {
    if (w.offset > size || w.length > size - w.offset) std::abort();
  }
  isms::CitationScan again = isms::scan_citations(text, catalogue);
  if (again.citations.size() != scan.citations.size() ||
      again.warnings.size() != scan.warnings.size()) {
    std::abort();
  }
  return 0;
}
