#include "formats/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace isms {

const YamlNode* YamlNode::find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].kind == Kind::kScalar && items[i].scalar == key) return &items[i + 1];
  return nullptr;
}

namespace {

// Thrown from the event callbacks to stop yaml-cpp at once; carries the position.
YAML::ParserException stop(const YAML::Mark& mark, const std::string& message) {
  return YAML::ParserException(mark, message);
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(int max_depth, size_t max_cost) : max_depth_(max_depth), max_cost_(max_cost) {}

  bool has_root() const { return has_root_; }
  YamlNode take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // A library is one document; a second one would be silently ignored otherwise.
    if (++documents_ > 1) throw stop(mark, "more than one YAML document");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode n;
    n.line = mark.line + 1;
    charge(mark, 1);
    finish(mark, std::move(n), anchor, 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode n;
    n.kind = YamlNode::Kind::kScalar;
    n.scalar = value;
    n.line = mark.line + 1;
    charge(mark, 1 + value.size());
    finish(mark, std::move(n), anchor, 1 + value.size());
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    // yaml-cpp announces an anchor when its node starts; an alias inside that node (a
    // self-reference) finds nothing here because the node is stored only when complete.
    if (it == anchors_.end()) throw stop(mark, "alias to an unknown or unfinished anchor");
    charge(mark, it->second.cost);
    YamlNode copy = it->second.node;
    finish(mark, std::move(copy), 0, it->second.cost);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(mark, YamlNode::Kind::kSequence, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(mark, YamlNode::Kind::kMap, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    size_t cost_at_start = 0;
    YAML::Mark mark;
    std::unordered_set<std::string> keys;  // kMap: scalar keys seen
  };
  struct Anchored {
    YamlNode node;
    size_t cost = 0;
  };

  void charge(const YAML::Mark& mark, size_t cost) {
    cost_ += cost;
    if (cost_ > max_cost_) throw stop(mark, "YAML aliases expand beyond the input's size");
  }

  void open(const YAML::Mark& mark, YamlNode::Kind kind, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= max_depth_)
      throw stop(mark, "YAML nested deeper than " + std::to_string(max_depth_) + " levels");
    charge(mark, 1);
    Open o;
    o.node.kind = kind;
    o.node.line = mark.line + 1;
    o.anchor = anchor;
    o.cost_at_start = cost_ - 1;
    o.mark = mark;
    stack_.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(stack_.back());
    stack_.pop_back();
    finish(o.mark, std::move(o.node), o.anchor, cost_ - o.cost_at_start);
  }

  // Places a complete node in its parent (or as the root) and remembers it when anchored.
  void finish(const YAML::Mark& mark, YamlNode node, YAML::anchor_t anchor, size_t cost) {
    if (anchor != 0) {
      // The stored copy is memory too.
      charge(mark, cost);
      anchors_[anchor] = Anchored{node, cost};
    }
    if (stack_.empty()) {
      root_ = std::move(node);
      has_root_ = true;
      return;
    }
    Open& parent = stack_.back();
    bool is_key = parent.node.kind == YamlNode::Kind::kMap && parent.node.items.size() % 2 == 0;
    if (is_key && node.kind == YamlNode::Kind::kScalar && !parent.keys.insert(node.scalar).second)
      throw stop(mark, "duplicate key \"" + node.scalar.substr(0, 100) + "\"");
    parent.node.items.push_back(std::move(node));
  }

  const int max_depth_;
  const size_t max_cost_;
  size_t cost_ = 0;
  int documents_ = 0;
  std::vector<Open> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  YamlNode root_;
  bool has_root_ = false;
};

std::string position(const YAML::Mark& mark) {
  if (mark.line < 0) return "YAML";
  return "YAML line " + std::to_string(mark.line + 1) + ", column " +
         std::to_string(mark.column + 1);
}

}  // namespace

Result<YamlNode> parse_yaml(std::string_view text, int max_depth, size_t max_cost) {
  // YAML allows no C0 control characters but tab and line breaks; yaml-cpp would pass
  // some through into scalars.
  int line = 1;
  for (unsigned char c : text) {
    if (c == '\n') ++line;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
      return Error::malformed("YAML line " + std::to_string(line) + ": control character");
  }
  TreeBuilder builder(max_depth, max_cost);
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_root())
      return Error::malformed("no YAML document");
    // Reads on to the end so that a second document or a syntax error after the first
    // document is not silently ignored.
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    return Error::malformed(position(e.mark) + ": " + e.msg);
  } catch (const std::exception& e) {
    return Error::malformed(std::string("YAML: ") + e.what());
  }
  return builder.take_root();
}

}  // namespace isms
