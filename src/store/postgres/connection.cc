#include "store/postgres/connection.h"

#include <charconv>
#include <utility>
#include <vector>

namespace moteplass::postgres {
namespace {

// libpq's own reason for a failed connection or command, without the trailing newline.
std::string ConnectionMessage(PGconn* conn) {
  std::string message = conn ? PQerrorMessage(conn) : "cannot allocate a connection";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// libpq's messages may run over several lines ("...failed: Connection refused\n\tIs the server
// running..."): one line for a log, with runs of white space as one space.
std::string OneLine(std::string_view text) {
  std::string line;
  bool space = false;
  for (char ch : text) {
    if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += ch;
  }
  return line;
}

// The primary message of a failed result: it names tables and constraints; the detail, which
// may quote the values, is left out, as SQLite's messages leave them out.
std::string ResultMessage(const PGresult* r, PGconn* conn) {
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  return primary ? primary : ConnectionMessage(conn);
}

bool Succeeded(const PGresult* r) {
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// Whether a SQLSTATE says the server is gone or not serving: connection_exception (class 08),
// admin_shutdown, crash_shutdown, cannot_connect_now (57P01-57P03).
bool ServerGone(const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) return false;
  const std::string_view s(state);
  return s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03";
}

}  // namespace

// Notices ("relation already exists, skipping") are not for the program's users. A server that
// ends an idle session sends its FATAL error as such a notice, possibly well before the socket
// closes: remembered, so that the pool does not lend the connection in between.
void Connection::NoticeReceived(void* self, const PGresult* r) {
  const char* severity = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
  const std::string_view s(severity != nullptr ? severity : "");
  if (s == "FATAL" || s == "PANIC" || ServerGone(r)) static_cast<Connection*>(self)->ended_by_server_ = true;
}

// ---- Connection -------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url) {
  auto c = std::unique_ptr<Connection>(new Connection());
  // Keywords before "dbname" are defaults that the URL may override; those after it win.
  const std::string timeout = std::to_string(kConnectTimeoutSeconds);
  std::vector<const char*> keywords = {"connect_timeout", "application_name"};
  std::vector<const char*> values = {timeout.c_str(), "moteplass"};
  for (const auto& [keyword, value] : kDeadPathDefaults) {
    keywords.push_back(keyword);
    values.push_back(value);
  }
  keywords.insert(keywords.end(), {"dbname", "client_encoding", nullptr});
  values.insert(values.end(), {url.c_str(), "UTF8", nullptr});
  c->conn_ = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
  if (c->conn_ == nullptr || PQstatus(c->conn_) != CONNECTION_OK) {
    return Error::Unavailable("database: cannot connect: " + ConnectionMessage(c->conn_));
  }
  PQsetNoticeReceiver(c->conn_, &Connection::NoticeReceived, c.get());
  const char* encoding = PQparameterStatus(c->conn_, "server_encoding");
  if (encoding == nullptr || std::string_view(encoding) != "UTF8") {
    return Error::Internal(std::string("database: the database's encoding is ") + (encoding ? encoding : "unknown") +
                           ", not UTF8; create it with ENCODING 'UTF8'");
  }
  // A write is acknowledged only once it is durable; a server configured to answer before the
  // commit is flushed would break that promise for this connection's writes.
  {
    Statement mode(*c, "SELECT current_setting('synchronous_commit')");
    ASSIGN_OR_RETURN(bool row, mode.Step());
    if (row && mode.Text(0) == "off") RETURN_IF_ERROR(c->Exec("SET synchronous_commit = on"));
  }
  return c;
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

bool Connection::StillConnected() {
  // A server ending the session sends an error and closes the socket; the first read may take in
  // the error only (parsed away by PQisBusy, as a notice), the second sees the end of the stream.
  // libpq's socket never blocks: with nothing to read, PQconsumeInput returns at once.
  for (int i = 0; i < 2 && Healthy(); ++i) {
    if (PQconsumeInput(conn_) == 0) return false;
    (void)PQisBusy(conn_);
  }
  return Healthy() && !ended_by_server_;
}

Error Connection::Failure(const PGresult* r) const {
  if (!Healthy() || ServerGone(r)) return Error::Unavailable("database: connection lost: " + ResultMessage(r, conn_));
  return Error::Internal("database: " + ResultMessage(r, conn_));
}

Status Connection::Exec(const std::string& sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn_, sql.c_str()), PQclear);
  if (!Succeeded(r.get())) return Failure(r.get());
  return {};
}

