// SuggestionStore on SQLite (store/suggestion_store.h).
#pragma once

#include "store/sqlite/database.h"
#include "store/suggestion_store.h"

namespace moteplass::sqlite {

class SqliteSuggestionStore final : public SuggestionStore {
 public:
  explicit SqliteSuggestionStore(Database& db) : db_(db) {}

  Result<suggestions::Suggestion> Create(const suggestions::SuggestionInput& input, const WriteContext& ctx) override;
  Result<suggestions::Suggestion> Get(std::int64_t id) override;
  Result<std::vector<suggestions::Suggestion>> List(const std::string& status, int limit) override;
  Result<suggestions::Suggestion> Close(std::int64_t id, const std::string& status, const std::string& reason,
                                        const WriteContext& ctx) override;

 private:
  Database& db_;
};

}  // namespace moteplass::sqlite
