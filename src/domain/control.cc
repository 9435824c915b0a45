#include "domain/control.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

#include "domain/catalogue.h"
#include "domain/document.h"

namespace isms {

namespace {

constexpr std::array<std::pair<ControlStatus, std::string_view>, 4> kStatuses = {{
    {ControlStatus::kPlanned, "planned"},
    {ControlStatus::kInProgress, "in_progress"},
    {ControlStatus::kImplemented, "implemented"},
    {ControlStatus::kNotApplicable, "not_applicable"},
}};

constexpr int kCheckIntervalMin = 1;
constexpr int kCheckIntervalMax = 36;

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// C0 controls, DEL and C1 controls (UTF-8 C2 80..C2 9F): invisible or terminal-moving.
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

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_text(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                size_t max, bool multiline, bool required) {
  if (!is_valid_utf8(value)) return errors.push_back({field, "must be valid UTF-8"});
  if (required && is_blank(value)) return errors.push_back({field, "must not be empty"});
  size_t n = utf8_length(value);
  if (n > max) {
    errors.push_back({field, "must be at most " + std::to_string(max) + " characters (got " +
                                 std::to_string(n) + ")"});
  } else if (has_control_characters(value, multiline)) {
    errors.push_back({field, "must not contain control characters"});
  }
}

void check_date(std::vector<FieldError>& errors, const std::string& field,
                const std::optional<std::string>& value) {
  if (value && !is_calendar_date(*value)) {
    errors.push_back({field, "must be a date YYYY-MM-DD that exists, got \"" + *value + "\""});
  }
}

std::string allowed_statuses() {
  std::string s;
  for (auto& [status, name] : kStatuses) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  auto tail = s.substr(s.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

Error unsupported(std::string_view file_name, const std::string& why) {
  Error e;
  e.code = ErrorCode::kUnsupportedMediaType;
  e.message = "evidence file \"" + sanitize_file_name(file_name) + "\" is " + why +
              "; accepted are PDF, PNG, JPEG, GIF, plain text, CSV, JSON and Office documents "
              "(xlsx, docx, pptx)";
  e.field = "file_name";
  return e;
}

}  // namespace

std::string_view control_status_name(ControlStatus s) {
  for (auto& [status, name] : kStatuses)
    if (status == s) return name;
  return "planned";
}

std::optional<ControlStatus> parse_control_status(std::string_view s) {
  for (auto& [status, name] : kStatuses)
    if (name == s) return status;
  return std::nullopt;
}

Result<ControlPatch> control_patch_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ControlPatch patch;
  ControlFields& f = patch.fields;
  std::vector<FieldError> errors;
  auto string_member = [&](const Json& v, const std::string& key, std::optional<std::string>* out) {
    if (!v.is_string()) return errors.push_back({key, "must be a string"});
    *out = v.get<std::string>();
  };
  auto nullable_member = [&](const Json& v, const std::string& key,
                             std::optional<std::optional<std::string>>* out) {
    if (v.is_null()) {
      *out = std::optional<std::string>{};
    } else if (v.is_string()) {
      *out = std::optional<std::string>{v.get<std::string>()};
    } else {
      errors.push_back({key, "must be a string or null"});
    }
  };
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      string_member(v, key, &f.title);
    } else if (key == "description") {
      string_member(v, key, &f.description);
    } else if (key == "owner_id") {
      nullable_member(v, key, &f.owner_id);
    } else if (key == "next_check_on") {
      nullable_member(v, key, &f.next_check_on);
    } else if (key == "status") {
      std::optional<std::string> s;
      string_member(v, key, &s);
      if (!s) continue;
      f.status = parse_control_status(*s);
      if (!f.status) {
        errors.push_back(
            {key, "unknown value \"" + *s + "\"; expected one of " + allowed_statuses()});
      }
    } else if (key == "classification") {
      std::optional<std::string> s;
      string_member(v, key, &s);
      if (!s) continue;
      f.classification = parse_classification(*s);
      if (!f.classification) {
        errors.push_back(
            {key, "unknown value \"" + *s + "\"; expected one of public, internal, confidential"});
      }
    } else if (key == "requirement_keys") {
      if (!v.is_array()) {
        errors.push_back({key, "must be an array of requirement keys (\"framework:ref\")"});
        continue;
      }
      std::vector<std::string> keys;
      bool ok = true;
      for (size_t i = 0; i < v.size() && ok; ++i) {
        if (!v[i].is_string()) {
          errors.push_back({key + "[" + std::to_string(i) + "]", "must be a string"});
          ok = false;
        } else {
          keys.push_back(v[i].get<std::string>());
        }
      }
      if (ok) f.requirement_keys = std::move(keys);
    } else if (key == "check_interval_months") {
      if (!v.is_number_integer()) {
        errors.push_back({key, "must be a whole number of months from 1 to 36"});
        continue;
      }
      auto n = v.get<int64_t>();
      if (n < kCheckIntervalMin || n > kCheckIntervalMax) {
        errors.push_back({key, "must be from 1 to 36 months, got " + std::to_string(n)});
        continue;
      }
      f.check_interval_months = static_cast<int>(n);
    } else if (key == "version") {
      if (!v.is_number_integer() || v.get<int64_t>() < 1) {
        errors.push_back({key, "must be a positive integer"});
      } else {
        patch.version = v.get<int64_t>();
      }
    } else if (key == "id" || key == "ref" || key == "owner_name" || key == "risk_ids" ||
               key == "last_checked_on" || key == "check_overdue" || key == "evidence_count" ||
               key == "valid_evidence_count" || key == "content_hidden" || key == "archived" ||
               key == "archived_at" || key == "archive_reason" || key == "created_at" ||
               key == "updated_at") {
      errors.push_back({key, "is read-only"});
    } else {
      errors.push_back({key, "unknown field"});
    }
  }
  // The rules for the fields given, so one response names every problem at once.
  Control scratch;
  scratch.title = "x";
  apply_control_fields(f, &scratch);
  for (auto& e : validate_control(scratch)) {
    std::string top = e.field.substr(0, e.field.find('['));
    bool reported = std::any_of(errors.begin(), errors.end(), [&](const FieldError& x) {
      return x.field.substr(0, x.field.find('[')) == top;
    });
    if (body.contains(top) && !reported) errors.push_back(std::move(e));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return patch;
}

void apply_control_fields(const ControlFields& f, Control* c) {
  if (f.title) c->title = *f.title;
  if (f.description) c->description = *f.description;
  if (f.owner_id) c->owner_id = *f.owner_id;
  if (f.status) c->status = *f.status;
  if (f.classification) c->classification = *f.classification;
  if (f.requirement_keys) {
    // Sorted and unique, so equal sets compare equal and diffs stay quiet.
    std::set<std::string> unique(f.requirement_keys->begin(), f.requirement_keys->end());
    c->requirement_keys.assign(unique.begin(), unique.end());
  }
  if (f.next_check_on) c->next_check_on = *f.next_check_on;
  if (f.check_interval_months) c->check_interval_months = *f.check_interval_months;
}

std::vector<FieldError> validate_control(const Control& c) {
  std::vector<FieldError> errors;
  check_text(errors, "title", c.title, kControlTitleMax, false, true);
  check_text(errors, "description", c.description, kControlTextMax, true, false);
  if (c.owner_id && c.owner_id->empty()) errors.push_back({"owner_id", "must not be empty"});
  if (c.classification > Classification::kConfidential) {
    // Controls describe measures, not customer data; customer_data's grant-only reading
    // would hide a control from the people who must apply it.
    errors.push_back(
        {"classification", "a control is at most confidential (customer_data is for assets)"});
  }
  if (c.requirement_keys.size() > kControlRequirementsMax) {
    errors.push_back(
        {"requirement_keys",
         "must list at most " + std::to_string(kControlRequirementsMax) + " requirements"});
  } else {
    for (size_t i = 0; i < c.requirement_keys.size(); ++i) {
      const std::string& key = c.requirement_keys[i];
      if (key.size() > 200 || !is_valid_utf8(key) || has_control_characters(key, false) ||
          !split_requirement_key(key)) {
        errors.push_back({"requirement_keys[" + std::to_string(i) + "]",
                          "must be a requirement key \"framework:ref\", e.g. "
                          "\"iso27001-2022:A.5.15\""});
        break;
      }
    }
  }
  check_date(errors, "next_check_on", c.next_check_on);
  check_date(errors, "last_checked_on", c.last_checked_on);
  if (c.check_interval_months < kCheckIntervalMin || c.check_interval_months > kCheckIntervalMax) {
    errors.push_back({"check_interval_months", "must be from 1 to 36 months"});
  }
  return errors;
}

Json control_to_json(const Control& c, std::string_view today) {
  bool overdue = !c.archived_at && c.status != ControlStatus::kNotApplicable && c.next_check_on &&
                 *c.next_check_on < today;
  return Json{{"id", c.id},
              {"ref", c.ref},
              {"title", c.title},
              {"description", c.content_hidden ? Json(nullptr) : Json(c.description)},
              {"content_hidden", c.content_hidden},
              {"owner_id", optional_json(c.owner_id)},
              {"owner_name", optional_json(c.owner_name)},
              {"status", control_status_name(c.status)},
              {"classification", classification_name(c.classification)},
              {"requirement_keys", c.requirement_keys},
              {"risk_ids", c.risk_ids},
              {"next_check_on", optional_json(c.next_check_on)},
              {"last_checked_on", optional_json(c.last_checked_on)},
              {"check_interval_months", c.check_interval_months},
              {"check_overdue", overdue},
              {"evidence_count", c.evidence_count},
              {"valid_evidence_count", c.valid_evidence_count},
              {"archived", c.archived_at.has_value()},
              {"archived_at", optional_json(c.archived_at)},
              {"archive_reason", optional_json(c.archive_reason)},
              {"version", c.version},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at}};
}

