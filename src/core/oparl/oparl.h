// The read-only OParl 1.1 view (contracts/operations.md, "OParl"): our records as the standard's
// objects, for the council-information tools that read OParl. Pure: the caller (app/oparl) has
// already kept only what the public may see; these functions only shape it.
//
// The mapping: a Body is a municipality (code "0301") or a county authority (code "03"); an
// Organization is a meeting place; a Person is a member who agreed to be shown, once per body; a
// Membership names only the person, the organization and the role (all the public sees of a
// member); a Meeting embeds its public agenda items, its Location and its minutes as the
// `resultsProtocol` File; a Paper is a public case with one Consultation (the meeting place was
// consulted), whose agenda item (the one that names the case) carries the outcome as `result` and
// the statement as `resolutionText`. LegislativeTerms are the municipal election terms.
//
// Every `id` is absolute: `base` is the public address of the view, such as
// "https://moteplass.example.no/oparl/v1" (serve --public-url; never the request's Host). A field
// without a value is left out. Texts are in the language given (bokmål for the view).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/operations/records.h"
#include "core/register/meeting_place.h"

namespace moteplass::oparl {

inline constexpr std::string_view kVersion = "https://schema.oparl.org/1.1/";

// "https://schema.oparl.org/1.1/<name>".
std::string TypeUrl(std::string_view name);

// The addresses of the view's objects and lists, under `base`.
struct Links {
  std::string base;  // ".../oparl/v1", no trailing slash
  std::string site;  // the site's public address, for `web` links to our pages

  std::string System() const;
  std::string Bodies() const;
  std::string Body(const std::string& code) const;
  // One of the body's lists: "organizations", "people", "memberships", "meetings",
  // "agenda-items", "papers", "consultations", "files", "locations", "legislative-terms".
  std::string BodyList(const std::string& code, std::string_view list) const;
  std::string Organization(std::int64_t id) const;
  std::string OrganizationMeetings(std::int64_t id) const;
  std::string Person(const std::string& body, std::int64_t id) const;
  std::string Membership(std::int64_t id) const;
  std::string Meeting(std::int64_t id) const;
  std::string AgendaItem(std::int64_t meeting, std::size_t position) const;
  std::string Paper(std::int64_t id) const;
  std::string Consultation(std::int64_t id) const;
  std::string File(std::int64_t meeting) const;
  std::string FileDownload(std::int64_t meeting) const;
  std::string Location(std::int64_t meeting) const;
  std::string LegislativeTerm(const std::string& body, int year) const;
};

// The body of a meeting place: its municipality ("0301"), else its county ("03") unless it is
// national; "" when it belongs to none.
std::string BodyCodeOf(const MeetingPlace& place);
// "Oslo kommune", "Vestland fylkeskommune"; "" for an unknown code.
std::string BodyName(const Places& places, const std::string& code);

// An object that was deleted or stopped being public: only id, type, created, modified and
// `deleted: true`, so that harvesters drop it.
nlohmann::json Deleted(std::string_view type, const std::string& id, const std::string& created,
                       const std::string& modified);

nlohmann::json System(const Links& l, const std::string& name);
// `created` and `modified`: the earliest and latest of its meeting places ("" leaves them out).
// The body embeds the election terms from `first_term` to the one `today` falls in.
nlohmann::json Body(const Links& l, const Places& places, const std::string& code, const std::string& created,
                    const std::string& modified, int first_term, std::string_view today);
nlohmann::json LegislativeTerm(const Links& l, const std::string& body, int year);
// The meeting place; `memberships`: the ids of its public memberships.
nlohmann::json Organization(const Links& l, const MeetingPlace& place, const std::vector<std::int64_t>& memberships);
// A member shown publicly, in one body, with its memberships there (embedded).
nlohmann::json Person(const Links& l, const std::string& body, std::int64_t id, const std::string& name,
                      const std::string& created, const std::string& modified, const nlohmann::json& memberships,
                      Lang lang);
nlohmann::json Membership(const Links& l, const std::string& body, const ops::Record& membership, Lang lang);
// A public meeting of `place`; `cases`: the public cases of the meeting place (for the agenda
// items that name one). Only public agenda items are shown.
nlohmann::json Meeting(const Links& l, const MeetingPlace& place, const ops::Record& meeting,
                       const std::vector<ops::Record>& cases, Lang lang);
// The public agenda items of a meeting, each with its position in the whole agenda.
std::vector<nlohmann::json> AgendaItems(const Links& l, const ops::Record& meeting,
                                        const std::vector<ops::Record>& cases, Lang lang);
// The minutes of a meeting as a File; null when it has none.
nlohmann::json MinutesFile(const Links& l, const MeetingPlace& place, const ops::Record& meeting, Lang lang);
// Where a meeting is held; null when no place is recorded.
nlohmann::json Location(const Links& l, const ops::Record& meeting);
// A public case; `meetings`: the public meetings of the meeting place (to find where it was
// handled).
nlohmann::json Paper(const Links& l, const std::string& body, const MeetingPlace& place, const ops::Record& c,
                     const std::vector<ops::Record>& meetings, Lang lang);
nlohmann::json Consultation(const Links& l, const MeetingPlace& place, const ops::Record& c,
                            const std::vector<ops::Record>& meetings, Lang lang);

// A list filter's time (created_since, ...): "2026-02-01", "2026-02-01T10:00:00Z",
// "2026-02-01T10:00:00.5+01:00" and the like, as the register's UTC time
// "YYYY-MM-DDTHH:MM:SSZ". kInvalid naming `param` ("/created_since") otherwise.
Result<std::string> ParseFilterTime(std::string_view value, const std::string& param);

}  // namespace moteplass::oparl
