#include "store/postgres/identity_store.h"

#include "core/clock.h"
#include "store/identity_times.h"

namespace moteplass::postgres {
namespace {

constexpr const char* kUserIdByName = "SELECT id FROM users WHERE lower(username) = lower($1::text COLLATE \"C\")";
constexpr const char* kInsertIdentity =
    "INSERT INTO identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)";
constexpr const char* kUserOfIdentity = "SELECT user_id FROM identities WHERE issuer = $1 AND subject = $2";
constexpr const char* kDeleteIdentity = "DELETE FROM identities WHERE issuer = $1 AND subject = $2";
constexpr const char* kListIdentities =
    "SELECT i.issuer, i.subject, i.user_id, u.username, i.created_at FROM identities i JOIN users u ON u.id = "
    "i.user_id ORDER BY lower(u.username), i.issuer, i.subject";
constexpr const char* kFindUserByIdentity =
    "SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at FROM identities i JOIN users u ON u.id = "
    "i.user_id WHERE i.issuer = $1 AND i.subject = $2";
constexpr const char* kPurgeLogins = "DELETE FROM oidc_logins WHERE expires_at <= $1";
constexpr const char* kInsertLogin =
    "INSERT INTO oidc_logins (state_hash, browser_hash, nonce, code_verifier, next, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kTakeLogin =
    "DELETE FROM oidc_logins WHERE state_hash = $1 "
    "RETURNING state_hash, browser_hash, nonce, code_verifier, next, expires_at";

}  // namespace

Status PostgresIdentityStore::LinkIdentity(const std::string& username, const std::string& issuer,
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

Status PostgresIdentityStore::UnlinkIdentity(const std::string& issuer, const std::string& subject,
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

Result<std::vector<IdentityLink>> PostgresIdentityStore::ListIdentities() {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kListIdentities);
  return CollectRows<IdentityLink>(s, [](Statement& r) {
    return IdentityLink{r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)};
  });
}

Result<User> PostgresIdentityStore::FindUserByIdentity(const std::string& issuer, const std::string& subject) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kFindUserByIdentity);
  s.Bind(issuer).Bind(subject);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error::NotFound("no account is linked to this identity");
  return UserFromColumns(s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Bool(4), s.Text(5));
}

// Passing state, like sessions: outside the audited write path.
Status PostgresIdentityStore::AddPendingLogin(const PendingLogin& login) {
  RETURN_IF_ERROR(CheckPendingLogin(login));
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Connection& c = *lease;
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
  return s.Run();
}

Result<PendingLogin> PostgresIdentityStore::TakePendingLogin(const std::string& state_hash) {
  ASSIGN_OR_RETURN(Pool::Lease lease, db_.Borrow());
  Statement s(*lease, kTakeLogin);
  s.Bind(state_hash);
  ASSIGN_OR_RETURN(PendingLogin taken,
                   OneRow<PendingLogin>(s, "no log-in is under way with this state", [](Statement& r) {
                     return PendingLogin{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
                   }));
  if (taken.expires_at <= NowIso()) return Error::NotFound("no log-in is under way with this state");
  return taken;
}

}  // namespace moteplass::postgres
