#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <unordered_map>

#include "core/norwegian.h"
#include "core/resources.h"

namespace moteplass {

using nlohmann::json;

namespace {

constexpr int kReadConnections = 4;
constexpr int kBusyTimeoutMs = 10000;
constexpr std::string_view kMigrationPrefix = "src/store/migrations/";

std::string Now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Error DatabaseError(sqlite3* db, const std::string& what) {
  // SQLite's messages name tables and constraints, never the values, so they are safe to pass on.
  return Error::Internal("database: " + what + ": " + (db ? sqlite3_errmsg(db) : "cannot allocate"));
}

// The number of a migration file named NNNN_name.sql; nullopt for any other name.
std::optional<int> MigrationNumber(std::string_view name) {
  auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  if (name.size() < 10 || !std::all_of(name.begin(), name.begin() + 4, digit) || name[4] != '_' ||
      name.substr(name.size() - 4) != ".sql" || name.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoi(std::string(name.substr(0, 4)));
}

// JSON as stored. Invalid UTF-8 cannot come from a parsed request, but a dump must never throw.
std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

// One connection with a cache of prepared statements keyed by their SQL text. Used by one
// thread at a time (the store's mutex or read pool sees to that).
class SqliteStore::Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create) {
    auto c = std::unique_ptr<Connection>(new Connection());
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr) != SQLITE_OK) {
      return DatabaseError(c->db_, "cannot open " + path);
    }
    sqlite3_extended_result_codes(c->db_, 1);
    sqlite3_busy_timeout(c->db_, kBusyTimeoutMs);
    // synchronous=FULL: in WAL mode every commit syncs the log before it returns, so a write
    // the caller was told about survives a power cut, not just a crash of the process (NORMAL
    // would only promise the latter). Writes are rare; the fsync per commit is affordable.
    for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
      if (Status s = c->Exec(pragma); !s.ok()) return s.error();
    }
    return c;
  }

  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  sqlite3* db() const { return db_; }

  // Runs SQL that carries no values (pragmas, migrations, transaction control).
  Status Exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return Error::Internal("database: " + text);
    }
    return {};
  }

  // Returns the cached statement for `sql`, preparing it the first time; nullptr on failure.
  sqlite3_stmt* Prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
      return nullptr;
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

 private:
  Connection() = default;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

