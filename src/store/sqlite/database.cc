#include "store/sqlite/database.h"

#include <algorithm>
#include <filesystem>

#include "core/clock.h"
#include "core/resources.h"
#include "store/migrations.h"

namespace moteplass::sqlite {
namespace {

constexpr int kReadConnections = 4;
constexpr std::string_view kMigrationPrefix = "src/store/sqlite/migrations/";

constexpr const char* kCreateMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";
constexpr const char* kMigrationApplied = "SELECT 1 FROM schema_migrations WHERE version = ?";
constexpr const char* kRecordMigration = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)";
constexpr const char* kSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kInsertHistory =
    "INSERT INTO history (entity_type, entity_id, at, by, action, changes, source) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertAudit =
    "INSERT INTO audit (at, by, action, target_type, target_id, outcome) VALUES (?, ?, ?, ?, ?, ?)";

// The number of a migration file named NNNN_name.sql; nullopt for any other name.
std::string ChangesJson(const std::vector<FieldChange>& changes) {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldChange& c : changes)
    list.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status WriteAuditRow(Connection& c, const AuditEntry& e) {
  Statement s(c, kInsertAudit);
  s.Bind(e.at.empty() ? NowIso() : e.at)
      .Bind(e.by)
      .Bind(e.action)
      .Bind(e.target_type)
      .Bind(e.target_id)
      .Bind(e.outcome);
  return s.Run();
}

Status WriteScope::Record(const std::string& entity_type, const std::string& entity_id, const std::string& action,
                          const std::vector<FieldChange>& changes) {
  Statement s(c_, kInsertHistory);
  s.Bind(entity_type).Bind(entity_id).Bind(now_).Bind(ctx_.by).Bind(action).Bind(ChangesJson(changes));
  s.BindOrNull(ctx_.source.is_null() ? std::string() : ctx_.source.dump());
  RETURN_IF_ERROR(s.Run());
  return AuditOnly(entity_type, entity_id, action);
}

Status WriteScope::History(const std::string& entity_type, const std::string& entity_id, const HistoryEntry& entry) {
  Statement s(c_, kInsertHistory);
  s.Bind(entity_type).Bind(entity_id).Bind(entry.at).Bind(entry.by).Bind(entry.action).Bind(ChangesJson(entry.changes));
  s.BindOrNull(entry.source.is_null() ? std::string() : entry.source.dump());
  return s.Run();
}

Status WriteScope::AuditOnly(const std::string& entity_type, const std::string& entity_id, const std::string& action) {
  return Audit(entity_type + "." + action, entity_type, entity_id);
}

Status WriteScope::Audit(const std::string& action, const std::string& target_type, const std::string& target_id) {
  return WriteAuditRow(c_, {now_, ctx_.by, action, target_type, target_id, "ok"});
}

Database::ReadLease::ReadLease(Database& db) : db_(db) {
  if (!db_.shared_readers_) {
    write_lock_ = std::unique_lock(db_.write_mutex_);
    connection_ = db_.writer_.get();
    return;
  }
  std::unique_lock lock(db_.pool_mutex_);
  db_.pool_available_.wait(lock, [&] { return !db_.idle_readers_.empty(); });
  owned_ = std::move(db_.idle_readers_.back());
  db_.idle_readers_.pop_back();
  connection_ = owned_.get();
}

Database::ReadLease::~ReadLease() {
  if (owned_) {
    {
      std::lock_guard lock(db_.pool_mutex_);
      db_.idle_readers_.push_back(std::move(owned_));
    }
    db_.pool_available_.notify_one();
  }
}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  std::unique_ptr<Database> db(new Database());
  RETURN_IF_ERROR(db->Initialise(path));
  return db;
}

Status Database::Initialise(const std::string& path) {
  ASSIGN_OR_RETURN(writer_, Connection::Open(path, /*create=*/true));
  shared_readers_ = path != ":memory:" && !path.empty();
  if (shared_readers_) {
    Statement mode(*writer_, "PRAGMA journal_mode = WAL");
    ASSIGN_OR_RETURN(bool row, mode.Step());
    if (!row || mode.Text(0) != "wal") return Error::Internal("database: cannot switch " + path + " to WAL");
  }
  RETURN_IF_ERROR(Migrate(path));
  if (shared_readers_) {
    for (int i = 0; i < kReadConnections; ++i) {
      ASSIGN_OR_RETURN(auto reader, Connection::Open(path, /*create=*/false));
      // Readers never write: a mistake shows up as an error instead of a second writer.
      RETURN_IF_ERROR(reader->Exec("PRAGMA query_only = ON"));
      idle_readers_.push_back(std::move(reader));
    }
  }
  return {};
}