std::string_view evidence_kind_name(EvidenceKind k) {
  return k == EvidenceKind::kFile ? "file" : "link";
}

std::string_view evidence_state(const Evidence& e, std::string_view today) {
  if (e.valid_until && *e.valid_until < today) return "expired";
  if (e.valid_from > today) return "not_yet_valid";
  return "valid";
}

Result<std::string> evidence_media_type(std::string_view file_name, std::string_view content) {
  // Documents and images by their signatures.
  if (starts_with(content, "%PDF-")) return std::string("application/pdf");
  if (starts_with(content, "\x89PNG\r\n\x1a\n")) return std::string("image/png");
  if (starts_with(content, "\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (starts_with(content, "GIF87a") || starts_with(content, "GIF89a")) {
    return std::string("image/gif");
  }
  if (starts_with(content, std::string_view("PK\x03\x04", 4))) {
    // Office Open XML files are zips; which one is taken from the name (the parts inside
    // are not inspected), and the download carries that type.
    if (ends_with_ci(file_name, ".xlsx")) {
      return std::string("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    if (ends_with_ci(file_name, ".docx")) {
      return std::string("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
    if (ends_with_ci(file_name, ".pptx")) {
      return std::string(
          "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    }
    return std::string("application/zip");
  }
  // Programs: refused before the text test, since a script is valid text.
  if (starts_with(content, "#!")) return unsupported(file_name, "a script (it starts with #!)");
  if (starts_with(content,
                  "\x7F"
                  "ELF")) {
    return unsupported(file_name, "an executable (ELF)");
  }
  static constexpr std::array<std::string_view, 5> kMachO = {"\xFE\xED\xFA\xCE", "\xFE\xED\xFA\xCF",
                                                             "\xCE\xFA\xED\xFE", "\xCF\xFA\xED\xFE",
                                                             "\xCA\xFE\xBA\xBE"};
  for (auto magic : kMachO) {
    if (starts_with(content, magic)) return unsupported(file_name, "an executable (Mach-O)");
  }
  bool has_nul = content.find('\0') != std::string_view::npos;
  if (starts_with(content, "MZ") && (has_nul || !is_valid_utf8(content))) {
    return unsupported(file_name, "an executable (Windows)");
  }
  if (!has_nul && is_valid_utf8(content)) {
    if (ends_with_ci(file_name, ".csv")) return std::string("text/csv");
    if (ends_with_ci(file_name, ".json")) return std::string("application/json");
    return std::string("text/plain");
  }
  return unsupported(file_name, "of an unknown or unsupported type");
}

std::string sanitize_file_name(std::string_view name) {
  // Only the last path component: browsers and scripts may send a whole path.
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (size_t i = 0; i < name.size() && out.size() < 200; ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == ' ' || c == '-';
    if (keep) {
      out += static_cast<char>(c);
      continue;
    }
    out += '_';
    // One '_' per character: skip the continuation bytes of a UTF-8 sequence.
    while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  size_t start = out.find_first_not_of(' ');
  out = start == std::string::npos ? "" : out.substr(start);
  // No hidden files, and no "." / ".." names.
  for (char& c : out) {
    if (c != '.') break;
    c = '_';
  }
  if (out.empty()) out = "file";
  return out;
}

std::vector<FieldError> validate_evidence(const Evidence& e) {
  std::vector<FieldError> errors;
  check_text(errors, "title", e.title, kEvidenceTitleMax, false, true);
  check_text(errors, "description", e.description, kControlTextMax, true, false);
  if (e.kind == EvidenceKind::kLink) {
    bool http = starts_with(e.url, "https://") || starts_with(e.url, "http://");
    size_t host_start = e.url.find("//") == std::string::npos ? 0 : e.url.find("//") + 2;
    bool has_host = http && host_start < e.url.size() && e.url[host_start] != '/' &&
                    e.url[host_start] != '?' && e.url[host_start] != '#';
    if (e.url.size() > kEvidenceUrlMax) {
      errors.push_back({"url", "must be at most " + std::to_string(kEvidenceUrlMax) + " bytes"});
    } else if (!http || !has_host) {
      errors.push_back({"url", "must be an http:// or https:// address with a host"});
    } else if (!is_valid_utf8(e.url) || has_control_characters(e.url, false) ||
               e.url.find_first_of(" \"<>\\^`{|}") != std::string::npos) {
      errors.push_back({"url", "must not contain spaces, quotes or control characters"});
    }
  } else {
    if (e.sha256.size() != 64 ||
        e.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
      errors.push_back({"sha256", "must be 64 lower-case hex digits"});
    }
    if (e.file_name.empty() || e.file_name != sanitize_file_name(e.file_name)) {
      errors.push_back({"file_name", "must be a sanitized file name"});
    }
    if (e.size < 0 || static_cast<size_t>(e.size) > kEvidenceFileMax) {
      errors.push_back({"size", "must be at most 25 MiB"});
    }
    if (e.media_type.empty()) errors.push_back({"media_type", "must not be empty"});
  }
  if (!is_calendar_date(e.valid_from)) {
    errors.push_back({"valid_from", "must be a date YYYY-MM-DD that exists"});
  }
  check_date(errors, "valid_until", e.valid_until);
  if (e.valid_until && is_calendar_date(*e.valid_until) && is_calendar_date(e.valid_from) &&
      *e.valid_until < e.valid_from) {
    errors.push_back({"valid_until", "must not be before valid_from"});
  }
  return errors;
}

Json evidence_to_json(const Evidence& e, std::string_view today) {
  bool file = e.kind == EvidenceKind::kFile;
  return Json{{"id", e.id},
              {"control_id", e.control_id},
              {"title", e.title},
              {"description", e.description},
              {"kind", evidence_kind_name(e.kind)},
              {"url", file ? Json(nullptr) : Json(e.url)},
              {"sha256", file ? Json(e.sha256) : Json(nullptr)},
              {"file_name", file ? Json(e.file_name) : Json(nullptr)},
              {"media_type", file ? Json(e.media_type) : Json(nullptr)},
              {"size", file ? Json(e.size) : Json(nullptr)},
              {"valid_from", e.valid_from},
              {"valid_until", optional_json(e.valid_until)},
              {"state", evidence_state(e, today)},
              {"created_by", e.created_by},
              {"archived", e.archived_at.has_value()},
              {"archived_at", optional_json(e.archived_at)},
              {"version", e.version},
              {"created_at", e.created_at}};
}

}  // namespace isms
