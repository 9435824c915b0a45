// Internal to the citation parser: checks what the scanner (citation.cc) read against
// the catalogue and builds the result (citation_resolve.cc). A reading the catalogue
// holds becomes a Citation; anything else a CitationWarning with a suggestion. Not part
// of the domain API; include domain/citation.h instead.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/citation.h"

namespace isms::citation_internal {

// Framework ids besides the built-in ones of domain/catalogue.h.
inline constexpr std::string_view kIso2013 = "iso27001-2013";
inline constexpr std::string_view kNist = "nist-sp-800-53-r5";
inline constexpr std::string_view kSoc2 = "soc2-tsc-2017";
inline constexpr std::string_view kNis2Directive = "nis2-directive";
inline constexpr std::string_view kGdpr = "gdpr";

// What an ISO 27001 id names, for the wording of warnings and their suggestions.
enum class RefKind { kClause, kAnnex, kOther };

// One id as the scanner read it: framework and normalized ref id ("A.5.19", "21(2)(a)").
struct Reading {
  std::string framework;
  std::string ref;
  RefKind kind = RefKind::kOther;
};

// One id (or range) as written, waiting to be checked against the catalogue.
struct Pending {
  Reading first;
  std::optional<Reading> last;  // a range to expand through the catalogue
  size_t begin = 0;
  size_t end = 0;
  std::string label;  // the notation's tag as written ("ISO27001"), "" when none
  bool from_range = false;
};

class Resolver {
 public:
  Resolver(std::string_view text, const CatalogueIndex& catalogue);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Checks each item in order; [nb, ne) is the notation they were written in. warn:
  // report the items the catalogue does not hold (false for "clause 14" outside an ISO
  // 27001 sentence, which is then not a reference at all).
  void emit(const std::vector<Pending>& items, size_t nb, size_t ne, bool warn);
  // True once the citation cap is reached: the scanner stops there.
  bool stopped() const;
  // The result, with the cap warnings last. Call once.
  CitationScan finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace isms::citation_internal
