// The handbook's pages and every version of each (core/handbook/handbook.h). A version is never
// changed but for its status: an edit adds a new version as a draft, which moves to review and
// then to published (or back to draft). What the public reads is a page's newest published
// version. Reached through Store::handbook().
//
// What the journal gets: each page is a record, entity type "handbook_page" and id its slug.
// AddDraft adds a history entry with action "draft" and one change, pointer "/versions/N", whose
// `after` is the version's content (`before` the content of the version before it, null for the
// first); Move adds one with action "review", "published" or "draft" and one change, pointer
// "/versions/N/status", from the old status to the new. Each also writes the audit row
// "handbook_page.<action>". Loading the shipped pages at first start writes neither.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/handbook/handbook.h"
#include "store/write.h"

namespace moteplass {

struct HandbookVersion {
  std::string slug;
  std::int64_t version = 0;  // 1, 2, ... per page
  std::string status;        // "draft", "review" or "published"
  handbook::Content content;
  std::string created_by;  // who wrote it ("system" for the shipped pages)
  std::string created_at;  // UTC, ISO 8601
  std::string changed_by;  // who last moved it
  std::string changed_at;
};

class HandbookStore {
 public:
  virtual ~HandbookStore() = default;

  // Loads `pages` in their order, each as version 1, published, by "system", when the store has
  // no handbook page yet (first start); otherwise does nothing.
  virtual Status SeedIfEmpty(const std::vector<handbook::SeedPage>& pages) = 0;
  // The pages' slugs in their order.
  virtual Result<std::vector<std::string>> Slugs() = 0;
  // Every version of a page, newest first; kNotFound when there is no page `slug`.
  virtual Result<std::vector<HandbookVersion>> Versions(const std::string& slug) = 0;
  // Adds a version (the next number) as a draft; kNotFound when there is no page `slug`.
  virtual Result<HandbookVersion> AddDraft(const std::string& slug, const handbook::Content& content,
                                           const WriteContext& ctx) = 0;
  // Moves a version to `to`: kNotFound for no such version, kConflict (pointer "/status") unless
  // handbook::CanMove(its status, to), checked in the write's own transaction.
  virtual Result<HandbookVersion> Move(const std::string& slug, std::int64_t version, const std::string& to,
                                       const WriteContext& ctx) = 0;
};

}  // namespace moteplass
