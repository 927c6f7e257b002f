// Alerts of a meeting place in operation (contracts/operations.md, "Alerts"), computed from the
// record each time they are read: nothing is queued, so no background job can lose one or send
// it twice. An alert is one condition of one meeting place ("no_hearing_12_months:12"); `since`
// is the day the condition began, computed from the record, so that the same occurrence keeps
// the same `since` on every read and an acknowledgement stored against (id, since) stays with it.
// When the condition ends and begins again, `since` moves and the alert is open again.
//
// The codes and how each is computed (today: the date in Oslo):
//   no_hearing_12_months  a hearing body (profile functions.hearing_body) whose last hearing was
//                         received 12 months or more ago; with none, 12 months after the record
//                         began (the earliest of the register date, a membership's start, a
//                         meeting and a case). since = that date + 12 months.
//   deadline_near         a case with a deadline from today to today + 7 days and no statement
//                         sent. since = the earliest such deadline - 7 days.
//   term_ending           a seat whose current memberships end within 90 days, with fewer
//                         memberships recorded to start after today in that seat than end.
//                         since = the earliest such end - 90 days.
//   gender_balance        the current members (deputies counted on their own, observers not at
//                         all) break the rule for municipal bodies: with 4 or more, fewer than
//                         40 % of either women or men; with 2 or 3, not both. since = the day the
//                         current composition began (the latest start or day after an end).
//   no_meeting_6_months   no meeting held (not cancelled, started by now) for 6 months; with
//                         none, 6 months after the record began. since = that date + 6 months.
//   single_chair_8_years  one person has been chair, without a break, for 8 years or more.
//                         since = the start of that chairmanship + 8 years.
// Only a meeting place whose work is kept in the register (a membership, a meeting or a case)
// gets alerts. The texts name no person.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/operations/records.h"

namespace moteplass::ops {

inline constexpr std::string_view kAlertCodes[] = {"no_hearing_12_months", "deadline_near",
                                                   "term_ending",          "gender_balance",
                                                   "no_meeting_6_months",  "single_chair_8_years"};

// What the alerts of one meeting place are computed from.
struct AlertSubject {
  std::int64_t meeting_place = 0;
  std::string name;        // the meeting place's name (for the texts)
  nlohmann::json profile;  // its profile
  std::string registered;  // the register date of the record ("YYYY-MM-DD...")
  std::vector<Record> memberships;
  std::vector<Record> meetings;
  std::vector<Record> cases;
  std::map<std::int64_t, std::string> genders;  // person id -> "woman", "man", "other", "unknown"
};

struct Alert {
  std::string code;
  std::int64_t meeting_place = 0;
  std::string since;  // "YYYY-MM-DD"
  std::string key;    // its text in the catalogue ("ops.alert.<code>" or a variant of it)
  MessageArgs args;   // for the text (no personal data)
  std::string Id() const { return code + ":" + std::to_string(meeting_place); }
};

// The alerts of one meeting place on `today` ("YYYY-MM-DD"), in the order of kAlertCodes.
std::vector<Alert> ComputeAlerts(const AlertSubject& subject, const std::string& today);

// The alert's text in a language ("ops.alert.<code>" with its arguments and the place's name).
std::string AlertText(const Alert& alert, Lang lang);

// "YYYY-MM-DD" plus whole months (the day kept, or the month's last day when it has fewer).
std::string AddMonths(const std::string& date, int months);

// Splits "code:123" into its code (one of kAlertCodes) and meeting place; false when malformed.
bool ParseAlertId(std::string_view id, std::string* code, std::int64_t* meeting_place);

}  // namespace moteplass::ops
