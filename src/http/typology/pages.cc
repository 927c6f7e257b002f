// The typology has no pages of its own: the verdicts show on the register's pages.
#include "http/typology/module.h"

namespace moteplass::http::typology {

void AddPageRoutes(ModuleContext&) {}

}  // namespace moteplass::http::typology
