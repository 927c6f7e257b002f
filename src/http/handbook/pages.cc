// The handbook's pages (/handbok): the list of pages with a search box (the register's Norwegian
// search), each page rendered from Markdown with live examples from the register of the kinds it
// discusses and links to the analyses (/analyse) that data/handbook/pages.json names for it, and
// for national users the edit form (a draft in three languages), the history of versions with the
// moves of the workflow (to review, back to draft, publish) and a preview of any version.
// Everything works without JavaScript; templates/handbook/.
#include <algorithm>

#include "app/handbook/handbook.h"
#include "core/handbook/links.h"
#include "core/typology/typology.h"
#include "http/api_kit.h"
#include "http/handbook/module.h"
#include "http/handbook/paths.h"
#include "http/register/paths.h"
#include "http/register/views.h"

namespace moteplass::http::handbook {
namespace {

using nlohmann::json;
namespace core = moteplass::handbook;

constexpr int kExamplesPerKind = 3;

// The examples of a page: for each kind it discusses, a few published meeting places of that kind
// and a link to all of them in the directory.
json ExamplesView(Pages& pages, const core::Content& content, Lang lang) {
  json kinds = json::array();
  for (const auto& kind : content.kinds) {
    MeetingPlaceQuery q;
    q.kind = kind;
    q.per_page = kExamplesPerKind;
    auto found = pages.app().store.meeting_places().List(q);
    if (!found.ok()) continue;  // the page is still worth reading without them
    json items = json::array();
    for (const MeetingPlace& p : found->items) items.push_back(registry::ListItem(pages.app().places, p, lang));
    kinds.push_back({{"label", Msg("typology.kind." + kind, lang)},
                     {"items", items},
                     {"has_items", !items.empty()},
                     {"total", std::to_string(found->total)},
                     {"all_href", registry::DirectoryPath("kind", kind)}});
  }
  return kinds;
}

// The analyses a page links (pages.json, core::AnalysesOf), with their titles in the reader's
// language; the analysis pages compute them from the register when they are opened.
json AnalysesView(const std::string& slug, Lang lang) {
  json out = json::array();
  for (const auto& name : core::AnalysesOf(slug)) {
    out.push_back({{"title", Msg("analysis.title." + name, lang)}, {"href", "/analyse/" + name}});
  }
  return out;
}

json VersionView(const HandbookVersion& v, Lang lang, bool editor) {
  json j = {{"version", std::to_string(v.version)},
            {"status", v.status},
            {"status_label", Msg("handbook.status." + v.status, lang)},
            {"created", DateOnly(v.created_at, lang)},
            {"changed", DateOnly(v.changed_at, lang)},
            {"title", v.content.In(lang).title},
            {"href", HandbookPagePath(v.slug) + "?versjon=" + std::to_string(v.version)}};
  if (editor) {
    j["created_by"] = v.created_by;
    j["changed_by"] = v.changed_by;
    j["action"] = HandbookVersionPath(v.slug, v.version);
    j["is_draft"] = v.status == "draft";
    j["is_review"] = v.status == "review";
  }
  return j;
}

Response RefusedPage(Pages& pages, PageContext& c, const Error& e) {
  if (e.code == ErrorCode::kUnauthenticated) return LoginRedirect(c.request.path);
  if (e.code == ErrorCode::kNotFound) return pages.ErrorPage(c, 404, "error.not_found");
  if (e.code == ErrorCode::kForbidden) return pages.ErrorPage(c, 403, "handbook.page.forbidden");
  if (e.code == ErrorCode::kConflict) return pages.ErrorPage(c, 409, "handbook.page.conflict");
  return pages.ErrorPage(c, StatusOf(e), "error.internal");
}

Response IndexPage(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  app::Services& s = pages.app().services;
  const std::string q = c.request.Query("q").value_or("");
  const bool editor = app::MayEditHandbook(s, c.request.principal);
  auto list = q.empty() ? app::HandbookPages(s, c.request.principal) : app::SearchHandbook(s, q);
  if (!list.ok()) return RefusedPage(pages, c, list.error());
  json items = json::array();
  for (const auto& page : *list) {
    const HandbookVersion& shown = page.published ? *page.published : page.versions.front();
    json item = {{"title", shown.content.In(lang).title},
                 {"summary", registry::Summary(shown.content.In(lang).body)},
                 {"href", HandbookPagePath(page.slug)}};
    if (editor && !page.versions.empty() && page.versions.front().status != "published") {
      item["pending"] = Msg("handbook.page.pending", lang,
                            {{"version", std::to_string(page.versions.front().version)},
                             {"status", Msg("handbook.status." + page.versions.front().status, lang)}});
    }
    items.push_back(std::move(item));
  }
  c.view["nav_handbook"] = true;
  c.view["meta_description"] = Msg("handbook.page.meta_description", lang);
  json view = {{"items", items},
               {"has_items", !items.empty()},
               {"q", q},
               {"searched", !q.empty()},
               {"action", HandbookPath()},
               {"result_count", Msg("handbook.page.result_count", lang, {{"n", std::to_string(items.size())}})}};
  return pages.Render(c, 200, "handbook/index", view, Msg("handbook.page.title", lang));
}

Response ShowPage(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  app::Services& s = pages.app().services;
  const std::string slug = c.request.params["slug"];
  auto page = app::GetHandbookPage(s, c.request.principal, slug);
  if (!page.ok()) return RefusedPage(pages, c, page.error());
  const bool editor = app::MayEditHandbook(s, c.request.principal);
  const HandbookVersion* shown = page->published ? &*page->published : &page->versions.front();
  if (auto wanted = c.request.Query("versjon")) {
    shown = nullptr;
    for (const auto& v : page->versions) {
      if (std::to_string(v.version) == *wanted) shown = &v;
    }
    if (shown == nullptr) return pages.ErrorPage(c, 404, "error.not_found");
  }
  const core::Text& text = shown->content.In(lang);
  json view = {{"title", text.title},
               {"body_html", MarkdownToHtml(text.body)},
               {"examples", ExamplesView(pages, shown->content, lang)},
               {"analyses", AnalysesView(slug, lang)},
               {"has_analyses", !core::AnalysesOf(slug).empty()},
               {"index_href", HandbookPath()},
               {"history_href", HandbookHistoryPath(slug)},
               {"version", VersionView(*shown, lang, editor)},
               {"not_published", shown->status != "published"},
               {"editor", editor}};
  if (editor) view["edit_href"] = HandbookEditPath(slug);
  if (page->published && shown->version != page->published->version) {
    view["preview_note"] = Msg(
        "handbook.page.preview", lang,
        {{"version", std::to_string(shown->version)}, {"status", Msg("handbook.status." + shown->status, lang)}});
  }
  c.view["nav_handbook"] = true;
  c.view["meta_description"] = registry::Summary(text.body);
  Response r = pages.Render(c, 200, "handbook/page", view, text.title);
  if (shown->status != "published") r.Set("Cache-Control", "no-store");
  return r;
}

// The edit form, filled with `content` (the newest version, or what was posted), and errors.
Response EditForm(Pages& pages, PageContext& c, int status, const std::string& slug, const core::Content& content,
                  const json& errors) {
  const Lang lang = c.lang;
  json langs = json::array();
  for (auto code : core::kLangs) {
    const std::string l(code);
    auto it = content.text.find(l);
    const core::Text text = it == content.text.end() ? core::Text{} : it->second;
    json entry = {{"code", l},
                  {"legend", Msg("handbook.edit.legend_" + l, lang)},
                  {"title_id", "f-" + l + "-title"},
                  {"body_id", "f-" + l + "-body"},
                  {"title_name", l + "_title"},
                  {"body_name", l + "_body"},
                  {"title", text.title},
                  {"body", text.body}};
    if (errors.contains("/" + l + "/title")) entry["title_error"] = errors["/" + l + "/title"];
    if (errors.contains("/" + l + "/body")) entry["body_error"] = errors["/" + l + "/body"];
    langs.push_back(std::move(entry));
  }
  json kinds = json::array();
  for (auto kind : kKinds) {
    const std::string k(kind);
    kinds.push_back({{"value", k},
                     {"id", "f-kind-" + k},
                     {"label", Msg("typology.kind." + k, lang)},
                     {"checked", std::find(content.kinds.begin(), content.kinds.end(), k) != content.kinds.end()}});
  }
  json summary = json::array();
  for (const auto& [pointer, message] : errors.items()) {
    std::string id = "f-" + pointer.substr(1);
    for (auto& ch : id) ch = ch == '/' ? '-' : ch;
    if (pointer.starts_with("/kinds")) id = "f-kind-council";
    summary.push_back({{"field_id", id}, {"message", message}});
  }
  json view = {{"langs", langs},
               {"kinds", kinds},
               {"csrf_token", c.request.csrf_token},
               {"action", HandbookEditPath(slug)},
               {"cancel_href", HandbookPagePath(slug)},
               {"has_errors", !summary.empty()},
               {"errors", summary}};
  c.view["nav_handbook"] = true;
  Response r = pages.Render(c, status, "handbook/edit", view,
                            Msg("handbook.edit.title", lang, {{"title", content.In(lang).title}}));
  r.Set("Cache-Control", "no-store");
  return r;
}

Response EditGet(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  app::Services& s = pages.app().services;
  if (!app::MayEditHandbook(s, req.principal)) return pages.ErrorPage(c, 403, "handbook.page.forbidden");
  auto page = app::GetHandbookPage(s, req.principal, req.params["slug"]);
  if (!page.ok()) return RefusedPage(pages, c, page.error());
  return EditForm(pages, c, 200, page->slug, page->versions.front().content, json::object());
}

Response EditPost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(req.path);
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  const std::string slug = req.params["slug"];
  json content = {{"kinds", json::array()}};
  core::Content typed;
  for (auto code : core::kLangs) {
    const std::string l(code);
    std::string body = FormValue(c.form, l + "_body");
    // Browsers send a textarea's line breaks as CR LF; Markdown and the history want LF.
    std::string lf;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (!(body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n')) lf += body[i];
    }
    content[l] = {{"title", FormValue(c.form, l + "_title")}, {"body", lf}};
    typed.text[l] = core::Text{FormValue(c.form, l + "_title"), lf};
  }
  for (const auto& [name, value] : c.form) {
    if (name == "kinds") {
      content["kinds"].push_back(value);
      typed.kinds.push_back(value);
    }
  }
  auto saved = app::SaveHandbookDraft(pages.app().services, req.principal, slug, content);
  if (!saved.ok()) {
    if (saved.error().code != ErrorCode::kInvalid) return RefusedPage(pages, c, saved.error());
    // One message per field; the first error is the one the use case found.
    const std::string pointer = saved.error().pointer;
    const std::string field = pointer.starts_with("/kinds") ? "kinds" : pointer.substr(pointer.rfind('/') + 1);
    json errors = {{pointer, Msg("handbook.edit.error_" + field, c.lang)}};
    return EditForm(pages, c, 400, slug, typed, errors);
  }
  return Redirect(HandbookHistoryPath(slug) + "?lagret=" + std::to_string(saved->version));
}

Response HistoryPage(Pages& pages, PageContext& c) {
  const Lang lang = c.lang;
  app::Services& s = pages.app().services;
  auto page = app::GetHandbookPage(s, c.request.principal, c.request.params["slug"]);
  if (!page.ok()) return RefusedPage(pages, c, page.error());
  const bool editor = app::MayEditHandbook(s, c.request.principal);
  json versions = json::array();
  for (const auto& v : page->versions) versions.push_back(VersionView(v, lang, editor));
  const HandbookVersion& shown = page->published ? *page->published : page->versions.front();
  json view = {{"title", shown.content.In(lang).title},
               {"versions", versions},
               {"editor", editor},
               {"csrf_token", c.request.csrf_token},
               {"page_href", HandbookPagePath(page->slug)}};
  if (auto saved = c.request.Query("lagret")) {
    view["saved"] = Msg("handbook.history.saved", lang, {{"version", *saved}});
  }
  if (auto moved = c.request.Query("flyttet")) {
    view["saved"] = Msg("handbook.history.moved." + std::string(*moved == "published" ? "published"
                                                                : *moved == "review"  ? "review"
                                                                                      : "draft"),
                        lang);
  }
  c.view["nav_handbook"] = true;
  Response r = pages.Render(c, 200, "handbook/history", view,
                            Msg("handbook.history.title", lang, {{"title", shown.content.In(lang).title}}));
  if (editor) r.Set("Cache-Control", "no-store");
  return r;
}

Response MovePost(Pages& pages, PageContext& c) {
  Request& req = c.request;
  if (req.principal.anonymous()) return LoginRedirect(HandbookHistoryPath(req.params["slug"]));
  if (auto st = pages.app().auth.RequireLogin(req, FormValue(c.form, "csrf_token")); !st.ok()) {
    return pages.ErrorPage(c, 403, "error.csrf");
  }
  const std::string slug = req.params["slug"];
  auto version = ParseId(req.params["version"]);
  if (!version) return pages.ErrorPage(c, 404, "error.not_found");
  const std::string to = FormValue(c.form, "to");
  auto moved = app::MoveHandbookVersion(pages.app().services, req.principal, slug, *version, to);
  if (!moved.ok()) {
    if (moved.error().code == ErrorCode::kInvalid) return pages.ErrorPage(c, 400, "handbook.page.bad_move");
    return RefusedPage(pages, c, moved.error());
  }
  return Redirect(HandbookHistoryPath(slug) + "?flyttet=" + moved->status);
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  RouteInfo read;
  read.cacheable = true;
  read.indexable = true;
  read.cache_tag = app::kHandbookTag;
  m.router.Add("GET", HandbookPath(), pages.Page([&pages](PageContext& c) { return IndexPage(pages, c); }), read);
  RouteInfo one_page = read;
  one_page.sitemap = [&ctx = m.app] {
    std::vector<SitemapEntry> out;
    auto list = app::HandbookPages(ctx.services, Principal{});
    if (!list.ok()) return out;
    for (const auto& p : *list) out.push_back({HandbookPagePath(p.slug), p.published->changed_at});
    return out;
  };
  m.router.Add("GET", HandbookPagePath("{slug}"), pages.Page([&pages](PageContext& c) { return ShowPage(pages, c); }),
               one_page);
  RouteInfo history = read;
  history.indexable = false;
  m.router.Add("GET", HandbookHistoryPath("{slug}"),
               pages.Page([&pages](PageContext& c) { return HistoryPage(pages, c); }), history);
  const RouteInfo form;  // not cached, not indexed
  m.router.Add("GET", HandbookEditPath("{slug}"), pages.Page([&pages](PageContext& c) { return EditGet(pages, c); }),
               form);
  m.router.Add("POST", HandbookEditPath("{slug}"), pages.Page([&pages](PageContext& c) { return EditPost(pages, c); }),
               form);
  m.router.Add("POST", HandbookVersionPath("{slug}", "{version}"),
               pages.Page([&pages](PageContext& c) { return MovePost(pages, c); }), form);
}

}  // namespace moteplass::http::handbook
