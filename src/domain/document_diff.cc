// diff_versions: metadata fields that differ and a line diff of the bodies (libdtl's
// O(NP) algorithm over line ids).
#include <dtl/dtl.hpp>

#include <string>
#include <unordered_map>

#include "domain/document.h"

namespace isms {

namespace {

// Above this many lines left to compare after the common prefix and suffix are removed,
// the changed middle is shown as removed then added instead of running the O((N+M)D)
// algorithm, which could take seconds on two unrelated 2 MiB bodies.
constexpr size_t kMaxDiffLines = 20000;

struct Line {
  std::string_view text;  // without the '\n'
  bool newline = false;   // false only for a last line with no '\n' after it
};

std::vector<Line> split_lines(std::string_view body) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back({body.substr(pos), false});
      break;
    }
    lines.push_back({body.substr(pos, nl - pos), true});
    pos = nl + 1;
  }
  return lines;
}

bool same(const Line& a, const Line& b) { return a.newline == b.newline && a.text == b.text; }

std::string change_log_text(const std::vector<ChangeLogEntry>& log) {
  std::string out;
  for (const ChangeLogEntry& e : log) {
    if (!out.empty()) out += '\n';
    out += e.version + " | " + e.date.value_or("") + " | " + e.author + " | " + e.changes;
  }
  return out;
}

void field(VersionDiff& d, const char* name, const std::string& before, const std::string& after) {
  if (before != after) d.fields.push_back({name, before, after});
}

}  // namespace

VersionDiff diff_versions(const DocumentContent& before, const DocumentContent& after) {
  VersionDiff d;
  field(d, "title", before.title, after.title);
  field(d, "classification", std::string(classification_name(before.classification)),
        std::string(classification_name(after.classification)));
  field(d, "label", before.label, after.label);
  field(d, "last_update", before.last_update.value_or(""), after.last_update.value_or(""));
  field(d, "author", before.author, after.author);
  field(d, "information_owner", before.information_owner, after.information_owner);
  field(d, "approver", before.approver, after.approver);
  field(d, "review_interval_months", std::to_string(before.review_interval_months),
        std::to_string(after.review_interval_months));
  field(d, "requires_acknowledgement", before.requires_acknowledgement ? "true" : "false",
        after.requires_acknowledgement ? "true" : "false");
  field(d, "change_log", change_log_text(before.change_log), change_log_text(after.change_log));

  std::vector<Line> a = split_lines(before.body), b = split_lines(after.body);
  auto emit = [&](char op, const Line& line, size_t old_index, size_t new_index) {
    DiffLine dl;
    dl.op = op;
    dl.text = std::string(line.text);
    dl.old_line = op == '+' ? 0 : static_cast<int>(old_index + 1);
    dl.new_line = op == '-' ? 0 : static_cast<int>(new_index + 1);
    if (op == '+') ++d.added;
    if (op == '-') ++d.removed;
    d.lines.push_back(std::move(dl));
  };

  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && same(a[prefix], b[prefix])) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         same(a[a.size() - 1 - suffix], b[b.size() - 1 - suffix])) {
    ++suffix;
  }
  for (size_t i = 0; i < prefix; ++i) emit(' ', a[i], i, i);

  size_t a_end = a.size() - suffix, b_end = b.size() - suffix;
  if ((a_end - prefix) + (b_end - prefix) <= kMaxDiffLines) {
    // dtl compares ids, not strings: equal lines (text and final newline) share an id.
    std::unordered_map<std::string, long long> ids;
    auto id_of = [&](const Line& l) {
      std::string key(l.text);
      key.push_back(l.newline ? '\n' : '\0');
      return ids.emplace(std::move(key), static_cast<long long>(ids.size())).first->second;
    };
    std::vector<long long> ia, ib;
    for (size_t i = prefix; i < a_end; ++i) ia.push_back(id_of(a[i]));
    for (size_t i = prefix; i < b_end; ++i) ib.push_back(id_of(b[i]));
    dtl::Diff<long long, std::vector<long long>> diff(ia, ib);
    diff.compose();
    // The SES lists deletions, additions and common lines in order; its indices are 1-based
    // positions within ia / ib. Within one run of changes dtl may put an addition before a
    // deletion; readers expect the removed lines first (as in a unified diff), so each run
    // is buffered and written deletions first.
    std::vector<size_t> run_removed, run_added;
    auto flush = [&] {
      for (size_t ai : run_removed) emit('-', a[ai], ai, 0);
      for (size_t bi : run_added) emit('+', b[bi], 0, bi);
      run_removed.clear();
      run_added.clear();
    };
    for (const auto& [id, info] : diff.getSes().getSequence()) {
      (void)id;
      size_t ai = prefix + static_cast<size_t>(info.beforeIdx > 0 ? info.beforeIdx - 1 : 0);
      size_t bi = prefix + static_cast<size_t>(info.afterIdx > 0 ? info.afterIdx - 1 : 0);
      if (info.type == dtl::SES_DELETE) {
        run_removed.push_back(ai);
      } else if (info.type == dtl::SES_ADD) {
        run_added.push_back(bi);
      } else {
        flush();
        emit(' ', a[ai], ai, bi);
      }
    }
    flush();
  } else {
    for (size_t i = prefix; i < a_end; ++i) emit('-', a[i], i, 0);
    for (size_t i = prefix; i < b_end; ++i) emit('+', b[i], 0, i);
  }
  for (size_t k = 0; k < suffix; ++k) {
    emit(' ', a[a_end + k], a_end + k, b_end + k);
  }
  return d;
}

}  // namespace isms
