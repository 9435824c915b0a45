// Error and Result<T>: the one way expected failures travel through isms.
//
// Every layer returns Result<T> instead of throwing for failures a caller can meet in
// normal operation (bad input, missing object, stale version, database down). The set of
// codes is closed; src/http/error_mapping.cc is the one place that maps them to HTTP
// statuses and docs/api.md lists what each means to a client.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace isms {

enum class ErrorCode {
  kMalformed,             // input is not well-formed (bad JSON, bad UTF-8, bad query syntax)
  kInvalid,               // well-formed input that breaks a rule; see Error::details
  kNotFound,              // no such object or route
  kConflict,              // stale version, duplicate, state does not allow the action
  kForbidden,             // authenticated but not allowed
  kUnauthenticated,       // no valid credentials
  kUnavailable,           // a dependency (database) cannot be reached
  kCorruption,            // stored data contradicts itself (e.g. ledger hash mismatch)
  kInternal,              // a bug or unexpected failure; message is for the log only
  kTooLarge,              // request body or field over its size limit
  kUnsupportedMediaType,  // body sent with a content type we do not accept
  kMethodNotAllowed,      // route exists, method does not
  kRateLimited,           // too many attempts; retry after Error::retry_after_seconds
};

// The stable wire name of a code ("invalid", "not_found", ...).
std::string_view error_code_name(ErrorCode code);

struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;                // first offending field, empty when none
  std::vector<FieldError> details;  // all offending fields (kInvalid)
  int retry_after_seconds = 0;      // kRateLimited: when to try again (HTTP Retry-After)

  static Error malformed(std::string message, std::string field = {});
  // One field error; message becomes "field: message".
  static Error invalid(std::string field, std::string message);
  // Several field errors; REQUIRES: !details.empty().
  static Error invalid(std::vector<FieldError> details);
  static Error not_found(std::string message);
  static Error conflict(std::string message);
  static Error forbidden(std::string message);
  static Error unavailable(std::string message);
  static Error corruption(std::string message);
  static Error internal(std::string message);
  static Error too_large(std::string message);
  static Error unauthenticated(std::string message);
  static Error rate_limited(std::string message, int retry_after_seconds);
};

// Result<T> holds either a T or an Error. Cheap to move; never throws on access misuse in
// release builds (callers check ok() first, as the ISMS_TRY macros do).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;
inline Status ok_status() { return {}; }

}  // namespace isms

#define ISMS_CONCAT_INNER(a, b) a##b
#define ISMS_CONCAT(a, b) ISMS_CONCAT_INNER(a, b)

// ISMS_TRY(expr): evaluates a Result-returning expr; returns its Error from the caller on failure.
#define ISMS_TRY(expr)                                            \
  do {                                                            \
    auto ISMS_CONCAT(isms_try_, __LINE__) = (expr);               \
    if (!ISMS_CONCAT(isms_try_, __LINE__).ok())                   \
      return std::move(ISMS_CONCAT(isms_try_, __LINE__)).error(); \
  } while (0)

// ISMS_ASSIGN(lhs, expr): lhs = value of expr, or return its Error from the caller.
#define ISMS_ASSIGN(lhs, expr) ISMS_ASSIGN_IMPL(ISMS_CONCAT(isms_assign_, __LINE__), lhs, expr)
#define ISMS_ASSIGN_IMPL(tmp, lhs, expr)        \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
