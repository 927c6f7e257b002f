// The site's own pages: the text pages (about the data, the accessibility statement), robots.txt
// and the sitemap (both made from the routes' metadata, RouteInfo), and the static files.
#include <set>

#include "http/site/module.h"
#include "http/site/paths.h"

namespace moteplass::http::site {

using nlohmann::json;

namespace {

Response TextPage(Pages& pages, PageContext& c, const std::string& which) {
  const Lang lang = c.lang;
  // Sections are catalogue keys: <which>.sN.title, <which>.sN.pM, <which>.sN.iM (list items).
  json sections = json::array();
  for (int s = 1; s <= 12; ++s) {
    const std::string base = which + ".s" + std::to_string(s);
    const std::string title = Msg(base + ".title", lang);
    if (title.starts_with("[")) break;
    json section = {{"title", title}};
    json paragraphs = json::array();
    for (int p = 1; p <= 12; ++p) {
      const std::string text = Msg(base + ".p" + std::to_string(p), lang);
      if (text.starts_with("[")) break;
      paragraphs.push_back(text);
    }
    json items = json::array();
    for (int i = 1; i <= 20; ++i) {
      const std::string text = Msg(base + ".i" + std::to_string(i), lang);
      if (text.starts_with("[")) break;
      items.push_back(text);
    }
    const std::string anchor = Msg(base + ".anchor", lang);
    if (!anchor.starts_with("[")) section["anchor"] = anchor;
    section["paragraphs"] = paragraphs;
    section["items"] = items;
    section["has_items"] = !items.empty();
    sections.push_back(section);
  }
  const std::string heading = Msg(which + ".title", lang);
  json view = {{"heading", heading}, {"sections", sections}};
  if (which == "about") view["nav_about"] = true;
  return pages.Render(c, 200, "site/text", view, heading);
}

// Search engines may read the indexable pages (RouteInfo::indexable), not the forms or the API.
Response Robots(Pages& pages) {
  std::string body = "User-agent: *\n";
  std::set<std::string> disallowed;
  for (const Router::Route& route : pages.router().Routes()) {
    if (route.method != "GET" || route.info.indexable || route.pattern.starts_with("/api/")) continue;
    std::string path;
    for (const std::string& segment : route.segments) {
      path += "/" + (segment.starts_with("{") ? std::string("*") : segment);
    }
    if (disallowed.insert(path).second) body += "Disallow: " + path + "\n";
  }
  body += "Disallow: /api/\nSitemap: " + pages.app().public_url + "/sitemap.xml\n";
  Response r;
  r.body = std::move(body);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.Set("Cache-Control", "public, max-age=3600");
  return r;
}

// Every public page worth finding: the front page, the directory, each published meeting place
// (with the date it last changed), and each municipality and county that has one, so that
// someone searching the web for "innvandrerråd" and her town finds it.
// Every page worth finding, from the indexable routes: those without placeholders as they are,
// the others as their RouteInfo::sitemap lists them (each published meeting place with the date it
// last changed, each municipality and county that has one), so that someone searching the web for
// "innvandrerråd" and her town finds it.
Response Sitemap(Pages& pages) {
  json urls = json::array();
  for (const Router::Route& route : pages.router().Routes()) {
    if (route.method != "GET" || !route.info.indexable) continue;
    std::vector<SitemapEntry> entries;
    if (route.info.sitemap) {
      entries = route.info.sitemap();
    } else if (route.pattern.find('{') == std::string::npos) {
      entries.push_back({route.pattern, ""});
    }
    for (const SitemapEntry& e : entries) {
      json url = {{"loc", pages.app().public_url + e.path}};
      if (!e.lastmod.empty()) url["lastmod"] = e.lastmod.substr(0, 10);
      urls.push_back(url);
    }
  }
  Response r;
  r.body = RenderTemplate("site/sitemap", {{"urls", urls}});
  r.Set("Content-Type", "application/xml; charset=utf-8");
  r.Set("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace

void AddPageRoutes(ModuleContext& m) {
  Pages& pages = m.pages;
  RouteInfo text;
  text.cacheable = true;
  text.indexable = true;
  text.cache_tag = "site";
  // Indexable, but not pages to list in the sitemap.
  RouteInfo unlisted;
  unlisted.indexable = true;
  unlisted.sitemap = [] { return std::vector<SitemapEntry>{}; };
  m.router.Add(
      "GET", RobotsPath(), [&pages](Request&) { return Robots(pages); }, unlisted);
  m.router.Add(
      "GET", SitemapPath(), [&pages](Request&) { return Sitemap(pages); }, unlisted);
  m.router.Add("GET", AboutPath(), pages.Page([&pages](PageContext& c) { return TextPage(pages, c, "about"); }), text);
  m.router.Add("GET", AccessibilityPath(),
               pages.Page([&pages](PageContext& c) { return TextPage(pages, c, "accessibility"); }), text);
  m.router.Add(
      "GET", StaticPath("{file}"),
      [&pages](Request& r) {
        if (auto asset = pages.assets().Serve(r)) return *asset;
        return pages.NotFound(r);
      },
      unlisted);
}

}  // namespace moteplass::http::site
