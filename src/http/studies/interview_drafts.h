// The drafts of the interview form (interview_page.cc): a form posted without a valid session (it
// has expired, or the token is an older session's) is not thrown away. Its fields are kept in this
// server's memory for two hours under a random key in an HttpOnly, SameSite=Strict cookie scoped to
// /studier; the form restores them once (not saved: the interviewer checks and saves). Not in the
// database: the text may be personal, and a draft is of use only to the browser that typed it.
// Only a post from this site's own pages is kept.
#pragma once

#include <optional>
#include <string>

#include "http/pages.h"

namespace moteplass::http::studies {

// Keeps what was posted and answers with the page that says so and links to the log-in (401 for a
// visitor, 403 for a session whose token is stale); 403 for a post from another site.
Response KeepDraft(Pages& pages, PageContext& c);
// The draft of the form at `path` under the request's draft cookie, forgotten once taken.
std::optional<FormFields> TakeDraft(const PageContext& c, const std::string& path);
// Clears the draft cookie in `r` (after the draft was restored).
void ForgetDraft(Response& r);

}  // namespace moteplass::http::studies
