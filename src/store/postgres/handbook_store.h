// HandbookStore on PostgreSQL (store/handbook_store.h; migration 0010_ssb_handbook_imdi.sql).
#pragma once

#include "store/handbook_store.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresHandbookStore final : public HandbookStore {
 public:
  explicit PostgresHandbookStore(Database& db) : db_(db) {}

  Status SeedIfEmpty(const std::vector<handbook::SeedPage>& pages) override;
  Result<std::vector<std::string>> Slugs() override;
  Result<std::vector<HandbookVersion>> Versions(const std::string& slug) override;
  Result<HandbookVersion> AddDraft(const std::string& slug, const handbook::Content& content,
                                   const WriteContext& ctx) override;
  Result<HandbookVersion> Move(const std::string& slug, std::int64_t version, const std::string& to,
                               const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::postgres
