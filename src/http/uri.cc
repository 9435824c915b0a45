#include "http/uri.h"

#include "base/json.h"

namespace isms::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes into *out; returns the reason when the text is not acceptable, else empty.
std::string decode_into(std::string_view text, bool plus_is_space, std::string* out) {
  out->reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) return "invalid percent-encoding";
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  if (!is_valid_utf8(*out)) return "not valid UTF-8 after percent-decoding";
  if (out->find('\0') != std::string::npos) return "must not contain NUL";
  return {};
}

}  // namespace

Result<std::string> percent_decode(std::string_view text, bool plus_is_space,
                                   const std::string& what) {
  std::string out;
  std::string reason = decode_into(text, plus_is_space, &out);
  if (!reason.empty()) {
    return Error::malformed((what.empty() ? std::string("request path") : what) + ": " + reason,
                            what);
  }
  return out;
}

Result<Target> split_target(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return Error::malformed("request target must be an absolute path");
  }
  if (target.find('#') != std::string_view::npos) {
    return Error::malformed("request target must not contain a fragment");
  }
  Target t;
  size_t q = target.find('?');
  t.path = target.substr(0, q);
  if (q != std::string_view::npos) t.query = target.substr(q + 1);
  return t;
}

Result<std::vector<std::string>> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path.front() != '/') {
    return Error::malformed("request path must start with '/'");
  }
  if (path == "/") return segments;
  size_t start = 1;
  while (true) {
    size_t slash = path.find('/', start);
    std::string_view raw =
        path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    ISMS_ASSIGN(std::string segment, percent_decode(raw, /*plus_is_space=*/false));
    segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

Result<QueryParams> parse_query(std::string_view query) {
  QueryParams params;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string_view piece =
        query.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (!piece.empty()) {
      size_t eq = piece.find('=');
      std::string_view raw_name = piece.substr(0, eq);
      std::string_view raw_value =
          eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
      auto decoded_name = percent_decode(raw_name, /*plus_is_space=*/true);
      if (!decoded_name.ok()) {
        return Error::malformed("a query parameter name is not validly percent-encoded UTF-8");
      }
      std::string name = std::move(decoded_name).value();
      if (name.empty()) return Error::malformed("query parameter without a name");
      ISMS_ASSIGN(std::string value, percent_decode(raw_value, true, name));
      for (const auto& [k, v] : params) {
        if (k == name) return Error::malformed(name + ": given more than once", name);
      }
      params.emplace_back(std::move(name), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return params;
}

}  // namespace isms::http
