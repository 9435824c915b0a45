// Strict reading of the JSON objects of the audit module (stored record bodies and request
// bodies alike): every member is read at most once, a member nobody read is refused as
// "unknown field", and every problem is collected with the member's full name
// ("checklist[2].result") so one answer lists all of them. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms::audit_json {

class Reader {
 public:
  // `prefix` is prepended to member names in errors ("" or "checklist[2]."). A value that
  // is not an object is one error naming `what`.
  Reader(const Json& object, std::string prefix = "", std::string what = "body");
  // The reader keeps a reference: a temporary would dangle.
  Reader(Json&&, std::string = "", std::string = "") = delete;

  bool has(const std::string& key) const;
  // Text of at most max code points (newlines allowed when multiline); required = present
  // and not blank. nullopt when absent or wrong (the error is recorded).
  std::optional<std::string> text(const std::string& key, size_t max, bool multiline,
                                  bool required);
  // "YYYY-MM-DD" naming a real day; null reads as "" when nullable.
  std::optional<std::string> date(const std::string& key, bool required, bool nullable = false);
  std::optional<int64_t> integer(const std::string& key, int64_t min, int64_t max, bool required);
  std::optional<bool> boolean(const std::string& key, bool required);
  // One of `allowed` (the error lists them).
  std::optional<std::string> choice(const std::string& key,
                                    const std::vector<std::string_view>& allowed, bool required);
  // An array of at most max_items strings of 1..item_max characters, without duplicates.
  std::optional<std::vector<std::string>> strings(const std::string& key, size_t max_items,
                                                  size_t item_max, bool required);
  // The raw member (marked as read); nullptr when absent.
  const Json* raw(const std::string& key);
  // Members a client may echo back but never set: an error "is read-only" when present.
  void read_only(const std::vector<std::string>& keys);

  void add(const std::string& key, std::string message);
  std::vector<FieldError>& errors() { return errors_; }
  // Unknown members become errors; kInvalid listing every error, or ok.
  Status finish();

 private:
  const Json* take(const std::string& key, bool required);

  const Json& object_;
  std::string prefix_;
  std::set<std::string> read_;
  std::vector<FieldError> errors_;
};

}  // namespace isms::audit_json
