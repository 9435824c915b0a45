#include "formats/catalogue_internal.h"

#include <map>
#include <unordered_map>

namespace isms::catalogue_internal {

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  size_t i = 0, n = text.size();
  int line = 1;
  bool at_record_start = true;
  while (i < n) {
    at_record_start = false;
    if (text[i] == '"' && field.empty()) {
      // Quoted field: up to the closing quote; "" is one quote.
      int start_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        char c = text[i++];
        if (c == '"') {
          if (i < n && text[i] == '"') {
            field += '"';
            ++i;
          } else {
            closed = true;
            break;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      }
      if (!closed)
        return Error::malformed("CSV line " + std::to_string(start_line) + ": unterminated quote");
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        return Error::malformed("CSV line " + std::to_string(line) +
                                ": text after a closing quote");
      continue;
    }
    char c = text[i];
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\n' || (c == '\r' && i + 1 < n && text[i + 1] == '\n')) {
      i += c == '\r' ? 2 : 1;
      ++line;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      at_record_start = true;
    } else {
      field += c;
      ++i;
    }
  }
  if (!at_record_start) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

std::string_view urn_node_suffix(std::string_view node_urn) {
  size_t pos = 0;
  for (int fields = 0; fields < 5; ++fields) {
    size_t colon = node_urn.find(':', pos);
    if (colon == std::string_view::npos) {
      size_t last = node_urn.rfind(':');
      return last == std::string_view::npos ? node_urn : node_urn.substr(last + 1);
    }
    pos = colon + 1;
  }
  return node_urn.substr(pos);
}

std::string match_form(std::string_view id) {
  std::string out(id);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ':') c = '.';
  }
  return out;
}

namespace {
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_blank(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && is_blank(text[b])) ++b;
  while (e > b && is_blank(text[e - 1])) --e;
  return std::string(text.substr(b, e - b));
}

std::string utf8_prefix(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max;
  // Back off continuation bytes (10xxxxxx) so the cut lands before a lead byte.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

std::string slug(std::string_view text, size_t max_len) {
  std::string out;
  bool dash = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      dash = !out.empty();
      continue;
    }
    if (dash) {
      if (out.size() + 1 >= max_len) break;
      out += '-';
    }
    dash = false;
    if (out.size() >= max_len) break;
    out += c;
  }
  return out;
}

void assign_positions(std::vector<Requirement>* requirements) {
  auto& reqs = *requirements;
  // Children of each (framework, parent ref) in their current order.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> children;
  std::unordered_map<std::string, std::unordered_map<std::string, size_t>> index;
  for (size_t i = 0; i < reqs.size(); ++i) index[reqs[i].framework_id].emplace(reqs[i].ref_id, i);
  for (size_t i = 0; i < reqs.size(); ++i) {
    const Requirement& r = reqs[i];
    bool parent_known = r.parent_ref_id.empty() || index[r.framework_id].count(r.parent_ref_id) > 0;
    children[{r.framework_id, parent_known ? r.parent_ref_id : std::string("\n")}].push_back(i);
  }
  std::unordered_map<std::string, int> next;  // framework id -> next position
  std::vector<bool> placed(reqs.size(), false);
  std::vector<size_t> stack;
  auto walk_from = [&](const std::vector<size_t>& roots) {
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back(*it);
    while (!stack.empty()) {
      size_t i = stack.back();
      stack.pop_back();
      if (placed[i]) continue;
      placed[i] = true;
      reqs[i].position = next[reqs[i].framework_id]++;
      auto kids = children.find({reqs[i].framework_id, reqs[i].ref_id});
      if (kids == children.end()) continue;
      for (auto k = kids->second.rbegin(); k != kids->second.rend(); ++k) stack.push_back(*k);
    }
  };
  // Roots of every framework first (in order of first appearance), then orphans and
  // members of parent cycles, which no walk from a root reaches.
  for (size_t i = 0; i < reqs.size(); ++i)
    if (reqs[i].parent_ref_id.empty() && !placed[i]) walk_from({i});
  for (size_t i = 0; i < reqs.size(); ++i)
    if (!placed[i]) walk_from({i});
}

}  // namespace isms::catalogue_internal
