// AlertStore on PostgreSQL (store/alerts.h): acknowledgements and feed tokens (migration 0009).
#pragma once

#include "store/alerts.h"
#include "store/postgres/database.h"

namespace moteplass::postgres {

class PostgresAlertStore final : public AlertStore {
 public:
  explicit PostgresAlertStore(Database& db) : db_(db) {}

  Result<AlertAcknowledgement> Acknowledge(const AlertAcknowledgement& ack, const WriteContext& ctx) override;
  Result<std::vector<AlertAcknowledgement>> Acknowledgements(const std::vector<std::int64_t>& meeting_places) override;
  Status SetFeedToken(std::int64_t user_id, const std::string& token_hash, const WriteContext& ctx) override;
  Status RevokeFeedToken(std::int64_t user_id, const WriteContext& ctx) override;
  Result<std::string> FeedTokenCreated(std::int64_t user_id) override;
  Result<std::optional<std::int64_t>> FeedTokenUser(const std::string& token_hash) override;

 private:
  Database& db_;
};

}  // namespace moteplass::postgres