Result<std::string> Connection::Prepare(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  std::string name = "s" + std::to_string(prepared_.size() + 1);
  // The parameters' types are left to the server, which reads them from where the SQL uses them.
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), PQclear);
  if (!Succeeded(r.get())) return Failure(r.get());
  prepared_.emplace(sql, name);
  return name;
}

// ---- Pool -------------------------------------------------------------------------------------

Pool::Pool(std::string url, int max_size, std::chrono::milliseconds wait)
    : url_(std::move(url)), max_size_(max_size < 1 ? 1 : max_size), wait_(wait) {}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
  if (connection_) pool_->GiveBack(std::move(connection_));
}

Result<Pool::Lease> Pool::Borrow() {
  std::unique_lock lock(mutex_);
  const std::uint64_t failures_before = failed_opens_;
  const bool got = available_.wait_for(
      lock, wait_, [&] { return !idle_.empty() || open_ < max_size_ || failed_opens_ != failures_before; });
  if (!got) {
    return Error::Internal("database: all " + std::to_string(max_size_) + " connections stayed busy for " +
                           std::to_string(wait_.count()) + " ms");
  }
  // Another caller could not open a connection while this one waited: the database is not
  // answering, and waiting on would only make this caller fail later.
  if (idle_.empty() && open_ >= max_size_) return Error::Unavailable(last_failure_);
  while (!idle_.empty()) {
    std::unique_ptr<Connection> c = std::move(idle_.back());
    idle_.pop_back();
    if (c->StillConnected()) {
      lock.unlock();
      SetReachable(true, "");
      return Lease(*this, std::move(c));
    }
    CloseLocked(std::move(c));  // lost while idle (a restart of the server): replaced below
  }
  ++open_;
  lock.unlock();
  // Connecting takes a round trip or more: not under the lock.
  Result<std::unique_ptr<Connection>> opened = Connection::Open(url_);
  lock.lock();
  if (!opened.ok()) {
    --open_;
    ++failed_opens_;
    last_failure_ = opened.error().message;
    lock.unlock();
    available_.notify_all();
    if (opened.error().code == ErrorCode::kUnavailable) SetReachable(false, opened.error().message);
    return std::move(opened).error();
  }
  backend_pids_.insert((*opened)->BackendPid());
  lock.unlock();
  SetReachable(true, "");
  return Lease(*this, std::move(opened).value());
}

Status Pool::Ping() {
  ASSIGN_OR_RETURN(Lease lease, Borrow());
  return lease->Exec("SELECT 1");
}

int Pool::OpenCount() const {
  std::lock_guard lock(mutex_);
  return open_;
}

bool Pool::Owns(int backend_pid) const {
  std::lock_guard lock(mutex_);
  return backend_pids_.contains(backend_pid);
}

void Pool::SetReachabilityCallback(ReachabilityCallback on_change) {
  std::lock_guard lock(turn_mutex_);
  on_reachability_ = std::move(on_change);
}

void Pool::SetReachable(bool reachable, std::string_view reason) {
  // The common case, on every lent connection: nothing turns.
  if (reachable_.load() == reachable) return;
  std::lock_guard lock(turn_mutex_);
  if (reachable_.exchange(reachable) == reachable) return;  // another thread turned it first
  ReachabilityChange change;
  change.reachable = reachable;
  const auto now = std::chrono::steady_clock::now();
  if (reachable) {
    change.gone_for = std::chrono::duration_cast<std::chrono::milliseconds>(now - lost_at_);
  } else {
    lost_at_ = now;
    change.reason = OneLine(reason);
  }
  // Under the lock, so that a loss and a return are reported in the order they happened.
  if (on_reachability_) on_reachability_(change);
}

void Pool::CloseLocked(std::unique_ptr<Connection> c) {
  if (auto it = backend_pids_.find(c->BackendPid()); it != backend_pids_.end()) backend_pids_.erase(it);
  --open_;
  c.reset();
}

void Pool::GiveBack(std::unique_ptr<Connection> c) {
  // A connection that lost its server, or that a failed rollback left inside a transaction, is
  // of no use to the next caller. One that lost its server while in use means the database is
  // gone, until a new connection says otherwise.
  const bool keep = c->Healthy() && c->Idle();
  if (!c->Healthy()) SetReachable(false, "database: connection lost: " + ConnectionMessage(c->conn()));
  {
    std::lock_guard lock(mutex_);
    if (keep) {
      idle_.push_back(std::move(c));
    } else {
      CloseLocked(std::move(c));
    }
  }
  available_.notify_one();
}

// ---- Statement --------------------------------------------------------------------------------

