#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace isms::http {
namespace fs = std::filesystem;

namespace {

// Larger files are not part of a web UI build; refusing them bounds memory per request.
constexpr std::uintmax_t kMaxStaticFileBytes = 64u << 20;

struct TypeByExtension {
  std::string_view ext;
  std::string_view type;
};
constexpr TypeByExtension kTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"webp", "image/webp"},
    {"gif", "image/gif"},
    {"ico", "image/x-icon"},
    {"json", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"map", "application/json"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"ttf", "font/ttf"},
    {"txt", "text/plain; charset=utf-8"},
    {"wasm", "application/wasm"},
    {"pdf", "application/pdf"},
};

std::string_view extension(std::string_view filename) {
  size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return filename.substr(dot + 1);
}

bool has_known_extension(std::string_view filename) {
  std::string_view ext = extension(filename);
  for (const auto& t : kTypes) {
    if (t.ext == ext) return true;
  }
  return false;
}

std::string canonical_root(const std::string& root) {
  if (root.empty()) return {};
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(root), ec);
  std::string s = ec ? root : p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

std::string_view content_type_for(std::string_view filename) {
  std::string_view ext = extension(filename);
  for (const auto& t : kTypes) {
    if (t.ext == ext) return t.type;
  }
  return "application/octet-stream";
}

Result<std::string> safe_relative_path(const std::vector<std::string>& segments) {
  std::string out;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& s = segments[i];
    if (s.empty()) {
      if (i + 1 == segments.size()) break;  // "/dir/" -> "dir"
      return Error::malformed("invalid path: empty segment");
    }
    if (s == "." || s == ".." ||
        s.find_first_of(std::string_view("/\\\0:", 4)) != std::string::npos) {
      return Error::malformed("invalid path");
    }
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

StaticFiles::StaticFiles(std::string root) : root_(canonical_root(root)) {}

Result<Response> StaticFiles::file_response(const std::string& relative) const {
  fs::path path = fs::path(root_) / relative;
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec) return Error::not_found("no such file");
  const std::string& r = real.native();
  // The file must stay inside the root even after following symlinks.
  if (r.size() <= root_.size() || r.compare(0, root_.size(), root_) != 0 ||
      r[root_.size()] != '/') {
    return Error::not_found("no such file");
  }
  if (!fs::is_regular_file(real, ec) || ec) return Error::not_found("no such file");
  auto size = fs::file_size(real, ec);
  if (ec || size > kMaxStaticFileBytes) return Error::not_found("no such file");
  std::ifstream in(real, std::ios::binary);
  if (!in) return Error::not_found("no such file");
  Response res;
  res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  res.headers.set("Content-Type", std::string(content_type_for(relative)));
  bool hashed = relative.rfind("assets/", 0) == 0;
  res.headers.set("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return res;
}

Result<Response> StaticFiles::get(const std::vector<std::string>& segments) const {
  if (!enabled()) return Error::not_found("not found");
  ISMS_ASSIGN(std::string relative, safe_relative_path(segments));
  if (!relative.empty()) {
    auto file = file_response(relative);
    if (file.ok() || file.error().code != ErrorCode::kNotFound) return file;
    if (has_known_extension(segments.back())) return Error::not_found("no such file");
  }
  auto index = file_response("index.html");
  if (!index.ok()) return Error::not_found("web UI not found (no index.html in the web root)");
  return index;
}

}  // namespace isms::http
