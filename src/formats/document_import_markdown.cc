// Markdown with YAML front matter ("policy as code"): import_markdown and export_markdown.
//
// The front matter is read through yaml-cpp's event parser into a small tree of our own,
// never through YAML::Node: the events tell quoted from plain scalars and carry anchors
// and aliases, so aliases (the "billion laughs" expansion) and deep nesting are refused
// while parsing, before anything is built.
//
// export_markdown writes every string double-quoted with escapes, so that a value YAML
// would otherwise retype ("3.0", "2025-02-07", "yes", "null") or fold (newlines, '#',
// ': ') reads back byte for byte; the version label is written under the key `version`,
// which is what policy authors call it.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <set>
#include <sstream>

#include "base/json.h"
#include "formats/document_import_internal.h"

namespace isms {

namespace {

using namespace import_detail;

constexpr int kMaxFrontMatterDepth = 8;
constexpr size_t kMaxFrontMatterNodes = 100000;
constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

struct YNode {
  enum Type { kNull, kScalar, kSeq, kMap } type = kNull;
  std::string scalar;
  int line = 0;              // 1-based line in the file
  std::vector<YNode> items;  // sequence items; for a mapping: key, value, key, value...
};

// Thrown by the event handler to stop the parse with a message for the user.
struct Refused {
  std::string message;
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  YNode root;
  bool has_root = false;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(anchor);
    add(YNode{YNode::kNull, "", mark.line + 2, {}});
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { refuse_alias(); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(anchor);
    if (tag != "?" && tag != "!" && tag != kStrTag) refuse_tag(tag);
    add(YNode{YNode::kScalar, value, mark.line + 2, {}});
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YNode::kSeq);
  }
  void OnSequenceEnd() override { stack_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YNode::kMap);
  }
  void OnMapEnd() override { stack_.pop_back(); }

 private:
  std::vector<YNode*> stack_;  // open collections; each points into its parent's items
  size_t nodes_ = 0;

  [[noreturn]] static void refuse_alias() {
    throw Refused{
        "the front matter uses YAML anchors or aliases ('&name', '*name'), which are "
        "not allowed"};
  }
  [[noreturn]] static void refuse_tag(const std::string& tag) {
    throw Refused{"the front matter uses the YAML tag '" + tag.substr(0, 40) +
                  "'; tags are not allowed"};
  }
  static void check_anchor(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) refuse_alias();
  }

  YNode* add(YNode node) {
    if (++nodes_ > kMaxFrontMatterNodes) throw Refused{"the front matter has too many values"};
    if (stack_.empty()) {
      root = std::move(node);
      has_root = true;
      return &root;
    }
    // Only the innermost open collection grows, so the pointers on the stack (into the
    // outer collections' items) stay valid.
    stack_.back()->items.push_back(std::move(node));
    return &stack_.back()->items.back();
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YNode::Type type) {
    check_anchor(anchor);
    if (tag != "?" && tag != "" && tag != "!" && tag != "tag:yaml.org,2002:map" &&
        tag != "tag:yaml.org,2002:seq") {
      refuse_tag(tag);
    }
    if (static_cast<int>(stack_.size()) >= kMaxFrontMatterDepth) {
      throw Refused{"the front matter nests deeper than " + std::to_string(kMaxFrontMatterDepth) +
                    " levels"};
    }
    stack_.push_back(add(YNode{type, "", mark.line + 2, {}}));
  }
};

std::string_view type_name(const YNode& n) {
  switch (n.type) {
    case YNode::kNull:
      return "nothing";
    case YNode::kScalar:
      return "text";
    case YNode::kSeq:
      return "a list";
    case YNode::kMap:
      return "a mapping";
  }
  return "?";
}

struct Decoder {
  Draft& d;
  std::vector<FieldError> errors;

  void fail(const std::string& field, std::string message) {
    errors.push_back({"front_matter." + field, std::move(message)});
  }

  std::optional<std::string> text(const std::string& field, const YNode& n) {
    if (n.type == YNode::kNull) return std::string();
    if (n.type != YNode::kScalar) {
      fail(field, "must be text, not " + std::string(type_name(n)));
      return std::nullopt;
    }
    return n.scalar;
  }

