#include "domain/document.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "base/json.h"

namespace isms {

namespace {

constexpr std::array<std::pair<DocumentKind, std::string_view>, 3> kKinds = {{
    {DocumentKind::kPolicy, "policy"},
    {DocumentKind::kStandard, "standard"},
    {DocumentKind::kProcedure, "procedure"},
}};

constexpr std::array<std::pair<VersionStatus, std::string_view>, 5> kStatuses = {{
    {VersionStatus::kDraft, "draft"},
    {VersionStatus::kInReview, "in_review"},
    {VersionStatus::kApproved, "approved"},
    {VersionStatus::kPublished, "published"},
    {VersionStatus::kSuperseded, "superseded"},
}};

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxLabel = 20;
constexpr size_t kMaxPerson = 200;
constexpr size_t kMaxChanges = 4000;
constexpr size_t kMaxChangeLog = 500;
constexpr size_t kMaxBodyBytes = 2 * 1024 * 1024;

// Code points of text already known to be valid UTF-8: every byte but continuation bytes.
size_t code_points(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// C0 controls, DEL and C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F): they render
// invisibly or move the cursor where documents are shown (terminals, logs, PDFs).
// `multiline` lets \n and \t through, which body and change texts legitimately hold.
bool has_control(std::string_view s, bool multiline) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (multiline && (c == '\n' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\n") == std::string_view::npos; }

struct Checker {
  std::vector<DocumentProblem> problems;

  void add(std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  }

  // Returns false when the text is unusable (bad UTF-8, too long, control characters).
  bool text(const std::string& field, std::string_view value, size_t max, bool multiline) {
    if (!is_valid_utf8(value)) {
      add(field, "must be valid UTF-8");
      return false;
    }
    size_t n = code_points(value);
    if (n > max) {
      add(field,
          "must be at most " + std::to_string(max) + " characters (got " + std::to_string(n) + ")");
      return false;
    }
    if (has_control(value, multiline)) {
      add(field, multiline ? "must not contain control characters other than newline and tab"
                           : "must be one line without control characters");
      return false;
    }
    return true;
  }

  void required(const std::string& field, std::string_view value, size_t max) {
    if (text(field, value, max, false) && is_blank(value)) add(field, "must not be empty");
  }

  void date(const std::string& field, const std::optional<std::string>& value) {
    if (value && !is_calendar_date(*value)) {
      add(field, "must be a date YYYY-MM-DD that exists (got \"" + value->substr(0, 40) + "\")");
    }
  }
};

// Lower case, single spaces, no surrounding blanks or final period, no leading "the ".
std::string normalize_owner(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  return out;
}

std::optional<std::string> role_for_exact(std::string_view n) {
  // Built-in role keys (domain/access.h) and the names policies write for them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kNames = {{
      {"ceo", "ceo"},
      {"chief executive officer", "ceo"},
      {"ciso", "ciso"},
      {"chief information security officer", "ciso"},
      {"employee", "employee"},
      {"employees", "employee"},
      {"contractor", "contractor"},
      {"contractors", "contractor"},
      {"auditor", "auditor"},
      {"auditors", "auditor"},
      {"administrator", "administrator"},
      {"administrators", "administrator"},
      {"system administrator", "administrator"},
      {"isms administrator", "administrator"},
      {"information security officer (ciso)", "ciso"},
      {"chief executive officer (ceo)", "ceo"},
  }};
  for (const auto& [name, key] : kNames) {
    if (n == name) return std::string(key);
  }
  return std::nullopt;
}

}  // namespace

std::string_view document_kind_name(DocumentKind k) {
  for (const auto& [kind, name] : kKinds) {
    if (kind == k) return name;
  }
  return "policy";
}

std::optional<DocumentKind> parse_document_kind(std::string_view s) {
  for (const auto& [kind, name] : kKinds) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

std::string_view version_status_name(VersionStatus s) {
  for (const auto& [status, name] : kStatuses) {
    if (status == s) return name;
  }
  return "draft";
}

std::optional<VersionStatus> parse_version_status(std::string_view s) {
  for (const auto& [status, name] : kStatuses) {
    if (name == s) return status;
  }
  return std::nullopt;
}

bool is_calendar_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = kDays[static_cast<size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

std::vector<DocumentProblem> check_document_content(const DocumentContent& content) {
  Checker c;
  c.required("title", content.title, kMaxTitle);
  c.required("label", content.label, kMaxLabel);
  c.date("last_update", content.last_update);
  c.text("author", content.author, kMaxPerson, false);
  c.text("information_owner", content.information_owner, kMaxPerson, false);
  c.text("approver", content.approver, kMaxPerson, false);
  if (content.change_log.size() > kMaxChangeLog) {
    c.add("change_log", "must have at most " + std::to_string(kMaxChangeLog) + " entries (got " +
                            std::to_string(content.change_log.size()) + ")");
  } else {
    for (size_t i = 0; i < content.change_log.size(); ++i) {
      const ChangeLogEntry& e = content.change_log[i];
      std::string at = "change_log[" + std::to_string(i) + "].";
      c.required(at + "version", e.version, kMaxLabel);
      c.date(at + "date", e.date);
      c.text(at + "author", e.author, kMaxPerson, false);
      c.text(at + "changes", e.changes, kMaxChanges, true);
    }
  }
  if (content.review_interval_months < 1 || content.review_interval_months > 60) {
    c.add("review_interval_months",
          "must be between 1 and 60 (got " + std::to_string(content.review_interval_months) + ")");
  }
  // The body limit is in bytes: it bounds storage and the work of every parser after us.
  if (content.body.size() > kMaxBodyBytes) {
    c.add("body", "must be at most 2 MiB (got " + std::to_string(content.body.size()) + " bytes)");
  } else {
    c.text("body", content.body, kMaxBodyBytes, true);
  }
  return c.problems;
}

std::optional<std::string> role_key_for_owner(std::string_view owner_text) {
  std::string n = normalize_owner(owner_text);
  if (n.empty()) return std::nullopt;
  if (auto key = role_for_exact(n)) return key;
  // "Chief Information Security Officer (CISO)": both halves must name the same role, or
  // the one that names a role wins when the other is free text.
  size_t open = n.find(" (");
  if (open != std::string::npos && n.back() == ')') {
    auto outer = role_for_exact(std::string_view(n).substr(0, open));
    auto inner = role_for_exact(std::string_view(n).substr(open + 2, n.size() - open - 3));
    if (outer && inner) return *outer == *inner ? outer : std::nullopt;
    return outer ? outer : inner;
  }
  return std::nullopt;
}

std::string next_version_label(std::string_view label) {
  if (label.empty()) return "1.0";
  // Increment the last run of digits as a decimal string, so "3.9" -> "3.10",
  // "v99" -> "v100" and labels of any length never overflow.
  size_t end = label.find_last_of("0123456789");
  if (end == std::string_view::npos) return std::string(label) + "-2";
  size_t begin = end;
  while (begin > 0 && label[begin - 1] >= '0' && label[begin - 1] <= '9') --begin;
  std::string digits(label.substr(begin, end - begin + 1));
  int i = static_cast<int>(digits.size()) - 1;
  while (i >= 0 && digits[static_cast<size_t>(i)] == '9') digits[static_cast<size_t>(i--)] = '0';
  if (i < 0) {
    digits.insert(digits.begin(), '1');
  } else {
    ++digits[static_cast<size_t>(i)];
  }
  return std::string(label.substr(0, begin)) + digits + std::string(label.substr(end + 1));
}

}  // namespace isms
