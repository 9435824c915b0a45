#include "http/router.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace isms::http {

std::string access_label(const AccessRule& rule) {
  switch (rule.kind) {
    case AccessKind::kPublic:
      return "public";
    case AccessKind::kSession:
      return "session";
    case AccessKind::kAuthenticated:
      return "authenticated";
    case AccessKind::kPermission:
      return rule.permission;
    case AccessKind::kUndeclared:
      break;
  }
  return "undeclared";
}

std::string param_name(std::string_view segment) {
  if (segment.size() >= 3 && segment.front() == '{' && segment.back() == '}') {
    return std::string(segment.substr(1, segment.size() - 2));
  }
  return {};
}

namespace {

[[noreturn]] void bad_route(const std::string& method, const std::string& pattern,
                            const char* why) {
  std::fprintf(stderr, "isms: invalid route %s %s: %s\n", method.c_str(), pattern.c_str(), why);
  std::abort();
}

std::vector<std::string> split_pattern(const std::string& pattern) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= pattern.size()) {
    size_t slash = pattern.find('/', start);
    out.push_back(pattern.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool matches(const Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& p = route.segments[i];
    if (p.front() == '{') {
      if (segments[i].empty()) return false;
    } else if (p != segments[i]) {
      return false;
    }
  }
  return true;
}

// True when a is more specific than b: literal beats parameter at the first difference.
bool more_specific(const Route& a, const Route& b) {
  for (size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    bool a_param = a.segments[i].front() == '{';
    bool b_param = b.segments[i].front() == '{';
    if (a_param != b_param) return !a_param;
  }
  return false;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
  if (pattern.empty() || pattern.front() != '/' || pattern == "/") {
    bad_route(method, pattern, "pattern must be an absolute path");
  }
  if (doc.access.kind == AccessKind::kUndeclared) {
    bad_route(method, pattern, "no access rule (RouteDoc::access)");
  }
  if (doc.access.kind == AccessKind::kPermission && !is_known_permission(doc.access.permission)) {
    std::string why = "unknown permission " + doc.access.permission;
    bad_route(method, pattern, why.c_str());
  }
  Route route{std::move(method), std::move(pattern), std::move(handler), std::move(doc), {}};
  route.segments = split_pattern(route.pattern);
  for (const auto& s : route.segments) {
    if (s.empty()) bad_route(route.method, route.pattern, "empty segment");
    bool braces = s.find_first_of("{}") != std::string::npos;
    if (braces && param_name(s).empty()) bad_route(route.method, route.pattern, "bad parameter");
  }
  for (const auto& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      bad_route(route.method, route.pattern, "added twice");
    }
  }
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  RouteMatch result;
  const Route* best = nullptr;
  const Route* best_get = nullptr;  // fallback for HEAD
  for (const auto& r : routes_) {
    if (!matches(r, segments)) continue;
    if (std::find(result.allowed.begin(), result.allowed.end(), r.method) == result.allowed.end()) {
      result.allowed.push_back(r.method);
    }
    if (r.method == method && (!best || more_specific(r, *best))) best = &r;
    if (r.method == "GET" && (!best_get || more_specific(r, *best_get))) best_get = &r;
  }
  if (!best && method == "HEAD") best = best_get;
  if (best) {
    result.route = best;
    result.allowed.clear();
    for (size_t i = 0; i < segments.size(); ++i) {
      std::string name = param_name(best->segments[i]);
      if (!name.empty()) result.params[name] = segments[i];
    }
    return result;
  }
  if (std::find(result.allowed.begin(), result.allowed.end(), "GET") != result.allowed.end()) {
    result.allowed.push_back("HEAD");
  }
  std::sort(result.allowed.begin(), result.allowed.end());
  return result;
}

}  // namespace isms::http
