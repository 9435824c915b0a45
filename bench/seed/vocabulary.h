// Word lists for the benchmark data generator: enough variety that names, descriptions and
// search text look like a real registry (different lengths, shared prefixes, repeated
// words) rather than "asset-1 .. asset-N", which would make sorting and LIKE searches
// unrealistically cheap. Written for isms; plain data, no I/O.
#pragma once

#include <string_view>
#include <vector>

namespace isms::bench {

struct Vocabulary {
  std::vector<std::string_view> areas;      // "Billing", "Customer identity", ...
  std::vector<std::string_view> things;     // "API gateway", "database", ...
  std::vector<std::string_view> qualities;  // phrases for descriptions
  std::vector<std::string_view> functions;  // business functions
  std::vector<std::string_view> first_names;
  std::vector<std::string_view> last_names;
  std::vector<std::string_view> job_titles;
  std::vector<std::string_view> review_notes;      // reasons recorded with changes
  std::vector<std::string_view> control_measures;  // "Multi-factor authentication", ...
  std::vector<std::string_view> treatment_plans;   // phrases for risk treatment plans
};

const Vocabulary& vocabulary();

}  // namespace isms::bench
