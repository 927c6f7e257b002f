// The web module of mapping studies (contracts/studies.md): interview guides, studies,
// informants and identities; added
// by modules.cc (see http/module.h).
#pragma once

#include "http/module.h"

namespace moteplass::http::studies {

void AddApiRoutes(ModuleContext& m);   // api.cc
void AddPageRoutes(ModuleContext& m);  // pages.cc

// The routes of studies, informants and identities (studies_api.cc), added by AddApiRoutes.
void AddStudyRoutes(Router& router, AppContext& app);
// The routes of proposals to the register (proposal_api.cc), added by AddApiRoutes.
void AddProposalRoutes(Router& router, AppContext& app);

// The interview form /studier/{id}/intervjuer/ny and /studier/{id}/intervjuer/{iv}, with the
// drafts kept when the session has expired (interview_page.cc); called by AddPageRoutes.
void AddInterviewPageRoutes(ModuleContext& m);
// The matrix of a meeting place in a study, /studier/{id}/moteplasser/{mid} (matrix_page.cc).
void AddMatrixPageRoutes(ModuleContext& m);
// The routes of the codebook and the codings (codings_api.cc), added by AddApiRoutes.
void AddCodingRoutes(Router& router, AppContext& app);
// The coding page of an interview (coding_page.cc), added by AddPageRoutes.
void AddCodingPageRoutes(ModuleContext& m);
// The proposal page of a meeting place, /studier/{id}/moteplasser/{mid}/forslag
// (proposal_page.cc), added by AddPageRoutes.
void AddProposalPageRoutes(ModuleContext& m);
// The informant's form, new and changed, /studier/{id}/informanter/... (informant_page.cc).
void AddInformantPageRoutes(ModuleContext& m);
// Withdrawing an informant's consent and deleting an interview, each behind a page that asks
// first (erase_pages.cc).
void AddErasePageRoutes(ModuleContext& m);
// The study's exports (export_api.cc), added by AddApiRoutes.
void AddExportRoutes(Router& router, AppContext& app);

}  // namespace moteplass::http::studies
