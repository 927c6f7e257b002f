#include "store/postgres/account_store.h"

#include <string_view>

#include "core/clock.h"

namespace moteplass::postgres {
namespace {

constexpr const char* kEntity = "user";

// Usernames compare without regard to ASCII case: lower() of text in the "C" collation folds A-Z
// only, like SQLite's NOCASE; users_username is a unique index on lower(username).
const std::string kSelectUser = "SELECT id, username, role, scope, disabled, created_at FROM users";
const std::string kSelectUserById = kSelectUser + " WHERE id = $1";
const std::string kSelectUserByName = kSelectUser + " WHERE lower(username) = lower($1::text COLLATE \"C\")";
const std::string kSelectUsersByName = kSelectUser + " ORDER BY lower(username), id";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, password_hash, role, scope, disabled, created_at) "
    "VALUES ($1, $2, $3, $4, false, $5) RETURNING id, username, role, scope, disabled, created_at";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = $1 WHERE id = $2";
constexpr const char* kEndSessionsOfUser = "DELETE FROM sessions WHERE user_id = $1";
constexpr const char* kPasswordHash =
    "SELECT password_hash FROM users WHERE lower(username) = lower($1::text COLLATE \"C\")";
// Skips the sessions another transaction is deleting (a user being disabled), so that a log-in
// never waits for, or deadlocks with, another write.
constexpr const char* kPurgeSessions =
    "DELETE FROM sessions WHERE id_hash IN "
    "(SELECT id_hash FROM sessions WHERE expires_at <= $1 FOR UPDATE SKIP LOCKED)";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kFindSession =
    "SELECT s.id_hash, s.user_id, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.id_hash = $1 AND s.expires_at > $2 AND NOT u.disabled";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE id_hash = $1";
// The number is one more than the largest, under the write lock (as on SQLite).
constexpr const char* kInsertToken =
    "INSERT INTO tokens (hash, user_id, created_at, id, name, expires_at) "
    "VALUES ($1, $2, $3, (SELECT COALESCE(MAX(id), 0) + 1 FROM tokens), $4, $5)";
const std::string kSelectToken =
    "SELECT t.id, t.user_id, u.username, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at "
    "FROM tokens t JOIN users u ON u.id = t.user_id";
const std::string kSelectTokenById = kSelectToken + " WHERE t.id = $1";
const std::string kSelectTokenByHash = kSelectToken + " WHERE t.hash = $1";
const std::string kSelectTokensOfUser = kSelectToken + " WHERE t.user_id = $1::bigint OR $1::bigint = 0 ORDER BY t.id";
constexpr const char* kRevokeToken = "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";
constexpr const char* kRevokeTokensOfUser =
    "UPDATE tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL";
// A working token: not revoked, not expired, its user enabled; with its number and last use.
constexpr const char* kFindUserByToken =
    "SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at, t.id, t.last_used_at FROM tokens t "
    "JOIN users u ON u.id = t.user_id WHERE t.hash = $1 AND NOT u.disabled AND t.revoked_at IS NULL "
    "AND (t.expires_at IS NULL OR t.expires_at > $2)";
constexpr const char* kTouchToken = "UPDATE tokens SET last_used_at = $1 WHERE id = $2";
constexpr const char* kInsertLoginFailure = "INSERT INTO login_failures (key, at) VALUES ($1, $2)";
constexpr const char* kLoginFailuresSince = "SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at, id";
constexpr const char* kClearLoginFailures = "DELETE FROM login_failures WHERE key = $1";
constexpr const char* kPurgeLoginFailures = "DELETE FROM login_failures WHERE at <= $1";

// Whether `text` is a time as the register writes it (core/clock.h IsoTime):
// "YYYY-MM-DDTHH:MM:SSZ" with every field in range. Only such times sort as text, which is how
// session expiry is compared. (The same rule as the SQLite store's.)
bool IsRegisterTime(const std::string& text) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return false;
  }
  auto field = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  const int month = field(5), day = field(8), hour = field(11), minute = field(14), second = field(17);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
}

// kInvalid (pointer `pointer`) unless `text` is a register time.
Status MustBeRegisterTime(const std::string& text, const std::string& pointer) {
  if (IsRegisterTime(text)) return {};
  return Error::Invalid("expected a time of the form YYYY-MM-DDTHH:MM:SSZ, got \"" + text + "\"", pointer);
}

