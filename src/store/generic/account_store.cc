#include "store/generic/account_store.h"

#include <string_view>

#include "core/clock.h"
#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

constexpr const char* kEntity = "user";

// User names compare without regard to ASCII case: SQLite by the column's NOCASE, PostgreSQL by
// lower() of text in the "C" collation, which folds A-Z only (users_username is a unique index
// on lower(username)).
constexpr const char* kSelectUser = "SELECT id, username, role, scope, disabled, created_at FROM users";
constexpr const char* kById = " WHERE id = ?";
constexpr const char* kByNameSqlite = " WHERE username = ?";
constexpr const char* kByNamePostgres = " WHERE lower(username) = lower(?::text COLLATE \"C\")";
constexpr const char* kByNameOrderSqlite = " ORDER BY username";
constexpr const char* kByNameOrderPostgres = " ORDER BY lower(username), id";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, password_hash, role, scope, disabled, created_at) "
    "VALUES (?, ?, ?, ?, false, ?) RETURNING id, username, role, scope, disabled, created_at";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = ? WHERE id = ?";
constexpr const char* kEndSessionsOfUser = "DELETE FROM sessions WHERE user_id = ?";
constexpr const char* kPasswordHash = "SELECT password_hash FROM users";
constexpr const char* kPurgeSessionsSqlite = "DELETE FROM sessions WHERE expires_at <= ?";
// On PostgreSQL the purge skips the sessions another transaction is deleting (a user being
// disabled), so that a log-in never waits for, or deadlocks with, another write.
constexpr const char* kPurgeSessionsPostgres =
    "DELETE FROM sessions WHERE id_hash IN "
    "(SELECT id_hash FROM sessions WHERE expires_at <= ? FOR UPDATE SKIP LOCKED)";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kFindSession =
    "SELECT s.id_hash, s.user_id, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.id_hash = ? AND s.expires_at > ? AND NOT u.disabled";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE id_hash = ?";
constexpr const char* kInsertToken =
    "INSERT INTO tokens (hash, user_id, created_at, id, name, expires_at) "
    "VALUES (?, ?, ?, (SELECT COALESCE(MAX(id), 0) + 1 FROM tokens), ?, ?)";
#define MOTEPLASS_SELECT_TOKEN                                                                            \
  "SELECT t.id, t.user_id, u.username, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at " \
  "FROM tokens t JOIN users u ON u.id = t.user_id"
constexpr const char* kSelectTokenById = MOTEPLASS_SELECT_TOKEN " WHERE t.id = ?";
constexpr const char* kSelectTokenByHash = MOTEPLASS_SELECT_TOKEN " WHERE t.hash = ?";
// Every user's tokens when the user id given (twice) is 0.
constexpr const char* kSelectTokensOfUser = MOTEPLASS_SELECT_TOKEN
    " WHERE t.user_id = ? OR CAST(? AS BIGINT) = 0 ORDER BY t.id";
#undef MOTEPLASS_SELECT_TOKEN
constexpr const char* kRevokeToken = "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
constexpr const char* kRevokeTokensOfUser = "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
// A working token: not revoked, not expired, its user enabled; with its number and last use.
constexpr const char* kFindUserByToken =
    "SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at, t.id, t.last_used_at FROM tokens t "
    "JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND NOT u.disabled AND t.revoked_at IS NULL "
    "AND (t.expires_at IS NULL OR t.expires_at > ?)";
constexpr const char* kTouchToken = "UPDATE tokens SET last_used_at = ? WHERE id = ?";
constexpr const char* kInsertLoginFailure = "INSERT INTO login_failures (key, at) VALUES (?, ?)";
constexpr const char* kLoginFailuresSince = "SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at, id";
constexpr const char* kClearLoginFailures = "DELETE FROM login_failures WHERE key = ?";
constexpr const char* kPurgeLoginFailures = "DELETE FROM login_failures WHERE at <= ?";

// Whether `text` is a time as the register writes it (core/clock.h IsoTime):
// "YYYY-MM-DDTHH:MM:SSZ" with every field in range. Only such times sort as text, which is how
// session expiry is compared.
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

