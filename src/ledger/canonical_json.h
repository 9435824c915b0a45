// Checked access to the ledger's canonical JSON (the rules are in docs/formats/ledger.md).
//
// canonical_json() in ledger/entry.h has no way to report an error in its signature. It
// throws std::invalid_argument when the value holds something the ledger cannot store
// byte-for-byte reproducibly: a floating point number (its decimal form is not unique
// across implementations), a string or object key that is not valid UTF-8, a binary
// value, or a discarded value. Callers that handle outside input use the functions below
// instead, which never throw for those reasons. All functions are thread-safe and walk
// the value without recursion, so deeply nested input cannot exhaust the stack.
#pragma once

#include <string>

#include "base/error.h"
#include "base/json.h"

namespace isms::ledger {

// The canonical text of `value`, or kInvalid (field "change") whose message names the
// offending value by JSON Pointer, e.g. "floating point number at /risk/score".
Result<std::string> try_canonical_json(const Json& value);

// True when canonical_json(value) would succeed.
bool is_canonicalizable(const Json& value);

}  // namespace isms::ledger
