// The contract of AccountStore (store/account_store.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): usernames are unique without regard to ASCII case,
// users can be disabled and enabled, sessions expire and end, a disabled user's sessions and
// tokens stop working, account writes are audited against the user's numeric id, and failed
// log-ins are counted per key in time.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class AccountStoreContractTest : public StoreContractTest<Backend> {};

TYPED_TEST_SUITE_P(AccountStoreContractTest);

// Far enough ahead and behind that no test run sees them change.
inline constexpr const char* kFuture = "2999-01-01T00:00:00Z";
inline constexpr const char* kPast = "2001-01-01T00:00:00Z";

TYPED_TEST_P(AccountStoreContractTest, UsersAreUniqueAndCanBeDisabled) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "$argon2id$x", Role::kRegional, "vest", kWriter);
  ASSERT_TRUE(kari.ok()) << kari.error().message;
  EXPECT_GT(kari->id, 0);
  EXPECT_EQ(kari->username, "kari");
  EXPECT_EQ(kari->role, Role::kRegional);
  EXPECT_EQ(kari->scope, "vest");
  EXPECT_FALSE(kari->disabled);
  EXPECT_FALSE(kari->created_at.empty());
  auto again = accounts.AddUser("Kari", "h", Role::kAdmin, "", kWriter);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().pointer, "/username");
  ASSERT_TRUE(accounts.AddUser("ola", "h2", Role::kResearcher, "", kWriter).ok());

  auto users = accounts.ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].username, "kari");
  EXPECT_EQ((*users)[0].role, Role::kRegional);  // the refused "Kari" changed nothing
  EXPECT_EQ(*accounts.PasswordHash("kari"), "$argon2id$x");
  EXPECT_EQ(accounts.PasswordHash("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.FindUserById(kari->id)->username, "kari");
  EXPECT_EQ(accounts.FindUser("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.FindUserById(999).error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(accounts.SetUserDisabled("kari", true, kWriter).ok());
  EXPECT_TRUE(accounts.FindUser("kari")->disabled);
  EXPECT_TRUE(accounts.FindUserById(kari->id)->disabled);
  EXPECT_FALSE(accounts.FindUser("ola")->disabled);
  ASSERT_TRUE(accounts.SetUserDisabled("kari", false, kWriter).ok());
  EXPECT_FALSE(accounts.FindUser("kari")->disabled);
  EXPECT_EQ(accounts.SetUserDisabled("nobody", true, kWriter).error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountStoreContractTest, UsernamesCompareWithoutRegardToCase) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("Kari", "hash", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok()) << kari.error().message;
  EXPECT_EQ(accounts.AddUser("KARI", "h", Role::kAdmin, "", kWriter).error().code, ErrorCode::kConflict);
  EXPECT_EQ(accounts.AddUser("kari", "h", Role::kAdmin, "", kWriter).error().code, ErrorCode::kConflict);
  auto found = accounts.FindUser("kARI");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->id, kari->id);
  EXPECT_EQ(found->username, "Kari");  // stored as given
  EXPECT_EQ(*accounts.PasswordHash("kari"), "hash");
  ASSERT_TRUE(accounts.SetUserDisabled("KARI", true, kWriter).ok());
  EXPECT_TRUE(accounts.FindUser("Kari")->disabled);
  EXPECT_EQ(accounts.ListUsers()->size(), 1u);
}

TYPED_TEST_P(AccountStoreContractTest, AUserNeedsAName) {
  auto nameless = this->accounts().AddUser("", "h", Role::kAdmin, "", kWriter);
  ASSERT_FALSE(nameless.ok());
  EXPECT_EQ(nameless.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(nameless.error().pointer, "/username");
  EXPECT_TRUE(this->accounts().ListUsers()->empty());
  EXPECT_TRUE(this->Audit().empty());
}

TYPED_TEST_P(AccountStoreContractTest, AccountWritesAreAudited) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "h", Role::kAdmin, "", WriteContext{"admin", 0});
  ASSERT_TRUE(kari.ok());
  // The name as typed does not matter: the rows name the user by id.
  ASSERT_TRUE(accounts.SetUserDisabled("KARI", true, WriteContext{"admin", 0}).ok());
  ASSERT_TRUE(accounts.SetUserDisabled("Kari", false, WriteContext{"admin", 0}).ok());
  ASSERT_TRUE(accounts.AddToken(kari->id, "tokenhash", WriteContext{"admin", 0}).ok());
  // Refused writes are not.
  ASSERT_FALSE(accounts.AddUser("kari", "h", Role::kAdmin, "", WriteContext{"admin", 0}).ok());
  ASSERT_FALSE(accounts.SetUserDisabled("nobody", true, WriteContext{"admin", 0}).ok());
  std::vector<AuditEntry> audit = this->Audit();
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[3].action, "user.add");
  EXPECT_EQ(audit[3].target_type, "user");
  EXPECT_EQ(audit[2].action, "user.disable");
  EXPECT_EQ(audit[1].action, "user.enable");
  EXPECT_EQ(audit[0].action, "token.create");
  for (const AuditEntry& e : audit) {
    EXPECT_EQ(e.by, "admin") << e.action;
    EXPECT_EQ(e.outcome, "ok") << e.action;
    // Every account row targets the user, by numeric id (a token's row too: it is the user's).
    EXPECT_EQ(e.target_type, "user") << e.action;
    EXPECT_EQ(e.target_id, std::to_string(kari->id)) << e.action;
  }
}

