#include "http/handlers/common.h"

#include "service/admin_common.h"

namespace isms::http {

using admin::BodyReader;

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

Status empty_body(const Request& request) {
  ISMS_ASSIGN(Json body, json_body(request, /*empty_is_object=*/true));
  return BodyReader(body).finish();
}

ClientInfo client_of(const Request& request) {
  ClientInfo client{request.remote_address, ""};
  if (const std::string* ua = request.headers.find("User-Agent")) client.user_agent = *ua;
  return client;
}

Actor actor_of(const Request& request) { return Actor{request.principal.actor}; }

}  // namespace isms::http
