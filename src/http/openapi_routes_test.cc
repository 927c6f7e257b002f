// The OpenAPI document served at /api/v1/openapi.json (bundled from openapi/*.json) describes
// exactly the routes the server has under /api/v1: every route is documented and every
// documented operation has a route. A route added without its fragment, or a fragment left
// behind, fails here.
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/resources.h"
#include "http/auth.h"
#include "http/module.h"
#include "store/sqlite/sqlite_store.h"

namespace moteplass::http {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, DocumentedOperationsAreExactlyTheApiRoutes) {
  auto store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto places = (*store)->places().Load();
  ASSERT_TRUE(places.ok());
  Authenticator auth(**store, AuthOptions{});
  AppContext context{**store, auth, *places, ""};
  Router router;
  Pages pages(context);
  ModuleContext modules{router, context, pages};
  AddModules(modules);

  std::set<std::string> routes;
  for (const Router::Route& route : router.Routes()) {
    if (route.pattern.starts_with("/api/v1/")) routes.insert(Lower(route.method) + " " + route.pattern);
  }
  auto text = resources::Find("openapi.json");
  ASSERT_TRUE(text) << "the build embeds no OpenAPI document";
  const nlohmann::json doc = nlohmann::json::parse(*text);
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters" || method.starts_with("$") || method == "summary" || method == "description") continue;
      documented.insert(method + " " + path);
    }
  }
  for (const std::string& r : routes) EXPECT_TRUE(documented.count(r)) << r << " is a route the document leaves out";
  for (const std::string& d : documented) EXPECT_TRUE(routes.count(d)) << d << " is documented but has no route";
  EXPECT_GE(routes.size(), 20u);
}

}  // namespace
}  // namespace moteplass::http
