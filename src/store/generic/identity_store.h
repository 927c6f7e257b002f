// IdentityStore (store/identity_store.h) written once for both databases (store/generic/backend.h).
#pragma once

#include "store/generic/backend.h"
#include "store/identity_store.h"

namespace moteplass::generic {

template <Backend B>
class IdentityStoreOn final : public IdentityStore {
 public:
  explicit IdentityStoreOn(typename B::Database& db) : db_(db) {}

  Status LinkIdentity(const std::string& username, const std::string& issuer, const std::string& subject,
                      const WriteContext& ctx) override;
  Status UnlinkIdentity(const std::string& issuer, const std::string& subject, const WriteContext& ctx) override;
  Result<std::vector<IdentityLink>> ListIdentities() override;
  Result<User> FindUserByIdentity(const std::string& issuer, const std::string& subject) override;
  Status AddPendingLogin(const PendingLogin& login) override;
  Result<PendingLogin> TakePendingLogin(const std::string& state_hash) override;

 private:
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;

  typename B::Database& db_;
};

}  // namespace moteplass::generic
