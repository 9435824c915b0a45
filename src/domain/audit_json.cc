#include "domain/audit_json.h"

#include "domain/risk_common.h"

namespace isms::audit_json {

Reader::Reader(const Json& object, std::string prefix, std::string what)
    : object_(object), prefix_(std::move(prefix)) {
  if (!object_.is_object()) errors_.push_back({std::move(what), "must be a JSON object"});
}

bool Reader::has(const std::string& key) const {
  return object_.is_object() && object_.contains(key);
}

void Reader::add(const std::string& key, std::string message) {
  errors_.push_back({prefix_ + key, std::move(message)});
}

const Json* Reader::take(const std::string& key, bool required) {
  read_.insert(key);
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end()) {
    if (required) add(key, "is required");
    return nullptr;
  }
  return &*it;
}

const Json* Reader::raw(const std::string& key) { return take(key, false); }

std::optional<std::string> Reader::text(const std::string& key, size_t max, bool multiline,
                                        bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add(key, "must be a string");
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  size_t before = errors_.size();
  risk_detail::check_text(errors_, prefix_ + key, s, max, multiline, required);
  if (errors_.size() != before) return std::nullopt;
  return s;
}

std::optional<std::string> Reader::date(const std::string& key, bool required, bool nullable) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (v->is_null() && nullable) return std::string();
  if (!v->is_string() || !risk_detail::is_valid_date(v->get<std::string>())) {
    add(key, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<int64_t> Reader::integer(const std::string& key, int64_t min, int64_t max,
                                       bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    add(key, "must be an integer");
    return std::nullopt;
  }
  int64_t n = v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX)
                  ? INT64_MAX
                  : v->get<int64_t>();
  if (n < min || n > max) {
    add(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Reader::boolean(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    add(key, "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::string> Reader::choice(const std::string& key,
                                          const std::vector<std::string_view>& allowed,
                                          bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    std::string s = v->get<std::string>();
    for (std::string_view a : allowed) {
      if (s == a) return s;
    }
  }
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  add(key, "must be one of " + list);
  return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::strings(const std::string& key, size_t max_items,
                                                        size_t item_max, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->size() > max_items) {
    add(key, "must be an array of at most " + std::to_string(max_items) + " strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  size_t before = errors_.size();
  for (size_t i = 0; i < v->size(); ++i) {
    std::string field = key + "[" + std::to_string(i) + "]";
    const Json& item = (*v)[i];
    if (!item.is_string()) {
      add(field, "must be a string");
      continue;
    }
    std::string s = item.get<std::string>();
    risk_detail::check_text(errors_, prefix_ + field, s, item_max, false, true);
    if (!seen.insert(s).second) add(field, "is listed twice");
    out.push_back(std::move(s));
  }
  if (errors_.size() != before) return std::nullopt;
  return out;
}

void Reader::read_only(const std::vector<std::string>& keys) {
  for (const std::string& k : keys) {
    if (take(k, false)) add(k, "is read-only");
  }
}

Status Reader::finish() {
  if (object_.is_object()) {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!read_.count(it.key())) add(it.key(), "unknown field");
    }
  }
  if (errors_.empty()) return ok_status();
  return Error::invalid(std::move(errors_));
}

}  // namespace isms::audit_json