Result<User> UserFromRow(const Statement& s) {
  User u;
  u.id = s.Int(0);
  u.username = s.Text(1);
  Result<Role> role = ParseRole(s.Text(2));
  if (!role.ok()) return Error::Internal("database: a stored role is unknown");
  u.role = *role;
  u.scope = s.Text(3);
  u.disabled = s.Bool(4);
  u.created_at = s.Text(5);
  return u;
}

// A foreign-key violation on a row that names a user is the user's absence.
ApiToken TokenFromRow(const Statement& s) {
  return ApiToken{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

Status UserMustExist(Status st, const Statement& s, std::int64_t user_id) {
  if (!st.ok() && s.SqlState() == kForeignKeyViolation) {
    return Error::NotFound("no user has the id " + std::to_string(user_id));
  }
  return st;
}

}  // namespace

Result<User> PostgresAccountStore::AddUser(const std::string& username, const std::string& password_hash, Role role,
                                           const std::string& scope, const WriteContext& ctx) {
  if (username.empty()) return Error::Invalid("a user needs a name", "/username");
  User added;
  Status st = db_.Write(ctx, [&](WriteScope& w) -> Status {
    Statement s(w.connection(), kInsertUser);
    s.Bind(username).Bind(password_hash).Bind(RoleName(role)).Bind(scope).Bind(w.now());
    ASSIGN_OR_RETURN(added, OneRow<User>(s, "the new user is missing", UserFromRow));
    return w.Audit("user.add", kEntity, std::to_string(added.id));
  });
  if (!st.ok() && st.error().code == ErrorCode::kConflict) {
    return Error::Conflict("a user named " + username + " exists already", "/username");
  }
  RETURN_IF_ERROR(st);
  return added;
}

Result<std::vector<User>> PostgresAccountStore::ListUsers() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kSelectUsersByName);
  return CollectRows<User>(s, UserFromRow);
}

Status PostgresAccountStore::SetUserDisabled(const std::string& username, bool disabled, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    // The audit row names the user by id, whatever case the name was typed in.
    User user;
    {
      Statement find(c, kSelectUserByName);
      find.Bind(username);
      ASSIGN_OR_RETURN(user, OneRow<User>(find, "no user is named " + username, UserFromRow));
    }
    Statement s(c, kSetDisabled);
    s.Bind(disabled).Bind(user.id);
    RETURN_IF_ERROR(s.Run());
    if (disabled) {
      // Sessions end and tokens are revoked for good; enabling the user again does not bring
      // them back.
      Statement del(c, kEndSessionsOfUser);
      del.Bind(user.id);
      RETURN_IF_ERROR(del.Run());
      Statement revoke(c, kRevokeTokensOfUser);
      revoke.Bind(w.now()).Bind(user.id);
      RETURN_IF_ERROR(revoke.Run());
    }
    return w.Audit(disabled ? "user.disable" : "user.enable", kEntity, std::to_string(user.id));
  });
}

Result<User> PostgresAccountStore::FindUser(const std::string& username) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kSelectUserByName);
  s.Bind(username);
  return OneRow<User>(s, "no user is named " + username, UserFromRow);
}

Result<User> PostgresAccountStore::FindUserById(std::int64_t id) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kSelectUserById);
  s.Bind(id);
  return OneRow<User>(s, "no user has the id " + std::to_string(id), UserFromRow);
}

Result<std::string> PostgresAccountStore::PasswordHash(const std::string& username) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kPasswordHash);
  s.Bind(username);
  return OneRow<std::string>(s, "no user is named " + username, [](Statement& r) { return r.Text(0); });
}

// Sessions are not records with a history: they are written outside the audited write path
// (the log-in itself is audited by the authenticator), and without the write lock, so that
// log-ins on one server never wait for writes on another.
Status PostgresAccountStore::CreateSession(const Session& session) {
  if (!IsRegisterTime(session.expires_at)) {
    return Error::Invalid("expected a time of the form YYYY-MM-DDTHH:MM:SSZ, got \"" + session.expires_at + "\"",
                          "/expires_at");
  }
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Connection& c = *lease;
  const std::string now = NowIso();
  // Expired sessions are of no use to anyone; clearing them here keeps the table small.
  Statement purge(c, kPurgeSessions);
  purge.Bind(now);
  RETURN_IF_ERROR(purge.Run());
  Statement s(c, kInsertSession);
  s.Bind(session.id_hash).Bind(session.user_id).Bind(session.csrf_token).Bind(session.expires_at).Bind(now);
  return UserMustExist(s.Run(), s, session.user_id);
}

