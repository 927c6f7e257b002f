// The contract of HandbookStore (store/handbook_store.h) as a typed test suite every backend
// instantiates (store_fixture.h): a fresh store has the shipped pages, published; an edit is a
// new draft, moved to review and published, each step in the history and the audit log; a move
// the workflow does not allow is refused and changes nothing.
#pragma once

#include <algorithm>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class HandbookStoreContractTest : public StoreContractTest<Backend> {
 protected:
  HandbookStore& handbook() { return this->store().handbook(); }
  std::vector<HandbookVersion> VersionsOf(const std::string& slug) {
    auto v = handbook().Versions(slug);
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? *v : std::vector<HandbookVersion>{};
  }
};

TYPED_TEST_SUITE_P(HandbookStoreContractTest);

TYPED_TEST_P(HandbookStoreContractTest, AFreshStoreHasTheShippedPagesPublished) {
  auto slugs = this->handbook().Slugs();
  ASSERT_TRUE(slugs.ok()) << slugs.error().message;
  const auto seed = handbook::SeedPages();
  ASSERT_EQ(slugs->size(), seed.size());
  for (std::size_t i = 0; i < seed.size(); ++i) {
    EXPECT_EQ((*slugs)[i], seed[i].slug);
    auto versions = this->VersionsOf(seed[i].slug);
    ASSERT_EQ(versions.size(), 1u);
    EXPECT_EQ(versions[0].status, "published");
    EXPECT_EQ(versions[0].created_by, "system");
    EXPECT_EQ(versions[0].content, seed[i].content);
  }
  // Seeding again changes nothing.
  ASSERT_TRUE(this->handbook().SeedIfEmpty(seed).ok());
  EXPECT_EQ(this->VersionsOf(seed[0].slug).size(), 1u);
  EXPECT_EQ(this->handbook().Versions("finnes-ikke").error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(HandbookStoreContractTest, AnEditIsADraftThenReviewedThenPublished) {
  const std::string slug = handbook::SeedPages().front().slug;
  handbook::Content edited = this->VersionsOf(slug).front().content;
  edited.text["nn"].title = "Å velje rett møteplass";
  auto draft = this->handbook().AddDraft(slug, edited, kWriter);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->version, 2);
  EXPECT_EQ(draft->status, "draft");
  EXPECT_EQ(draft->created_by, "kari");
  auto versions = this->VersionsOf(slug);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 2);  // newest first
  EXPECT_EQ(versions[0].content.text["nn"].title, "Å velje rett møteplass");
  EXPECT_EQ(versions[1].status, "published");  // the public still reads version 1

  // Publishing straight from draft is not the workflow.
  auto skipped = this->handbook().Move(slug, 2, "published", kWriter);
  ASSERT_FALSE(skipped.ok());
  EXPECT_EQ(skipped.error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->VersionsOf(slug)[0].status, "draft");

  ASSERT_TRUE(this->handbook().Move(slug, 2, "review", kWriter).ok());
  auto published = this->handbook().Move(slug, 2, "published", WriteContext{"ola", 0});
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(published->status, "published");
  EXPECT_EQ(published->changed_by, "ola");
  EXPECT_EQ(this->handbook().Move(slug, 9, "review", kWriter).error().code, ErrorCode::kNotFound);

  auto history = this->journal().History("handbook_page", slug);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  std::vector<std::string> actions;
  for (const auto& e : *history) actions.push_back(e.action);
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"draft", "published", "review"}));
  bool audited = false;
  for (const auto& a : this->Audit()) audited = audited || a.action == "handbook_page.published";
  EXPECT_TRUE(audited);
}

REGISTER_TYPED_TEST_SUITE_P(HandbookStoreContractTest, AFreshStoreHasTheShippedPagesPublished,
                            AnEditIsADraftThenReviewedThenPublished);

}  // namespace moteplass::store_contract