TYPED_TEST_P(AccountStoreContractTest, SessionsExpireAndEnd) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "h", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok());
  ASSERT_TRUE(accounts.CreateSession({"live", kari->id, "csrf1", kFuture}).ok());
  ASSERT_TRUE(accounts.CreateSession({"old", kari->id, "csrf2", kPast}).ok());
  auto live = accounts.FindSession("live");
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->id_hash, "live");
  EXPECT_EQ(live->user_id, kari->id);
  EXPECT_EQ(live->csrf_token, "csrf1");
  EXPECT_EQ(live->expires_at, kFuture);
  EXPECT_EQ(accounts.FindSession("old").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.FindSession("unknown").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(accounts.DeleteSession("live").ok());
  EXPECT_EQ(accounts.FindSession("live").error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountStoreContractTest, SessionForAnUnknownUserIsNotFound) {
  auto created = this->accounts().CreateSession({"s", 999, "c", kFuture});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(created.error().message, "no user has the id 999");
  EXPECT_EQ(this->accounts().FindSession("s").error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountStoreContractTest, SessionExpiryMustBeInTheRegistersForm) {
  // Expiry is compared as text, which is sound only for times as the register writes them.
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "h", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok());
  for (const char* expires_at :
       {"", "tomorrow", "2999-01-01", "2999-01-01 00:00:00", "2999-01-01T00:00:00", "2999-01-01T00:00:00+01:00",
        "2999-01-01T00:00:00.000Z", "2999-1-1T00:00:00Z", "+2999-01-01T00:00:00Z", "2999-13-01T00:00:00Z",
        "2999-01-00T00:00:00Z", "2999-01-01T24:00:00Z", "2999-01-01t00:00:00z"}) {
    auto created = accounts.CreateSession({"s", kari->id, "c", expires_at});
    ASSERT_FALSE(created.ok()) << expires_at;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalid) << expires_at;
    EXPECT_EQ(created.error().pointer, "/expires_at") << expires_at;
    EXPECT_EQ(accounts.FindSession("s").error().code, ErrorCode::kNotFound) << expires_at;
  }
  ASSERT_TRUE(accounts.CreateSession({"s", kari->id, "c", "2999-12-31T23:59:59Z"}).ok());
  EXPECT_EQ(accounts.FindSession("s")->expires_at, "2999-12-31T23:59:59Z");
}

TYPED_TEST_P(AccountStoreContractTest, DeletingAnUnknownSessionIsOk) {
  EXPECT_TRUE(this->accounts().DeleteSession("unknown").ok());
  auto kari = this->accounts().AddUser("kari", "h", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok());
  ASSERT_TRUE(this->accounts().CreateSession({"s", kari->id, "c", kFuture}).ok());
  ASSERT_TRUE(this->accounts().DeleteSession("s").ok());
  EXPECT_TRUE(this->accounts().DeleteSession("s").ok());  // ended twice
}

