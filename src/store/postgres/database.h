// One PostgreSQL database shared by the PostgreSQL stores of every capability, in the shape of
// store/sqlite/database.h: a pool of connections, the migrations, and the one write path. Every
// write of every capability goes through Write(): it begins a transaction that takes the write
// lock (several servers may share the database; their writes take turns, see Transaction),
// runs the capability's body, which records each changed record through WriteScope::Record (a
// history row keyed by entity type and id, and an audit row), bumps the write count when the
// body wrote anything, tells every process listening (NOTIFY on kChangeChannel, delivered at the
// commit) which records changed, and commits; on any failure nothing stays, the notification
// included.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/journal.h"
#include "store/postgres/connection.h"
#include "store/write.h"

namespace moteplass::postgres {

// The channel every committed write notifies (store/postgres/listener.h listens to it). The
// payload is "entity_type:entity_id" (the id may be empty, and may hold ':'), or "*:" when a
// transaction changed more records than kMostNotifiedChanges (or an id too long for a payload):
// then every cached view may be stale.
inline constexpr const char* kChangeChannel = "moteplass_changes";
inline constexpr std::size_t kMostNotifiedChanges = 100;

// What a write body gets: the connection inside its transaction, the time of the write, and the
// way to record what it changed.
class WriteScope {
 public:
  WriteScope(Connection& c, const WriteContext& ctx, std::string now) : c_(c), ctx_(ctx), now_(std::move(now)) {}
  Connection& connection() { return c_; }
  const WriteContext& context() const { return ctx_; }
  const std::string& now() const { return now_; }
  // Records a change to one record: a history entry (action and field changes) for
  // (entity_type, entity_id), and the audit row "<entity_type>.<action>" with outcome "ok".
  Status Record(const std::string& entity_type, const std::string& entity_id, const std::string& action,
                const std::vector<FieldChange>& changes);
  // A history entry as it was written elsewhere (an import of an export), with its own time and
  // author; no audit row.
  Status History(const std::string& entity_type, const std::string& entity_id, const HistoryEntry& entry);
  // Only the audit row "<entity_type>.<action>", for writes that keep no history.
  Status AuditOnly(const std::string& entity_type, const std::string& entity_id, const std::string& action);
  // Only the audit row, with the action written as given, for a write whose action is not named
  // after its target's type (a token's creation is audited as "token.create" against its user).
  Status Audit(const std::string& action, const std::string& target_type, const std::string& target_id);
  // Whether the body recorded anything: a write that records nothing changed nothing.
  bool wrote() const { return wrote_; }
  // The (entity type, entity id) of every record the body recorded a change to.
  const std::set<std::pair<std::string, std::string>>& changed() const { return changed_; }

 private:
  Connection& c_;
  const WriteContext& ctx_;
  std::string now_;
  bool wrote_ = false;
  std::set<std::pair<std::string, std::string>> changed_;
};

class Database {
 public:
  struct Options {
    // Connections open at most; callers beyond it wait for one to come back.
    int pool_size = 8;
    // How long a caller waits for a connection before giving up with kInternal.
    std::chrono::milliseconds pool_wait{30000};
  };

  // Connects to `url` and runs the pending migrations (src/store/postgres/migrations/
  // NNNN_name.sql, embedded in the binary), each in its own transaction, under a session-level
  // advisory lock so that servers starting at once apply each migration once. Fails with
  // kConflict when the database was migrated by a newer program, kInternal when it cannot connect
  // or a migration fails (which leaves no trace).
  static Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options);
  static Result<std::unique_ptr<Database>> Open(const std::string& url) { return Open(url, Options{}); }
  ~Database();

  // A connection for the length of one call, outside any transaction.
  Result<Pool::Lease> Borrow() { return pool_.Borrow(); }
  // The pool, for the change listener (reachability, which connections are this process's).
  Pool& pool() { return pool_; }
  // SELECT 1 on a connection of the pool: kUnavailable with the reason when it fails.
  Status Ping() { return pool_.Ping(); }
  // False while this process knows the database is gone (see Pool).
  bool Reachable() const { return pool_.Reachable(); }

  // The one write path (see the file comment). Returns the body's error, or the commit's.
  Status Write(const WriteContext& ctx, const std::function<Status(WriteScope&)>& body);
  // Runs `body` on a connection while this process writes nothing else, outside any transaction
  // (for start-up work that manages its own transactions, taking the write lock with them).
  Status WithWriter(const std::function<Status(Connection&)>& body);

  // Appends one audit row outside any other write (durable when it returns).
  Status Audit(const AuditEntry& entry);
  // The newest migration applied (0 before any).
  int SchemaVersion();
  // The writes made through Write() by every process (the write_count row) less those this
  // Database made itself: changes exactly when another process has written. A write that
  // changed nothing is not counted; sessions and audit-only rows (Audit) are not either, since
  // nothing a page shows depends on them.
  Result<std::int64_t> ExternalChangeStamp();
  // Store::DataStamp: the write count of every process, this one's included.
  Result<std::string> DataStamp();
  // Connections open now, for tests.
  int OpenConnections() const { return pool_.OpenCount(); }

 private:
  Database(const std::string& url, const Options& options);
  Status Migrate();

  Pool pool_;
  // One write at a time from this process (they would wait for each other on the write lock in
  // the database anyway), so that own_writes_ and the write count move together.
  std::mutex write_mutex_;
  std::int64_t own_writes_ = 0;
};

// Appends an audit row on `c` (inside the caller's transaction, if any).
Status WriteAuditRow(Connection& c, const AuditEntry& e);

}  // namespace moteplass::postgres
