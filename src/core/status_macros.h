// Early return on failure, in the style of Abseil's RETURN_IF_ERROR and ASSIGN_OR_RETURN, so that
// code reads as the happy path. Both work with Status and Result<T> (core/error.h) and return the
// Error from the enclosing function, which must itself return Status or Result<U>.
//
//   RETURN_IF_ERROR(txn.Commit());
//   ASSIGN_OR_RETURN(MeetingPlace place, store.Get(id));
//   ASSIGN_OR_RETURN(auto page, store.List(query));
#pragma once

#include <utility>

#include "core/error.h"

namespace moteplass::internal {

// The Error of a failed Status or Result, moved out.
inline Error ErrorOf(const Status& status) { return status.error(); }
template <class T>
Error ErrorOf(Result<T>&& result) {
  return std::move(result).error();
}
template <class T>
Error ErrorOf(const Result<T>& result) {
  return result.error();
}

}  // namespace moteplass::internal

#define MOTEPLASS_CONCAT_INNER(a, b) a##b
#define MOTEPLASS_CONCAT(a, b) MOTEPLASS_CONCAT_INNER(a, b)

// Evaluates `expr` (a Status or Result); returns its Error from the enclosing function when it
// failed.
#define RETURN_IF_ERROR(expr)                                              \
  do {                                                                     \
    auto&& moteplass_status_ = (expr);                                     \
    if (!moteplass_status_.ok()) {                                         \
      return ::moteplass::internal::ErrorOf(std::move(moteplass_status_)); \
    }                                                                      \
  } while (false)

// Evaluates `rexpr` (a Result<T>); on failure returns its Error, otherwise declares or assigns
// `lhs` from the value: ASSIGN_OR_RETURN(auto x, F()) or ASSIGN_OR_RETURN(x, F()).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  MOTEPLASS_ASSIGN_OR_RETURN_IMPL(MOTEPLASS_CONCAT(moteplass_result_, __LINE__), lhs, rexpr)

#define MOTEPLASS_ASSIGN_OR_RETURN_IMPL(result, lhs, rexpr)                   \
  auto result = (rexpr);                                                      \
  if (!result.ok()) return ::moteplass::internal::ErrorOf(std::move(result)); \
  lhs = std::move(result).value()