TYPED_TEST_P(AccountStoreContractTest, ADuplicateTokenHashIsAConflict) {
  auto kari = this->accounts().AddUser("kari", "h", Role::kAdmin, "", kWriter);
  auto ola = this->accounts().AddUser("ola", "h", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok() && ola.ok());
  ASSERT_TRUE(this->accounts().AddToken(kari->id, "tokenhash", kWriter).ok());
  EXPECT_EQ(this->accounts().AddToken(ola->id, "tokenhash", kWriter).error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->accounts().FindUserByToken("tokenhash")->id, kari->id);  // still kari's
  // Audited: the two users and the one token, not the refused second token.
  EXPECT_EQ(this->Audit().size(), 3u);
}

TYPED_TEST_P(AccountStoreContractTest, DisabledUsersSessionsAndTokensStopWorking) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "h", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok());
  ASSERT_TRUE(accounts.AddToken(kari->id, "tokenhash", kWriter).ok());
  ASSERT_TRUE(accounts.CreateSession({"s", kari->id, "c", kFuture}).ok());
  auto by_token = accounts.FindUserByToken("tokenhash");
  ASSERT_TRUE(by_token.ok()) << by_token.error().message;
  EXPECT_EQ(by_token->username, "kari");
  EXPECT_EQ(by_token->id, kari->id);
  EXPECT_EQ(accounts.FindUserByToken("other").error().code, ErrorCode::kUnauthenticated);
  ASSERT_TRUE(accounts.SetUserDisabled("kari", true, kWriter).ok());
  EXPECT_EQ(accounts.FindUserByToken("tokenhash").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(accounts.FindSession("s").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(accounts.SetUserDisabled("kari", false, kWriter).ok());
  // Neither tokens nor sessions come back with the user: disabling revoked them for good.
  EXPECT_EQ(accounts.FindUserByToken("tokenhash").error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(accounts.ListTokens(kari->id)->at(0).revoked_at.empty());
  EXPECT_EQ(accounts.FindSession("s").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(accounts.AddToken(kari->id, "new-tokenhash", kWriter).ok());  // a new one works
  EXPECT_TRUE(accounts.FindUserByToken("new-tokenhash").ok());
}

TYPED_TEST_P(AccountStoreContractTest, TokensHaveANameAnExpiryALastUseAndAreRevokedOneByOne) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "h", Role::kAdmin, "", kWriter);
  auto ola = accounts.AddUser("ola", "h", Role::kResearcher, "", kWriter);
  ASSERT_TRUE(kari.ok() && ola.ok());
  auto script = accounts.AddToken(kari->id, "hash-script", TokenDetails{"Nattlig eksport", kFuture}, kWriter);
  ASSERT_TRUE(script.ok()) << script.error().message;
  EXPECT_GT(script->id, 0);
  EXPECT_EQ(script->username, "kari");
  EXPECT_EQ(script->name, "Nattlig eksport");
  EXPECT_EQ(script->expires_at, kFuture);
  EXPECT_EQ(script->last_used_at, "");
  EXPECT_EQ(script->revoked_at, "");
  auto old = accounts.AddToken(kari->id, "hash-old", TokenDetails{"", kPast}, kWriter);
  auto olas = accounts.AddToken(ola->id, "hash-ola", TokenDetails{}, kWriter);
  ASSERT_TRUE(old.ok() && olas.ok());
  EXPECT_NE(old->id, script->id);
  EXPECT_EQ(accounts.AddToken(kari->id, "hash-x", TokenDetails{"", "tomorrow"}, kWriter).error().pointer,
            "/expires_at");

  EXPECT_EQ(accounts.FindUserByToken("hash-old").error().code, ErrorCode::kUnauthenticated);  // expired
  ASSERT_TRUE(accounts.FindUserByToken("hash-script").ok());
  EXPECT_FALSE(accounts.FindToken(script->id)->last_used_at.empty());
  EXPECT_EQ(accounts.FindToken(old->id)->last_used_at, "");

  auto karis = accounts.ListTokens(kari->id);
  ASSERT_TRUE(karis.ok());
  ASSERT_EQ(karis->size(), 2u);
  EXPECT_EQ((*karis)[0].id, script->id);
  EXPECT_EQ(accounts.ListTokens(0)->size(), 3u);

  ASSERT_TRUE(accounts.RevokeToken(script->id, kWriter).ok());
  EXPECT_EQ(accounts.FindUserByToken("hash-script").error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(accounts.FindUserByToken("hash-ola").ok());  // only that one
  EXPECT_FALSE(accounts.FindToken(script->id)->revoked_at.empty());
  const std::size_t audited = this->Audit().size();
  ASSERT_TRUE(accounts.RevokeToken(script->id, kWriter).ok());  // again: nothing changes
  EXPECT_EQ(this->Audit().size(), audited);
  EXPECT_EQ(accounts.RevokeToken(999, kWriter).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.FindToken(999).error().code, ErrorCode::kNotFound);
  const auto audit = this->Audit();
  const bool revoke_audited = std::any_of(audit.begin(), audit.end(), [&](const AuditEntry& e) {
    return e.action == "token.revoke" && e.target_type == "token" && e.target_id == std::to_string(script->id);
  });
  EXPECT_TRUE(revoke_audited);
}

TYPED_TEST_P(AccountStoreContractTest, DisablingAUserEndsOnlyThatUsersSessions) {
  AccountStore& accounts = this->accounts();
  auto kari = accounts.AddUser("kari", "h", Role::kAdmin, "", kWriter);
  auto ola = accounts.AddUser("ola", "h", Role::kAdmin, "", kWriter);
  ASSERT_TRUE(kari.ok() && ola.ok());
  ASSERT_TRUE(accounts.CreateSession({"kari-s", kari->id, "c1", kFuture}).ok());
  ASSERT_TRUE(accounts.CreateSession({"ola-s", ola->id, "c2", kFuture}).ok());
  ASSERT_TRUE(accounts.AddToken(ola->id, "ola-token", kWriter).ok());
  ASSERT_TRUE(accounts.SetUserDisabled("kari", true, kWriter).ok());
  EXPECT_EQ(accounts.FindSession("kari-s").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.FindSession("ola-s")->user_id, ola->id);
  EXPECT_EQ(accounts.FindUserByToken("ola-token")->username, "ola");
}

TYPED_TEST_P(AccountStoreContractTest, PasswordHashIsKeptForADisabledUser) {
  // Refusing a disabled user is the log-in's job, which needs the hash to tell why.
  ASSERT_TRUE(this->accounts().AddUser("kari", "$argon2id$x", Role::kAdmin, "", kWriter).ok());
  ASSERT_TRUE(this->accounts().SetUserDisabled("kari", true, kWriter).ok());
  auto hash = this->accounts().PasswordHash("kari");
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_EQ(*hash, "$argon2id$x");
}

TYPED_TEST_P(AccountStoreContractTest, TokenForAnUnknownUserIsNotFound) {
  EXPECT_EQ(this->accounts().AddToken(999, "x", kWriter).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->accounts().FindUserByToken("x").error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(this->Audit().empty());  // a refused write leaves no audit row
}

TYPED_TEST_P(AccountStoreContractTest, LoginFailuresAreCountedPerKeyLaterThanATime) {
  AccountStore& accounts = this->accounts();
  const std::string t1 = "2030-05-01T10:00:00Z", t2 = "2030-05-01T10:00:07Z", t3 = "2030-05-01T10:15:00Z";
  ASSERT_TRUE(accounts.RecordLoginFailure("user:abc", t2).ok());
  ASSERT_TRUE(accounts.RecordLoginFailure("user:abc", t1).ok());
  ASSERT_TRUE(accounts.RecordLoginFailure("user:abc", t2).ok());  // the same second: counted twice
  ASSERT_TRUE(accounts.RecordLoginFailure("addr:abc", t3).ok());
  auto all = accounts.LoginFailuresSince("user:abc", kPast);
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(*all, (std::vector<std::string>{t1, t2, t2}));                                      // oldest first
  EXPECT_EQ(*accounts.LoginFailuresSince("user:abc", t1), (std::vector<std::string>{t2, t2}));  // strictly later
  EXPECT_TRUE(accounts.LoginFailuresSince("user:abc", t2)->empty());
  EXPECT_EQ(*accounts.LoginFailuresSince("addr:abc", kPast), (std::vector<std::string>{t3}));
  EXPECT_TRUE(accounts.LoginFailuresSince("user:ABC", kPast)->empty());  // keys compare exactly
  EXPECT_TRUE(accounts.LoginFailuresSince("user:nobody", kPast)->empty());
  // Passing state: neither audited nor a user.
  EXPECT_TRUE(this->Audit().empty());
  EXPECT_TRUE(accounts.ListUsers()->empty());
}

TYPED_TEST_P(AccountStoreContractTest, ClearingLoginFailuresForgetsOneKey) {
  AccountStore& accounts = this->accounts();
  const std::string t = "2030-05-01T10:00:00Z";
  ASSERT_TRUE(accounts.RecordLoginFailure("user:kari", t).ok());
  ASSERT_TRUE(accounts.RecordLoginFailure("user:kari", t).ok());
  ASSERT_TRUE(accounts.RecordLoginFailure("user:ola", t).ok());
  ASSERT_TRUE(accounts.ClearLoginFailures("user:kari").ok());
  EXPECT_TRUE(accounts.LoginFailuresSince("user:kari", kPast)->empty());
  EXPECT_EQ(accounts.LoginFailuresSince("user:ola", kPast)->size(), 1u);
  EXPECT_TRUE(accounts.ClearLoginFailures("user:kari").ok());  // twice is harmless
  EXPECT_TRUE(accounts.ClearLoginFailures("user:nobody").ok());
}

TYPED_TEST_P(AccountStoreContractTest, PurgingForgetsOldLoginFailuresOfEveryKey) {
  AccountStore& accounts = this->accounts();
  const std::string old = "2030-05-01T09:00:00Z", edge = "2030-05-01T10:00:00Z", recent = "2030-05-01T10:00:01Z";
  for (const char* key : {"user:kari", "addr:x"}) {
    ASSERT_TRUE(accounts.RecordLoginFailure(key, old).ok());
    ASSERT_TRUE(accounts.RecordLoginFailure(key, edge).ok());
    ASSERT_TRUE(accounts.RecordLoginFailure(key, recent).ok());
  }
  ASSERT_TRUE(accounts.PurgeLoginFailures(edge).ok());  // at or before
  EXPECT_EQ(*accounts.LoginFailuresSince("user:kari", kPast), (std::vector<std::string>{recent}));
  EXPECT_EQ(*accounts.LoginFailuresSince("addr:x", kPast), (std::vector<std::string>{recent}));
  ASSERT_TRUE(accounts.PurgeLoginFailures(kFuture).ok());
  EXPECT_TRUE(accounts.LoginFailuresSince("user:kari", kPast)->empty());
}

TYPED_TEST_P(AccountStoreContractTest, LoginFailureTimesMustBeInTheRegistersForm) {
  // Times compare as text: only the register's own form sorts right.
  AccountStore& accounts = this->accounts();
  for (const char* bad : {"", "2030-05-01 10:00:00", "2030-05-01T10:00:00+01:00", "2030-13-01T10:00:00Z"}) {
    Status recorded = accounts.RecordLoginFailure("user:kari", bad);
    ASSERT_FALSE(recorded.ok()) << bad;
    EXPECT_EQ(recorded.error().code, ErrorCode::kInvalid) << bad;
    EXPECT_EQ(recorded.error().pointer, "/at");
    auto since = accounts.LoginFailuresSince("user:kari", bad);
    ASSERT_FALSE(since.ok()) << bad;
    EXPECT_EQ(since.error().code, ErrorCode::kInvalid) << bad;
    EXPECT_EQ(since.error().pointer, "/since");
    Status purged = accounts.PurgeLoginFailures(bad);
    ASSERT_FALSE(purged.ok()) << bad;
    EXPECT_EQ(purged.error().pointer, "/before");
  }
  EXPECT_TRUE(accounts.LoginFailuresSince("user:kari", kPast)->empty());  // nothing was recorded
}

REGISTER_TYPED_TEST_SUITE_P(AccountStoreContractTest, UsersAreUniqueAndCanBeDisabled,
                            UsernamesCompareWithoutRegardToCase, AUserNeedsAName, AccountWritesAreAudited,
                            SessionsExpireAndEnd, DisabledUsersSessionsAndTokensStopWorking,
                            TokensHaveANameAnExpiryALastUseAndAreRevokedOneByOne,
                            DisablingAUserEndsOnlyThatUsersSessions, PasswordHashIsKeptForADisabledUser,
                            TokenForAnUnknownUserIsNotFound, SessionForAnUnknownUserIsNotFound,
                            SessionExpiryMustBeInTheRegistersForm, DeletingAnUnknownSessionIsOk,
                            ADuplicateTokenHashIsAConflict, LoginFailuresAreCountedPerKeyLaterThanATime,
                            ClearingLoginFailuresForgetsOneKey, PurgingForgetsOldLoginFailuresOfEveryKey,
                            LoginFailureTimesMustBeInTheRegistersForm);

}  // namespace moteplass::store_contract
