#include "http/handlers/common.h"

namespace isms::http {

Response json_response(int status, const Json& body) {
  Response res;
  res.status = status;
  res.headers.set("Content-Type", std::string(kJsonContentType));
  res.body = dump_json(body);
  return res;
}

Status check_json_depth(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // skip the escaped character, which may be a quote
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return Error::malformed("request body nests deeper than " + std::to_string(max_depth) +
                                " levels");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return ok_status();
}

Result<Json> json_body(const Request& request, bool empty_is_object) {
  if (request.body.empty()) {
    if (empty_is_object) return Json::object();
    return Error::malformed("request body is required");
  }
  ISMS_TRY(check_json_depth(request.body, kMaxJsonDepth));
  return parse_json(request.body);
}

Status require_object(const Json& body) {
  // Well-formed JSON of the wrong shape is a validation failure (422), like
  // asset_patch_from_json reports it.
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  return ok_status();
}

Status only_fields(const Json& body, std::initializer_list<std::string_view> allowed) {
  ISMS_TRY(require_object(body));
  std::vector<FieldError> unknown;
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool known = false;
    for (std::string_view a : allowed) known = known || it.key() == a;
    if (!known) unknown.push_back({it.key(), "unknown field"});
  }
  if (!unknown.empty()) return Error::invalid(std::move(unknown));
  return ok_status();
}

Result<std::string> string_field(const Json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return Error::invalid(name, "is required");
    return std::string();
  }
  if (!it->is_string()) return Error::invalid(name, "must be a string");
  return it->get<std::string>();
}

Actor actor_of(const Request& request) { return Actor{request.principal.actor}; }

}  // namespace isms::http
