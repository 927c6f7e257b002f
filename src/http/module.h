// A module is one capability's part of the web layer: its API routes and its pages, in
// src/http/<capability>/. Each module has one entry, `AddRoutes(ModuleContext&)`, listed once in
// modules.cc; it registers its routes with their metadata (RouteInfo), so that robots.txt, the
// sitemap and the page cache follow without any other file knowing about it.
#pragma once

#include "http/app_context.h"
#include "http/pages.h"
#include "http/router.h"

namespace moteplass::http {

struct ModuleContext {
  Router& router;
  AppContext& app;
  Pages& pages;
};

// Adds the routes of every module (modules.cc holds the list).
void AddModules(ModuleContext& m);

}  // namespace moteplass::http
