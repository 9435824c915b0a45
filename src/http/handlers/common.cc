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

std::string query_or(const Request& request, std::string_view name, std::string fallback) {
  const std::string* v = request.query_param(name);
  return v != nullptr ? *v : fallback;
}

Response file_response(std::string_view content_type, std::string body,
                       std::string_view file_name) {
  // Keep the extension's dot: slug the name and the extension apart.
  size_t dot = file_name.rfind('.');
  std::string name =
      dot == std::string_view::npos
          ? file_slug(file_name)
          : file_slug(file_name.substr(0, dot)) + "." + file_slug(file_name.substr(dot + 1), "bin");
  Response res;
  res.status = 200;
  res.headers.set("Content-Type", std::string(content_type));
  res.headers.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.body = std::move(body);
  return res;
}

std::string file_slug(std::string_view text, std::string_view fallback) {
  constexpr size_t kMaxSlug = 80;
  std::string out;
  bool gap = false;
  for (char c : text) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum || c == '.' || c == '_' || c == '-') {
      if (gap && !out.empty()) out.push_back('-');
      gap = false;
      out.push_back(c);
    } else {
      gap = true;
    }
    if (out.size() >= kMaxSlug) break;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  size_t start = out.find_first_not_of("-.");
  out = start == std::string::npos ? "" : out.substr(start);
  return out.empty() ? std::string(fallback) : out;
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
