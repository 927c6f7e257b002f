// The PostgreSQL building blocks every PostgreSQL store uses, in the shape of store/sqlite/
// connection.h: a Connection (one PGconn, closed with it) with its cache of prepared statements,
// a Pool of at most N connections lent out one call at a time, a Statement that only ever binds
// values (PQprepare and PQexecPrepared; SQL text never holds a value), RAII transactions that
// roll back unless committed, and the row helpers ForEachRow, CollectRows and OneRow. A
// connection is used by one thread at a time: the pool lends each to one caller.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "core/error.h"
#include "core/status_macros.h"
#include "store/reachability.h"

namespace moteplass::postgres {

// The key of the transaction-level advisory lock every write transaction takes first (see
// Transaction): writers of every process on one database take turns, as SQLite's one writer does.
inline constexpr std::int64_t kWriteLockKey = 0x6d6f7465'706c0001;  // "motepl" 1

// SQLSTATE codes the stores tell apart.
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";

class Connection {
 public:
  // Connects to `url` (a postgresql:// URL or a "key=value" connection string) with the client
  // encoding UTF-8 and durable commits (synchronous_commit is switched on when the server has it
  // off). Gives up after kConnectTimeoutSeconds unless the URL sets connect_timeout itself, so
  // that a request finds out at once that the database is gone, and with the TCP keepalives of
  // kDeadPathDefaults where the URL does not set them, so that a dead network path is noticed
  // within about a minute. Fails with kUnavailable, with libpq's reason, when it cannot connect,
  // and kInternal when the database's encoding is not UTF-8 (the register's text is Unicode).
  static Result<std::unique_ptr<Connection>> Open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* conn() const { return conn_; }
  // Runs SQL that carries no values (migrations, transaction control); it may hold several
  // statements.
  Status Exec(const std::string& sql);
  // The name of the prepared statement for `sql`, prepared on this connection the first time.
  Result<std::string> Prepare(const std::string& sql);
  // False once the connection to the server is lost; the pool then drops it.
  bool Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  // Whether the server is still there, as far as can be told without a round trip: reads what an
  // idle connection has received (nothing, unless the server ended the session, as it does for
  // every connection when it shuts down or restarts).
  bool StillConnected();
  // True outside any transaction block.
  bool Idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  // The process id of the server process serving this connection (what NOTIFY names as sender).
  int BackendPid() const { return PQbackendPID(conn_); }
  // The error for a failed command: kUnavailable when the connection was lost or the server is
  // shutting down or starting up (SQLSTATE class 08, 57P01-57P03), else kInternal with the
  // server's primary message, which names tables and constraints but not values.
  Error Failure(const PGresult* r) const;

 private:
  Connection() = default;
  static void NoticeReceived(void* self, const PGresult* r);
  PGconn* conn_ = nullptr;
  bool ended_by_server_ = false;                           // the server sent FATAL while the connection was idle
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

// How long opening a connection may take when the URL does not say (connect_timeout).
inline constexpr int kConnectTimeoutSeconds = 2;

// libpq's options for a network path that dies without a word (a crashed host, a dropped route),
// as Connection::Open sets them when the URL does not: a keepalive probe after 30 s of silence,
// then every 10 s, the connection given up after 3 unanswered (about a minute when idle, as the
// change listener's connection mostly is), and at most 60 s for sent data to be acknowledged
// (when busy; the kernel would otherwise retransmit for some 15 minutes).
inline constexpr std::pair<const char*, const char*> kDeadPathDefaults[] = {
    {"keepalives", "1"},       {"keepalives_idle", "30"},     {"keepalives_interval", "10"},
    {"keepalives_count", "3"}, {"tcp_user_timeout", "60000"},
};

// At most `max_size` connections to one database, opened when first needed and kept for reuse.
// A caller that finds every connection lent out waits for one to come back. A connection that
// lost its server, or comes back inside a transaction, is closed instead of kept, so that after
// a database restart the pool fills again with working connections by itself.
//
// The pool also keeps what the process knows about the database's reachability (Reachable()):
// false from the moment a connection cannot be opened or a lent one comes back lost, true again
// as soon as a connection is lent out (or the change listener, store/postgres/listener.h,
// connects). Each turn is reported once to the reachability callback, the loss with libpq's
// reason, the return with how long the database was gone. While a connection is being opened for
// nobody else, callers waiting for one fail together with it rather than one after another.
class Pool {
 public:
  Pool(std::string url, int max_size, std::chrono::milliseconds wait);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // One connection for the length of a call; gives it back when it goes.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    friend class Pool;
    Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(&pool), connection_(std::move(c)) {}
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Lends a connection: an idle one that is still connected, a new one while fewer than max_size
  // are open, or the next one given back. Fails with kUnavailable when none can be opened (also
  // for the callers that were waiting meanwhile), kInternal when none comes back within the wait
  // given to the constructor.
  Result<Lease> Borrow();
  // Runs SELECT 1 on a lent connection: kUnavailable with the reason when the database does not
  // answer.
  Status Ping();
  // Connections open now (lent out and idle), for tests.
  int OpenCount() const;
  // The address given to the constructor.
  const std::string& url() const { return url_; }

