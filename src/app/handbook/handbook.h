// The handbook's use cases (/handbok): reading the published pages, searching them with the
// register's Norwegian search, and national users' editing: a draft, sent to review, published.
// Everyone reads the newest published version of each page; drafts, reviews and who wrote them
// only those the access table lets edit (handbook.edit).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/services.h"
#include "store/handbook_store.h"

namespace moteplass::app {

// The cache tag of the handbook's pages.
inline constexpr const char* kHandbookTag = "handbook";

// A page as a reader sees it: its newest published version, and for editors every version.
struct HandbookPage {
  std::string slug;
  std::optional<HandbookVersion> published;
  std::vector<HandbookVersion> versions;  // newest first; only the published ones unless an editor asks
};

// Whether `who` may edit the handbook (and so see drafts, reviews and authors).
bool MayEditHandbook(Services& s, const Principal& who);

// Every page in order with its newest published version (pages with none are left out unless
// `who` may edit).
Result<std::vector<HandbookPage>> HandbookPages(Services& s, const Principal& who);
// One page; kNotFound when there is none, or when it has no published version and `who` may not
// edit.
Result<HandbookPage> GetHandbookPage(Services& s, const Principal& who, const std::string& slug);
// The published pages that match `text` with the register's search, best first.
Result<std::vector<HandbookPage>> SearchHandbook(Services& s, const std::string& text);

// Saves `content` ({"nb": {"title", "body"}, "nn": ..., "en": ..., "kinds": [...]}) as a new draft
// of the page. kInvalid with the field's pointer; kForbidden without handbook.edit.
Result<HandbookVersion> SaveHandbookDraft(Services& s, const Principal& who, const std::string& slug,
                                          const nlohmann::json& content);
// Moves a version: to "review" or back to "draft" (handbook.edit), to "published"
// (handbook.publish). kConflict when the workflow does not allow it from its status.
Result<HandbookVersion> MoveHandbookVersion(Services& s, const Principal& who, const std::string& slug,
                                            std::int64_t version, const std::string& to);

}  // namespace moteplass::app
