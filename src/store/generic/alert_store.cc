#include "store/generic/alert_store.h"

#include "core/status_macros.h"
#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

// clang-format off
constexpr const char* kUpsertAck =
    "INSERT INTO alert_acknowledgements (alert_id, meeting_place, since, acknowledged_by, acknowledged_at, until) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO UPDATE SET meeting_place = excluded.meeting_place, "
    "since = excluded.since, acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at, "
    "until = excluded.until";
constexpr const char* kPlaceExists = "SELECT 1 FROM meeting_places WHERE id = ?";
constexpr const char* kAllAcks =
    "SELECT alert_id, meeting_place, since, acknowledged_by, acknowledged_at, COALESCE(until, '') "
    "FROM alert_acknowledgements ORDER BY alert_id";
constexpr const char* kAcksOfPlace =
    "SELECT alert_id, meeting_place, since, acknowledged_by, acknowledged_at, COALESCE(until, '') "
    "FROM alert_acknowledgements WHERE meeting_place = ? ORDER BY alert_id";
constexpr const char* kUpsertFeedToken =
    "INSERT INTO alert_feed_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at";
constexpr const char* kUserExists = "SELECT 1 FROM users WHERE id = ?";
constexpr const char* kDeleteFeedToken = "DELETE FROM alert_feed_tokens WHERE user_id = ?";
constexpr const char* kFeedTokenCreated = "SELECT created_at FROM alert_feed_tokens WHERE user_id = ?";
constexpr const char* kFeedTokenUser =
    "SELECT t.user_id FROM alert_feed_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";
// clang-format on

template <class Statement>
Result<AlertAcknowledgement> AckFromRow(const Statement& s) {
  return AlertAcknowledgement{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
}

}  // namespace

template <Backend B>
Result<AlertAcknowledgement> AlertStoreOn<B>::Acknowledge(const AlertAcknowledgement& ack, const WriteContext& ctx) {
  AlertAcknowledgement stored = ack;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    {
      Statement exists(c, B::Sql(kPlaceExists));
      exists.Bind(ack.meeting_place);
      ASSIGN_OR_RETURN(bool row, exists.Step());
      if (!row) return Error::NotFound("no meeting place has the id " + std::to_string(ack.meeting_place));
    }
    stored.by = ctx.by;
    stored.at = w.now();
    Statement s(c, B::Sql(kUpsertAck));
    s.Bind(ack.alert_id).Bind(ack.meeting_place).Bind(ack.since).Bind(stored.by).Bind(stored.at).BindOrNull(ack.until);
    RETURN_IF_ERROR(s.Run());
    return w.Audit("alert.acknowledge", "alert", ack.alert_id);
  }));
  return stored;
}

template <Backend B>
Result<std::vector<AlertAcknowledgement>> AlertStoreOn<B>::Acknowledgements(const std::vector<std::int64_t>& places) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  if (places.empty()) {
    Statement s(*lease, B::Sql(kAllAcks));
    return CollectRows<AlertAcknowledgement>(s, AckFromRow<Statement>);
  }
  std::vector<AlertAcknowledgement> out;
  for (std::int64_t place : places) {
    Statement s(*lease, B::Sql(kAcksOfPlace));
    s.Bind(place);
    ASSIGN_OR_RETURN(auto rows, CollectRows<AlertAcknowledgement>(s, AckFromRow<Statement>));
    for (auto& r : rows) out.push_back(std::move(r));
  }
  return out;
}

template <Backend B>
Status AlertStoreOn<B>::SetFeedToken(std::int64_t user_id, const std::string& token_hash, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    {
      Statement exists(c, B::Sql(kUserExists));
      exists.Bind(user_id);
      ASSIGN_OR_RETURN(bool row, exists.Step());
      if (!row) return Error::NotFound("no user has the id " + std::to_string(user_id));
    }
    Statement s(c, B::Sql(kUpsertFeedToken));
    s.Bind(user_id).Bind(token_hash).Bind(w.now());
    RETURN_IF_ERROR(s.Run());
    return w.Audit("alert_feed.create", "user", std::to_string(user_id));
  });
}

template <Backend B>
Status AlertStoreOn<B>::RevokeFeedToken(std::int64_t user_id, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Statement s(w.connection(), B::Sql(kDeleteFeedToken));
    s.Bind(user_id);
    RETURN_IF_ERROR(s.Run());
    return w.Audit("alert_feed.revoke", "user", std::to_string(user_id));
  });
}

template <Backend B>
Result<std::string> AlertStoreOn<B>::FeedTokenCreated(std::int64_t user_id) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kFeedTokenCreated));
  s.Bind(user_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Text(0) : std::string();
}

template <Backend B>
Result<std::optional<std::int64_t>> AlertStoreOn<B>::FeedTokenUser(const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kFeedTokenUser));
  s.Bind(token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(s.Int(0));
}

template class AlertStoreOn<sqlite::Backend>;
template class AlertStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
