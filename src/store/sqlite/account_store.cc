#include "store/sqlite/account_store.h"

#include <string_view>

#include "core/clock.h"

namespace moteplass::sqlite {
namespace {

constexpr const char* kEntity = "user";

const std::string kSelectUser = "SELECT id, username, role, scope, disabled, created_at FROM users";
const std::string kSelectUserById = kSelectUser + " WHERE id = ?";
const std::string kSelectUserByName = kSelectUser + " WHERE username = ?";
const std::string kSelectUsersByName = kSelectUser + " ORDER BY username";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, password_hash, role, scope, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = ? WHERE id = ?";
constexpr const char* kEndSessionsOfUser = "DELETE FROM sessions WHERE user_id = ?";
constexpr const char* kPasswordHash = "SELECT password_hash FROM users WHERE username = ?";
constexpr const char* kPurgeSessions = "DELETE FROM sessions WHERE expires_at <= ?";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kFindSession =
    "SELECT s.id_hash, s.user_id, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE id_hash = ?";
constexpr const char* kInsertToken =
    "INSERT INTO tokens (hash, user_id, created_at, id, name, expires_at) "
    "VALUES (?, ?, ?, (SELECT COALESCE(MAX(id), 0) + 1 FROM tokens), ?, ?)";
const std::string kSelectToken =
    "SELECT t.id, t.user_id, u.username, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at "
    "FROM tokens t JOIN users u ON u.id = t.user_id";
const std::string kSelectTokenById = kSelectToken + " WHERE t.id = ?";
const std::string kSelectTokenByHash = kSelectToken + " WHERE t.hash = ?";
const std::string kSelectTokensOfUser = kSelectToken + " WHERE t.user_id = ? OR ? = 0 ORDER BY t.id";
constexpr const char* kRevokeToken = "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
constexpr const char* kRevokeTokensOfUser = "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
// A working token: not revoked, not expired, its user enabled; with its number and last use.
constexpr const char* kFindUserByToken =
    "SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at, t.id, t.last_used_at FROM tokens t "
    "JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND u.disabled = 0 AND t.revoked_at IS NULL "
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

ApiToken TokenFromRow(const Statement& s) {
  return ApiToken{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

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

}  // namespace

Result<User> SqliteAccountStore::AddUser(const std::string& username, const std::string& password_hash, Role role,
                                         const std::string& scope, const WriteContext& ctx) {
  if (username.empty()) return Error::Invalid("a user needs a name", "/username");
  User added;
  Status st = db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement s(c, kInsertUser);
    s.Bind(username).Bind(password_hash).Bind(RoleName(role)).Bind(scope).Bind(w.now());
    RETURN_IF_ERROR(s.Run());
    Statement read(c, kSelectUserById);
    read.Bind(c.LastInsertId());
    ASSIGN_OR_RETURN(added, OneRow<User>(read, "the new user is missing", UserFromRow));
    return w.Audit("user.add", kEntity, std::to_string(added.id));
  });
  if (!st.ok() && st.error().code == ErrorCode::kConflict) {
    return Error::Conflict("a user named " + username + " exists already", "/username");
  }
  RETURN_IF_ERROR(st);
  return added;
}

Result<std::vector<User>> SqliteAccountStore::ListUsers() {
  Database::ReadLease lease(db_);
  Statement s(*lease, kSelectUsersByName);
  return CollectRows<User>(s, UserFromRow);
}

Status SqliteAccountStore::SetUserDisabled(const std::string& username, bool disabled, const WriteContext& ctx) {
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

Result<User> SqliteAccountStore::FindUser(const std::string& username) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kSelectUserByName);
  s.Bind(username);
  return OneRow<User>(s, "no user is named " + username, UserFromRow);
}

Result<User> SqliteAccountStore::FindUserById(std::int64_t id) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kSelectUserById);
  s.Bind(id);
  return OneRow<User>(s, "no user has the id " + std::to_string(id), UserFromRow);
}

Result<std::string> SqliteAccountStore::PasswordHash(const std::string& username) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kPasswordHash);
  s.Bind(username);
  return OneRow<std::string>(s, "no user is named " + username, [](Statement& r) { return r.Text(0); });
}

// Sessions are not records with a history: they are written outside the audited write path
// (the log-in itself is audited by the authenticator).
Status SqliteAccountStore::CreateSession(const Session& session) {
  if (!IsRegisterTime(session.expires_at)) {
    return Error::Invalid("expected a time of the form YYYY-MM-DDTHH:MM:SSZ, got \"" + session.expires_at + "\"",
                          "/expires_at");
  }
  return db_.WithWriter([&](Connection& c) -> Status {
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    const std::string now = NowIso();
    // Expired sessions are of no use to anyone; clearing them here keeps the table small.
    Statement purge(c, kPurgeSessions);
    purge.Bind(now);
    RETURN_IF_ERROR(purge.Run());
    Statement s(c, kInsertSession);
    s.Bind(session.id_hash).Bind(session.user_id).Bind(session.csrf_token).Bind(session.expires_at).Bind(now);
    if (Status st = s.Run(); !st.ok()) {
      if (st.error().code == ErrorCode::kInternal && s.ExtendedCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Error::NotFound("no user has the id " + std::to_string(session.user_id));
      }
      return st;
    }
    return txn.Commit();
  });
}

