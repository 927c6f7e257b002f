// The PostgreSQL layer as a generic::Backend (store/generic/backend.h).
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "store/postgres/database.h"

namespace moteplass::postgres {

// `sql` with each '?' outside quotes ('text', "name") and comments numbered $1, $2, ... in order.
// A '?' that PostgreSQL itself would read as an operator (jsonb's ?, ?| and ?&) must not be
// written in portable SQL.
std::string NumberParameters(std::string_view sql);

struct Backend {
  using Database = postgres::Database;
  using Connection = postgres::Connection;
  using Statement = postgres::Statement;
  using Transaction = postgres::Transaction;
  using ReadTransaction = postgres::ReadTransaction;
  using WriteScope = postgres::WriteScope;
  static constexpr bool kPostgres = true;

  static std::string Sql(std::string_view portable) { return NumberParameters(portable); }
  static bool Bool(const Statement& s, int column) { return s.Bool(column); }
  // Whether the statement failed on a foreign key.
  static bool ViolatedForeignKey(const Statement& s) { return s.SqlState() == kForeignKeyViolation; }
  // A connection borrowed from the pool until the lease goes out of scope.
  static Result<Pool::Lease> Borrow(Database& db) { return db.Borrow(); }
  // Runs `body` on a connection borrowed from the pool for the call.
  template <class Body>
  static std::invoke_result_t<Body, Connection&> Read(Database& db, Body&& body) {
    ASSIGN_OR_RETURN(Pool::Lease lease, db.Borrow());
    return body(*lease);
  }
  // Writes passing state (sessions, log-ins under way, failed log-ins) outside the audited write
  // path and without the write lock, each statement its own transaction, so that every server
  // writes into the same rows without waiting for the others' writes.
  template <class Body>
  static Status Passing(Database& db, Body&& body) {
    ASSIGN_OR_RETURN(Pool::Lease lease, db.Borrow());
    return body(*lease);
  }
};

}  // namespace moteplass::postgres
