// OverviewStore (store/overview_store.h) written once for both databases (store/generic/backend.h),
// in the settings table.
#pragma once

#include "store/generic/backend.h"
#include "store/overview_store.h"

namespace moteplass::generic {

template <Backend B>
class OverviewStoreOn final : public OverviewStore {
 public:
  explicit OverviewStoreOn(typename B::Database& db) : db_(db) {}
  Result<std::optional<int>> Target() override;
  Status SetTarget(int target, const WriteContext& ctx) override;

 private:
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using Transaction = typename B::Transaction;
  using ReadTransaction = typename B::ReadTransaction;
  using WriteScope = typename B::WriteScope;

  typename B::Database& db_;
};

}  // namespace moteplass::generic