Result<Session> SqliteAccountStore::FindSession(const std::string& id_hash) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kFindSession);
  s.Bind(id_hash).Bind(NowIso());
  return OneRow<Session>(s, "no such session, or it has expired", [](Statement& r) {
    return Session{r.Text(0), r.Int(1), r.Text(2), r.Text(3)};
  });
}

Status SqliteAccountStore::DeleteSession(const std::string& id_hash) {
  return db_.WithWriter([&](Connection& c) -> Status {
    Statement s(c, kDeleteSession);
    s.Bind(id_hash);
    return s.Run();
  });
}

Result<ApiToken> SqliteAccountStore::AddToken(std::int64_t user_id, const std::string& token_hash,
                                              const TokenDetails& details, const WriteContext& ctx) {
  if (!details.expires_at.empty()) RETURN_IF_ERROR(MustBeRegisterTime(details.expires_at, "/expires_at"));
  ApiToken added;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement s(c, kInsertToken);
    s.Bind(token_hash).Bind(user_id).Bind(w.now()).Bind(details.name).BindOrNull(details.expires_at);
    if (Status st = s.Run(); !st.ok()) {
      if (st.error().code == ErrorCode::kInternal && s.ExtendedCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Error::NotFound("no user has the id " + std::to_string(user_id));
      }
      return st;
    }
    Statement read(c, kSelectTokenByHash);
    read.Bind(token_hash);
    ASSIGN_OR_RETURN(added, OneRow<ApiToken>(read, "the new token is missing", TokenFromRow));
    // Audited against the user the token lets in, like every other account write.
    return w.Audit("token.create", kEntity, std::to_string(user_id));
  }));
  return added;
}

Result<std::vector<ApiToken>> SqliteAccountStore::ListTokens(std::int64_t user_id) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kSelectTokensOfUser);
  s.Bind(user_id).Bind(user_id);
  return CollectRows<ApiToken>(s, TokenFromRow);
}

Result<ApiToken> SqliteAccountStore::FindToken(std::int64_t id) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kSelectTokenById);
  s.Bind(id);
  return OneRow<ApiToken>(s, "no token has the number " + std::to_string(id), TokenFromRow);
}

Status SqliteAccountStore::RevokeToken(std::int64_t id, const WriteContext& ctx) {
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

Result<User> SqliteAccountStore::FindUserByToken(const std::string& token_hash) {
  const std::string now = NowIso();
  std::int64_t token_id = 0;
  std::string last_used;
  Result<User> user = [&]() -> Result<User> {
    Database::ReadLease lease(db_);
    Statement s(*lease, kFindUserByToken);
    s.Bind(token_hash).Bind(now);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Error::Unauthenticated("the token is unknown, revoked or expired, or its user is disabled");
    token_id = s.Int(6);
    last_used = s.Text(7);
    return UserFromRow(s);
  }();
  if (!user.ok()) return user;
  // When it was last used, to the minute: passing state, outside the audited write path; a
  // failure to note it does not refuse the request.
  if (last_used.empty() || last_used.compare(0, 16, now, 0, 16) != 0) {
    (void)db_.WithWriter([&](Connection& c) -> Status {
      Statement touch(c, kTouchToken);
      touch.Bind(now).Bind(token_id);
      return touch.Run();
    });
  }
  return user;
}

// Failed log-ins are passing state, like sessions: written outside the audited write path, each
// statement its own transaction.
Status SqliteAccountStore::RecordLoginFailure(const std::string& key, const std::string& at) {
  RETURN_IF_ERROR(MustBeRegisterTime(at, "/at"));
  return db_.WithWriter([&](Connection& c) -> Status {
    Statement s(c, kInsertLoginFailure);
    s.Bind(key).Bind(at);
    return s.Run();
  });
}

Result<std::vector<std::string>> SqliteAccountStore::LoginFailuresSince(const std::string& key,
                                                                        const std::string& since) {
  RETURN_IF_ERROR(MustBeRegisterTime(since, "/since"));
  Database::ReadLease lease(db_);
  Statement s(*lease, kLoginFailuresSince);
  s.Bind(key).Bind(since);
  return CollectRows<std::string>(s, [](Statement& r) { return r.Text(0); });
}

Status SqliteAccountStore::ClearLoginFailures(const std::string& key) {
  return db_.WithWriter([&](Connection& c) -> Status {
    Statement s(c, kClearLoginFailures);
    s.Bind(key);
    return s.Run();
  });
}

Status SqliteAccountStore::PurgeLoginFailures(const std::string& before) {
  RETURN_IF_ERROR(MustBeRegisterTime(before, "/before"));
  return db_.WithWriter([&](Connection& c) -> Status {
    Statement s(c, kPurgeLoginFailures);
    s.Bind(before);
    return s.Run();
  });
}

}  // namespace moteplass::sqlite
