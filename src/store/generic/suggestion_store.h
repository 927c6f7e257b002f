// SuggestionStore (store/suggestion_store.h) written once for both databases
// (store/generic/backend.h; SQLite migration 0011, PostgreSQL 0006).
#pragma once

#include "store/generic/backend.h"
#include "store/suggestion_store.h"

namespace moteplass::generic {

template <Backend B>
class SuggestionStoreOn final : public SuggestionStore {
 public:
  explicit SuggestionStoreOn(typename B::Database& db) : db_(db) {}

  Result<suggestions::Suggestion> Create(const suggestions::SuggestionInput& input, const WriteContext& ctx) override;
  Result<suggestions::Suggestion> Get(std::int64_t id) override;
  Result<std::vector<suggestions::Suggestion>> List(const std::string& status, int limit) override;
  Result<suggestions::Suggestion> Close(std::int64_t id, const std::string& status, const std::string& reason,
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
