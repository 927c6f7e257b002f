// AccountStore (store/account_store.h) written once for both databases (store/generic/backend.h).
// Users and tokens are written through the one write path; sessions and failed log-ins are passing
// state (Backend::Passing).
#pragma once

#include "store/account_store.h"
#include "store/generic/backend.h"

namespace moteplass::generic {

template <Backend B>
class AccountStoreOn final : public AccountStore {
 public:
  explicit AccountStoreOn(typename B::Database& db) : db_(db) {}

  Result<User> AddUser(const std::string& username, const std::string& password_hash, Role role,
                       const std::string& scope, const WriteContext& ctx) override;
  Result<std::vector<User>> ListUsers() override;
  Status SetUserDisabled(const std::string& username, bool disabled, const WriteContext& ctx) override;
  Result<User> FindUser(const std::string& username) override;
  Result<User> FindUserById(std::int64_t id) override;
  Result<std::string> PasswordHash(const std::string& username) override;
  Status CreateSession(const Session& session) override;
  Result<Session> FindSession(const std::string& id_hash) override;
  Status DeleteSession(const std::string& id_hash) override;
  using AccountStore::AddToken;
  Result<ApiToken> AddToken(std::int64_t user_id, const std::string& token_hash, const TokenDetails& details,
                            const WriteContext& ctx) override;
  Result<std::vector<ApiToken>> ListTokens(std::int64_t user_id) override;
  Result<ApiToken> FindToken(std::int64_t id) override;
  Status RevokeToken(std::int64_t id, const WriteContext& ctx) override;
  Result<User> FindUserByToken(const std::string& token_hash) override;
  Status RecordLoginFailure(const std::string& key, const std::string& at) override;
  Result<std::vector<std::string>> LoginFailuresSince(const std::string& key, const std::string& since) override;
  Status ClearLoginFailures(const std::string& key) override;
  Status PurgeLoginFailures(const std::string& before) override;

 private:
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;

  typename B::Database& db_;
};

}  // namespace moteplass::generic
