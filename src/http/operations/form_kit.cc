#include "http/operations/form_kit.h"

#include "core/operations/fields.h"
#include "http/api_kit.h"
#include "http/page_kit.h"

namespace moteplass::http::operations {

Result<app::OperationsAccess> ManagedPlace(Pages& pages, PageContext& c, const std::string& form_path,
                                           std::optional<Response>& refused) {
  auto place_id = RouteId(c.request);
  if (!place_id.ok()) return place_id.error();
  if (c.request.principal.anonymous()) {
    refused = LoginRedirect(form_path);
    return Error::Unauthenticated("log in");
  }
  auto access = app::OperationsOf(pages.app().services, c.request.principal, *place_id);
  if (!access.ok()) return access.error();
  if (!access->manage) return Error::Forbidden("your role does not manage this meeting place's operations");
  return access;
}

Response RefusedPage(Pages& pages, PageContext& c, const std::optional<Response>& refused, const Error& e) {
  if (refused) return *refused;
  if (e.code == ErrorCode::kNotFound) return pages.PlaceError(c, e);
  return pages.ErrorPage(c, StatusOf(e), RefusalKey(e));
}

std::optional<Response> RefusePost(Pages& pages, PageContext& c, ops::Kind kind, const std::string& form_path,
                                   Result<app::OperationsAccess>& access) {
  if (!c.request.principal.anonymous()) {
    if (auto st = pages.app().auth.RequireLogin(c.request, FormValue(c.form, "csrf_token")); !st.ok()) {
      return pages.ErrorPage(c, 403, "error.csrf");
    }
  }
  std::optional<Response> refused;
  access = ManagedPlace(pages, c, form_path, refused);
  if (access.ok()) return std::nullopt;
  if (access.error().code == ErrorCode::kForbidden) {
    auto place_id = RouteId(c.request);
    auto denied = app::CreateOperation(pages.app().services, c.request.principal, kind, place_id.ok() ? *place_id : 0,
                                       nlohmann::json::object());
    if (!denied.ok()) return RefusedPage(pages, c, std::nullopt, denied.error());
  }
  return RefusedPage(pages, c, refused, access.error());
}

std::optional<std::string> OsloInstant(const std::string& date, const std::string& typed_time) {
  std::string t = typed_time;
  for (char& ch : t) {
    if (ch == '.') ch = ':';
  }
  if (t.size() == 4 && t[1] == ':') t = "0" + t;
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  const int hh = std::stoi(t.substr(0, 2)), mm = std::stoi(t.substr(3, 2));
  if (hh > 23 || mm > 59 || !ops::IsDate(date)) return std::nullopt;
  // The offset in force then: found from the wall-clock time read as UTC+1, which differs from
  // the true moment by at most an hour (the hour the clocks skip or repeat reads as winter time).
  const std::int64_t approx = ops::DayNumber(date) * 86400 + hh * 3600 + mm * 60 - 3600;
  const int offset = ops::OsloOffsetHours(approx);
  return date + "T" + t + ":00+0" + std::to_string(offset) + ":00";
}

std::pair<std::string, std::string> TypedDateTime(const std::string& instant) {
  const std::string local = ops::OsloLocal(instant);  // "2026-02-03 18:00"
  if (local.size() < 16) return {"", ""};
  return {TypedDate(local.substr(0, 10)), local.substr(11, 5)};
}

std::string TypedDate(const nlohmann::json& date) {
  if (!date.is_string()) return "";
  const std::string d = date.get<std::string>();
  if (d.size() < 10 || !ops::IsDate(d.substr(0, 10))) return "";
  return d.substr(8, 2) + "." + d.substr(5, 2) + "." + d.substr(0, 4);
}

void AddFormRoutes(ModuleContext& m, const std::string& new_path, const std::string& edit_path, FormHandler get,
                   FormHandler post) {
  Pages& pages = m.pages;
  const RouteInfo form;  // not cached, not indexed
  for (const bool edit : {false, true}) {
    const std::string& path = edit ? edit_path : new_path;
    m.router.Add("GET", path, pages.Page([&pages, get, edit](PageContext& c) { return get(pages, c, edit); }), form);
    m.router.Add("POST", path, pages.Page([&pages, post, edit](PageContext& c) { return post(pages, c, edit); }), form);
  }
}

}  // namespace moteplass::http::operations
