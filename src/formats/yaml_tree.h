// A YAML document read into a plain tree, safely: the parser for outside YAML in
// src/formats (CISO Assistant libraries). Internal to the formats layer.
//
// yaml-cpp's own node graph shares aliased nodes, so a walk over it can expand a small
// "billion laughs" file exponentially, and its recursive-descent parser follows nesting as
// deep as the input goes. This loader drives yaml-cpp's event parser instead and builds
// the tree itself, which lets it refuse, while parsing and before any blow-up:
//  - nesting deeper than max_depth (collections inside collections);
//  - alias expansion: every node costs 1 plus its scalar's bytes, an alias costs what it
//    copies; the total may not exceed max_cost (callers pass a small multiple of the input
//    size, which a document without aliases never reaches);
//  - more than one document, or none.
// Scalars are kept as text (YAML's "true", 12 and '12' are all scalars; plain "null", "~"
// and empty values become kNull). Errors are kMalformed with the line and column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace isms {

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;           // kScalar
  std::vector<YamlNode> items;  // kSequence: the items; kMap: key, value, key, value, ...
  int line = 0;                 // 1-based line where the node starts

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
  // kMap: the value of the first entry whose key is the scalar `key`; nullptr when none.
  const YamlNode* find(std::string_view key) const;
};

Result<YamlNode> parse_yaml(std::string_view text, int max_depth, size_t max_cost);

}  // namespace isms
