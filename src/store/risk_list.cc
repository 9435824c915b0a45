#include "store/risk_list.h"

#include <algorithm>
#include <set>

#include "store/asset_list.h"
#include "store/risk_codec.h"
#include "store/text.h"

namespace isms {

std::string risk_sort_value(const Risk& risk, RiskSort sort) {
  switch (sort) {
    case RiskSort::kRef:
      return risk.ref;
    case RiskSort::kTitle:
      return risk.title;
    case RiskSort::kInherentLevel:
      return std::to_string(risk.inherent_level);
    case RiskSort::kResidualLevel:
      return std::to_string(risk.residual_level);
    case RiskSort::kOwnerName:
      return risk.owner_name.value_or("");
    case RiskSort::kNextReview:
      return risk.next_review_on.value_or("");
    case RiskSort::kUpdatedAt:
      return risk.updated_at;
  }
  return risk.ref;
}

}  // namespace isms

namespace isms::store_detail {

namespace {

Error cursor_error() {
  return Error::malformed("cursor does not belong to this sort order", "cursor");
}

bool integer_sort(RiskSort sort) {
  return sort == RiskSort::kRef || sort == RiskSort::kInherentLevel ||
         sort == RiskSort::kResidualLevel;
}

// The integer key of a row under an integer sort.
int64_t risk_number_key(const Risk& r, RiskSort sort) {
  if (sort == RiskSort::kInherentLevel) return r.inherent_level;
  if (sort == RiskSort::kResidualLevel) return r.residual_level;
  return parse_risk_ref(r.ref).value_or(0);
}

// The text key of a row under a text sort (what the engines store and index).
std::string risk_text_key(const Risk& r, RiskSort sort) {
  if (sort == RiskSort::kTitle) return sort_key(r.title);
  if (sort == RiskSort::kOwnerName) return sort_key(r.owner_name.value_or(""));
  return risk_sort_value(r, sort);
}

Status check_small(const std::optional<int>& v, const char* field) {
  if (v && (*v < 0 || *v > 100)) return Error::invalid(field, "must be between 0 and 100");
  return ok_status();
}

}  // namespace

Result<RiskListPlan> plan_risk_list(const RiskQuery& query) {
  if (query.limit < 1 || query.limit > 500) {
    return Error::invalid("limit", "must be between 1 and 500");
  }
  RiskListPlan plan;
  for (const auto& name : query.treatments) {
    if (!parse_treatment(name))
      return Error::invalid("treatment", "unknown treatment '" + name + "'");
    plan.treatments.push_back(name);
  }
  ISMS_TRY(check_small(query.min_residual_level, "min_residual_level"));
  ISMS_TRY(check_small(query.min_inherent_level, "min_inherent_level"));
  ISMS_TRY(check_small(query.likelihood, "likelihood"));
  ISMS_TRY(check_small(query.impact, "impact"));
  if (!query.search.empty()) {
    if (query.search.size() > kMaxSearchBytes) {
      return Error::invalid(
          "q", "search text is longer than " + std::to_string(kMaxSearchBytes) + " bytes");
    }
    plan.like_pattern = search_like_pattern(query.search);
    plan.matches_nothing = !plan.like_pattern.has_value();
    std::string folded = fold_case(query.search);
    auto chars = utf8_code_points(folded);
    if (plan.like_pattern && chars && *chars >= kMinTrigramChars) plan.trigram_text = folded;
  }
  plan.integer_key = integer_sort(query.sort);
  if (query.after) {
    plan.after = query.after;
    const std::string& v = query.after->sort_value;
    if (query.sort == RiskSort::kRef) {
      auto n = parse_risk_ref(v);
      if (!n) return cursor_error();
      plan.after_number = *n;
    } else if (plan.integer_key) {
      if (v.empty() || v.size() > 3 ||
          !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return cursor_error();
      }
      plan.after_number = std::stoll(v);
    } else if (query.sort == RiskSort::kTitle || query.sort == RiskSort::kOwnerName) {
      plan.after_key = sort_key(v);
    } else {
      plan.after_key = v;
    }
  }
  return plan;
}

bool risk_before(const Risk& a, const Risk& b, const RiskQuery& query) {
  int c = 0;
  if (integer_sort(query.sort)) {
    int64_t ka = risk_number_key(a, query.sort), kb = risk_number_key(b, query.sort);
    c = ka < kb ? -1 : ka > kb ? 1 : 0;
  } else {
    // Byte-wise, like SQLite BINARY and PostgreSQL COLLATE "C" (std::string compares as
    // unsigned char).
    c = risk_text_key(a, query.sort).compare(risk_text_key(b, query.sort));
  }
  if (c == 0) c = a.id.compare(b.id);
  return query.descending ? c > 0 : c < 0;
}

std::vector<Risk> merge_risks(std::vector<Risk> a, std::vector<Risk> b, const RiskQuery& query,
                              size_t keep) {
  std::vector<Risk> out;
  out.reserve(std::min(keep, a.size() + b.size()));
  size_t i = 0, j = 0;
  while (out.size() < keep && (i < a.size() || j < b.size())) {
    bool take_a = j >= b.size() || (i < a.size() && risk_before(a[i], b[j], query));
    out.push_back(std::move(take_a ? a[i++] : b[j++]));
  }
  return out;
}

RiskPage cut_risk_page(std::vector<Risk> rows, const RiskQuery& query) {
  RiskPage page;
  size_t limit = static_cast<size_t>(query.limit);
  if (rows.size() > limit) {
    rows.resize(limit);
    const Risk& last = rows.back();
    page.next = RiskKeyset{risk_sort_value(last, query.sort), last.id};
  }
  page.items = std::move(rows);
  return page;
}

std::vector<std::string> in_input_order(const std::vector<std::string>& ids,
                                        std::vector<std::string> found) {
  std::set<std::string> present(std::make_move_iterator(found.begin()),
                                std::make_move_iterator(found.end()));
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (present.erase(id) > 0) out.push_back(id);
  }
  return out;
}

}  // namespace isms::store_detail