// Each migration runs in its own transaction that also records it, so that a failed one leaves
// the file as it was and two processes starting at once do not both apply it.
Status Database::Migrate(const std::string& path) {
  Connection& w = *writer_;
  RETURN_IF_ERROR(w.Exec(kCreateMigrations));
  ASSIGN_OR_RETURN(std::vector<Migration> migrations, ListMigrations(kMigrationPrefix));
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  // A newer program may have changed the schema in ways this one does not know; refuse before
  // touching anything.
  if (SchemaVersion() > newest_known) {
    return Error::Conflict("the database " + path + " was written by a newer version of moteplass");
  }
  for (const Migration& migration : migrations) {
    const std::string& name = migration.name;
    const int version = migration.version;
    Transaction txn(w);
    RETURN_IF_ERROR(txn.begun());
    Statement applied(w, kMigrationApplied);
    applied.Bind(version);
    ASSIGN_OR_RETURN(bool done, applied.Step());
    if (done) continue;
    if (Status s = w.Exec(migration.sql.c_str()); !s.ok()) {
      return Error::Internal("migration " + name + " failed: " + s.error().message);
    }
    Statement record(w, kRecordMigration);
    record.Bind(version).Bind(name).Bind(NowIso());
    RETURN_IF_ERROR(record.Run());
    RETURN_IF_ERROR(txn.Commit());
  }
  return {};
}

Status Database::Write(const WriteContext& ctx, const std::function<Status(WriteScope&)>& body) {
  std::lock_guard lock(write_mutex_);
  Transaction txn(*writer_);
  RETURN_IF_ERROR(txn.begun());
  WriteScope scope(*writer_, ctx, NowIso());
  RETURN_IF_ERROR(body(scope));
  RETURN_IF_ERROR(txn.Commit());
  ++commits_;
  return {};
}

Status Database::WithWriter(const std::function<Status(Connection&)>& body) {
  std::lock_guard lock(write_mutex_);
  return body(*writer_);
}

Status Database::Audit(const AuditEntry& entry) {
  std::lock_guard lock(write_mutex_);
  return WriteAuditRow(*writer_, entry);
}

int Database::SchemaVersion() {
  std::lock_guard lock(write_mutex_);
  Statement s(*writer_, kSchemaVersion);
  Result<bool> row = s.Step();
  return row.ok() && *row ? static_cast<int>(s.Int(0)) : 0;
}

// PRAGMA data_version on the writing connection changes exactly when another connection has
// committed; the writer's own commits leave it as it is.
Result<std::string> Database::DataStamp() {
  std::int64_t commits = 0;
  {
    std::lock_guard lock(write_mutex_);
    commits = commits_;
  }
  ASSIGN_OR_RETURN(std::int64_t version, DataVersion());
  return std::to_string(version) + ":" + std::to_string(commits);
}

Result<std::int64_t> Database::DataVersion() {
  std::lock_guard lock(write_mutex_);
  Statement s(*writer_, "PRAGMA data_version");
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error::Internal("PRAGMA data_version gave no row");
  return s.Int(0);
}

Status Database::Backup(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Error::Conflict("the backup file " + path + " exists already");
  sqlite3* target = nullptr;
  if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error e = DatabaseError(target, "cannot create " + path);
    sqlite3_close_v2(target);
    return e;
  }
  Status result;
  {
    // A read connection: copying in one step holds one read transaction, so the copy is a single
    // snapshot, and writers carry on meanwhile (WAL).
    ReadLease lease(*this);
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", (*lease).db(), "main");
    if (backup == nullptr) {
      result = DatabaseError(target, "cannot start the backup");
    } else {
      if (sqlite3_backup_step(backup, -1) != SQLITE_DONE) result = DatabaseError(target, "backup failed");
      sqlite3_backup_finish(backup);
    }
  }
  if (result.ok()) {
    // The copy's durability matters as much as the original's.
    char* message = nullptr;
    if (sqlite3_exec(target, "PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr,
                     &message) != SQLITE_OK) {
      result = Error::Internal(std::string("database: backup: ") + (message ? message : "checkpoint failed"));
    }
    sqlite3_free(message);
  }
  sqlite3_close_v2(target);
  if (!result.ok()) std::filesystem::remove(path, ec);
  return result;
}

}  // namespace moteplass::sqlite
