#include "store/sqlite/connection.h"

namespace moteplass::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 10000;

}  // namespace

Error DatabaseError(sqlite3* db, const std::string& what) {
  return Error::Internal("database: " + what + ": " + (db ? sqlite3_errmsg(db) : "cannot allocate"));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create) {
  auto c = std::unique_ptr<Connection>(new Connection());
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr) != SQLITE_OK) {
    return DatabaseError(c->db_, "cannot open " + path);
  }
  sqlite3_extended_result_codes(c->db_, 1);
  sqlite3_busy_timeout(c->db_, kBusyTimeoutMs);
  // synchronous=FULL: in WAL mode every commit syncs the log before it returns, so a write the
  // caller was told about survives a power cut, not just a crash of the process (NORMAL would
  // only promise the latter). Writes are rare; the fsync per commit is affordable.
  RETURN_IF_ERROR(c->Exec("PRAGMA foreign_keys = ON"));
  RETURN_IF_ERROR(c->Exec("PRAGMA synchronous = FULL"));
  return c;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Error::Internal("database: " + text);
  }
  return {};
}

sqlite3_stmt* Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK) {
    return nullptr;
  }
  cache_.emplace(sql, stmt);
  return stmt;
}

Statement::Statement(Connection& c, const std::string& sql) : db_(c.db()), stmt_(c.Prepare(sql)) {
  if (!stmt_) error_ = DatabaseError(db_, "cannot prepare a statement");
}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::Bind(std::string_view text) {
  // A null data pointer would bind SQL NULL instead of "".
  if (text.data() == nullptr) text = "";
  Check(sqlite3_bind_text(stmt_, ++next_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::Bind(std::int64_t value) {
  Check(sqlite3_bind_int64(stmt_, ++next_, value));
  return *this;
}

Statement& Statement::BindBlob(std::string_view bytes) {
  Check(sqlite3_bind_blob(stmt_, ++next_, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::BindOrNull(const std::string& text) {
  if (text.empty()) {
    Check(sqlite3_bind_null(stmt_, ++next_));
    return *this;
  }
  return Bind(text);
}

Result<bool> Statement::Step() {
  if (error_) return *error_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return Error::Conflict("it exists already");
  return DatabaseError(db_, "statement failed");
}

Status Statement::Run() {
  RETURN_IF_ERROR(Step());
  return {};
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string();
}

void Statement::Check(int rc) {
  if (rc != SQLITE_OK && !error_) error_ = DatabaseError(db_, "cannot bind a value");
}

}  // namespace moteplass::sqlite
