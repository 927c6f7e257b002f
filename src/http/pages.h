// The public web pages (contracts/api.md, Pages): front page, directory, meeting place,
// municipality and county, log-in, forms to create, edit and delete, change history, the
// accessibility statement and a page about the data. Rendered on the server from templates,
// in bokmål, nynorsk or English, working without JavaScript. Public pages are cached in memory
// until the data changes.
#pragma once

#include <optional>

#include "http/api.h"
#include "http/page_kit.h"
#include "http/router.h"

namespace moteplass::http {

class Pages {
 public:
  explicit Pages(AppContext& app);

  void AddRoutes(Router& router);
  // A static file or a cached page for an anonymous GET, answered without the database (the
  // server calls this on its I/O thread); nullopt when the request needs a handler.
  std::optional<Response> Fast(const Request& request) const;
  // The HTML "not found" page (for addresses outside /api).
  Response NotFound(Request& request);
  // Forgets the cached pages tagged with any of `tags` (a write through this server).
  void Invalidate(const std::vector<std::string>& tags);
  // Forgets every cached page (a write by another process).
  void InvalidateAll();

 private:
  struct Context;
  Context Begin(Request& request);
  Response Render(Context& c, int status, const std::string& name, nlohmann::json view, const std::string& title);
  Response ErrorPage(Context& c, int status, const std::string& message_key);
  Response PlaceError(Context& c, const Error& error);
  Response Cached(Request& request, const std::function<Response(Context&)>& build);

  Response Front(Context& c);
  Response Directory(Context& c);
  Response MeetingPlacePage(Context& c);
  Response PlacePage(Context& c, bool county);
  Response LoginForm(Context& c, int status, const std::vector<std::pair<std::string, std::string>>& errors,
                     const std::string& username);
  Response LoginPost(Context& c);
  Response LogoutPost(Context& c);
  Response EditForm(Context& c, bool create);
  Response EditPost(Context& c, bool create);
  Response DeleteForm(Context& c);
  Response DeletePost(Context& c);
  Response HistoryPage(Context& c);
  Response RecordKindPost(Context& c);
  Response TextPage(Context& c, const std::string& which);
  Response Robots(Request& request) const;
  Response Sitemap(Request& request);
  // The published pages of one kind for the sitemap: "meeting_place", "municipality" or
  // "county" (those that have a published meeting place).
  std::vector<SitemapEntry> PublishedPlaces(const char* what);

  nlohmann::json ListItem(const MeetingPlace& place, Lang lang) const;
  std::string PlaceName(const MeetingPlace& place) const;

  AppContext& app_;
  const Router* router_ = nullptr;  // set by AddRoutes; robots.txt and the sitemap read its routes
  Assets assets_;
  PageCache cache_;
};

}  // namespace moteplass::http
