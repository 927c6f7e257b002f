// The pages of mapping studies: none yet (the study overview and the interview form come with
// the studies themselves).
#include "http/studies/module.h"

namespace moteplass::http::studies {

void AddPageRoutes(ModuleContext& m) { AddCodingPageRoutes(m); }

}  // namespace moteplass::http::studies
