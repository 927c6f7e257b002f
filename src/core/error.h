// Expected failures as values. Core and store return Result<T>: either a value or an Error
// that carries a stable code, a message a person can act on and, for invalid input, a JSON
// pointer to the field. The HTTP edge maps ErrorCode to a status code in one place
// (http/error_response.cc); the command line maps it to an exit status (cli).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace moteplass {

enum class ErrorCode {
  kInvalid,          // the input is wrong; HTTP 400, exit 2
  kUnauthenticated,  // not logged in; 401
  kForbidden,        // the role does not cover the record; 403
  kNotFound,         // no such thing; 404
  kConflict,         // the record changed meanwhile, or a duplicate; 409
  kTooLarge,         // body too large; 413
  kTooManyRequests,  // rate limited; 429
  kUnavailable,      // the database cannot be reached now; 503, exit 1
  kInternal,         // our fault; 500, exit 1
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // Stable machine-readable code for clients, e.g. "invalid_profile", "not_found".
  std::string slug;
  // What went wrong, in words a person can act on (English; pages translate by slug).
  std::string message;
  // JSON pointer to the offending field ("" when it is not about one field).
  std::string pointer;
  // Index of the offending item when the input was an array (classify).
  std::optional<int> index;

  static Error Invalid(std::string message, std::string pointer, std::string slug = "invalid") {
    return Error{ErrorCode::kInvalid, std::move(slug), std::move(message), std::move(pointer), {}};
  }
  static Error NotFound(std::string message) {
    return Error{ErrorCode::kNotFound, "not_found", std::move(message), "", {}};
  }
  static Error Forbidden(std::string message) {
    return Error{ErrorCode::kForbidden, "forbidden", std::move(message), "", {}};
  }
  static Error Unauthenticated(std::string message) {
    return Error{ErrorCode::kUnauthenticated, "unauthenticated", std::move(message), "", {}};
  }
  static Error Conflict(std::string message, std::string pointer = "") {
    return Error{ErrorCode::kConflict, "conflict", std::move(message), std::move(pointer), {}};
  }
  static Error Unavailable(std::string message) {
    return Error{ErrorCode::kUnavailable, "unavailable", std::move(message), "", {}};
  }
  static Error Internal(std::string message) {
    return Error{ErrorCode::kInternal, "internal", std::move(message), "", {}};
  }
};

// Either a T or an Error. Like std::expected (C++23), which C++20 lacks.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

// Success or an Error, for operations that return nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace moteplass
