// libFuzzer target for everything isms parses from a request line and headers before a
// handler runs: the request target (path segments, percent-decoding, query parameters),
// the asset list's query parameters, the opaque list cursor, If-Match and Content-Type.
// Input: "<target>\n<If-Match value>\n<Content-Type value>". Invariants: never crash or
// throw; every failure is kMalformed (a 400), never an internal error; a cursor that
// decodes was issued for the sort it is decoded with.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/asset_list_params.h"
#include "http/header_values.h"
#include "http/uri.h"
#include "service/asset_cursor.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

template <typename T>
void require_malformed_on_error(const isms::Result<T>& r) {
  if (!r.ok()) require(r.error().code == isms::ErrorCode::kMalformed);
}

std::string_view next_line(std::string_view* rest) {
  size_t nl = rest->find('\n');
  std::string_view line = rest->substr(0, nl);
  *rest = nl == std::string_view::npos ? std::string_view() : rest->substr(nl + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string_view target = next_line(&rest);
  std::string if_match(next_line(&rest));
  std::string_view content_type = next_line(&rest);

  auto split = isms::http::split_target(target);
  require_malformed_on_error(split);
  if (split.ok()) {
    require_malformed_on_error(isms::http::split_path(split->path));
    auto query = isms::http::parse_query(split->query);
    require_malformed_on_error(query);
    if (query.ok()) {
      auto request = isms::http::parse_asset_list_query(*query);
      require_malformed_on_error(request);
      if (request.ok() && !request->cursor.empty()) {
        const auto& q = request->query;
        auto keyset = isms::decode_asset_cursor(request->cursor, q.sort, q.descending);
        if (keyset) {
          // Round trip: what decodes re-encodes to a cursor that decodes the same.
          auto again = isms::decode_asset_cursor(
              isms::encode_asset_cursor(*keyset, q.sort, q.descending), q.sort, q.descending);
          require(again && again->id == keyset->id && again->sort_value == keyset->sort_value);
        }
      }
    }
  }
  require_malformed_on_error(isms::http::parse_if_match(&if_match));
  (void)isms::http::is_json_content_type(content_type);
  return 0;
}
