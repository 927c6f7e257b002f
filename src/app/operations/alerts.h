// The alerts of the meeting places in a caller's scope (contracts/operations.md, "Alerts"),
// computed from the record on each read (core/operations/alerts.h says how each code is found),
// joined with the acknowledgements people stored (store/alerts.h). Nothing runs in the
// background: an alert is there exactly while its condition holds, so none can be lost or sent
// twice. The scope is the access table's (alerts.read per meeting place; alerts.acknowledge to
// acknowledge). The Atom feed reads the same list with a feed token: one per user, stored as its
// hash, revocable, good for nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "core/operations/alerts.h"
#include "store/alerts.h"

namespace moteplass::app {

struct AlertView {
  std::string id;
  std::string code;
  std::int64_t meeting_place = 0;
  std::string place_name;
  RecordLocation location;  // the meeting place's, for the access table
  std::string since;
  std::string status;  // "open", "acknowledged", "resolved"
  bool has_ack = false;
  AlertAcknowledgement ack;  // when has_ack
  std::string text_nb, text_nn, text_en;
  const std::string& Text(Lang lang) const {
    return lang == Lang::kNn ? text_nn : lang == Lang::kEn ? text_en : text_nb;
  }
};

// The contract's shape: {"id", "code", "meeting_place", "since", "status", "acknowledged_by",
// "acknowledged_at", "snoozed_until", "text_nb", "text_nn", "text_en"}.
nlohmann::json AlertJson(const AlertView& alert);

// The alerts of every meeting place the caller may read alerts of, open ones first, then by
// meeting place and code. kUnauthenticated for visitors, kForbidden for a role without alerts.
Result<std::vector<AlertView>> ListAlerts(Services& s, const Principal& who);
// Brings the alerts kept for national users up to date when the data stamp or the day has moved
// (computing every meeting place's takes about 3 s at national size; see ListAlerts). The server
// calls it when it starts and every minute, so that no user waits for that after a restart, on
// a new day or after another process's large write. Writes nothing.
Status KeepNationalAlertsReady(Services& s);
// Acknowledges the open alert `id` until a day (body {"until": "YYYY-MM-DD"|null}; a day after
// today, else kInvalid "/until"). kNotFound when no such alert is open in the caller's sight.
Result<AlertView> AcknowledgeAlert(Services& s, const Principal& who, const std::string& id,
                                   const nlohmann::json& body);

// The caller's feed token: a new one (the secret, shown once; the old one stops working), its
// revocation, and when the current one was made ("" when none).
Result<std::string> CreateFeedToken(Services& s, const Principal& who);
Status RevokeFeedToken(Services& s, const Principal& who);
Result<std::string> FeedTokenCreated(Services& s, const Principal& who);
// Whose feed a token opens: kUnauthenticated unless it is a live token of an enabled user.
Result<Principal> FeedTokenPrincipal(Services& s, const std::string& token);

}  // namespace moteplass::app
