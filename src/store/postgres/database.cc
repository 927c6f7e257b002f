#include "store/postgres/database.h"

#include <algorithm>
#include <optional>

#include "core/clock.h"
#include "core/resources.h"
#include "store/migrations.h"

namespace moteplass::postgres {
namespace {

constexpr std::string_view kMigrationPrefix = "src/store/postgres/migrations/";
// The key of the session-level advisory lock held while migrating.
constexpr std::int64_t kMigrationLockKey = 0x6d6f7465'706c0002;  // "motepl" 2

constexpr const char* kLockMigrations = "SELECT pg_advisory_lock($1)";
constexpr const char* kUnlockMigrations = "SELECT pg_advisory_unlock($1)";
constexpr const char* kCreateMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
    "applied_at text NOT NULL)";
constexpr const char* kMigrationApplied = "SELECT 1 FROM schema_migrations WHERE version = $1";
constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";
constexpr const char* kSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kInsertHistory =
    R"(INSERT INTO history (entity_type, entity_id, at, "by", action, changes, source) VALUES ($1, $2, $3, $4, $5, $6, $7))";
constexpr const char* kInsertAudit =
    R"(INSERT INTO audit (at, "by", action, target_type, target_id, outcome) VALUES ($1, $2, $3, $4, $5, $6))";
constexpr const char* kCountWrite = "UPDATE write_count SET writes = writes + 1 WHERE id = 1";
constexpr const char* kWriteCount = "SELECT writes FROM write_count WHERE id = 1";
// One round trip for every notification of a write: the payloads travel as one text[] value.
constexpr const char* kNotify = "SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload";

// The number of a migration file named NNNN_name.sql; nullopt for any other name.
std::string ChangesJson(const std::vector<FieldChange>& changes) {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldChange& c : changes)
    list.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `values` as a PostgreSQL array literal of text: each element double-quoted, with '"' and '\\'
// escaped.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : v) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// Tells the processes listening on kChangeChannel what a write changed; delivered when (and
// only if) the transaction commits. Identical notifications of one transaction arrive once.
Status NotifyChanges(Connection& c, const std::set<std::pair<std::string, std::string>>& changed) {
  if (changed.empty()) return {};
  std::vector<std::string> payloads;
  for (const auto& [type, id] : changed) payloads.push_back(type + ":" + id);
  // PostgreSQL refuses a payload of 8000 bytes or more; no real id comes near.
  const bool too_long = std::any_of(payloads.begin(), payloads.end(),
                                    [](const std::string& p) { return p.size() > 1000; });
  if (changed.size() > kMostNotifiedChanges || too_long) payloads = {"*:"};
  Statement s(c, kNotify);
  s.Bind(kChangeChannel).Bind(TextArray(payloads));
  return s.Run();
}

// Holds the migration lock on `c` from construction to destruction. The server releases it too
// should the connection break.
class MigrationLock {
 public:
  explicit MigrationLock(Connection& c) : c_(c) {
    Statement lock(c_, kLockMigrations);
    lock.Bind(kMigrationLockKey);
    locked_ = lock.Run();
  }
  ~MigrationLock() {
    if (!locked_.ok()) return;
    Statement unlock(c_, kUnlockMigrations);
    unlock.Bind(kMigrationLockKey);
    (void)unlock.Run();
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;
  const Status& locked() const { return locked_; }

 private:
  Connection& c_;
  Status locked_;
};

Result<int> ReadSchemaVersion(Connection& c) {
  Statement s(c, kSchemaVersion);
  return OneRow<int>(s, "no schema version", [](Statement& r) { return static_cast<int>(r.Int(0)); });
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
  wrote_ = true;
  changed_.emplace(target_type, target_id);
  return WriteAuditRow(c_, {now_, ctx_.by, action, target_type, target_id, "ok"});
}

Database::Database(const std::string& url, const Options& options) : pool_(url, options.pool_size, options.pool_wait) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, const Options& options) {
  std::unique_ptr<Database> db(new Database(url, options));
  RETURN_IF_ERROR(db->Migrate());
  return db;
}

// Each migration runs in its own transaction that also records it, so that a failed one leaves
// the database as it was. The advisory lock makes a second server that starts meanwhile wait,
// then find the migrations applied.
Status Database::Migrate() {
  ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Borrow());
  Connection& c = *lease;
  MigrationLock lock(c);
  RETURN_IF_ERROR(lock.locked());
  RETURN_IF_ERROR(c.Exec(kCreateMigrations));
  ASSIGN_OR_RETURN(std::vector<Migration> migrations, ListMigrations(kMigrationPrefix));
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  // A newer program may have changed the schema in ways this one does not know; refuse before
  // touching anything.
  ASSIGN_OR_RETURN(int current, ReadSchemaVersion(c));
  if (current > newest_known) {
    return Error::Conflict("the database was migrated by a newer version of moteplass (schema " +
                           std::to_string(current) + ", this program knows up to " + std::to_string(newest_known) +
                           ")");
  }
  for (const Migration& migration : migrations) {
    const std::string& name = migration.name;
    const int version = migration.version;
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    Statement applied(c, kMigrationApplied);
    applied.Bind(version);
    ASSIGN_OR_RETURN(bool done, applied.Step());
    if (done) continue;
    if (Status s = c.Exec(migration.sql); !s.ok()) {
      return Error::Internal("migration " + name + " failed: " + s.error().message);
    }
    Statement record(c, kRecordMigration);
    record.Bind(version).Bind(name).Bind(NowIso());
    RETURN_IF_ERROR(record.Run());
    RETURN_IF_ERROR(txn.Commit());
  }
  return {};
}

Status Database::Write(const WriteContext& ctx, const std::function<Status(WriteScope&)>& body) {
  std::lock_guard lock(write_mutex_);
  ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Borrow());
  Connection& c = *lease;
  Transaction txn(c);
  RETURN_IF_ERROR(txn.begun());
  // The time is read once the write lock is held, so that the order of the times written is the
  // order of the writes.
  WriteScope scope(c, ctx, NowIso());
  RETURN_IF_ERROR(body(scope));
  if (!scope.wrote()) return txn.Commit();
  Statement count(c, kCountWrite);
  RETURN_IF_ERROR(count.Run());
  RETURN_IF_ERROR(NotifyChanges(c, scope.changed()));
  RETURN_IF_ERROR(txn.Commit());
  ++own_writes_;
  return {};
}

