#include "store/sqlite/identity_store.h"

#include "core/clock.h"
#include "store/identity_times.h"

namespace moteplass::sqlite {
namespace {

constexpr const char* kUserIdByName = "SELECT id FROM users WHERE username = ?";
constexpr const char* kInsertIdentity =
    "INSERT INTO identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)";
constexpr const char* kUserOfIdentity = "SELECT user_id FROM identities WHERE issuer = ? AND subject = ?";
constexpr const char* kDeleteIdentity = "DELETE FROM identities WHERE issuer = ? AND subject = ?";
constexpr const char* kListIdentities =
    "SELECT i.issuer, i.subject, i.user_id, u.username, i.created_at FROM identities i JOIN users u ON u.id = "
    "i.user_id ORDER BY u.username, i.issuer, i.subject";
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

}  // namespace

Status SqliteIdentityStore::LinkIdentity(const std::string& username, const std::string& issuer,
                                         const std::string& subject, const WriteContext& ctx) {
  RETURN_IF_ERROR(CheckIdentity(issuer, subject));
  Status st = db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement find(c, kUserIdByName);
    find.Bind(username);
    ASSIGN_OR_RETURN(std::int64_t user_id,
                     OneRow<std::int64_t>(find, "no user is named " + username, [](Statement& r) { return r.Int(0); }));
    Statement s(c, kInsertIdentity);
    s.Bind(issuer).Bind(subject).Bind(user_id).Bind(w.now());
    RETURN_IF_ERROR(s.Run());
    return w.Audit("user.link", "user", std::to_string(user_id));
  });
  if (!st.ok() && st.error().code == ErrorCode::kConflict) return IdentityTaken();
  return st;
}

Status SqliteIdentityStore::UnlinkIdentity(const std::string& issuer, const std::string& subject,
                                           const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement find(c, kUserOfIdentity);
    find.Bind(issuer).Bind(subject);
    ASSIGN_OR_RETURN(std::int64_t user_id, OneRow<std::int64_t>(find, "no account is linked to this identity",
                                                                [](Statement& r) { return r.Int(0); }));
    Statement s(c, kDeleteIdentity);
    s.Bind(issuer).Bind(subject);
    RETURN_IF_ERROR(s.Run());
    return w.Audit("user.unlink", "user", std::to_string(user_id));
  });
}

Result<std::vector<IdentityLink>> SqliteIdentityStore::ListIdentities() {
  Database::ReadLease lease(db_);
  Statement s(*lease, kListIdentities);
  return CollectRows<IdentityLink>(s, [](Statement& r) {
    return IdentityLink{r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)};
  });
}

Result<User> SqliteIdentityStore::FindUserByIdentity(const std::string& issuer, const std::string& subject) {
  Database::ReadLease lease(db_);
  Statement s(*lease, kFindUserByIdentity);
  s.Bind(issuer).Bind(subject);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error::NotFound("no account is linked to this identity");
  return UserFromColumns(s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4) != 0, s.Text(5));
}

// Passing state, like sessions: outside the audited write path.
Status SqliteIdentityStore::AddPendingLogin(const PendingLogin& login) {
  RETURN_IF_ERROR(CheckPendingLogin(login));
  return db_.WithWriter([&](Connection& c) -> Status {
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    Statement purge(c, kPurgeLogins);
    purge.Bind(NowIso());
    RETURN_IF_ERROR(purge.Run());
    Statement s(c, kInsertLogin);
    s.Bind(login.state_hash)
        .Bind(login.browser_hash)
        .Bind(login.nonce)
        .Bind(login.code_verifier)
        .Bind(login.next)
        .Bind(login.expires_at);
    RETURN_IF_ERROR(s.Run());
    return txn.Commit();
  });
}

Result<PendingLogin> SqliteIdentityStore::TakePendingLogin(const std::string& state_hash) {
  PendingLogin taken;
  RETURN_IF_ERROR(db_.WithWriter([&](Connection& c) -> Status {
    Statement s(c, kTakeLogin);
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

}  // namespace moteplass::sqlite
