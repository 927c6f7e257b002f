// HandbookStore (store/handbook_store.h) written once for both databases (store/generic/backend.h;
// SQLite migration 0015, PostgreSQL 0010).
#pragma once

#include "store/generic/backend.h"
#include "store/handbook_store.h"

namespace moteplass::generic {

template <Backend B>
class HandbookStoreOn final : public HandbookStore {
 public:
  explicit HandbookStoreOn(typename B::Database& db) : db_(db) {}

  Status SeedIfEmpty(const std::vector<handbook::SeedPage>& pages) override;
  Result<std::vector<std::string>> Slugs() override;
  Result<std::vector<HandbookVersion>> Versions(const std::string& slug) override;
  Result<HandbookVersion> AddDraft(const std::string& slug, const handbook::Content& content,
                                   const WriteContext& ctx) override;
  Result<HandbookVersion> Move(const std::string& slug, std::int64_t version, const std::string& to,
                               const WriteContext& ctx) override;

 private:
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using Transaction = typename B::Transaction;
  using ReadTransaction = typename B::ReadTransaction;
  using WriteScope = typename B::WriteScope;

  typename B::Database& db_;
};

}  // namespace moteplass::generic