Status Database::WithWriter(const std::function<Status(Connection&)>& body) {
  std::lock_guard lock(write_mutex_);
  ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Borrow());
  return body(*lease);
}

Status Database::Audit(const AuditEntry& entry) {
  ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Borrow());
  return WriteAuditRow(*lease, entry);
}

int Database::SchemaVersion() {
  Result<Pool::Lease> lease = pool_.Borrow();
  if (!lease.ok()) return 0;
  Result<int> version = ReadSchemaVersion(**lease);
  return version.ok() ? *version : 0;
}

Result<std::string> Database::DataStamp() {
  ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Borrow());
  Statement s(*lease, kWriteCount);
  ASSIGN_OR_RETURN(std::int64_t writes,
                   OneRow<std::int64_t>(s, "the write count is missing", [](Statement& r) { return r.Int(0); }));
  return std::to_string(writes);
}

Result<std::int64_t> Database::ExternalChangeStamp() {
  // Under the write mutex: no write of this process is half-way between its commit and
  // own_writes_.
  std::lock_guard lock(write_mutex_);
  ASSIGN_OR_RETURN(Pool::Lease lease, pool_.Borrow());
  Statement s(*lease, kWriteCount);
  ASSIGN_OR_RETURN(std::int64_t writes,
                   OneRow<std::int64_t>(s, "the write count is missing", [](Statement& r) { return r.Int(0); }));
  return writes - own_writes_;
}

}  // namespace moteplass::postgres
