#include "store/generic/identity_store.h"

#include <cstdio>

#include "core/clock.h"
#include "store/identity_times.h"
#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

// SQLite compares user names with the column's NOCASE; PostgreSQL with lower() (ASCII only, as
// the accounts store does).
constexpr const char* kUserIdByNameSqlite = "SELECT id FROM users WHERE username = ?";
constexpr const char* kUserIdByNamePostgres =
    "SELECT id FROM users WHERE lower(username) = lower(?::text COLLATE \"C\")";
constexpr const char* kInsertIdentity =
    "INSERT INTO identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)";
constexpr const char* kUserOfIdentity = "SELECT user_id FROM identities WHERE issuer = ? AND subject = ?";
constexpr const char* kDeleteIdentity = "DELETE FROM identities WHERE issuer = ? AND subject = ?";
constexpr const char* kListIdentities =
    "SELECT i.issuer, i.subject, i.user_id, u.username, i.created_at FROM identities i JOIN users u ON u.id = "
    "i.user_id ORDER BY %s, i.issuer, i.subject";
constexpr const char* kFindUserByIdentity =
    "SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at FROM identities i JOIN users u ON u.id = "
    "i.user_id WHERE i.issuer = ? AND i.subject = ?";
constexpr const char* kPurgeLogins = "DELETE FROM oidc_logins WHERE expires_at <= ?";
constexpr const char* kInsertLogin =
    "INSERT INTO oidc_logins (state_hash, browser_hash, nonce, code_verifier, next, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kTakeLogin =
    "DELETE FROM oidc_logins WHERE state_hash = ? "
    "RETURNING state_hash, browser_hash, nonce, code_verifier, next, expires_at";

// The list of links in the order of user names, as each database compares them.
template <Backend B>
std::string ListSql() {
  char sql[512];
  std::snprintf(sql, sizeof sql, kListIdentities, B::kPostgres ? "lower(u.username)" : "u.username");
  return B::Sql(sql);
}

}  // namespace

template <Backend B>
Status IdentityStoreOn<B>::LinkIdentity(const std::string& username, const std::string& issuer,
                                        const std::string& subject, const WriteContext& ctx) {
  RETURN_IF_ERROR(CheckIdentity(issuer, subject));
  Status st = db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement find(c, B::Sql(B::kPostgres ? kUserIdByNamePostgres : kUserIdByNameSqlite));
    find.Bind(username);
    ASSIGN_OR_RETURN(std::int64_t user_id,
                     OneRow<std::int64_t>(find, "no user is named " + username, [](Statement& r) { return r.Int(0); }));
    Statement s(c, B::Sql(kInsertIdentity));
    s.Bind(issuer).Bind(subject).Bind(user_id).Bind(w.now());
    RETURN_IF_ERROR(s.Run());
    return w.Audit("user.link", "user", std::to_string(user_id));
  });
  if (!st.ok() && st.error().code == ErrorCode::kConflict) return IdentityTaken();
  return st;
}

template <Backend B>
Status IdentityStoreOn<B>::UnlinkIdentity(const std::string& issuer, const std::string& subject,
                                          const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement find(c, B::Sql(kUserOfIdentity));
    find.Bind(issuer).Bind(subject);
    ASSIGN_OR_RETURN(std::int64_t user_id, OneRow<std::int64_t>(find, "no account is linked to this identity",
                                                                [](Statement& r) { return r.Int(0); }));
    Statement s(c, B::Sql(kDeleteIdentity));
    s.Bind(issuer).Bind(subject);
    RETURN_IF_ERROR(s.Run());
    return w.Audit("user.unlink", "user", std::to_string(user_id));
  });
}

template <Backend B>
Result<std::vector<IdentityLink>> IdentityStoreOn<B>::ListIdentities() {
  static const std::string sql = ListSql<B>();
  return B::Read(db_, [&](Connection& c) -> Result<std::vector<IdentityLink>> {
    Statement s(c, sql);
    return CollectRows<IdentityLink>(s, [](Statement& r) {
      return IdentityLink{r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)};
    });
  });
}

template <Backend B>
Result<User> IdentityStoreOn<B>::FindUserByIdentity(const std::string& issuer, const std::string& subject) {
  return B::Read(db_, [&](Connection& c) -> Result<User> {
    Statement s(c, B::Sql(kFindUserByIdentity));
    s.Bind(issuer).Bind(subject);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Error::NotFound("no account is linked to this identity");
    return UserFromColumns(s.Int(0), s.Text(1), s.Text(2), s.Text(3), B::Bool(s, 4), s.Text(5));
  });
}

// Passing state, like sessions: outside the audited write path.
template <Backend B>
Status IdentityStoreOn<B>::AddPendingLogin(const PendingLogin& login) {
  RETURN_IF_ERROR(CheckPendingLogin(login));
  return B::Passing(db_, [&](Connection& c) -> Status {
    Statement purge(c, B::Sql(kPurgeLogins));
    purge.Bind(NowIso());
    RETURN_IF_ERROR(purge.Run());
    Statement s(c, B::Sql(kInsertLogin));
    s.Bind(login.state_hash)
        .Bind(login.browser_hash)
        .Bind(login.nonce)
        .Bind(login.code_verifier)
        .Bind(login.next)
        .Bind(login.expires_at);
    return s.Run();
  });
}

template <Backend B>
Result<PendingLogin> IdentityStoreOn<B>::TakePendingLogin(const std::string& state_hash) {
  PendingLogin taken;
  RETURN_IF_ERROR(B::Passing(db_, [&](Connection& c) -> Status {
    Statement s(c, B::Sql(kTakeLogin));
    s.Bind(state_hash);
    ASSIGN_OR_RETURN(taken, OneRow<PendingLogin>(s, "no log-in is under way with this state", [](Statement& r) {
                       return PendingLogin{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
                     }));
    // Step to the end, so that the DELETE is complete before the statement is finished.
    ASSIGN_OR_RETURN(bool more, s.Step());
    (void)more;
    return Status();
  }));
  if (taken.expires_at <= NowIso()) return Error::NotFound("no log-in is under way with this state");
  return taken;
}

template class IdentityStoreOn<sqlite::Backend>;
template class IdentityStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
