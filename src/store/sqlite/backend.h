// The SQLite layer as a generic::Backend (store/generic/backend.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "store/sqlite/database.h"

namespace moteplass::sqlite {

struct Backend {
  using Database = sqlite::Database;
  using Connection = sqlite::Connection;
  using Statement = sqlite::Statement;
  using Transaction = sqlite::Transaction;
  using ReadTransaction = sqlite::ReadTransaction;
  using WriteScope = sqlite::WriteScope;
  static constexpr bool kPostgres = false;

  // SQLite takes '?' as it is.
  static std::string Sql(std::string_view portable) { return std::string(portable); }
  // SQLite keeps booleans as 0 and 1.
  static bool Bool(const Statement& s, int column) { return s.Int(column) != 0; }
  // Whether the statement failed on a foreign key.
  static bool ViolatedForeignKey(const Statement& s) { return s.ExtendedCode() == SQLITE_CONSTRAINT_FOREIGNKEY; }
  // A read connection lent until the hold goes out of scope (movable, unlike the lease itself).
  class ReadHold {
   public:
    explicit ReadHold(Database& db) : lease_(std::make_unique<Database::ReadLease>(db)) {}
    Connection& operator*() const { return **lease_; }

   private:
    std::unique_ptr<Database::ReadLease> lease_;
  };
  static Result<ReadHold> Borrow(Database& db) { return ReadHold(db); }
  // Runs `body` on a read connection lent for the call.
  template <class Body>
  static std::invoke_result_t<Body, Connection&> Read(Database& db, Body&& body) {
    Database::ReadLease lease(db);
    return body(*lease);
  }
  // Writes passing state (sessions, log-ins under way, failed log-ins) outside the audited write
  // path: on the one write connection, in one transaction of its own.
  template <class Body>
  static Status Passing(Database& db, Body&& body) {
    return db.WithWriter([&](Connection& c) -> Status {
      Transaction txn(c);
      RETURN_IF_ERROR(txn.begun());
      RETURN_IF_ERROR(body(c));
      return txn.Commit();
    });
  }
};

}  // namespace moteplass::sqlite
