// Canonical JSON writer for ledger changes. See docs/formats/ledger.md, "Canonical JSON".
#include "ledger/canonical_json.h"

#include <iterator>
#include <map>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "ledger/entry.h"

namespace isms::ledger {
namespace {

// Objects are written in the iteration order of Json::object_t. That order is the byte
// order of the keys only because object_t is a std::map over std::string, whose
// comparison (char_traits<char>) compares bytes as unsigned char. Should Json ever
// become an insertion-ordered type, this stops compiling instead of silently changing
// every hash.
static_assert(std::is_same_v<Json::object_t, std::map<std::string, Json, Json::object_comparator_t,
                                                      Json::object_t::allocator_type>>,
              "canonical_json relies on Json objects being sorted by key bytes");

void append_string(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(ch);  // raw, including DEL and all multi-byte UTF-8
        }
    }
  }
  out->push_back('"');
}

// One open array or object; `next` is the child to write next.
struct Frame {
  const Json* node;
  Json::const_iterator next;
};

// JSON Pointer (RFC 6901) of the value being written: the last child taken in each frame.
std::string pointer_of(const std::vector<Frame>& stack) {
  std::string path;
  for (const Frame& f : stack) {
    auto taken = std::prev(f.next);
    path.push_back('/');
    if (f.node->is_array()) {
      path += std::to_string(std::distance(f.node->cbegin(), taken));
      continue;
    }
    for (char c : taken.key()) {
      if (c == '~') {
        path += "~0";
      } else if (c == '/') {
        path += "~1";
      } else {
        path.push_back(c);
      }
    }
  }
  return path;
}

// Writes `value` canonically into *out. On failure returns false with *error set and
// *out unspecified.
bool write_canonical(const Json& value, std::string* out, std::string* error) {
  std::vector<Frame> stack;
  auto fail = [&](const std::string& what, const std::string& why = {}) {
    std::string where = pointer_of(stack);
    *error = what + " at " + (where.empty() ? std::string("the top level") : where);
    if (!why.empty()) *error += " (" + why + ")";
    return false;
  };
  // Writes a scalar, or the opening bracket of a container and pushes its frame.
  auto open = [&](const Json& v) {
    switch (v.type()) {
      case Json::value_t::null:
        out->append("null");
        return true;
      case Json::value_t::boolean:
        out->append(v.get<bool>() ? "true" : "false");
        return true;
      case Json::value_t::number_integer:
        out->append(std::to_string(v.get<Json::number_integer_t>()));
        return true;
      case Json::value_t::number_unsigned:
        out->append(std::to_string(v.get<Json::number_unsigned_t>()));
        return true;
      case Json::value_t::string: {
        const auto& s = v.get_ref<const Json::string_t&>();
        if (!is_valid_utf8(s)) return fail("string that is not valid UTF-8");
        append_string(s, out);
        return true;
      }
      case Json::value_t::array:
      case Json::value_t::object:
        out->push_back(v.is_array() ? '[' : '{');
        stack.push_back({&v, v.cbegin()});
        return true;
      case Json::value_t::number_float:
        return fail("floating point number", "the ledger stores integers only");
      case Json::value_t::binary:
        return fail("binary value");
      case Json::value_t::discarded:
        return fail("discarded value");
    }
    return fail("value of unknown type");
  };

  if (!open(value)) return false;
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.node->cend()) {
      out->push_back(top.node->is_array() ? ']' : '}');
      stack.pop_back();
      continue;
    }
    if (top.next != top.node->cbegin()) out->push_back(',');
    auto current = top.next++;
    if (top.node->is_object()) {
      const std::string& key = current.key();
      if (!is_valid_utf8(key)) {
        stack.pop_back();  // the path names the object: the key itself may be unprintable
        return fail("object key that is not valid UTF-8");
      }
      append_string(key, out);
      out->push_back(':');
    }
    // `top` may dangle after this: open() can grow the stack.
    if (!open(*current)) return false;
  }
  return true;
}

}  // namespace

std::string canonical_json(const Json& value) {
  std::string out, error;
  if (!write_canonical(value, &out, &error))
    throw std::invalid_argument("canonical JSON: " + error);
  return out;
}

Result<std::string> try_canonical_json(const Json& value) {
  std::string out, error;
  if (!write_canonical(value, &out, &error)) return Error::invalid("change", error);
  return out;
}

bool is_canonicalizable(const Json& value) {
  std::string out, error;
  return write_canonical(value, &out, &error);
}

}  // namespace isms::ledger
