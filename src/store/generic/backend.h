// One implementation of a store for both databases. The SQLite and PostgreSQL layers have the same
// shapes: a Database with the one write path (Write, WithWriter), a Connection, a Statement that
// binds values by position and walks rows, Transaction and ReadTransaction, and CollectRows,
// OneRow and ForEachRow beside them. A Backend (sqlite/backend.h, postgres/backend.h) names those
// and adds the few things that differ; a store written once as a template over a Backend
// (store/generic/) is instantiated for each database, so that only the SQL dialect is kept twice,
// and only where it really differs.
//
// SQL in a generic store is written once, with '?' for each parameter; Backend::Sql numbers them
// ($1, $2, ...) for PostgreSQL. Where the dialects differ (PostgreSQL compares user names with
// lower(), SQLite with the column's NOCASE), the store asks Backend::kPostgres.
#pragma once

#include <concepts>
#include <string>

namespace moteplass::generic {

template <class B>
concept Backend = requires(typename B::Database& db, typename B::Statement& s) {
  typename B::Connection;
  typename B::Transaction;
  typename B::ReadTransaction;
  typename B::WriteScope;
  { B::Sql("SELECT ?") } -> std::convertible_to<std::string>;
  { B::Bool(s, 0) } -> std::same_as<bool>;
  { B::ViolatedForeignKey(s) } -> std::same_as<bool>;
  { B::kPostgres } -> std::convertible_to<bool>;
  // And ways to get a connection: B::Borrow(db) lends one for reads until the returned hold
  // goes out of scope (`ASSIGN_OR_RETURN(auto lease, B::Borrow(db_)); Statement s(*lease, ...)`),
  // B::Read(db, body) runs a body on one, and
  // B::Passing(db, body) for passing state written outside the audited write path (sessions,
  // log-ins under way): the backends differ in how such writes take turns.
};

}  // namespace moteplass::generic
