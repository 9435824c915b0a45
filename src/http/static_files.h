// StaticFiles: serves the built web UI (Vite's dist/) from a directory.
//
// GET/HEAD only (App decides). A path naming a regular file under the root is served
// with its content type; hashed bundles under assets/ are cacheable for a year, everything
// else (index.html above all) is "no-cache" so a new release is picked up at once. Any
// other path gets index.html so client-side routes survive a reload, except paths whose
// last segment has a static-file extension (a missing .js must be a 404, not HTML).
// Unsafe paths ("..", ".", backslashes, encoded slashes, NUL, empty inner segments) are
// rejected with kMalformed; symlinks leaving the root are not followed. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "http/message.h"

namespace isms::http {

// Content type by file extension (html, js, css, svg, png, ico, json, woff2, map, ...);
// "application/octet-stream" when unknown.
std::string_view content_type_for(std::string_view filename);

// Joins decoded path segments into a relative file path, or kMalformed when a segment
// could escape the root or is not a plain name. A trailing empty segment (from "/x/") is
// allowed and dropped.
Result<std::string> safe_relative_path(const std::vector<std::string>& segments);

class StaticFiles {
 public:
  // root: the web root directory; empty disables static serving.
  explicit StaticFiles(std::string root);

  bool enabled() const { return !root_.empty(); }

  // The response for GET of the path with these decoded segments. kNotFound when neither
  // the file nor the index.html fallback exists; kMalformed for unsafe paths.
  Result<Response> get(const std::vector<std::string>& segments) const;

 private:
  Result<Response> file_response(const std::string& relative) const;
  std::string root_;  // canonical, without trailing '/'; empty when disabled
};

}  // namespace isms::http