  // id and status are not content (check_document_content does not see them) but travel
  // on to the service and back into exports: one line of UTF-8, at most 200 bytes.
  std::optional<std::string> word(const std::string& field, const YNode& n) {
    auto s = text(field, n);
    if (!s) return std::nullopt;
    bool control = false;
    for (size_t i = 0; i < s->size(); ++i) {
      auto c = static_cast<unsigned char>((*s)[i]);
      auto next = i + 1 < s->size() ? static_cast<unsigned char>((*s)[i + 1]) : 0;
      control = control || c < 0x20 || c == 0x7F || (c == 0xC2 && next >= 0x80 && next <= 0x9F);
    }
    if (s->size() > 200 || control || !is_valid_utf8(*s)) {
      fail(field, "must be one line of text of at most 200 bytes");
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::optional<std::string>> date(const std::string& field, const YNode& n) {
    if (n.type == YNode::kNull) return std::optional<std::string>();
    auto s = text(field, n);
    if (!s) return std::nullopt;
    if (!is_calendar_date(*s)) {
      fail(field, "must be a date YYYY-MM-DD that exists (got \"" + s->substr(0, 40) + "\")");
      return std::nullopt;
    }
    return std::optional<std::string>(*s);
  }

  void change_log(const YNode& n) {
    if (n.type == YNode::kNull) return;
    if (n.type != YNode::kSeq) {
      return fail("change_log", "must be a list of entries {version, date, author, changes}, not " +
                                    std::string(type_name(n)));
    }
    for (size_t i = 0; i < n.items.size(); ++i) {
      const YNode& item = n.items[i];
      std::string at = "change_log[" + std::to_string(i) + "]";
      if (item.type != YNode::kMap) {
        fail(at, "must be a mapping {version, date, author, changes}, not " +
                     std::string(type_name(item)));
        continue;
      }
      ChangeLogEntry e;
      std::set<std::string> seen;
      for (size_t k = 0; k + 1 < item.items.size(); k += 2) {
        const std::string& key = item.items[k].scalar;
        const YNode& value = item.items[k + 1];
        std::string field = at + "." + key;
        if (!seen.insert(key).second) {
          fail(field, "is given twice");
        } else if (key == "version") {
          if (auto s = text(field, value)) e.version = *s;
        } else if (key == "date") {
          if (auto v = date(field, value)) e.date = *v;
        } else if (key == "author") {
          if (auto s = text(field, value)) e.author = *s;
        } else if (key == "changes") {
          if (auto s = text(field, value)) e.changes = *s;
        } else {
          fail(field, "is not a change-log key (version, date, author, changes)");
        }
      }
      d.doc.content.change_log.push_back(std::move(e));
    }
  }

  void entry(const std::string& key, const YNode& value) {
    DocumentContent& c = d.doc.content;
    if (key == "id") {
      if (auto s = word(key, value)) d.doc.id = *s;
    } else if (key == "kind") {
      auto s = text(key, value);
      if (!s) return;
      if (auto kind = parse_document_kind(lower_ascii(*s))) {
        d.doc.kind = *kind;
      } else {
        fail(key, "must be policy, standard or procedure (got \"" + s->substr(0, 40) + "\")");
      }
    } else if (key == "status") {
      if (auto s = word(key, value)) d.doc.status = *s;
    } else if (key == "title") {
      if (auto s = text(key, value)) {
        c.title = *s;
        d.has_title = true;
      }
    } else if (key == "classification") {
      auto s = text(key, value);
      if (!s) return;
      if (auto cl =
              parse_classification(*s) ? parse_classification(*s) : parse_classification_text(*s)) {
        c.classification = *cl;
        d.has_classification = true;
      } else {
        fail(key, "must be public, internal, confidential or customer_data (got \"" +
                      s->substr(0, 40) + "\")");
      }
    } else if (key == "version") {
      if (auto s = text(key, value)) {
        c.label = *s;
        d.has_label = true;
      }
    } else if (key == "last_update") {
      if (auto v = date(key, value)) {
        c.last_update = *v;
        d.has_last_update = true;  // also when null: absent on purpose, not inferred
      }
    } else if (key == "author") {
      if (auto s = text(key, value)) c.author = *s;
    } else if (key == "information_owner") {
      if (auto s = text(key, value)) c.information_owner = *s;
    } else if (key == "approver") {
      if (auto s = text(key, value)) c.approver = *s;
    } else if (key == "review_interval_months") {
      auto s = text(key, value);
      if (!s) return;
      if (s->empty() || s->size() > 3 || s->find_first_not_of("0123456789") != std::string::npos) {
        fail(key,
             "must be a whole number of months from 1 to 60 (got \"" + s->substr(0, 40) + "\")");
      } else {
        c.review_interval_months = std::stoi(*s);
      }
    } else if (key == "requires_acknowledgement") {
      auto s = text(key, value);
      if (!s) return;
      std::string v = lower_ascii(*s);
      if (v == "true" || v == "yes") {
        c.requires_acknowledgement = true;
      } else if (v == "false" || v == "no") {
        c.requires_acknowledgement = false;
      } else {
        fail(key, "must be true or false (got \"" + s->substr(0, 40) + "\")");
      }
    } else if (key == "change_log") {
      change_log(value);
    } else {
      fail(key,
           "is not a known key (id, kind, status, title, classification, version, last_update, "
           "author, information_owner, approver, review_interval_months, "
           "requires_acknowledgement, change_log)");
    }
  }
};

bool is_delimiter(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

Status read_front_matter(std::string_view yaml, Draft& d) {
  TreeBuilder tree;
  try {
    std::istringstream in{std::string(yaml)};
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(tree)) {
      TreeBuilder more;
      if (parser.HandleNextDocument(more)) {
        return file_error("the front matter holds more than one YAML document");
      }
    }
  } catch (const Refused& r) {
    return file_error(r.message);
  } catch (const YAML::Exception& e) {
    return file_error("the front matter is not valid YAML (line " +
                      std::to_string(e.mark.line + 2) + ", column " +
                      std::to_string(e.mark.column + 1) + ": " + e.msg + ")");
  } catch (const std::exception& e) {
    return file_error(std::string("the front matter cannot be read: ") + e.what());
  }
  if (!tree.has_root || tree.root.type == YNode::kNull) return ok_status();  // empty
  if (tree.root.type != YNode::kMap) {
    return file_error("the front matter must be a YAML mapping of keys to values, not " +
                      std::string(type_name(tree.root)) + " (line " +
                      std::to_string(tree.root.line) + ")");
  }
  Decoder dec{d, {}};
  std::set<std::string> seen;
  const auto& items = tree.root.items;
  for (size_t k = 0; k + 1 < items.size(); k += 2) {
    if (items[k].type != YNode::kScalar) {
      return file_error("the front matter has a key that is not text (line " +
                        std::to_string(items[k].line) + ")");
    }
    const std::string& key = items[k].scalar;
    if (!seen.insert(key).second) {
      dec.fail(key, "is given twice");
      continue;
    }
    dec.entry(key, items[k + 1]);
  }
  if (!dec.errors.empty()) return Error::invalid(std::move(dec.errors));
  return ok_status();
}

// A title for Markdown that does not give one: the first heading, else the first line.
std::string title_from_body(std::string_view body) {
  for (const Section& s : extract_sections(body)) {
    if (!s.title.empty()) return s.title;
  }
  for (std::string_view line : split_lines(body)) {
    if (!trim(line).empty()) return std::string(trim(line));
  }
  return "";
}

// YAML double-quoted scalar. Escapes what YAML would fold or treat as a line break
// (\n, \r, NEL, LS, PS), everything that is not printable in YAML, and the BOM.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto next = [&](size_t k) {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    char hex[12];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
      std::snprintf(hex, sizeof hex, "\\u%04X", next(1));
      out += hex;
      ++i;
    } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
      out += next(2) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else if (c == 0xEF && next(1) == 0xBB && next(2) == 0xBF) {
      out += "\\uFEFF";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace

Result<ImportedDocument> import_markdown(std::string_view bytes) {
  ISMS_TRY(check_import_bytes(bytes));
  std::string text = normalize_text(bytes);
  Draft d;
  std::string_view rest = text;
  size_t first_nl = rest.find('\n');
  if (is_delimiter(rest.substr(0, first_nl), false)) {
    size_t pos = first_nl == std::string_view::npos ? rest.size() : first_nl + 1;
    size_t yaml_start = pos;
    std::optional<size_t> close, body_start;
    while (pos < rest.size()) {
      size_t nl = rest.find('\n', pos);
      size_t line_end = nl == std::string_view::npos ? rest.size() : nl;
      if (is_delimiter(rest.substr(pos, line_end - pos), true)) {
        close = pos;
        body_start = nl == std::string_view::npos ? rest.size() : nl + 1;
        break;
      }
      pos = line_end + 1;
    }
    if (!close) {
      return file_error("the front matter that starts on line 1 is not closed by a \"---\" line");
    }
    ISMS_TRY(read_front_matter(rest.substr(yaml_start, *close - yaml_start), d));
    rest = rest.substr(*body_start);
  } else {
    d.doc.notes.push_back("No front matter found; only the body was imported.");
  }
  d.doc.content.body = std::string(rest);
  if (!d.has_title) {
    d.doc.content.title = title_from_body(rest);
    if (!d.doc.content.title.empty()) {
      d.doc.notes.push_back("Title taken from the body: " + d.doc.content.title);
    }
  }
  return finish(std::move(d), "front matter");
}

std::string export_markdown(const std::string& id, DocumentKind kind, std::string_view status,
                            const DocumentContent& content) {
  std::string out = "---\n";
  out += "id: " + quote(id) + "\n";
  out += "kind: " + std::string(document_kind_name(kind)) + "\n";
  out += "status: " + quote(status) + "\n";
  out += "title: " + quote(content.title) + "\n";
  out += "classification: " + std::string(classification_name(content.classification)) + "\n";
  out += "version: " + quote(content.label) + "\n";
  out += "last_update: " + (content.last_update ? quote(*content.last_update) : "null") + "\n";
  out += "author: " + quote(content.author) + "\n";
  out += "information_owner: " + quote(content.information_owner) + "\n";
  out += "approver: " + quote(content.approver) + "\n";
  out += "review_interval_months: " + std::to_string(content.review_interval_months) + "\n";
  out += std::string("requires_acknowledgement: ") +
         (content.requires_acknowledgement ? "true" : "false") + "\n";
  if (content.change_log.empty()) {
    out += "change_log: []\n";
  } else {
    out += "change_log:\n";
    for (const ChangeLogEntry& e : content.change_log) {
      out += "  - version: " + quote(e.version) + "\n";
      out += "    date: " + (e.date ? quote(*e.date) : "null") + "\n";
      out += "    author: " + quote(e.author) + "\n";
      out += "    changes: " + quote(e.changes) + "\n";
    }
  }
  out += "---\n";
  out += content.body;
  return out;
}

}  // namespace isms
