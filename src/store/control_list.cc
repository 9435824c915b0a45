#include "store/control_list.h"

#include <algorithm>
#include <cstdio>

#include "base/json.h"
#include "store/asset_list.h"
#include "store/codec.h"
#include "store/text.h"

namespace isms {

std::string control_sort_value(const Control& control, ControlSort sort) {
  switch (sort) {
    case ControlSort::kRef: {
      auto number = store_detail::parse_control_ref(control.ref);
      return number ? std::to_string(*number) : "0";
    }
    case ControlSort::kTitle:
      return control.title;
    case ControlSort::kStatus:
      return std::string(control_status_name(control.status));
    case ControlSort::kOwnerName:
      return control.owner_name.value_or("");
    case ControlSort::kNextCheck:
      return control.next_check_on.value_or("");
    case ControlSort::kUpdatedAt:
      return control.updated_at;
  }
  return control.title;
}

namespace store_detail {

namespace {

Error bad_value(const std::string& what, const std::string& id, const std::string& detail) {
  return Error::corruption(what + " " + id + ": stored " + detail + " is not valid");
}

Error cursor_error() {
  return Error::malformed("cursor does not belong to this sort order", "cursor");
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_date(std::string_view s) {
  return s.size() == 10 && all_digits(s.substr(0, 4)) && s[4] == '-' &&
         all_digits(s.substr(5, 2)) && s[7] == '-' && all_digits(s.substr(8, 2));
}

// A JSON array of strings in a nullable column (json_agg / json_group_array give NULL or
// '[]' for none), sorted.
Result<std::vector<std::string>> sorted_list(const Row& row, int col, const std::string& what) {
  if (row.is_null(col)) return std::vector<std::string>{};
  std::string text = row.text(col);
  if (text == "[]") return std::vector<std::string>{};  // the common case, without a parse
  ISMS_ASSIGN(auto values, decode_string_list(text, what));
  std::sort(values.begin(), values.end());
  return values;
}

int to_int(int64_t v) { return static_cast<int>(v); }

std::vector<std::string> reason_names(const std::vector<InclusionReason>& reasons) {
  std::vector<std::string> out;
  for (auto r : reasons) out.emplace_back(inclusion_reason_name(r));
  return out;
}

// Columns first..first+9 of a working or frozen line.
Result<Applicability> decode_line(const Row& row) {
  Applicability a;
  a.framework_id = row.text(0);
  a.ref_id = row.text(1);
  a.title = row.text(2);
  std::string what = "soa line " + a.framework_id + ":" + a.ref_id;
  auto applicable = parse_applicable(row.text(3));
  if (!applicable) return bad_value("soa line", a.framework_id + ":" + a.ref_id, "applicable");
  a.applicable = *applicable;
  ISMS_ASSIGN(auto reasons, decode_string_list(row.text(4), what));
  for (const auto& name : reasons) {
    auto r = parse_inclusion_reason(name);
    if (!r) return bad_value("soa line", a.framework_id + ":" + a.ref_id, "reasons");
    a.reasons.push_back(*r);
  }
  a.justification = row.text(5);
  auto implementation = parse_implementation_status(row.text(6));
  if (!implementation) {
    return bad_value("soa line", a.framework_id + ":" + a.ref_id, "implementation");
  }
  a.implementation = *implementation;
  a.updated_by = row.text(7);
  a.updated_at = row.text(8);
  a.version = row.int64(9);
  return a;
}

}  // namespace

// --- Controls ----------------------------------------------------------------------------

std::string format_control_ref(int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "C-%04lld", static_cast<long long>(number));
  return buf;
}

std::optional<int64_t> parse_control_ref(std::string_view ref) {
  if (ref.size() < 6 || ref.substr(0, 2) != "C-" || ref.size() > 20) return std::nullopt;
  std::string_view digits = ref.substr(2);
  if (!all_digits(digits)) return std::nullopt;
  int64_t n = std::stoll(std::string(digits));
  if (format_control_ref(n) != ref) return std::nullopt;  // one spelling per number
  return n;
}

std::optional<std::pair<std::string, std::string>> split_requirement_key(std::string_view key) {
  size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == key.size()) return std::nullopt;
  return std::make_pair(std::string(key.substr(0, colon)), std::string(key.substr(colon + 1)));
}

Result<Control> decode_control(const Row& row) {
  Control c;
  c.id = row.text(0);
  c.ref = row.text(1);
  c.title = row.text(2);
  c.description = row.text(3);
  c.owner_id = row.opt_text(4);
  if (c.owner_id) c.owner_name = row.text(5);
  auto status = parse_control_status(row.text(6));
  if (!status) return bad_value("control", c.id, "status");
  c.status = *status;
  int64_t rank = row.int64(7);
  if (rank < 0 || rank > 2) return bad_value("control", c.id, "classification");
  c.classification = static_cast<Classification>(rank);
  c.next_check_on = row.opt_text(8);
  c.last_checked_on = row.opt_text(9);
  c.check_interval_months = to_int(row.int64(10));
  c.description_sealed = row.text(11);
  c.archived_at = row.opt_text(12);
  c.archive_reason = row.opt_text(13);
  c.version = row.int64(14);
  c.created_at = row.text(15);
  c.updated_at = row.text(16);
  c.evidence_count = to_int(row.int64(17));
  c.valid_evidence_count = to_int(row.int64(18));
  ISMS_ASSIGN(c.requirement_keys, sorted_list(row, 19, "control " + c.id));
  ISMS_ASSIGN(c.risk_ids, sorted_list(row, 20, "control " + c.id));
  return c;
}

SqlParams control_params(const Control& c, int64_t ref_number) {
  return {c.id,
          format_control_ref(ref_number),
          ref_number,
          c.title,
          sort_key(c.title),
          c.description,
          c.description_sealed,
          sql_opt(c.owner_id),
          std::string(control_status_name(c.status)),
          int64_t{classification_rank(c.classification)},
          sql_opt(c.next_check_on),
          sql_opt(c.last_checked_on),
          int64_t{c.check_interval_months},
          sql_opt(c.archived_at),
          sql_opt(c.archive_reason),
          c.version,
          c.created_at,
          c.updated_at,
          control_search_key(c)};
}

std::string control_search_key(const Control& c) {
  return fold_case(c.ref) + kSearchFieldSeparator + fold_case(c.title) + kSearchFieldSeparator +
         fold_case(c.description);
}

Result<ControlListPlan> plan_control_list(const ControlQuery& query) {
  if (query.limit < 1 || query.limit > 500) {
    return Error::invalid("limit", "must be between 1 and 500");
  }
  ControlListPlan plan;
  for (const auto& name : query.statuses) {
    if (!parse_control_status(name)) {
      return Error::invalid("status", "unknown control status '" + name + "'");
    }
    plan.statuses.push_back(name);
  }
  if (query.search.size() > kMaxSearchBytes) {
    return Error::invalid(
        "q", "search text is longer than " + std::to_string(kMaxSearchBytes) + " bytes");
  }
  if (!query.search.empty()) {
    plan.like_pattern = search_like_pattern(query.search);
    plan.matches_nothing = !plan.like_pattern;
  }
  if (query.check_before && !is_date(*query.check_before)) {
    return Error::invalid("check_before", "must be a date YYYY-MM-DD");
  }
  if (!query.requirement_key.empty()) {
    auto split = split_requirement_key(query.requirement_key);
    if (!split) {
      plan.matches_nothing = true;  // no stored key lacks a framework or a ref
    } else {
      plan.requirement_framework_id = split->first;
      plan.requirement_ref_id = split->second;
    }
  }
  if (query.after) {
    plan.after = query.after;
    const std::string& v = query.after->sort_value;
    switch (query.sort) {
      case ControlSort::kRef:
        if (!all_digits(v) || v.size() > 18) return cursor_error();
        plan.after_number = std::stoll(v);
        break;
      case ControlSort::kTitle:
      case ControlSort::kOwnerName:
        plan.after_key = sort_key(v);
        break;
      case ControlSort::kStatus:
        if (!parse_control_status(v)) return cursor_error();
        plan.after_key = v;
        break;
      case ControlSort::kNextCheck:
        if (!v.empty() && !is_date(v)) return cursor_error();
        plan.after_key = v;
        break;
      case ControlSort::kUpdatedAt:
        plan.after_key = v;
        break;
    }
  }
  return plan;
}

std::string control_order_key(const Control& c, ControlSort sort) {
  if (sort == ControlSort::kTitle) return sort_key(c.title);
  if (sort == ControlSort::kOwnerName) return sort_key(c.owner_name.value_or(""));
  return control_sort_value(c, sort);
}

ControlPage cut_control_page(std::vector<Control> rows, const ControlQuery& query) {
  ControlPage page;
  size_t limit = static_cast<size_t>(query.limit);
  if (rows.size() > limit) {
    rows.resize(limit);
    const Control& last = rows.back();
    page.next = ControlKeyset{control_sort_value(last, query.sort), last.id};
  }
  page.items = std::move(rows);
  return page;
}

Result<RequirementControl> decode_requirement_control(const Row& row) {
  RequirementControl rc;
  rc.requirement_key = row.text(0);
  rc.control_id = row.text(1);
  rc.control_ref = row.text(2);
  auto status = parse_control_status(row.text(3));
  if (!status) return bad_value("control", rc.control_id, "status");
  rc.status = *status;
  rc.evidence_count = to_int(row.int64(4));
  rc.valid_evidence_count = to_int(row.int64(5));
  ISMS_ASSIGN(rc.risk_ids, sorted_list(row, 6, "control " + rc.control_id));
  return rc;
}

// --- Evidence ----------------------------------------------------------------------------

Result<Evidence> decode_evidence(const Row& row) {
  Evidence e;
  e.id = row.text(0);
  e.control_id = row.text(1);
  e.title = row.text(2);
  e.description = row.text(3);
  std::string kind = row.text(4);
  if (kind == evidence_kind_name(EvidenceKind::kFile)) {
    e.kind = EvidenceKind::kFile;
  } else if (kind == evidence_kind_name(EvidenceKind::kLink)) {
    e.kind = EvidenceKind::kLink;
  } else {
    return bad_value("evidence", e.id, "kind");
  }
  e.url = row.text(5);
  e.sha256 = row.text(6);
  e.file_name = row.text(7);
  e.media_type = row.text(8);
  e.size = row.int64(9);
  e.valid_from = row.text(10);
  e.valid_until = row.opt_text(11);
  e.created_by = row.text(12);
  e.archived_at = row.opt_text(13);
  e.version = row.int64(14);
  e.created_at = row.text(15);
  return e;
}

SqlParams evidence_params(const Evidence& e) {
  return {e.id,
          e.control_id,
          e.title,
          e.description,
          std::string(evidence_kind_name(e.kind)),
          e.url,
          e.sha256,
          e.file_name,
          e.media_type,
          e.size,
          e.valid_from,
          sql_opt(e.valid_until),
          e.created_by,
          sql_opt(e.archived_at),
          e.version,
          e.created_at};
}

Result<std::string> decode_hex(std::string_view hex, const std::string& what) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return Error::corruption(what + ": stored content is not valid");
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Error::corruption(what + ": stored content is not valid");
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// --- Statement of Applicability ----------------------------------------------------------

Result<Applicability> decode_applicability(const Row& row) { return decode_line(row); }

SqlParams applicability_params(const Applicability& a) {
  return {a.framework_id,
          a.ref_id,
          std::string(applicable_name(a.applicable)),
          encode_string_list(reason_names(a.reasons)),
          a.justification,
          std::string(implementation_status_name(a.implementation)),
          a.updated_by,
          a.updated_at,
          a.version};
}

Result<Applicability> decode_frozen_line(const Row& row) {
  ISMS_ASSIGN(Applicability a, decode_line(row));
  std::string what = "soa line " + a.framework_id + ":" + a.ref_id;
  // Frozen as given: the lists keep their order (control_ids and control_refs pair up).
  ISMS_ASSIGN(a.control_ids, decode_string_list(row.text(10), what));
  ISMS_ASSIGN(a.control_refs, decode_string_list(row.text(11), what));
  ISMS_ASSIGN(a.risk_ids, decode_string_list(row.text(12), what));
  a.evidence_count = to_int(row.int64(13));
  a.valid_evidence_count = to_int(row.int64(14));
  return a;
}

SqlParams frozen_line_params(const std::string& soa_id, size_t ord, const Applicability& a) {
  SqlParams p = {soa_id, static_cast<int64_t>(ord), a.framework_id, a.ref_id, a.title};
  SqlParams stored = applicability_params(a);
  // applicable .. version (the stored columns after the key).
  p.insert(p.end(), stored.begin() + 2, stored.end());
  p.emplace_back(encode_string_list(a.control_ids));
  p.emplace_back(encode_string_list(a.control_refs));
  p.emplace_back(encode_string_list(a.risk_ids));
  p.emplace_back(int64_t{a.evidence_count});
  p.emplace_back(int64_t{a.valid_evidence_count});
  return p;
}

Result<Soa> decode_soa(const Row& row) {
  Soa s;
  s.id = row.text(0);
  s.number = row.int64(1);
  ISMS_ASSIGN(s.framework_ids, decode_string_list(row.text(2), "soa " + s.id));
  s.approved_by_person_id = row.text(3);
  s.approved_by_name = row.text(4);
  s.approved_at = row.text(5);
  s.note = row.text(6);
  s.totals.lines = to_int(row.int64(7));
  s.totals.applicable = to_int(row.int64(8));
  s.totals.not_applicable = to_int(row.int64(9));
  s.totals.undecided = to_int(row.int64(10));
  s.totals.implemented = to_int(row.int64(11));
  s.totals.partial = to_int(row.int64(12));
  s.totals.planned = to_int(row.int64(13));
  s.totals.not_started = to_int(row.int64(14));
  return s;
}

SqlParams soa_params(const Soa& s) {
  Soa::Totals t = soa_totals(s.lines);
  return {s.id,
          s.number,
          encode_string_list(s.framework_ids),
          s.approved_by_person_id,
          s.approved_at,
          s.note,
          int64_t{t.lines},
          int64_t{t.applicable},
          int64_t{t.not_applicable},
          int64_t{t.undecided},
          int64_t{t.implemented},
          int64_t{t.partial},
          int64_t{t.planned},
          int64_t{t.not_started}};
}

}  // namespace store_detail
}  // namespace isms
