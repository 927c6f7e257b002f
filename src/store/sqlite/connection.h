// The SQLite building blocks every SQLite store uses: a Connection with its cache of prepared
// statements, a Statement that only ever binds values, and RAII transactions that roll back
// unless committed. One connection is used by one thread at a time (SqliteDatabase sees to it).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/status_macros.h"

namespace moteplass::sqlite {

// kInternal with SQLite's message, which names tables and constraints, never values.
Error DatabaseError(sqlite3* db, const std::string& what);

class Connection {
 public:
  // Opens `path` with foreign keys on and synchronous=FULL; `create` allows a new file.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  // Runs SQL that carries no values (pragmas, migrations, transaction control).
  Status Exec(const char* sql);
  // The cached statement for `sql`, prepared the first time; nullptr on failure.
  sqlite3_stmt* Prepare(const std::string& sql);
  // The rowid of the last insert on this connection.
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // Rows changed by the last statement.
  int Changes() const { return sqlite3_changes(db_); }

 private:
  Connection() = default;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// A prepared statement in use: binds values by position, steps, reads columns, and resets itself
// when it goes out of scope. Statements come from the connection's cache, so one SQL text must
// not be in use twice at once on one connection.
class Statement {
 public:
  Statement(Connection& c, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(std::string_view text);
  Statement& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Statement& Bind(const char* text) { return Bind(std::string_view(text)); }
  Statement& Bind(std::int64_t value);
  Statement& Bind(int value) { return Bind(static_cast<std::int64_t>(value)); }
  Statement& Bind(bool value) { return Bind(static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& BindBlob(std::string_view bytes);
  // Binds NULL for an empty string: "no municipality" is NULL so that foreign keys hold.
  Statement& BindOrNull(const std::string& text);

  // Advances to the next row: true when there is one, false when done. A unique-constraint
  // violation is kConflict, anything else kInternal.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();
  // The last step's extended result code (for telling constraint kinds apart).
  int ExtendedCode() const { return sqlite3_extended_errcode(db_); }

  std::string Text(int column) const;
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void Check(int rc);
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_ = 0;
  std::optional<Error> error_;
};

// Steps through every row, calling `each(statement)` (which returns Status) for each.
template <class Fn>
Status ForEachRow(Statement& s, Fn each) {
  for (;;) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return {};
    RETURN_IF_ERROR(each(s));
  }
}

// Every row mapped by `from_row(statement)`, which returns a T or a Result<T>.
template <class T, class Fn>
Result<std::vector<T>> CollectRows(Statement& s, Fn from_row) {
  std::vector<T> rows;
  RETURN_IF_ERROR(ForEachRow(s, [&](Statement& st) -> Status {
    Result<T> item = from_row(st);
    RETURN_IF_ERROR(item);
    rows.push_back(std::move(item).value());
    return {};
  }));
  return rows;
}

// The first row mapped by `from_row`; kNotFound with `missing` when there is none.
template <class T, class Fn>
Result<T> OneRow(Statement& s, const std::string& missing, Fn from_row) {
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error::NotFound(missing);
  return Result<T>(from_row(s));
}

// BEGIN IMMEDIATE on construction (the write lock at once, so a transaction never fails half-way
// for want of it); ROLLBACK unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { begun_ = c_.Exec("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (begun_.ok() && !committed_) (void)c_.Exec("ROLLBACK");
  }
  const Status& begun() const { return begun_; }
  Status Commit() {
    Status s = c_.Exec("COMMIT");
    committed_ = s.ok();
    return s;
  }

 private:
  Connection& c_;
  Status begun_;
  bool committed_ = false;
};

// A read transaction, so that several queries of one call see one snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c) { begun_ = c_.Exec("BEGIN"); }
  ~ReadTransaction() {
    if (begun_.ok()) (void)c_.Exec("COMMIT");
  }
  const Status& begun() const { return begun_; }

 private:
  Connection& c_;
  Status begun_;
};

}  // namespace moteplass::sqlite
