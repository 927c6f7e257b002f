// IdentityStore on SQLite (store/identity_store.h).
#pragma once

#include "store/identity_store.h"
#include "store/sqlite/database.h"

namespace moteplass::sqlite {

class SqliteIdentityStore final : public IdentityStore {
 public:
  explicit SqliteIdentityStore(Database& db) : db_(db) {}

  Status LinkIdentity(const std::string& username, const std::string& issuer, const std::string& subject,
                      const WriteContext& ctx) override;
  Status UnlinkIdentity(const std::string& issuer, const std::string& subject, const WriteContext& ctx) override;
  Result<std::vector<IdentityLink>> ListIdentities() override;
  Result<User> FindUserByIdentity(const std::string& issuer, const std::string& subject) override;
  Status AddPendingLogin(const PendingLogin& login) override;
  Result<PendingLogin> TakePendingLogin(const std::string& state_hash) override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