  // Whether the database is reachable as far as this process knows (see the class comment).
  bool Reachable() const { return reachable_.load(); }
  // What the change listener learns on its own connection; `reason` says why it is lost.
  void MarkReachable() { SetReachable(true, ""); }
  void MarkUnreachable(std::string_view reason) { SetReachable(false, reason); }
  // Called once per turn of Reachable() (see Store::OnReachabilityChange), from the thread that
  // makes the turn; an empty callback stops the reports.
  void SetReachabilityCallback(ReachabilityCallback on_change);
  // Whether `backend_pid` is the server process of one of this pool's open connections (so that
  // a notification it sent is this process's own).
  bool Owns(int backend_pid) const;

 private:
  void GiveBack(std::unique_ptr<Connection> c);
  // Records what is now known of the database; reports a turn (not called under mutex_).
  void SetReachable(bool reachable, std::string_view reason);
  // Closes a connection of the pool's (the caller holds mutex_).
  void CloseLocked(std::unique_ptr<Connection> c);

  const std::string url_;
  const int max_size_;
  const std::chrono::milliseconds wait_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;                               // lent out, idle, or being opened
  std::unordered_multiset<int> backend_pids_;  // of the open connections
  // Counts the connections that could not be opened, so that waiting callers see one fail.
  std::uint64_t failed_opens_ = 0;
  std::string last_failure_;
  std::atomic<bool> reachable_{true};
  // Orders the turns of reachable_ and their reports; held only when it turns.
  std::mutex turn_mutex_;
  std::chrono::steady_clock::time_point lost_at_;
  ReachabilityCallback on_reachability_;
};

// A statement in use: binds values by position ($1, $2, ... in the SQL), runs as a prepared
// statement on the first Step(), then walks the rows. Every value is sent as a parameter: text,
// integers and booleans in PostgreSQL's text form (their type comes from where the SQL uses
// them), byte strings in binary form.
class Statement {
 public:
  Statement(Connection& c, std::string sql) : c_(c), sql_(std::move(sql)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Text must be free of the character U+0000, which PostgreSQL cannot store in text: kInvalid.
  Statement& Bind(std::string_view text);
  Statement& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Statement& Bind(const char* text) { return Bind(std::string_view(text)); }
  Statement& Bind(std::int64_t value);
  Statement& Bind(int value) { return Bind(static_cast<std::int64_t>(value)); }
  Statement& Bind(bool value);
  Statement& BindBlob(std::string_view bytes);
  // Binds NULL for an empty string: "no municipality" is NULL so that foreign keys hold.
  Statement& BindOrNull(const std::string& text);

  // Runs the statement the first time, then advances to the next row: true when there is one,
  // false when done. A unique-constraint violation is kConflict, text that is not valid UTF-8
  // kInvalid, a lost connection kUnavailable, anything else kInternal (SqlState() tells
  // constraint kinds apart).
  Result<bool> Step();
  // Runs a statement whose rows (if any) are not wanted.
  Status Run();
  // The SQLSTATE of the failure ("" after success).
  const std::string& SqlState() const { return sql_state_; }
  // Rows the statement inserted, changed or deleted.
  std::int64_t Affected() const;

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  bool Bool(int column) const;
  bool IsNull(int column) const { return PQgetisnull(result_.get(), row_, column) != 0; }

 private:
  struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  void Fail(Error e);
  Status Execute();

  Connection& c_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;  // 0 text, 1 binary
  std::unique_ptr<PGresult, ResultDeleter> result_;
  bool executed_ = false;
  int row_ = -1;
  std::string sql_state_;
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

// BEGIN, then the write lock (pg_advisory_xact_lock(kWriteLockKey)) at once, like SQLite's BEGIN
// IMMEDIATE: write transactions of every process take turns, so that what one reads at its start
// is still true at its commit, and none fails half-way for want of a lock. The lock goes with
// the transaction. ROLLBACK unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& begun() const { return begun_; }
  Status Commit();

 private:
  Connection& c_;
  Status begun_;
  bool committed_ = false;
};

// A read-only snapshot (REPEATABLE READ), so that several queries of one call see one state.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c) {
    begun_ = c_.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  ~ReadTransaction() {
    if (begun_.ok()) (void)c_.Exec("COMMIT");
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  const Status& begun() const { return begun_; }

 private:
  Connection& c_;
  Status begun_;
};

}  // namespace moteplass::postgres