template <class Statement>
ApiToken TokenFromRow(Statement& s) {
  return ApiToken{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

template <Backend B>
Result<User> UserFromRow(typename B::Statement& s) {
  User u;
  u.id = s.Int(0);
  u.username = s.Text(1);
  Result<Role> role = ParseRole(s.Text(2));
  if (!role.ok()) return Error::Internal("database: a stored role is unknown");
  u.role = *role;
  u.scope = s.Text(3);
  u.disabled = B::Bool(s, 4);
  u.created_at = s.Text(5);
  return u;
}

// The SQL for a user found by name (a WHERE clause, or an ORDER BY for the list), as the backend
// compares names.
template <Backend B>
std::string UsersSql(const char* head, bool order) {
  const char* tail = order ? (B::kPostgres ? kByNameOrderPostgres : kByNameOrderSqlite)
                           : (B::kPostgres ? kByNamePostgres : kByNameSqlite);
  return B::Sql((std::string(head) + tail).c_str());
}

// A foreign-key violation on a row that names a user is the user's absence.
template <Backend B>
Status UserMustExist(Status st, const typename B::Statement& s, std::int64_t user_id) {
  if (!st.ok() && st.error().code == ErrorCode::kInternal && B::ViolatedForeignKey(s)) {
    return Error::NotFound("no user has the id " + std::to_string(user_id));
  }
  return st;
}

}  // namespace

template <Backend B>
Result<User> AccountStoreOn<B>::AddUser(const std::string& username, const std::string& password_hash, Role role,
                                        const std::string& scope, const WriteContext& ctx) {
  if (username.empty()) return Error::Invalid("a user needs a name", "/username");
  User added;
  Status st = db_.Write(ctx, [&](WriteScope& w) -> Status {
    Statement s(w.connection(), B::Sql(kInsertUser));
    s.Bind(username).Bind(password_hash).Bind(RoleName(role)).Bind(scope).Bind(w.now());
    ASSIGN_OR_RETURN(added, OneRow<User>(s, "the new user is missing", UserFromRow<B>));
    // Step to the end, so that the INSERT is complete before the statement is finished.
    ASSIGN_OR_RETURN(bool more, s.Step());
    (void)more;
    return w.Audit("user.add", kEntity, std::to_string(added.id));
  });
  if (!st.ok() && st.error().code == ErrorCode::kConflict) {
    return Error::Conflict("a user named " + username + " exists already", "/username");
  }
  RETURN_IF_ERROR(st);
  return added;
}

template <Backend B>
Result<std::vector<User>> AccountStoreOn<B>::ListUsers() {
  static const std::string sql = UsersSql<B>(kSelectUser, true);
  return B::Read(db_, [&](Connection& c) -> Result<std::vector<User>> {
    Statement s(c, sql);
    return CollectRows<User>(s, UserFromRow<B>);
  });
}

template <Backend B>
Status AccountStoreOn<B>::SetUserDisabled(const std::string& username, bool disabled, const WriteContext& ctx) {
  static const std::string by_name = UsersSql<B>(kSelectUser, false);
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    // The audit row names the user by id, whatever case the name was typed in.
    User user;
    {
      Statement find(c, by_name);
      find.Bind(username);
      ASSIGN_OR_RETURN(user, OneRow<User>(find, "no user is named " + username, UserFromRow<B>));
    }
    Statement s(c, B::Sql(kSetDisabled));
    s.Bind(disabled).Bind(user.id);
    RETURN_IF_ERROR(s.Run());
    if (disabled) {
      // Sessions end and tokens are revoked for good; enabling the user again does not bring
      // them back.
      Statement del(c, B::Sql(kEndSessionsOfUser));
      del.Bind(user.id);
      RETURN_IF_ERROR(del.Run());
      Statement revoke(c, B::Sql(kRevokeTokensOfUser));
      revoke.Bind(w.now()).Bind(user.id);
      RETURN_IF_ERROR(revoke.Run());
    }
    return w.Audit(disabled ? "user.disable" : "user.enable", kEntity, std::to_string(user.id));
  });
}

