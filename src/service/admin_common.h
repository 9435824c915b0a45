// Small helpers shared by the access administration services (users, roles, people,
// groups, grants, settings): permission checks, text rules, timestamps, id lists.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/access.h"

namespace isms::admin {

// kForbidden naming the permission unless p holds it (the operator holds every one).
Status require_permission(const Principal& p, std::string_view permission);

// Appends a FieldError to `errors` unless `value` is valid UTF-8 of min..max code points
// without control characters (newlines allowed when multiline). Leading/trailing blanks
// count; a value of only blanks counts as empty.
void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                size_t min, size_t max, bool multiline = false);

// RFC 3339 UTC ("...Z", fraction optional) -> the stored form (format_utc_micros);
// nullopt when malformed.
std::optional<std::string> normalize_timestamp(std::string_view text);

// Sorted, duplicates removed.
std::vector<std::string> sorted_unique(std::vector<std::string> values);

// ASCII lower-casing (emails, keys).
std::string ascii_lower(std::string_view text);

// {"<key>":{"from":..,"to":..}} for every member of `after` that differs in `before`,
// except version, created_at and updated_at (bookkeeping, not a change of substance).
Json json_diff(const Json& before, const Json& after);

// Reads the members of a JSON request body one by one, collecting every problem, so one
// kInvalid lists all bad fields: wrong types, values out of range, and (finish) members
// nobody asked for ("unknown field"). A body that is not an object is field "body".
class BodyReader {
 public:
  explicit BodyReader(const Json& body);

  // Each returns nullopt when the member is absent or bad (then an error is recorded).
  std::optional<std::string> string(const std::string& field);
  // As string(), but an absent or null member is recorded as "is required".
  std::optional<std::string> required_string(const std::string& field);
  // null -> an engaged outer optional holding nullopt.
  std::optional<std::optional<std::string>> nullable_string(const std::string& field);
  std::optional<bool> boolean(const std::string& field);
  std::optional<int64_t> integer(const std::string& field, int64_t min, int64_t max);
  // An array of strings, at most max_items.
  std::optional<std::vector<std::string>> strings(const std::string& field,
                                                  size_t max_items = 1000);
  // Records `why` for `field` when the body has it (read-only members).
  void reject(const std::string& field, const std::string& why);
  // Records a problem found by the caller.
  void add(const std::string& field, const std::string& message);

  // kInvalid with every problem (unknown members included), else ok.
  Status finish();

 private:
  const Json* member(const std::string& field);

  const Json& body_;
  bool is_object_;
  std::set<std::string> seen_;
  std::vector<FieldError> errors_;
};

// The Error of a failed Result unless it is kNotFound (then nullopt): lets a caller turn
// "does not exist" into a field error.
template <typename T>
std::optional<Error> unless_not_found(const Result<T>& r) {
  if (r.ok() || r.error().code == ErrorCode::kNotFound) return std::nullopt;
  return r.error();
}

}  // namespace isms::admin