Result<Session> PostgresAccountStore::FindSession(const std::string& id_hash) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kFindSession);
  s.Bind(id_hash).Bind(NowIso());
  return OneRow<Session>(s, "no such session, or it has expired", [](Statement& r) {
    return Session{r.Text(0), r.Int(1), r.Text(2), r.Text(3)};
  });
}

Status PostgresAccountStore::DeleteSession(const std::string& id_hash) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kDeleteSession);
  s.Bind(id_hash);
  return s.Run();
}

Result<ApiToken> PostgresAccountStore::AddToken(std::int64_t user_id, const std::string& token_hash,
                                                const TokenDetails& details, const WriteContext& ctx) {
  if (!details.expires_at.empty()) RETURN_IF_ERROR(MustBeRegisterTime(details.expires_at, "/expires_at"));
  ApiToken added;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement s(c, kInsertToken);
    s.Bind(token_hash).Bind(user_id).Bind(w.now()).Bind(details.name).BindOrNull(details.expires_at);
    RETURN_IF_ERROR(UserMustExist(s.Run(), s, user_id));
    Statement read(c, kSelectTokenByHash);
    read.Bind(token_hash);
    ASSIGN_OR_RETURN(added, OneRow<ApiToken>(read, "the new token is missing", TokenFromRow));
    // Audited against the user the token lets in, like every other account write.
    return w.Audit("token.create", kEntity, std::to_string(user_id));
  }));
  return added;
}

Result<std::vector<ApiToken>> PostgresAccountStore::ListTokens(std::int64_t user_id) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kSelectTokensOfUser);
  s.Bind(user_id);
  return CollectRows<ApiToken>(s, TokenFromRow);
}

Result<ApiToken> PostgresAccountStore::FindToken(std::int64_t id) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kSelectTokenById);
  s.Bind(id);
  return OneRow<ApiToken>(s, "no token has the number " + std::to_string(id), TokenFromRow);
}

Status PostgresAccountStore::RevokeToken(std::int64_t id, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement find(c, kSelectTokenById);
    find.Bind(id);
    ASSIGN_OR_RETURN(ApiToken token,
                     OneRow<ApiToken>(find, "no token has the number " + std::to_string(id), TokenFromRow));
    if (!token.revoked_at.empty()) return Status();  // revoked already: nothing changes
    Statement s(c, kRevokeToken);
    s.Bind(w.now()).Bind(id);
    RETURN_IF_ERROR(s.Run());
    return w.Audit("token.revoke", "token", std::to_string(id));
  });
}

// Notes when a token was last used, to the minute: passing state, outside the audited write path
// and the write lock; a failure to note it does not refuse the request.
Result<User> PostgresAccountStore::FindUserByToken(const std::string& token_hash) {
  const std::string now = NowIso();
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kFindUserByToken);
  s.Bind(token_hash).Bind(now);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error::Unauthenticated("the token is unknown, revoked or expired, or its user is disabled");
  const std::int64_t token_id = s.Int(6);
  const std::string last_used = s.Text(7);
  ASSIGN_OR_RETURN(User user, UserFromRow(s));
  if (last_used.empty() || last_used.compare(0, 16, now, 0, 16) != 0) {
    Statement touch(*lease, kTouchToken);
    touch.Bind(now).Bind(token_id);
    (void)touch.Run();
  }
  return user;
}

// Failed log-ins are passing state, like sessions: written outside the audited write path and
// without the write lock, each statement its own transaction, so that every server counts into
// the same rows without waiting for the others' writes.
Status PostgresAccountStore::RecordLoginFailure(const std::string& key, const std::string& at) {
  RETURN_IF_ERROR(MustBeRegisterTime(at, "/at"));
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kInsertLoginFailure);
  s.Bind(key).Bind(at);
  return s.Run();
}

Result<std::vector<std::string>> PostgresAccountStore::LoginFailuresSince(const std::string& key,
                                                                          const std::string& since) {
  RETURN_IF_ERROR(MustBeRegisterTime(since, "/since"));
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kLoginFailuresSince);
  s.Bind(key).Bind(since);
  return CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); });
}

Status PostgresAccountStore::ClearLoginFailures(const std::string& key) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kClearLoginFailures);
  s.Bind(key);
  return s.Run();
}

Status PostgresAccountStore::PurgeLoginFailures(const std::string& before) {
  RETURN_IF_ERROR(MustBeRegisterTime(before, "/before"));
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kPurgeLoginFailures);
  s.Bind(before);
  return s.Run();
}

}  // namespace moteplass::postgres
