// The one list of the web layer's modules. A new capability adds its folder under src/http/
// and one line here.
#include "http/accounts/module.h"
#include "http/advisor/module.h"
#include "http/analysis/module.h"
#include "http/handbook/module.h"
#include "http/module.h"
#include "http/oidc/module.h"
#include "http/oparl/module.h"
#include "http/open_data/module.h"
#include "http/operations/module.h"
#include "http/overview/module.h"
#include "http/places/module.h"
#include "http/register/module.h"
#include "http/site/module.h"
#include "http/studies/module.h"
#include "http/suggestions/module.h"
#include "http/typology/module.h"

namespace moteplass::http {

namespace {

// One capability's part of the web: its API routes and its pages.
struct Module {
  void (*add_api_routes)(ModuleContext&);
  void (*add_page_routes)(ModuleContext&);
};

// The modules, one line each.
constexpr Module kModules[] = {
    {site::AddApiRoutes, site::AddPageRoutes},
    {places::AddApiRoutes, places::AddPageRoutes},
    {registry::AddApiRoutes, registry::AddPageRoutes},
    {accounts::AddApiRoutes, accounts::AddPageRoutes},
    {typology::AddApiRoutes, typology::AddPageRoutes},
    {advisor::AddApiRoutes, advisor::AddPageRoutes},
    {operations::AddApiRoutes, operations::AddPageRoutes},
    {open_data::AddApiRoutes, open_data::AddPageRoutes},
    {oidc::AddApiRoutes, oidc::AddPageRoutes},
    {suggestions::AddApiRoutes, suggestions::AddPageRoutes},
    {handbook::AddApiRoutes, handbook::AddPageRoutes},
    {overview::AddApiRoutes, overview::AddPageRoutes},
    {studies::AddApiRoutes, studies::AddPageRoutes},
    {analysis::AddApiRoutes, analysis::AddPageRoutes},
    {oparl::AddApiRoutes, oparl::AddPageRoutes},
};

}  // namespace

void AddModules(ModuleContext& m) {
  for (const Module& module : kModules) {
    module.add_api_routes(m);
    module.add_page_routes(m);
  }
  m.pages.SetRouter(&m.router);
}

}  // namespace moteplass::http
