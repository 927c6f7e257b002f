// AlertStore (store/alerts.h) written once for both databases (store/generic/backend.h):
// acknowledgements and feed tokens (SQLite migration 0014, PostgreSQL 0009).
#pragma once

#include "store/alerts.h"
#include "store/generic/backend.h"

namespace moteplass::generic {

template <Backend B>
class AlertStoreOn final : public AlertStore {
 public:
  explicit AlertStoreOn(typename B::Database& db) : db_(db) {}

  Result<AlertAcknowledgement> Acknowledge(const AlertAcknowledgement& ack, const WriteContext& ctx) override;
  Result<std::vector<AlertAcknowledgement>> Acknowledgements(const std::vector<std::int64_t>& meeting_places) override;
  Status SetFeedToken(std::int64_t user_id, const std::string& token_hash, const WriteContext& ctx) override;
  Status RevokeFeedToken(std::int64_t user_id, const WriteContext& ctx) override;
  Result<std::string> FeedTokenCreated(std::int64_t user_id) override;
  Result<std::optional<std::int64_t>> FeedTokenUser(const std::string& token_hash) override;

 private:
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using Transaction = typename B::Transaction;
  using ReadTransaction = typename B::ReadTransaction;
  using WriteScope = typename B::WriteScope;

  typename B::Database& db_;
};

}  // namespace moteplass::generic