namespace {

using Connection = SqliteStore::Connection;

// A prepared statement in use: binds values by position (1-based), steps, reads columns, and
// resets itself for the next user when it goes out of scope. Statements come from the
// connection's cache, so one SQL text must not be in use twice at once on one connection.
class Statement {
 public:
  Statement(Connection& c, const std::string& sql) : db_(c.db()), stmt_(c.Prepare(sql)) {
    if (!stmt_) error_ = DatabaseError(db_, "cannot prepare a statement");
  }
  ~Statement() {
    if (stmt_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(std::string_view text) {
    // A null data pointer would bind SQL NULL instead of "".
    if (text.data() == nullptr) text = "";
    Check(sqlite3_bind_text(stmt_, ++next_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Statement& Bind(const char* text) { return Bind(std::string_view(text)); }
  Statement& Bind(std::int64_t value) {
    Check(sqlite3_bind_int64(stmt_, ++next_, value));
    return *this;
  }
  Statement& Bind(int value) { return Bind(static_cast<std::int64_t>(value)); }
  Statement& Bind(bool value) { return Bind(static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& BindBlob(std::string_view bytes) {
    Check(sqlite3_bind_blob(stmt_, ++next_, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    return *this;
  }
  // Binds NULL for an empty string: "no municipality" is NULL so that foreign keys hold.
  Statement& BindOrNull(const std::string& text) {
    if (text.empty()) {
      Check(sqlite3_bind_null(stmt_, ++next_));
      return *this;
    }
    return Bind(text);
  }

  // Advances to the next row: true when there is one, false when done.
  Result<bool> Step() {
    if (error_) return *error_;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Failure(rc);
  }
  // Runs a statement that returns no rows.
  Status Run() {
    Result<bool> r = Step();
    if (!r.ok()) return r.error();
    return {};
  }

  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && !error_) error_ = DatabaseError(db_, "cannot bind a value");
  }
  Error Failure(int rc) {
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Error::Conflict("it exists already");
    }
    return DatabaseError(db_, "statement failed");
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_ = 0;
  std::optional<Error> error_;
};

// BEGIN IMMEDIATE on construction (take the write lock at once, so a transaction never fails
// half-way for want of it); ROLLBACK unless Commit() succeeded.
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

// ---- Meeting places -------------------------------------------------------------------------

const std::string kSelectPlace =
    "SELECT mp.id, mp.profile, mp.description, mp.how_to_take_part, mp.contact_email, mp.contact_phone, "
    "mp.website, mp.established, mp.ceased, mp.is_public, mp.name, mp.level, mp.municipality, mp.county, "
    "rc.region, mp.classification, mp.recorded_kind, mp.recorded_justification, mp.recorded_by, "
    "mp.recorded_at, mp.kind, mp.example, mp.version, mp.created_at, mp.updated_at, mp.deleted_at "
    "FROM meeting_places mp LEFT JOIN region_counties rc ON rc.county = mp.county";

Result<MeetingPlace> PlaceFromRow(const Statement& s) {
  MeetingPlace p;
  p.id = s.Int(0);
  p.input.profile = json::parse(s.Text(1), nullptr, false);
  if (p.input.profile.is_discarded()) return Error::Internal("database: stored profile is not JSON");
  p.input.description = s.Text(2);
  p.input.how_to_take_part = s.Text(3);
  p.input.contact.email = s.Text(4);
  p.input.contact.phone = s.Text(5);
  p.input.website = s.Text(6);
  p.input.established = s.Text(7);
  p.input.ceased = s.Text(8);
  p.input.is_public = s.Int(9) != 0;
  p.name = s.Text(10);
  p.level = s.Text(11);
  p.municipality = s.Text(12);
  p.county = s.Text(13);
  p.region = s.Text(14);
  if (!s.IsNull(15)) {
    p.classification = json::parse(s.Text(15), nullptr, false);
    if (p.classification.is_discarded())
      return Error::Internal("database: stored classification is not JSON");
  }
  if (!s.IsNull(16)) p.recorded_kind = RecordedKind{s.Text(16), s.Text(17), s.Text(18), s.Text(19)};
  p.kind = s.Text(20);
  p.example = s.Int(21) != 0;
  p.version = s.Int(22);
  p.created_at = s.Text(23);
  p.updated_at = s.Text(24);
  p.deleted_at = s.Text(25);
  return p;
}

Result<MeetingPlace> ReadPlace(Connection& c, std::int64_t id) {
  Statement s(c, kSelectPlace + " WHERE mp.id = ?");
  s.Bind(id);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  if (!*row) return Error::NotFound("no meeting place has the id " + std::to_string(id));
  return PlaceFromRow(s);
}

// A live record for a write: kNotFound when deleted, kConflict when the writer based its change
// on another version.
Result<MeetingPlace> ReadForWrite(Connection& c, std::int64_t id, const WriteContext& ctx) {
  Result<MeetingPlace> before = ReadPlace(c, id);
  if (!before.ok()) return before;
  if (!before->deleted_at.empty())
    return Error::NotFound("the meeting place " + std::to_string(id) + " is deleted");
  if (ctx.expected_version != 0 && ctx.expected_version != before->version) {
    return Error::Conflict("the meeting place has changed meanwhile (version " +
                           std::to_string(before->version) + ", not " + std::to_string(ctx.expected_version) +
                           "); reload it and try again");
  }
  return before;
}

// The columns a write derives from the input.
struct Derived {
  std::string name;
  std::string level;
  std::string municipality;
  std::string county;
  std::string computed_kind;
};

std::string ProfileString(const json& profile, const char* key) {
  auto it = profile.find(key);
  return it != profile.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ComputedKind(const json& classification) {
  if (!classification.is_object()) return "";
  auto it = classification.find("kind");
  return it != classification.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The stems of a text, space-separated, as the search index holds them.
std::string Stems(const std::string& text) {
  std::string out;
  for (const std::string& stem : NorwegianStems(text)) {
    if (!out.empty()) out += ' ';
    out += stem;
  }
  return out;
}

// Builds an FTS5 query in which every stem must occur, the last one also as a prefix (for
// search as you type). Each stem is quoted, so that no user text is read as FTS syntax.
std::string MatchExpression(const std::string& text) {
  std::vector<std::string> stems = NorwegianStems(text);
  std::string expr;
  for (std::size_t i = 0; i < stems.size(); ++i) {
    if (!expr.empty()) expr += ' ';
    expr += '"';
    for (char ch : stems[i]) {
      if (ch == '"') expr += '"';
      expr += ch;
    }
    expr += '"';
    if (i + 1 == stems.size()) expr += '*';
  }
  return expr;
}

std::string ChangesJson(const std::vector<FieldChange>& changes) {
  json list = json::array();
  for (const FieldChange& c : changes)
    list.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
  return Dump(list);
}

Status AddHistory(Connection& c, std::int64_t id, const std::string& at, const std::string& by,
                  const std::string& action, const std::vector<FieldChange>& changes) {
  Statement s(c, "INSERT INTO history (meeting_place_id, at, by, action, changes) VALUES (?, ?, ?, ?, ?)");
  s.Bind(id).Bind(at).Bind(by).Bind(action).Bind(ChangesJson(changes));
  return s.Run();
}

Status WriteAudit(Connection& c, const AuditEntry& e) {
  Statement s(
      c, "INSERT INTO audit (at, by, action, target_type, target_id, outcome) VALUES (?, ?, ?, ?, ?, ?)");
  s.Bind(e.at.empty() ? Now() : e.at)
      .Bind(e.by)
      .Bind(e.action)
      .Bind(e.target_type)
      .Bind(e.target_id)
      .Bind(e.outcome);
  return s.Run();
}

// Indexes a record's name and description (as stems) for full-text search.
Status SetSearchText(Connection& c, std::int64_t id, const std::string& name, const std::string& description) {
  Statement del(c, "DELETE FROM meeting_place_text WHERE rowid = ?");
  del.Bind(id);
  if (Status s = del.Run(); !s.ok()) return s;
  Statement ins(c, "INSERT INTO meeting_place_text (rowid, name, body) VALUES (?, ?, ?)");
  ins.Bind(id).Bind(Stems(name)).Bind(Stems(description));
  return ins.Run();
}

// Binds, in this order, the columns an insert and an update both write: profile, description,
// how_to_take_part, contact_email, contact_phone, website, established, ceased, is_public, name,
// sort_key, level, municipality, county, classification.
void BindRecordColumns(Statement& s, const MeetingPlaceInput& input, const Derived& d, const json& classification) {
  s.Bind(Dump(input.profile))
      .Bind(input.description)
      .Bind(input.how_to_take_part)
      .Bind(input.contact.email)
      .Bind(input.contact.phone)
      .Bind(input.website)
      .Bind(input.established)
      .Bind(input.ceased)
      .Bind(input.is_public)
      .Bind(d.name)
      .BindBlob(NorwegianSortKey(d.name))
      .Bind(d.level)
      .BindOrNull(d.municipality)
      .BindOrNull(d.county);
  if (classification.is_null()) {
    s.BindOrNull("");
  } else {
    s.Bind(Dump(classification));
  }
}

// Creates one record inside the caller's transaction and returns it.
Result<MeetingPlace> InsertPlace(Connection& c, const MeetingPlaceInput& input, const Derived& d,
                                 const json& classification, bool example, const std::string& now) {
  Statement s(
      c,
      "INSERT INTO meeting_places (profile, description, how_to_take_part, contact_email, contact_phone, "
      "website, established, ceased, is_public, name, sort_key, level, municipality, county, "
      "classification, kind, example, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
  BindRecordColumns(s, input, d, classification);
  s.BindOrNull(d.computed_kind).Bind(example).Bind(now).Bind(now);
  if (Status st = s.Run(); !st.ok()) return st.error();
  std::int64_t id = sqlite3_last_insert_rowid(c.db());
  if (Status st = SetSearchText(c, id, d.name, input.description); !st.ok()) return st.error();
  return ReadPlace(c, id);
}

// Sort keys and search stems are computed by the program, not the database; when the rules
// change (an ICU upgrade can change sort-key bytes), the stored ones are computed again, so that
// old and new rows sort and match alike.
Status RefreshNorwegianText(Connection& c) {
  const std::string version = NorwegianTextVersion();
  Transaction txn(c);
  if (!txn.begun().ok()) return txn.begun();
  {
    Statement current(c, "SELECT value FROM settings WHERE key = 'norwegian_text_version'");
    Result<bool> row = current.Step();
    if (!row.ok()) return row.error();
    if (*row && current.Text(0) == version) return {};
  }
  struct Row {
    std::int64_t id;
    std::string name;
    std::string description;
  };
  std::vector<Row> rows;
  {
    Statement all(c, "SELECT id, name, description FROM meeting_places");
    Result<bool> row = all.Step();
    for (; row.ok() && *row; row = all.Step()) rows.push_back(Row{all.Int(0), all.Text(1), all.Text(2)});
    if (!row.ok()) return row.error();
  }
  for (const Row& r : rows) {
    Statement key(c, "UPDATE meeting_places SET sort_key = ? WHERE id = ?");
    key.BindBlob(NorwegianSortKey(r.name)).Bind(r.id);
    if (Status st = key.Run(); !st.ok()) return st;
    if (Status st = SetSearchText(c, r.id, r.name, r.description); !st.ok()) return st;
  }
  Statement save(c,
                 "INSERT INTO settings (key, value) VALUES ('norwegian_text_version', ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  save.Bind(version);
  if (Status st = save.Run(); !st.ok()) return st;
  return txn.Commit();
}

// ---- Users ----------------------------------------------------------------------------------

constexpr const char* kSelectUser = "SELECT id, username, role, scope, disabled, created_at FROM users";

Result<User> UserFromRow(const Statement& s) {
  User u;
  u.id = s.Int(0);
  u.username = s.Text(1);
  Result<Role> role = ParseRole(s.Text(2));
  if (!role.ok()) return Error::Internal("database: a stored role is unknown");
  u.role = *role;
  u.scope = s.Text(3);
  u.disabled = s.Int(4) != 0;
  u.created_at = s.Text(5);
  return u;
}

Result<User> OneUser(Statement& s, const std::string& missing) {
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  if (!*row) return Error::NotFound(missing);
  return UserFromRow(s);
}

}  // namespace

// Lends a read connection for the length of one call, or the write connection under its mutex
// when the database cannot be shared (":memory:").
class SqliteStore::ReadLease {
 public:
  explicit ReadLease(SqliteStore& store) : store_(store) {
    if (!store_.shared_readers_) {
      write_lock_ = std::unique_lock(store_.write_mutex_);
      connection_ = store_.writer_.get();
      return;
    }
    std::unique_lock lock(store_.pool_mutex_);
    store_.pool_available_.wait(lock, [&] { return !store_.idle_readers_.empty(); });
    owned_ = std::move(store_.idle_readers_.back());
    store_.idle_readers_.pop_back();
    connection_ = owned_.get();
  }
  ~ReadLease() {
    if (owned_) {
      {
        std::lock_guard lock(store_.pool_mutex_);
        store_.idle_readers_.push_back(std::move(owned_));
      }
      store_.pool_available_.notify_one();
    }
  }
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;
  Connection& operator*() const { return *connection_; }

 private:
  SqliteStore& store_;
  std::unique_lock<std::mutex> write_lock_;
  std::unique_ptr<Connection> owned_;
  Connection* connection_ = nullptr;
};

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  if (Status s = store->Initialise(path); !s.ok()) return s.error();
  return store;
}

Status SqliteStore::Initialise(const std::string& path) {
  auto writer = Connection::Open(path, /*create=*/true);
  if (!writer.ok()) return writer.error();
  writer_ = std::move(writer).value();
  Connection& w = *writer_;
  shared_readers_ = path != ":memory:" && !path.empty();
  if (shared_readers_) {
    Statement mode(w, "PRAGMA journal_mode = WAL");
    Result<bool> row = mode.Step();
    if (!row.ok()) return row.error();
    if (!*row || mode.Text(0) != "wal") return Error::Internal("database: cannot switch " + path + " to WAL");
  }

  // Migrations, each in its own transaction that also records it, so that a failed one leaves
  // the file as it was and two processes starting at once do not both apply it.
  if (Status s = w.Exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TEXT NOT NULL)");
      !s.ok()) {
    return s;
  }
  std::vector<resources::Entry> migrations = resources::List(kMigrationPrefix);
  int newest_known = 0;
  for (const resources::Entry& entry : migrations) {
    std::optional<int> version = MigrationNumber(entry.name.substr(kMigrationPrefix.size()));
    if (!version)
      return Error::Internal("migration " + std::string(entry.name) + " is not named NNNN_name.sql");
    newest_known = std::max(newest_known, *version);
  }
  // A newer program may have changed the schema in ways this one does not know; refuse before
  // touching anything.
  if (SchemaVersion() > newest_known) {
    return Error::Conflict("the database " + path + " was written by a newer version of moteplass");
  }
  for (const resources::Entry& entry : migrations) {
    const std::string name(entry.name.substr(kMigrationPrefix.size()));
    const int version = *MigrationNumber(name);
    Transaction txn(w);
    if (!txn.begun().ok()) return txn.begun();
    Statement applied(w, "SELECT 1 FROM schema_migrations WHERE version = ?");
    applied.Bind(version);
    Result<bool> row = applied.Step();
    if (!row.ok()) return row.error();
    if (*row) continue;
    std::string sql(entry.content);
    if (Status s = w.Exec(sql.c_str()); !s.ok()) {
      return Error::Internal("migration " + name + " failed: " + s.error().message);
    }
    Statement record(w, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    record.Bind(version).Bind(name).Bind(Now());
    if (Status s = record.Run(); !s.ok()) return s;
    if (Status s = txn.Commit(); !s.ok()) return s;
  }

  // Places at first start.
  {
    Transaction txn(w);
    if (!txn.begun().ok()) return txn.begun();
    Statement count(w, "SELECT COUNT(*) FROM counties");
    Result<bool> row = count.Step();
    if (!row.ok()) return row.error();
    if (count.Int(0) == 0) {
      Places places = DefaultPlaces();
      for (const County& county : places.counties) {
        Statement s(w, "INSERT INTO counties (number, name) VALUES (?, ?)");
        s.Bind(county.number).Bind(county.name);
        if (Status st = s.Run(); !st.ok()) return st;
      }
      for (const Municipality& m : places.municipalities) {
        Statement s(w, "INSERT INTO municipalities (number, name, county) VALUES (?, ?, ?)");
        s.Bind(m.number).Bind(m.name).Bind(m.county);
        if (Status st = s.Run(); !st.ok()) return st;
      }
      for (std::size_t i = 0; i < places.regions.size(); ++i) {
        const Region& region = places.regions[i];
        Statement s(w, "INSERT INTO regions (id, name, position) VALUES (?, ?, ?)");
        s.Bind(region.id).Bind(region.name).Bind(static_cast<std::int64_t>(i));
        if (Status st = s.Run(); !st.ok()) return st;
        for (const std::string& county : region.counties) {
          Statement rc(w, "INSERT INTO region_counties (county, region) VALUES (?, ?)");
          rc.Bind(county).Bind(region.id);
          if (Status st = rc.Run(); !st.ok()) return st;
        }
      }
      if (Status st = txn.Commit(); !st.ok()) return st;
    }
  }
  {
    Statement counties(w, "SELECT number FROM counties");
    Result<bool> row = counties.Step();
    for (; row.ok() && *row; row = counties.Step()) county_numbers_.insert(counties.Text(0));
    if (!row.ok()) return row.error();
    Statement municipalities(w, "SELECT number, county FROM municipalities");
    row = municipalities.Step();
    for (; row.ok() && *row; row = municipalities.Step()) {
      municipality_county_[municipalities.Text(0)] = municipalities.Text(1);
    }
    if (!row.ok()) return row.error();
  }

  if (Status s = RefreshNorwegianText(w); !s.ok()) return s;

  if (shared_readers_) {
    for (int i = 0; i < kReadConnections; ++i) {
      auto reader = Connection::Open(path, /*create=*/false);
      if (!reader.ok()) return reader.error();
      // Readers never write: a mistake shows up as an error instead of a second writer.
      if (Status s = (*reader)->Exec("PRAGMA query_only = ON"); !s.ok()) return s;
      idle_readers_.push_back(std::move(reader).value());
    }
  }
  return {};
}

int SqliteStore::SchemaVersion() {
  std::lock_guard lock(write_mutex_);
  Statement s(*writer_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  Result<bool> row = s.Step();
  return row.ok() && *row ? static_cast<int>(s.Int(0)) : 0;
}

// ---- Places ---------------------------------------------------------------------------------

Result<Places> SqliteStore::LoadPlaces() {
  ReadLease lease(*this);
  Connection& c = *lease;
  ReadTransaction txn(c);
  if (!txn.begun().ok()) return txn.begun().error();
  Places places;
  {
    Statement s(c,
                "SELECT c.number, c.name, COALESCE(rc.region, '') FROM counties c "
                "LEFT JOIN region_counties rc ON rc.county = c.number ORDER BY c.number");
    Result<bool> row = s.Step();
    for (; row.ok() && *row; row = s.Step())
      places.counties.push_back(County{s.Text(0), s.Text(1), s.Text(2)});
    if (!row.ok()) return row.error();
  }
  {
    Statement s(c, "SELECT number, name, county FROM municipalities ORDER BY number");
    Result<bool> row = s.Step();
    for (; row.ok() && *row; row = s.Step()) {
      places.municipalities.push_back(Municipality{s.Text(0), s.Text(1), s.Text(2)});
    }
    if (!row.ok()) return row.error();
  }
  {
    Statement s(c, "SELECT id, name FROM regions ORDER BY position, id");
    Result<bool> row = s.Step();
    for (; row.ok() && *row; row = s.Step()) places.regions.push_back(Region{s.Text(0), s.Text(1), {}});
    if (!row.ok()) return row.error();
  }
  for (Region& region : places.regions) {
    Statement s(c, "SELECT county FROM region_counties WHERE region = ? ORDER BY county");
    s.Bind(region.id);
    Result<bool> row = s.Step();
    for (; row.ok() && *row; row = s.Step()) region.counties.push_back(s.Text(0));
    if (!row.ok()) return row.error();
  }
  return places;
}

Status SqliteStore::ReplaceRegions(const std::vector<Region>& regions, const std::string& by) {
  std::set<std::string> ids;
  std::set<std::string> placed;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const std::string at = "/" + std::to_string(i);
    if (regions[i].id.empty()) return Error::Invalid("a region needs an id", at + "/id");
    if (!ids.insert(regions[i].id).second)
      return Error::Invalid("region id " + regions[i].id + " appears twice", at + "/id");
    for (std::size_t j = 0; j < regions[i].counties.size(); ++j) {
      const std::string& county = regions[i].counties[j];
      const std::string cat = at + "/counties/" + std::to_string(j);
      if (!county_numbers_.count(county)) return Error::Invalid("no county has the number " + county, cat);
      if (!placed.insert(county).second)
        return Error::Invalid("county " + county + " is in two regions", cat);
    }
  }
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun();
  for (const char* sql : {"DELETE FROM region_counties", "DELETE FROM regions"}) {
    Statement s(w, sql);
    if (Status st = s.Run(); !st.ok()) return st;
  }
  for (std::size_t i = 0; i < regions.size(); ++i) {
    Statement s(w, "INSERT INTO regions (id, name, position) VALUES (?, ?, ?)");
    s.Bind(regions[i].id).Bind(regions[i].name).Bind(static_cast<std::int64_t>(i));
    if (Status st = s.Run(); !st.ok()) return st;
    for (const std::string& county : regions[i].counties) {
      Statement rc(w, "INSERT INTO region_counties (county, region) VALUES (?, ?)");
      rc.Bind(county).Bind(regions[i].id);
      if (Status st = rc.Run(); !st.ok()) return st;
    }
  }
  if (Status st = WriteAudit(w, {"", by, "regions.replace", "regions", "", "ok"}); !st.ok()) return st;
  return txn.Commit();
}

// ---- Meeting places -------------------------------------------------------------------------

namespace {

// Derives the location columns from the profile, checking that the places exist. Pointers name
// the profile field, as ParseMeetingPlaceInput does.
Result<Derived> Derive(const MeetingPlaceInput& input, const json& classification,
                       const std::set<std::string>& counties,
                       const std::map<std::string, std::string>& municipalities) {
  if (!input.profile.is_object()) return Error::Invalid("the profile must be an object", "/profile");
  Derived d;
  d.name = ProfileString(input.profile, "name");
  if (d.name.empty()) return Error::Invalid("the profile needs a name", "/profile/name");
  d.level = ProfileString(input.profile, "level");
  if (d.level.empty()) return Error::Invalid("the profile needs a level", "/profile/level");
  d.county = ProfileString(input.profile, "county");
  // A municipal meeting place has a municipality; an intermunicipal one may name its host.
  if (d.level == "municipal" || !ProfileString(input.profile, "municipality").empty()) {
    d.municipality = ProfileString(input.profile, "municipality");
    auto it = municipalities.find(d.municipality);
    if (it == municipalities.end()) {
      return Error::Invalid("no municipality has the number \"" + d.municipality + "\" (2024 numbering)",
                            "/profile/municipality");
    }
    if (d.county.empty()) d.county = it->second;
    if (d.county != it->second) {
      return Error::Invalid(
          "municipality " + d.municipality + " lies in county " + it->second + ", not " + d.county,
          "/profile/county");
    }
  }
  if (!d.county.empty() && !counties.count(d.county)) {
    return Error::Invalid("no county has the number " + d.county + " (2024 numbering)", "/profile/county");
  }
  d.computed_kind = ComputedKind(classification);
  return d;
}

}  // namespace

Result<MeetingPlace> SqliteStore::CreateMeetingPlace(const MeetingPlaceInput& input,
                                                     const json& classification, bool example,
                                                     const WriteContext& ctx) {
  Result<Derived> derived = Derive(input, classification, county_numbers_, municipality_county_);
  if (!derived.ok()) return derived.error();
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun().error();
  const std::string now = Now();
  Result<MeetingPlace> created = InsertPlace(w, input, *derived, classification, example, now);
  if (!created.ok()) return created;
  const std::string id = std::to_string(created->id);
  if (Status s = AddHistory(w, created->id, now, ctx.by, "create", Diff(json::object(), ToJson(*created)));
      !s.ok()) {
    return s.error();
  }
  if (Status s = WriteAudit(w, {now, ctx.by, "meeting_place.create", "meeting_place", id, "ok"}); !s.ok()) {
    return s.error();
  }
  if (Status s = txn.Commit(); !s.ok()) return s.error();
  return created;
}

Result<MeetingPlace> SqliteStore::UpdateMeetingPlace(std::int64_t id, const MeetingPlaceInput& input,
                                                     const json& classification, const WriteContext& ctx) {
  Result<Derived> derived = Derive(input, classification, county_numbers_, municipality_county_);
  if (!derived.ok()) return derived.error();
  const Derived& d = *derived;
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun().error();
  Result<MeetingPlace> before = ReadForWrite(w, id, ctx);
  if (!before.ok()) return before;
  // The kind in force stays the recorded one while there is one.
  const std::string kind = before->recorded_kind ? before->recorded_kind->kind : d.computed_kind;
  const std::string now = Now();
  Statement s(
      w,
      "UPDATE meeting_places SET profile = ?, description = ?, how_to_take_part = ?, contact_email = ?, "
      "contact_phone = ?, website = ?, established = ?, ceased = ?, is_public = ?, name = ?, sort_key = ?, "
      "level = ?, municipality = ?, county = ?, classification = ?, kind = ?, version = version + 1, "
      "updated_at = ? WHERE id = ?");
  BindRecordColumns(s, input, d, classification);
  s.BindOrNull(kind).Bind(now).Bind(id);
  if (Status st = s.Run(); !st.ok()) return st.error();
  if (Status st = SetSearchText(w, id, d.name, input.description); !st.ok()) return st.error();
  Result<MeetingPlace> after = ReadPlace(w, id);
  if (!after.ok()) return after;
  if (Status st = AddHistory(w, id, now, ctx.by, "update", Diff(ToJson(*before), ToJson(*after))); !st.ok()) {
    return st.error();
  }
  if (Status st =
          WriteAudit(w, {now, ctx.by, "meeting_place.update", "meeting_place", std::to_string(id), "ok"});
      !st.ok()) {
    return st.error();
  }
  if (Status st = txn.Commit(); !st.ok()) return st.error();
  return after;
}

Status SqliteStore::DeleteMeetingPlace(std::int64_t id, const WriteContext& ctx) {
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun();
  Result<MeetingPlace> before = ReadForWrite(w, id, ctx);
  if (!before.ok()) return before.error();
  const std::string now = Now();
  Statement s(w,
              "UPDATE meeting_places SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?");
  s.Bind(now).Bind(now).Bind(id);
  if (Status st = s.Run(); !st.ok()) return st;
  // Diff leaves deleted_at out (bookkeeping); for a deletion it is the change.
  if (Status st = AddHistory(w, id, now, ctx.by, "delete", {FieldChange{"/deleted_at", json(), json(now)}});
      !st.ok()) {
    return st;
  }
  if (Status st =
          WriteAudit(w, {now, ctx.by, "meeting_place.delete", "meeting_place", std::to_string(id), "ok"});
      !st.ok()) {
    return st;
  }
  return txn.Commit();
}

Result<MeetingPlace> SqliteStore::RecordKind(std::int64_t id, const std::optional<RecordedKind>& kind,
                                             const WriteContext& ctx) {
  if (kind && kind->kind.empty()) return Error::Invalid("a recorded kind needs a kind", "/kind");
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun().error();
  Result<MeetingPlace> before = ReadForWrite(w, id, ctx);
  if (!before.ok()) return before;
  const std::string now = Now();
  Statement s(w,
              "UPDATE meeting_places SET recorded_kind = ?, recorded_justification = ?, recorded_by = ?, "
              "recorded_at = ?, kind = ?, version = version + 1, updated_at = ? WHERE id = ?");
  if (kind) {
    s.Bind(kind->kind)
        .Bind(kind->justification)
        .Bind(kind->by.empty() ? ctx.by : kind->by)
        .Bind(kind->at.empty() ? now : kind->at)
        .Bind(kind->kind);
  } else {
    s.BindOrNull("").BindOrNull("").BindOrNull("").BindOrNull("").BindOrNull(
        ComputedKind(before->classification));
  }
  s.Bind(now).Bind(id);
  if (Status st = s.Run(); !st.ok()) return st.error();
  Result<MeetingPlace> after = ReadPlace(w, id);
  if (!after.ok()) return after;
  if (Status st = AddHistory(w, id, now, ctx.by, "record_kind", Diff(ToJson(*before), ToJson(*after)));
      !st.ok()) {
    return st.error();
  }
  if (Status st = WriteAudit(
          w, {now, ctx.by, "meeting_place.record_kind", "meeting_place", std::to_string(id), "ok"});
      !st.ok()) {
    return st.error();
  }
  if (Status st = txn.Commit(); !st.ok()) return st.error();
  return after;
}

Result<MeetingPlace> SqliteStore::GetMeetingPlace(std::int64_t id) {
  ReadLease lease(*this);
  return ReadPlace(*lease, id);
}

Result<MeetingPlacePage> SqliteStore::ListMeetingPlaces(const MeetingPlaceQuery& query) {
  // The statement is assembled from fixed fragments only; every value is bound.
  std::string where = " WHERE 1 = 1";
  std::vector<std::string> values;
  if (!query.include_deleted) where += " AND mp.deleted_at IS NULL";
  if (!query.include_unpublished) where += " AND mp.is_public = 1";
  if (!query.county.empty()) {
    where += " AND mp.county = ?";
    values.push_back(query.county);
  }
  if (!query.municipality.empty()) {
    where += " AND mp.municipality = ?";
    values.push_back(query.municipality);
  }
  if (!query.region.empty()) {
    where += " AND rc.region = ?";
    values.push_back(query.region);
  }
  if (!query.kind.empty()) {
    where += " AND mp.kind = ?";
    values.push_back(query.kind);
  }
  // Full-text search joins the matching rows with their bm25 rank (lower is better); a match in
  // the name weighs ten times one in the description.
  std::string join;
  std::string match;
  if (!query.text.empty()) match = MatchExpression(query.text);
  // Text with no words at all (only punctuation) filters nothing.
  if (!match.empty()) {
    join = " JOIN (SELECT rowid AS text_id, bm25(meeting_place_text, 10.0, 1.0) AS text_rank "
           "FROM meeting_place_text WHERE meeting_place_text MATCH ?) t ON t.text_id = mp.id";
  }
  std::string order = " ORDER BY mp.sort_key, mp.id";
  if (query.sort == MeetingPlaceQuery::Sort::kUpdatedDesc) {
    order = " ORDER BY mp.updated_at DESC, mp.id DESC";
  } else if (query.sort == MeetingPlaceQuery::Sort::kRelevance && !match.empty()) {
    order = " ORDER BY t.text_rank, mp.sort_key, mp.id";
  }
  const std::int64_t per_page = std::clamp(query.per_page, 1, 1000);
  const std::int64_t page = std::max(query.page, 1);

  ReadLease lease(*this);
  Connection& c = *lease;
  ReadTransaction txn(c);
  if (!txn.begun().ok()) return txn.begun().error();
  MeetingPlacePage result;
  {
    Statement count(
        c, "SELECT COUNT(*) FROM meeting_places mp LEFT JOIN region_counties rc ON rc.county = mp.county" + join +
               where);
    if (!match.empty()) count.Bind(match);
    for (const std::string& v : values) count.Bind(v);
    Result<bool> row = count.Step();
    if (!row.ok()) return row.error();
    result.total = count.Int(0);
  }
  Statement s(c, kSelectPlace + join + where + order + " LIMIT ? OFFSET ?");
  if (!match.empty()) s.Bind(match);
  for (const std::string& v : values) s.Bind(v);
  s.Bind(per_page).Bind((page - 1) * per_page);
  Result<bool> row = s.Step();
  for (; row.ok() && *row; row = s.Step()) {
    Result<MeetingPlace> p = PlaceFromRow(s);
    if (!p.ok()) return p.error();
    result.items.push_back(std::move(p).value());
  }
  if (!row.ok()) return row.error();
  return result;
}

Result<std::vector<HistoryEntry>> SqliteStore::History(std::int64_t id) {
  ReadLease lease(*this);
  Connection& c = *lease;
  ReadTransaction txn(c);
  if (!txn.begun().ok()) return txn.begun().error();
  {
    Statement exists(c, "SELECT 1 FROM meeting_places WHERE id = ?");
    exists.Bind(id);
    Result<bool> row = exists.Step();
    if (!row.ok()) return row.error();
    if (!*row) return Error::NotFound("no meeting place has the id " + std::to_string(id));
  }
  Statement s(c,
              "SELECT id, at, by, action, changes FROM history WHERE meeting_place_id = ? ORDER BY id DESC");
  s.Bind(id);
  std::vector<HistoryEntry> entries;
  Result<bool> row = s.Step();
  for (; row.ok() && *row; row = s.Step()) {
    HistoryEntry e{s.Int(0), s.Text(1), s.Text(2), s.Text(3), {}};
    json changes = json::parse(s.Text(4), nullptr, false);
    if (!changes.is_array()) return Error::Internal("database: stored history is not a JSON array");
    for (const json& change : changes) {
      e.changes.push_back(FieldChange{change.value("pointer", ""), change.value("before", json()),
                                      change.value("after", json())});
    }
    entries.push_back(std::move(e));
  }
  if (!row.ok()) return row.error();
  return entries;
}

Result<std::vector<MeetingPlace>> SqliteStore::AllMeetingPlaces() {
  ReadLease lease(*this);
  Connection& c = *lease;
  Statement s(c, kSelectPlace + " WHERE mp.deleted_at IS NULL ORDER BY mp.id");
  std::vector<MeetingPlace> places;
  Result<bool> row = s.Step();
  for (; row.ok() && *row; row = s.Step()) {
    Result<MeetingPlace> p = PlaceFromRow(s);
    if (!p.ok()) return p.error();
    places.push_back(std::move(p).value());
  }
  if (!row.ok()) return row.error();
  return places;
}

Result<std::vector<MeetingPlace>> SqliteStore::ImportMeetingPlaces(
    const std::vector<MeetingPlaceInput>& inputs, const std::vector<json>& classifications, bool example,
    const WriteContext& ctx) {
  if (!classifications.empty() && classifications.size() != inputs.size()) {
    return Error::Invalid("an import needs one classification per record (or none)", "");
  }
  auto classification_of = [&](std::size_t i) {
    return classifications.empty() ? json() : classifications[i];
  };
  std::vector<Derived> derived;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Result<Derived> d = Derive(inputs[i], classification_of(i), county_numbers_, municipality_county_);
    if (!d.ok()) {
      Error e = d.error();
      e.index = static_cast<int>(i);
      e.message = "record " + std::to_string(i) + ": " + e.message;
      return e;
    }
    derived.push_back(std::move(d).value());
  }
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  // One transaction: either every record is stored or, on any failure, none is (the
  // Transaction rolls back when it goes out of scope uncommitted).
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun().error();
  const std::string now = Now();
  std::vector<MeetingPlace> created;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto fail = [&](Error e) {
      e.index = static_cast<int>(i);
      e.message = "record " + std::to_string(i) + ": " + e.message;
      return e;
    };
    Result<MeetingPlace> p = InsertPlace(w, inputs[i], derived[i], classification_of(i), example, now);
    if (!p.ok()) return fail(p.error());
    if (Status s = AddHistory(w, p->id, now, ctx.by, "import", Diff(json::object(), ToJson(*p))); !s.ok()) {
      return fail(s.error());
    }
    if (Status s = WriteAudit(
            w, {now, ctx.by, "meeting_place.import", "meeting_place", std::to_string(p->id), "ok"});
        !s.ok()) {
      return fail(s.error());
    }
    created.push_back(std::move(p).value());
  }
  if (Status s = txn.Commit(); !s.ok()) return s.error();
  return created;
}

Result<std::int64_t> SqliteStore::RemoveExampleData(const WriteContext& ctx) {
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun().error();
  const std::string now = Now();
  std::vector<std::int64_t> ids;
  {
    Statement examples(w, "SELECT id FROM meeting_places WHERE example = 1 ORDER BY id");
    Result<bool> row = examples.Step();
    for (; row.ok() && *row; row = examples.Step()) ids.push_back(examples.Int(0));
    if (!row.ok()) return row.error();
  }
  // Audit rows name each record, like those of every other write.
  for (std::int64_t id : ids) {
    if (Status st = WriteAudit(
            w, {now, ctx.by, "meeting_place.remove_example", "meeting_place", std::to_string(id), "ok"});
        !st.ok()) {
      return st.error();
    }
  }
  for (const char* sql :
       {"DELETE FROM history WHERE meeting_place_id IN (SELECT id FROM meeting_places WHERE example = 1)",
        "DELETE FROM meeting_place_text WHERE rowid IN (SELECT id FROM meeting_places WHERE example = 1)",
        "DELETE FROM meeting_places WHERE example = 1"}) {
    Statement s(w, sql);
    if (Status st = s.Run(); !st.ok()) return st.error();
  }
  if (Status st = txn.Commit(); !st.ok()) return st.error();
  return static_cast<std::int64_t>(ids.size());
}

Result<std::int64_t> SqliteStore::CountMeetingPlaces(bool example_only) {
  ReadLease lease(*this);
  Statement s(*lease, example_only
                          ? "SELECT COUNT(*) FROM meeting_places WHERE deleted_at IS NULL AND example = 1"
                          : "SELECT COUNT(*) FROM meeting_places WHERE deleted_at IS NULL");
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  return s.Int(0);
}

// ---- Users, sessions, tokens ----------------------------------------------------------------

Result<User> SqliteStore::AddUser(const std::string& username, const std::string& password_hash, Role role,
                                  const std::string& scope) {
  if (username.empty()) return Error::Invalid("a user needs a name", "/username");
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Statement s(w,
              "INSERT INTO users (username, password_hash, role, scope, disabled, created_at) VALUES (?, ?, "
              "?, ?, 0, ?)");
  s.Bind(username).Bind(password_hash).Bind(RoleName(role)).Bind(scope).Bind(Now());
  if (Status st = s.Run(); !st.ok()) {
    if (st.error().code == ErrorCode::kConflict)
      return Error::Conflict("a user named " + username + " exists already", "/username");
    return st.error();
  }
  Statement read(w, std::string(kSelectUser) + " WHERE id = ?");
  read.Bind(static_cast<std::int64_t>(sqlite3_last_insert_rowid(w.db())));
  return OneUser(read, "the new user is missing");
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  ReadLease lease(*this);
  Statement s(*lease, std::string(kSelectUser) + " ORDER BY username");
  std::vector<User> users;
  Result<bool> row = s.Step();
  for (; row.ok() && *row; row = s.Step()) {
    Result<User> u = UserFromRow(s);
    if (!u.ok()) return u.error();
    users.push_back(std::move(u).value());
  }
  if (!row.ok()) return row.error();
  return users;
}

Status SqliteStore::SetUserDisabled(const std::string& username, bool disabled) {
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun();
  Statement s(w, "UPDATE users SET disabled = ? WHERE username = ?");
  s.Bind(disabled).Bind(username);
  if (Status st = s.Run(); !st.ok()) return st;
  if (sqlite3_changes(w.db()) == 0) return Error::NotFound("no user is named " + username);
  if (disabled) {
    // Sessions end for good; enabling the user again does not bring them back.
    Statement del(w, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)");
    del.Bind(username);
    if (Status st = del.Run(); !st.ok()) return st;
  }
  return txn.Commit();
}

Result<User> SqliteStore::FindUser(const std::string& username) {
  ReadLease lease(*this);
  Statement s(*lease, std::string(kSelectUser) + " WHERE username = ?");
  s.Bind(username);
  return OneUser(s, "no user is named " + username);
}

Result<User> SqliteStore::FindUserById(std::int64_t id) {
  ReadLease lease(*this);
  Statement s(*lease, std::string(kSelectUser) + " WHERE id = ?");
  s.Bind(id);
  return OneUser(s, "no user has the id " + std::to_string(id));
}

Result<std::string> SqliteStore::PasswordHash(const std::string& username) {
  ReadLease lease(*this);
  Statement s(*lease, "SELECT password_hash FROM users WHERE username = ?");
  s.Bind(username);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  if (!*row) return Error::NotFound("no user is named " + username);
  return s.Text(0);
}

Status SqliteStore::CreateSession(const Session& session) {
  std::lock_guard lock(write_mutex_);
  Connection& w = *writer_;
  Transaction txn(w);
  if (!txn.begun().ok()) return txn.begun();
  const std::string now = Now();
  // Expired sessions are of no use to anyone; clearing them here keeps the table small.
  Statement purge(w, "DELETE FROM sessions WHERE expires_at <= ?");
  purge.Bind(now);
  if (Status st = purge.Run(); !st.ok()) return st;
  Statement s(
      w,
      "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)");
  s.Bind(session.id_hash).Bind(session.user_id).Bind(session.csrf_token).Bind(session.expires_at).Bind(now);
  if (Status st = s.Run(); !st.ok()) return st;
  return txn.Commit();
}

Result<Session> SqliteStore::FindSession(const std::string& id_hash) {
  ReadLease lease(*this);
  Statement s(*lease,
              "SELECT s.id_hash, s.user_id, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id "
              "= s.user_id "
              "WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0");
  s.Bind(id_hash).Bind(Now());
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  if (!*row) return Error::NotFound("no such session, or it has expired");
  return Session{s.Text(0), s.Int(1), s.Text(2), s.Text(3)};
}

Status SqliteStore::DeleteSession(const std::string& id_hash) {
  std::lock_guard lock(write_mutex_);
  Statement s(*writer_, "DELETE FROM sessions WHERE id_hash = ?");
  s.Bind(id_hash);
  return s.Run();
}

Status SqliteStore::AddToken(std::int64_t user_id, const std::string& token_hash) {
  std::lock_guard lock(write_mutex_);
  Statement s(*writer_, "INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)");
  s.Bind(token_hash).Bind(user_id).Bind(Now());
  Status st = s.Run();
  if (!st.ok() && st.error().code == ErrorCode::kInternal &&
      sqlite3_extended_errcode(writer_->db()) == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Error::NotFound("no user has the id " + std::to_string(user_id));
  }
  return st;
}

Result<User> SqliteStore::FindUserByToken(const std::string& token_hash) {
  ReadLease lease(*this);
  Statement s(*lease,
              "SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at FROM tokens t "
              "JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND u.disabled = 0");
  s.Bind(token_hash);
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  if (!*row) return Error::Unauthenticated("the token is unknown or its user is disabled");
  return UserFromRow(s);
}

// ---- Audit ----------------------------------------------------------------------------------

Status SqliteStore::Audit(const AuditEntry& entry) {
  std::lock_guard lock(write_mutex_);
  return WriteAudit(*writer_, entry);
}

Result<std::vector<AuditEntry>> SqliteStore::AuditLog(int limit) {
  ReadLease lease(*this);
  Statement s(*lease,
              "SELECT at, by, action, target_type, target_id, outcome FROM audit ORDER BY id DESC LIMIT ?");
  s.Bind(std::max(limit, 0));
  std::vector<AuditEntry> entries;
  Result<bool> row = s.Step();
  for (; row.ok() && *row; row = s.Step()) {
    entries.push_back(AuditEntry{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
  }
  if (!row.ok()) return row.error();
  return entries;
}

// ---- Operations -----------------------------------------------------------------------------

// PRAGMA data_version on the writing connection changes exactly when another connection has
// committed; the writer's own commits leave it as it is.
Result<std::int64_t> SqliteStore::ExternalChangeStamp() {
  std::lock_guard lock(write_mutex_);
  Statement s(*writer_, "PRAGMA data_version");
  Result<bool> row = s.Step();
  if (!row.ok()) return row.error();
  if (!*row) return Error::Internal("PRAGMA data_version gave no row");
  return s.Int(0);
}

Status SqliteStore::Backup(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    return Error::Conflict("the backup file " + path + " exists already");
  sqlite3* target = nullptr;
  if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Error e = DatabaseError(target, "cannot create " + path);
    sqlite3_close_v2(target);
    return e;
  }
  Status result;
  {
    // A read connection: copying in one step holds one read transaction, so the copy is a
    // single snapshot, and writers carry on meanwhile (WAL).
    ReadLease lease(*this);
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", (*lease).db(), "main");
    if (backup == nullptr) {
      result = DatabaseError(target, "cannot start the backup");
    } else {
      int rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_DONE) result = DatabaseError(target, "backup failed");
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

}  // namespace moteplass
