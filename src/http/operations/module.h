// The web module of a meeting place in operation (contracts/operations.md): people, memberships,
// meetings, cases and influence; added by modules.cc (see http/module.h).
#pragma once

#include <string>

#include "http/module.h"

namespace moteplass::http::operations {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc
// The alerts: GET /api/v1/alerts, acknowledge, the Atom feed and its token, and the page
// /varsler with its forms (alerts.cc); called by AddApiRoutes.
void AddAlertRoutes(ModuleContext& m);
// POST /api/v1/meeting-places/{id}/case-import: a year's cases as CSV (case_import.cc).
void AddCaseImportRoutes(ModuleContext& m);
// The secretary's case form, /moteplasser/{id}/saker/ny (case_form.cc); called by AddPageRoutes.
void AddCaseFormRoutes(ModuleContext& m);
// The secretary's forms for members, /moteplasser/{id}/medlemmer/ny and .../{membership}/endre
// (membership_form.cc), and for meetings, /moteplasser/{id}/moter/ny and .../{meeting}/endre
// (meeting_form.cc); called by AddPageRoutes before the meeting's own page.
void AddMembershipFormRoutes(ModuleContext& m);
void AddMeetingFormRoutes(ModuleContext& m);

// The annual report, /moteplasser/{id}/arsmelding/{year} and its .pdf (annual_report.cc); called
// by AddPageRoutes.
void AddAnnualReportRoutes(ModuleContext& m);

// The part of a meeting place's page about its work (what the public may see): the members who
// agreed to be shown, filled seats against the profile's, its public meetings with the calendar
// feed, and its real influence; HTML from templates/operations/section.mustache.
std::string SectionHtml(AppContext& app, PageContext& c, const MeetingPlace& place);

}  // namespace moteplass::http::operations
