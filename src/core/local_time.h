// Times and dates as people in Norway read and write them. The register stores UTC (clock.h);
// pages show Norwegian civil time (Europe/Oslo) and dates written 26.11.2026, and forms take
// dates written that way as well as 2026-11-26.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/messages.h"

namespace moteplass {

struct CivilTime {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
};

// The time in Norway at `iso` ("YYYY-MM-DDTHH:MM:SSZ", as IsoTime writes it): UTC+1, and UTC+2
// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the
// European rule Norway has followed since 1996). nullopt when `iso` is not in that form.
std::optional<CivilTime> OsloTime(std::string_view iso);

// A stored time for a reader: "26.11.2026 kl. 10.15" in bokmål and nynorsk, "26 Nov 2026, 10:15"
// in English, in Norwegian time. A stamp not in IsoTime's form is returned as it is.
std::string ShowDateTime(std::string_view iso, Lang lang);

// A date for a reader: "26.11.2026" in bokmål and nynorsk, "26 Nov 2026" in English. Takes a
// date ("2026-11-26") or a stored time (shown as the date in Norway then). Anything else is
// returned as it is.
std::string ShowDate(std::string_view iso_or_date, Lang lang);

// A date as a person types it: "26.11.2026", "26.11.26" is refused (the century is not guessed),
// "1.2.2026", "2026-11-26". Returns "YYYY-MM-DD", or nullopt when it is not a real date in one of
// those forms.
std::optional<std::string> ParseTypedDate(std::string_view text);

}  // namespace moteplass