template <Backend B>
Result<User> AccountStoreOn<B>::FindUser(const std::string& username) {
  static const std::string sql = UsersSql<B>(kSelectUser, false);
  return B::Read(db_, [&](Connection& c) -> Result<User> {
    Statement s(c, sql);
    s.Bind(username);
    return OneRow<User>(s, "no user is named " + username, UserFromRow<B>);
  });
}

template <Backend B>
Result<User> AccountStoreOn<B>::FindUserById(std::int64_t id) {
  static const std::string sql = B::Sql((std::string(kSelectUser) + kById).c_str());
  return B::Read(db_, [&](Connection& c) -> Result<User> {
    Statement s(c, sql);
    s.Bind(id);
    return OneRow<User>(s, "no user has the id " + std::to_string(id), UserFromRow<B>);
  });
}

template <Backend B>
Result<std::string> AccountStoreOn<B>::PasswordHash(const std::string& username) {
  static const std::string sql = UsersSql<B>(kPasswordHash, false);
  return B::Read(db_, [&](Connection& c) -> Result<std::string> {
    Statement s(c, sql);
    s.Bind(username);
    return OneRow<std::string>(s, "no user is named " + username, [](Statement& r) { return r.Text(0); });
  });
}

// Sessions are not records with a history: they are passing state, written outside the audited
// write path (the log-in itself is audited by the authenticator).
template <Backend B>
Status AccountStoreOn<B>::CreateSession(const Session& session) {
  if (!IsRegisterTime(session.expires_at)) {
    return Error::Invalid("expected a time of the form YYYY-MM-DDTHH:MM:SSZ, got \"" + session.expires_at + "\"",
                          "/expires_at");
  }
  return B::Passing(db_, [&](Connection& c) -> Status {
    const std::string now = NowIso();
    // Expired sessions are of no use to anyone; clearing them here keeps the table small.
    Statement purge(c, B::Sql(B::kPostgres ? kPurgeSessionsPostgres : kPurgeSessionsSqlite));
    purge.Bind(now);
    RETURN_IF_ERROR(purge.Run());
    Statement s(c, B::Sql(kInsertSession));
    s.Bind(session.id_hash).Bind(session.user_id).Bind(session.csrf_token).Bind(session.expires_at).Bind(now);
    return UserMustExist<B>(s.Run(), s, session.user_id);
  });
}

template <Backend B>
Result<Session> AccountStoreOn<B>::FindSession(const std::string& id_hash) {
  return B::Read(db_, [&](Connection& c) -> Result<Session> {
    Statement s(c, B::Sql(kFindSession));
    s.Bind(id_hash).Bind(NowIso());
    return OneRow<Session>(s, "no such session, or it has expired", [](Statement& r) {
      return Session{r.Text(0), r.Int(1), r.Text(2), r.Text(3)};
    });
  });
}

template <Backend B>
Status AccountStoreOn<B>::DeleteSession(const std::string& id_hash) {
  return B::Passing(db_, [&](Connection& c) -> Status {
    Statement s(c, B::Sql(kDeleteSession));
    s.Bind(id_hash);
    return s.Run();
  });
}

template <Backend B>
Result<ApiToken> AccountStoreOn<B>::AddToken(std::int64_t user_id, const std::string& token_hash,
                                             const TokenDetails& details, const WriteContext& ctx) {
  if (!details.expires_at.empty()) RETURN_IF_ERROR(MustBeRegisterTime(details.expires_at, "/expires_at"));
  ApiToken added;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement s(c, B::Sql(kInsertToken));
    s.Bind(token_hash).Bind(user_id).Bind(w.now()).Bind(details.name).BindOrNull(details.expires_at);
    RETURN_IF_ERROR(UserMustExist<B>(s.Run(), s, user_id));
    Statement read(c, B::Sql(kSelectTokenByHash));
    read.Bind(token_hash);
    ASSIGN_OR_RETURN(added, OneRow<ApiToken>(read, "the new token is missing", TokenFromRow<Statement>));
    // Audited against the user the token lets in, like every other account write.
    return w.Audit("token.create", kEntity, std::to_string(user_id));
  }));
  return added;
}

