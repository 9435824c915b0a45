#include "service/admin_common.h"

#include <algorithm>

#include "base/json.h"
#include "base/time.h"

namespace isms::admin {

namespace {

size_t code_points(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool has_control_characters(std::string_view s, bool allow_newlines) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

}  // namespace

Status require_permission(const Principal& p, std::string_view permission) {
  if (p.has(permission)) return ok_status();
  return Error::forbidden("this needs the permission " + std::string(permission));
}

void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                size_t min, size_t max, bool multiline) {
  if (!is_valid_utf8(value)) {
    errors.push_back({field, "must be valid UTF-8"});
    return;
  }
  bool blank = value.find_first_not_of(" \t\r\n") == std::string::npos;
  size_t n = code_points(value);
  if (min > 0 && blank) {
    errors.push_back({field, "must not be empty"});
  } else if (n < min) {
    errors.push_back({field, "must be at least " + std::to_string(min) + " characters"});
  } else if (n > max) {
    errors.push_back({field, "must be at most " + std::to_string(max) + " characters (got " +
                                 std::to_string(n) + ")"});
  } else if (has_control_characters(value, multiline)) {
    errors.push_back({field, "must not contain control characters"});
  }
}

std::optional<std::string> normalize_timestamp(std::string_view text) {
  int64_t micros = 0;
  if (text.size() < 20 || text.size() > 40 || text.back() != 'Z' || text[0] < '0' ||
      text[0] > '9' || !parse_utc_micros(text, &micros) || micros < 0) {
    return std::nullopt;
  }
  return format_utc_micros(micros);
}

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

Json json_diff(const Json& before, const Json& after) {
  Json diff = Json::object();
  for (auto it = after.begin(); it != after.end(); ++it) {
    const std::string& key = it.key();
    if (key == "version" || key == "created_at" || key == "updated_at") continue;
    Json from = before.contains(key) ? before[key] : Json(nullptr);
    if (from != it.value()) diff[key] = Json{{"from", from}, {"to", it.value()}};
  }
  return diff;
}

BodyReader::BodyReader(const Json& body) : body_(body), is_object_(body.is_object()) {}

const Json* BodyReader::member(const std::string& field) {
  seen_.insert(field);
  if (!is_object_) return nullptr;
  auto it = body_.find(field);
  return it == body_.end() ? nullptr : &*it;
}

std::optional<std::string> BodyReader::string(const std::string& field) {
  const Json* v = member(field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    errors_.push_back({field, "must be a string"});
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> BodyReader::required_string(const std::string& field) {
  const Json* v = member(field);
  if (is_object_ && (v == nullptr || v->is_null())) {
    errors_.push_back({field, "is required"});
    return std::nullopt;
  }
  return string(field);
}

std::optional<std::optional<std::string>> BodyReader::nullable_string(const std::string& field) {
  const Json* v = member(field);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) {
    errors_.push_back({field, "must be a string or null"});
    return std::nullopt;
  }
  return std::optional<std::string>(v->get<std::string>());
}

std::optional<bool> BodyReader::boolean(const std::string& field) {
  const Json* v = member(field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    errors_.push_back({field, "must be true or false"});
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<int64_t> BodyReader::integer(const std::string& field, int64_t min, int64_t max) {
  const Json* v = member(field);
  if (v == nullptr) return std::nullopt;
  bool in_range = false;
  int64_t n = 0;
  if (v->is_number_unsigned()) {
    uint64_t u = v->get<uint64_t>();
    in_range = u <= static_cast<uint64_t>(max) && static_cast<int64_t>(u) >= min;
    n = static_cast<int64_t>(u);
  } else if (v->is_number_integer()) {
    n = v->get<int64_t>();
    in_range = n >= min && n <= max;
  } else {
    errors_.push_back({field, "must be an integer"});
    return std::nullopt;
  }
  if (!in_range) {
    errors_.push_back(
        {field, "must be between " + std::to_string(min) + " and " + std::to_string(max)});
    return std::nullopt;
  }
  return n;
}

std::optional<std::vector<std::string>> BodyReader::strings(const std::string& field,
                                                            size_t max_items) {
  const Json* v = member(field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) {
    errors_.push_back({field, "must be an array of strings"});
    return std::nullopt;
  }
  if (v->size() > max_items) {
    errors_.push_back({field, "must have at most " + std::to_string(max_items) + " items"});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) {
      errors_.push_back({field, "must be an array of strings"});
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

void BodyReader::reject(const std::string& field, const std::string& why) {
  if (member(field) != nullptr) errors_.push_back({field, why});
}

void BodyReader::add(const std::string& field, const std::string& message) {
  errors_.push_back({field, message});
}

Status BodyReader::finish() {
  std::vector<FieldError> errors = errors_;
  if (!is_object_) {
    errors.insert(errors.begin(), {"body", "must be a JSON object"});
  } else {
    for (auto it = body_.begin(); it != body_.end(); ++it) {
      if (!seen_.count(it.key())) errors.push_back({it.key(), "unknown field"});
    }
  }
  if (errors.empty()) return ok_status();
  return Error::invalid(std::move(errors));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace isms::admin