void Statement::Fail(Error e) {
  if (!error_) error_ = std::move(e);
}

Statement& Statement::Bind(std::string_view text) {
  // Text parameters travel as C strings, and PostgreSQL's text cannot hold U+0000 either: refuse
  // rather than store a cut-off value.
  if (text.find('\0') != std::string_view::npos) {
    Fail(Error::Invalid("text with the character U+0000 cannot be stored", ""));
  }
  values_.emplace_back(std::string(text));
  formats_.push_back(0);
  return *this;
}

Statement& Statement::Bind(std::int64_t value) {
  values_.emplace_back(std::to_string(value));
  formats_.push_back(0);
  return *this;
}

Statement& Statement::Bind(bool value) {
  values_.emplace_back(value ? "true" : "false");
  formats_.push_back(0);
  return *this;
}

Statement& Statement::BindBlob(std::string_view bytes) {
  values_.emplace_back(std::string(bytes));
  formats_.push_back(1);
  return *this;
}

Statement& Statement::BindOrNull(const std::string& text) {
  if (text.empty()) {
    values_.emplace_back(std::nullopt);
    formats_.push_back(0);
    return *this;
  }
  return Bind(text);
}

Status Statement::Execute() {
  executed_ = true;
  ASSIGN_OR_RETURN(std::string name, c_.Prepare(sql_));
  std::vector<const char*> values;
  std::vector<int> lengths;
  for (const std::optional<std::string>& v : values_) {
    values.push_back(v ? v->data() : nullptr);
    lengths.push_back(v ? static_cast<int>(v->size()) : 0);
  }
  result_.reset(PQexecPrepared(c_.conn(), name.c_str(), static_cast<int>(values.size()), values.data(), lengths.data(),
                               formats_.data(), /*resultFormat=*/0));
  if (Succeeded(result_.get())) return {};
  const char* state = result_ ? PQresultErrorField(result_.get(), PG_DIAG_SQLSTATE) : nullptr;
  sql_state_ = state ? state : "";
  Error failure = c_.Failure(result_.get());
  result_.reset();
  if (sql_state_ == kUniqueViolation) return Error::Conflict("it exists already");
  // character_not_in_repertoire, untranslatable_character: text that is not valid UTF-8.
  if (sql_state_ == "22021" || sql_state_ == "22P05") return Error::Invalid("the text is not valid UTF-8", "");
  return failure;
}

Result<bool> Statement::Step() {
  if (error_) return *error_;
  if (!executed_) {
    if (Status s = Execute(); !s.ok()) {
      error_ = s.error();
      return *error_;
    }
  }
  if (row_ + 1 >= PQntuples(result_.get())) {
    row_ = PQntuples(result_.get());
    return false;
  }
  ++row_;
  return true;
}

Status Statement::Run() {
  RETURN_IF_ERROR(Step());
  return {};
}

std::int64_t Statement::Affected() const {
  if (!result_) return 0;
  const char* text = PQcmdTuples(result_.get());
  std::int64_t n = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), n);
  return n;
}

std::string Statement::Text(int column) const {
  return std::string(PQgetvalue(result_.get(), row_, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
}

std::int64_t Statement::Int(int column) const {
  const char* text = PQgetvalue(result_.get(), row_, column);
  std::int64_t n = 0;
  std::from_chars(text, text + PQgetlength(result_.get(), row_, column), n);
  return n;
}

bool Statement::Bool(int column) const {
  const char* text = PQgetvalue(result_.get(), row_, column);
  return text[0] == 't';
}

// ---- Transactions -----------------------------------------------------------------------------

Transaction::Transaction(Connection& c) : c_(c) {
  begun_ = c_.Exec("BEGIN");
  if (!begun_.ok()) return;
  Statement lock(c_, "SELECT pg_advisory_xact_lock($1)");
  lock.Bind(kWriteLockKey);
  if (Status locked = lock.Run(); !locked.ok()) {
    (void)c_.Exec("ROLLBACK");
    begun_ = locked;
  }
}

Transaction::~Transaction() {
  if (begun_.ok() && !committed_) (void)c_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c_.conn(), "COMMIT"), PQclear);
  if (!Succeeded(r.get())) return c_.Failure(r.get());
  committed_ = true;
  // The server answers the COMMIT of a transaction that failed earlier with ROLLBACK, not an
  // error.
  if (std::string_view(PQcmdStatus(r.get())) != "COMMIT") {
    return Error::Internal("database: the transaction failed and was rolled back");
  }
  return {};
}

}  // namespace moteplass::postgres
