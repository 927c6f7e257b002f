// The addresses of the site's own pages, one function per page, used for routes and links alike.
#pragma once

#include <string>

namespace moteplass::http::site {

inline std::string FrontPath() { return "/"; }
inline std::string AboutPath() { return "/om-dataene"; }
inline std::string AccessibilityPath() { return "/tilgjengelighet"; }
inline std::string RobotsPath() { return "/robots.txt"; }
inline std::string SitemapPath() { return "/sitemap.xml"; }
inline std::string StaticPath(const std::string& file) { return "/static/" + file; }

}  // namespace moteplass::http::site
