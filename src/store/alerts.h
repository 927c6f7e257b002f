// Alerts in the store (contracts/operations.md, "Alerts"). The alerts themselves are computed
// from the record on each read (core/operations/alerts.h) and never stored; what is stored is
// what people did about them: an acknowledgement of one occurrence (the alert's id and its
// `since`), optionally until a day, and each user's feed token for the Atom feed (its hash
// only). Reached through Store::alerts().
//
// What the journal gets: an acknowledgement adds the audit row "alert.acknowledge" (target:
// the alert's id); a feed token made or revoked adds "alert_feed.create" / "alert_feed.revoke"
// (target: the user's id). No history: these are not records of the register.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/write.h"

namespace moteplass {

struct AlertAcknowledgement {
  std::string alert_id;  // "no_hearing_12_months:12"
  std::int64_t meeting_place = 0;
  std::string since;  // the occurrence acknowledged ("YYYY-MM-DD")
  std::string by;     // username
  std::string at;     // register time of the acknowledgement
  std::string until;  // "YYYY-MM-DD", or "" for no end
};

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // Stores (replaces) the acknowledgement of an alert; `at` and `by` are taken from the write.
  virtual Result<AlertAcknowledgement> Acknowledge(const AlertAcknowledgement& ack, const WriteContext& ctx) = 0;
  // The acknowledgements of the given meeting places (every one when `meeting_places` is empty).
  virtual Result<std::vector<AlertAcknowledgement>> Acknowledgements(
      const std::vector<std::int64_t>& meeting_places) = 0;

  // Replaces a user's feed token by one with `token_hash` (core/accounts/credentials.h HashSecret).
  virtual Status SetFeedToken(std::int64_t user_id, const std::string& token_hash, const WriteContext& ctx) = 0;
  // Removes a user's feed token; ok when there was none.
  virtual Status RevokeFeedToken(std::int64_t user_id, const WriteContext& ctx) = 0;
  // Whether a user has a feed token, and when it was made ("" when none).
  virtual Result<std::string> FeedTokenCreated(std::int64_t user_id) = 0;
  // The user whose feed token has this hash; nullopt when none has.
  virtual Result<std::optional<std::int64_t>> FeedTokenUser(const std::string& token_hash) = 0;
};

}  // namespace moteplass