template <Backend B>
Result<std::vector<ApiToken>> AccountStoreOn<B>::ListTokens(std::int64_t user_id) {
  return B::Read(db_, [&](Connection& c) -> Result<std::vector<ApiToken>> {
    Statement s(c, B::Sql(kSelectTokensOfUser));
    s.Bind(user_id).Bind(user_id);
    return CollectRows<ApiToken>(s, TokenFromRow<Statement>);
  });
}

template <Backend B>
Result<ApiToken> AccountStoreOn<B>::FindToken(std::int64_t id) {
  return B::Read(db_, [&](Connection& c) -> Result<ApiToken> {
    Statement s(c, B::Sql(kSelectTokenById));
    s.Bind(id);
    return OneRow<ApiToken>(s, "no token has the number " + std::to_string(id), TokenFromRow<Statement>);
  });
}

template <Backend B>
Status AccountStoreOn<B>::RevokeToken(std::int64_t id, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement find(c, B::Sql(kSelectTokenById));
    find.Bind(id);
    ASSIGN_OR_RETURN(ApiToken token,
                     OneRow<ApiToken>(find, "no token has the number " + std::to_string(id), TokenFromRow<Statement>));
    if (!token.revoked_at.empty()) return Status();  // revoked already: nothing changes
    Statement s(c, B::Sql(kRevokeToken));
    s.Bind(w.now()).Bind(id);
    RETURN_IF_ERROR(s.Run());
    return w.Audit("token.revoke", "token", std::to_string(id));
  });
}

template <Backend B>
Result<User> AccountStoreOn<B>::FindUserByToken(const std::string& token_hash) {
  const std::string now = NowIso();
  std::int64_t token_id = 0;
  std::string last_used;
  ASSIGN_OR_RETURN(
      User user, B::Read(db_, [&](Connection& c) -> Result<User> {
        Statement s(c, B::Sql(kFindUserByToken));
        s.Bind(token_hash).Bind(now);
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) return Error::Unauthenticated("the token is unknown, revoked or expired, or its user is disabled");
        token_id = s.Int(6);
        last_used = s.Text(7);
        return UserFromRow<B>(s);
      }));
  // When it was last used, to the minute: passing state, outside the audited write path; a
  // failure to note it does not refuse the request.
  if (last_used.empty() || last_used.compare(0, 16, now, 0, 16) != 0) {
    (void)B::Passing(db_, [&](Connection& c) -> Status {
      Statement touch(c, B::Sql(kTouchToken));
      touch.Bind(now).Bind(token_id);
      return touch.Run();
    });
  }
  return user;
}

// Failed log-ins are passing state, like sessions: written outside the audited write path, so
// that on PostgreSQL every server counts into the same rows without waiting for the others'
// writes.
template <Backend B>
Status AccountStoreOn<B>::RecordLoginFailure(const std::string& key, const std::string& at) {
  RETURN_IF_ERROR(MustBeRegisterTime(at, "/at"));
  return B::Passing(db_, [&](Connection& c) -> Status {
    Statement s(c, B::Sql(kInsertLoginFailure));
    s.Bind(key).Bind(at);
    return s.Run();
  });
}

template <Backend B>
Result<std::vector<std::string>> AccountStoreOn<B>::LoginFailuresSince(const std::string& key,
                                                                       const std::string& since) {
  RETURN_IF_ERROR(MustBeRegisterTime(since, "/since"));
  return B::Read(db_, [&](Connection& c) -> Result<std::vector<std::string>> {
    Statement s(c, B::Sql(kLoginFailuresSince));
    s.Bind(key).Bind(since);
    return CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); });
  });
}

template <Backend B>
Status AccountStoreOn<B>::ClearLoginFailures(const std::string& key) {
  return B::Passing(db_, [&](Connection& c) -> Status {
    Statement s(c, B::Sql(kClearLoginFailures));
    s.Bind(key);
    return s.Run();
  });
}

template <Backend B>
Status AccountStoreOn<B>::PurgeLoginFailures(const std::string& before) {
  RETURN_IF_ERROR(MustBeRegisterTime(before, "/before"));
  return B::Passing(db_, [&](Connection& c) -> Status {
    Statement s(c, B::Sql(kPurgeLoginFailures));
    s.Bind(before);
    return s.Run();
  });
}

template class AccountStoreOn<sqlite::Backend>;
template class AccountStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
