// SsbStore (store/ssb_store.h) written once for both databases (store/generic/backend.h; SQLite
// migration 0015, PostgreSQL 0010).
#pragma once

#include "store/generic/backend.h"
#include "store/ssb_store.h"

namespace moteplass::generic {

template <Backend B>
class SsbStoreOn final : public SsbStore {
 public:
  explicit SsbStoreOn(typename B::Database& db) : db_(db) {}

  Status Replace(const ssb::Table& table, const WriteContext& ctx) override;
  Result<std::optional<SsbTableInfo>> Info() override;
  Result<std::map<std::string, std::int64_t>> ImmigrantPopulation() override;
  Result<PersonsByCountry> LatestPersonsByCountry() override;
  Result<std::vector<ssb::Cell>> Cells(const std::string& municipality) override;

 private:
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using Transaction = typename B::Transaction;
  using ReadTransaction = typename B::ReadTransaction;
  using WriteScope = typename B::WriteScope;

  typename B::Database& db_;
};

}  // namespace moteplass::generic
