// Shared by the fuzz targets of the issue 6 request and record bodies (calendar, objective,
// audit, incident, review): a checked property that names itself before aborting, and the
// ledger rule that everything a module writes about an accepted value can be recorded in
// the hash-chained ledger (ledger::is_canonicalizable: no floating point, valid UTF-8).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/json.h"
#include "ledger/canonical_json.h"

// A violated property is a finding: say which one (file:line and the condition) and abort,
// so libFuzzer saves the input.
#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace isms::fuzz {

// The fixed "today" the wire forms derive states (overdue, expiring) from.
inline constexpr std::string_view kToday = "2026-06-15";

// Compact text of a value, for comparing two written forms in a failure message.
inline std::string text_of(const Json& j) { return dump_json(j); }

// The written form must be canonicalizable (it goes into a ledger entry as it is).
inline void check_ledger_safe(const Json& written) {
  FUZZ_CHECK(ledger::is_canonicalizable(written));
}

// Two written forms of what must be the same value: equal, or the finding prints both.
inline void check_same(const Json& a, const Json& b, const char* what) {
  if (a == b) return;
  std::fprintf(stderr, "%s differs after a round trip:\n  %s\n  %s\n", what,
               text_of(a).substr(0, 2000).c_str(), text_of(b).substr(0, 2000).c_str());
  std::abort();
}

// The string member `key` of an object, or `fallback`.
inline std::string member_or(const Json& j, const char* key, std::string fallback) {
  if (j.is_object()) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string()) return it->get<std::string>();
  }
  return fallback;
}

// The member `key` of an object, or nullptr.
inline const Json* member(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

}  // namespace isms::fuzz
