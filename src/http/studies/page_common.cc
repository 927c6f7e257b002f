#include "http/studies/page_common.h"

#include "http/api_kit.h"

namespace moteplass::http::studies {

using nlohmann::json;

Result<app::StudyAccess> LoadStudy(Pages& pages, PageContext& c, std::optional<Response>& refused) {
  auto id = RouteId(c.request, "study");
  if (!id.ok()) return id.error();
  if (c.request.principal.anonymous()) {
    refused = LoginRedirect(Target(c.request));
    return Error::Unauthenticated("log in");
  }
  return app::StudyFor(pages.app().services, c.request.principal, *id);
}

Response RefusedPage(Pages& pages, PageContext& c, const std::optional<Response>& refused, const Error& e) {
  if (refused) return *refused;
  switch (e.code) {
    case ErrorCode::kNotFound: return pages.ErrorPage(c, 404, "study_pages.error.not_found");
    case ErrorCode::kUnauthenticated: return LoginRedirect(Target(c.request));
    case ErrorCode::kForbidden: return pages.ErrorPage(c, 403, "study_pages.error.forbidden");
    case ErrorCode::kConflict: return pages.ErrorPage(c, 409, "form.error.conflict");
    case ErrorCode::kInvalid: return pages.ErrorPage(c, 400, "study_pages.error.invalid");
    default: return pages.ErrorPage(c, 500, "error.internal");
  }
}

std::optional<Response> CheckCsrf(Pages& pages, PageContext& c) {
  if (c.request.principal.anonymous()) return std::nullopt;  // the page sends the visitor to log in
  if (auto st = pages.app().auth.RequireLogin(c.request, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  return std::nullopt;
}

std::string Label(const std::string& group, const std::string& value, Lang lang) {
  if (value.empty()) return Msg("study_pages.none", lang);
  return Msg("study_pages." + group + "." + value, lang);
}

std::string InLang(const json& label, Lang lang) {
  if (!label.is_object()) return "";
  const std::string code(LangCode(lang));
  if (label.contains(code) && label[code].is_string()) return label[code];
  return label.value("nb", "");
}

std::string PlaceName(Pages& pages, std::int64_t id) {
  auto place = pages.app().services.store.meeting_places().Get(id);
  if (!place.ok()) return "#" + std::to_string(id);
  return place->name;
}

}  // namespace moteplass::http::studies
