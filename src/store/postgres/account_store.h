// AccountStore on PostgreSQL (store/account_store.h).
#pragma once

#include "store/account_store.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresAccountStore final : public AccountStore {
 public:
  explicit PostgresAccountStore(Database& db) : db_(db) {}

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
  Database& db_;
};

}  // namespace moteplass::postgres
