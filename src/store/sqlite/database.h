// One SQLite database file shared by the SQLite stores of every capability: a write connection,
// a pool of read connections, the migrations, and the one write path. Every write of every
// capability goes through Write(): it takes the writer, begins an immediate transaction, runs the
// capability's body, which records each changed record through WriteScope::Record (a history
// row keyed by entity type and id, and an audit row), and commits; on any failure nothing stays.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/journal.h"
#include "store/sqlite/connection.h"
#include "store/write.h"

namespace moteplass::sqlite {

// What a write body gets: the write connection inside its transaction, the time of the write,
// and the way to record what it changed.
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

 private:
  Connection& c_;
  const WriteContext& ctx_;
  std::string now_;
};

class Database {
 public:
  // Opens (or creates) the file at `path` (":memory:" for a private in-memory database), switches
  // it to WAL and runs the pending migrations (src/store/sqlite/migrations/NNNN_name.sql, embedded
  // in the binary), each in its own transaction. Fails with kConflict when the file was written
  // by a newer program, kInternal when it cannot be opened or a migration fails.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();

  // Lends a read connection for the length of one call, or the write connection under its mutex
  // when the database cannot be shared (":memory:").
  class ReadLease {
   public:
    explicit ReadLease(Database& db);
    ~ReadLease();
    ReadLease(const ReadLease&) = delete;
    ReadLease& operator=(const ReadLease&) = delete;
    Connection& operator*() const { return *connection_; }

   private:
    Database& db_;
    std::unique_lock<std::mutex> write_lock_;
    std::unique_ptr<Connection> owned_;
    Connection* connection_ = nullptr;
  };

  // The one write path (see the file comment). Returns the body's error, or the commit's.
  Status Write(const WriteContext& ctx, const std::function<Status(WriteScope&)>& body);
  // Runs `body` on the write connection under the writer lock, outside any transaction (for
  // start-up work that manages its own transactions).
  Status WithWriter(const std::function<Status(Connection&)>& body);

  // Appends one audit row outside any other write.
  Status Audit(const AuditEntry& entry);
  // The newest migration applied (0 before any).
  int SchemaVersion();
  // PRAGMA data_version of the write connection: changes only when another connection commits.
  Result<std::int64_t> DataVersion();
  // Store::DataStamp: the data version and this process's commits through Write().
  Result<std::string> DataStamp();
  // Online backup into `path` (must not exist): one consistent snapshot while writers go on.
  Status Backup(const std::string& path);

 private:
  Database() = default;
  Status Initialise(const std::string& path);
  Status Migrate(const std::string& path);

  // SQLite in WAL mode lets one writer and many readers work at once, but one connection must
  // not be used by two threads at a time: one write connection under write_mutex_, and a small
  // pool of read connections, so that page views never wait for a write or for each other.
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::int64_t commits_ = 0;  // through Write(), under write_mutex_
  std::mutex pool_mutex_;
  std::condition_variable pool_available_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  bool shared_readers_ = false;  // false for ":memory:"
};

// Appends an audit row on `c` (inside the caller's transaction, if any).
Status WriteAuditRow(Connection& c, const AuditEntry& e);

}  // namespace moteplass::sqlite
