// The contract of IdentityStore (store/identity_store.h) as a typed test suite that every backend
// instantiates (store_fixture.h says how): an identity at a provider opens the one account an
// administrator linked it to, linking and unlinking are audited against the user's number and
// never name the identity, and a log-in under way is taken once and not after it expires.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/contract/account_store_contract.h"
#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class IdentityStoreContractTest : public StoreContractTest<Backend> {
 protected:
  IdentityStore& identities() { return this->store().identities(); }
};

TYPED_TEST_SUITE_P(IdentityStoreContractTest);

inline constexpr const char* kIssuer = "https://idporten.example.no";

TYPED_TEST_P(IdentityStoreContractTest, ALinkedIdentityOpensItsAccount) {
  auto kari = this->accounts().AddUser("kari", "h", Role::kMunicipal, "4601", kWriter);
  ASSERT_TRUE(kari.ok());
  // The user name as user names compare.
  ASSERT_TRUE(this->identities().LinkIdentity("KARI", kIssuer, "24079409630", kWriter).ok());
  auto found = this->identities().FindUserByIdentity(kIssuer, "24079409630");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->id, kari->id);
  EXPECT_EQ(found->username, "kari");
  EXPECT_EQ(found->role, Role::kMunicipal);
  EXPECT_EQ(found->scope, "4601");
  // The same subject at another provider, or another subject, opens nothing.
  EXPECT_EQ(this->identities().FindUserByIdentity("https://other.example.no", "24079409630").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->identities().FindUserByIdentity(kIssuer, "2407940963").error().code, ErrorCode::kNotFound);
  // A disabled account is still found: refusing it is the log-in's job.
  ASSERT_TRUE(this->accounts().SetUserDisabled("kari", true, kWriter).ok());
  EXPECT_TRUE(this->identities().FindUserByIdentity(kIssuer, "24079409630")->disabled);
  auto links = this->identities().ListIdentities();
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].username, "kari");
  EXPECT_EQ((*links)[0].issuer, kIssuer);
  EXPECT_EQ((*links)[0].subject, "24079409630");
  EXPECT_FALSE((*links)[0].created_at.empty());
}

TYPED_TEST_P(IdentityStoreContractTest, AnIdentityOpensOneAccountOnly) {
  ASSERT_TRUE(this->accounts().AddUser("kari", "h", Role::kAdmin, "", kWriter).ok());
  ASSERT_TRUE(this->accounts().AddUser("ola", "h", Role::kAdmin, "", kWriter).ok());
  ASSERT_TRUE(this->identities().LinkIdentity("kari", kIssuer, "sub-1", kWriter).ok());
  ASSERT_TRUE(this->identities().LinkIdentity("kari", kIssuer, "sub-2", kWriter).ok());
  Status again = this->identities().LinkIdentity("ola", kIssuer, "sub-1", kWriter);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().pointer, "/subject");
  EXPECT_EQ(this->identities().FindUserByIdentity(kIssuer, "sub-1")->username, "kari");
  Status nobody = this->identities().LinkIdentity("nobody", kIssuer, "sub-3", kWriter);
  EXPECT_EQ(nobody.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->identities().LinkIdentity("kari", "", "sub-3", kWriter).error().pointer, "/issuer");
  EXPECT_EQ(this->identities().LinkIdentity("kari", kIssuer, "", kWriter).error().pointer, "/subject");
  ASSERT_TRUE(this->identities().UnlinkIdentity(kIssuer, "sub-1", kWriter).ok());
  EXPECT_EQ(this->identities().FindUserByIdentity(kIssuer, "sub-1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->identities().UnlinkIdentity(kIssuer, "sub-1", kWriter).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->identities().ListIdentities()->size(), 1u);
}

TYPED_TEST_P(IdentityStoreContractTest, LinksAreAuditedByTheUsersNumberOnly) {
  auto kari = this->accounts().AddUser("kari", "h", Role::kAdmin, "", WriteContext{"admin", 0});
  ASSERT_TRUE(kari.ok());
  ASSERT_TRUE(this->identities().LinkIdentity("kari", kIssuer, "24079409630", WriteContext{"admin", 0}).ok());
  ASSERT_FALSE(this->identities().LinkIdentity("kari", kIssuer, "24079409630", WriteContext{"admin", 0}).ok());
  ASSERT_TRUE(this->identities().UnlinkIdentity(kIssuer, "24079409630", WriteContext{"admin", 0}).ok());
  std::vector<AuditEntry> audit = this->Audit();
  ASSERT_EQ(audit.size(), 3u);  // user.add, user.link, user.unlink; the refused link left none
  EXPECT_EQ(audit[1].action, "user.link");
  EXPECT_EQ(audit[0].action, "user.unlink");
  for (const AuditEntry& e : audit) {
    EXPECT_EQ(e.target_type, "user");
    EXPECT_EQ(e.target_id, std::to_string(kari->id));
    EXPECT_EQ(e.by, "admin");
    EXPECT_EQ(e.outcome, "ok");
  }
}

TYPED_TEST_P(IdentityStoreContractTest, ALoginUnderWayIsTakenOnce) {
  const PendingLogin login{"statehash", "browserhash", "nonce-1", "verifier-1", "/moteplasser", kFuture};
  ASSERT_TRUE(this->identities().AddPendingLogin(login).ok());
  EXPECT_EQ(this->identities().AddPendingLogin(login).error().code, ErrorCode::kConflict);
  auto taken = this->identities().TakePendingLogin("statehash");
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  EXPECT_EQ(taken->state_hash, "statehash");
  EXPECT_EQ(taken->browser_hash, "browserhash");
  EXPECT_EQ(taken->nonce, "nonce-1");
  EXPECT_EQ(taken->code_verifier, "verifier-1");
  EXPECT_EQ(taken->next, "/moteplasser");
  EXPECT_EQ(taken->expires_at, kFuture);
  EXPECT_EQ(this->identities().TakePendingLogin("statehash").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->identities().TakePendingLogin("unknown").error().code, ErrorCode::kNotFound);
  // Passing state: nothing audited.
  EXPECT_TRUE(this->Audit().empty());
}

TYPED_TEST_P(IdentityStoreContractTest, AnExpiredLoginUnderWayIsGone) {
  ASSERT_TRUE(this->identities().AddPendingLogin({"old", "b", "n", "v", "/", kPast}).ok());
  EXPECT_EQ(this->identities().TakePendingLogin("old").error().code, ErrorCode::kNotFound);
  Status bad = this->identities().AddPendingLogin({"s", "b", "n", "v", "/", "2030-05-01 10:00:00"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().pointer, "/expires_at");
}

REGISTER_TYPED_TEST_SUITE_P(IdentityStoreContractTest, ALinkedIdentityOpensItsAccount, AnIdentityOpensOneAccountOnly,
                            LinksAreAuditedByTheUsersNumberOnly, ALoginUnderWayIsTakenOnce,
                            AnExpiredLoginUnderWayIsGone);

}  // namespace moteplass::store_contract
