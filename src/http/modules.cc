// The one list of the web layer's modules. A new capability adds its folder under src/http/
// and one line here.
#include "http/accounts/module.h"
#include "http/module.h"
#include "http/places/module.h"
#include "http/register/module.h"
#include "http/site/module.h"
#include "http/typology/module.h"

namespace moteplass::http {

void AddModules(ModuleContext& m) {
  site::AddRoutes(m);
  places::AddRoutes(m);
  registry::AddRoutes(m);
  accounts::AddRoutes(m);
  typology::AddRoutes(m);
  m.pages.SetRouter(&m.router);
}

}  // namespace moteplass::http
