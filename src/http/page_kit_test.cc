#include "http/page_kit.h"

#include <gtest/gtest.h>

namespace moteplass::http {
namespace {

Request GetRequest(const std::string& path) {
  Request r;
  r.method = "GET";
  r.path = path;
  r.keep_alive = false;
  return r;
}

Response Page(const std::string& body) {
  Response r;
  r.body = body;
  r.Set("Content-Type", "text/html; charset=utf-8");
  return r;
}

// A write empties only the pages it touched: the directory and the changed meeting place, not
// another meeting place's page or the text pages.
TEST(PageCache, InvalidateForgetsOnlyTheTaggedPages) {
  PageCache cache;
  cache.Put("nb /moteplasser", Page("directory"), "meeting_places");
  cache.Put("nb /moteplasser/1", Page("one"), "meeting_place:1");
  cache.Put("nb /moteplasser/2", Page("two"), "meeting_place:2");
  cache.Put("nb /om-dataene", Page("about"), "site");
  cache.Invalidate({"meeting_places", "meeting_place:1"});
  EXPECT_FALSE(cache.Find("nb /moteplasser", GetRequest("/moteplasser")));
  EXPECT_FALSE(cache.Find("nb /moteplasser/1", GetRequest("/moteplasser/1")));
  ASSERT_TRUE(cache.Find("nb /moteplasser/2", GetRequest("/moteplasser/2")));
  EXPECT_EQ(cache.Find("nb /moteplasser/2", GetRequest("/moteplasser/2"))->body, "two");
  EXPECT_TRUE(cache.Find("nb /om-dataene", GetRequest("/om-dataene")));
  cache.Clear();
  EXPECT_EQ(cache.Size(), 0u);
  EXPECT_EQ(cache.Bytes(), 0u);
}

// Addresses nobody links to (?n=1, ?n=2, ... or every filter combination) cannot grow the
// cache past its budget; what it keeps is counted exactly as pages come and go.
TEST(PageCache, KeepsWithinItsByteBudget) {
  PageCache cache(/*budget_bytes=*/64 * 1024);
  const std::string body(4000, 'x');
  cache.Put("nb /moteplasser?n=0", Page(body), "meeting_places");
  const std::size_t one = cache.Bytes();
  ASSERT_GT(one, body.size());
  for (int n = 1; n < 1000; ++n) {
    cache.Put("nb /moteplasser?n=" + std::to_string(n), Page(body), "meeting_places");
    ASSERT_LE(cache.Bytes(), 64u * 1024);
  }
  EXPECT_GT(cache.Size(), 0u);
  EXPECT_TRUE(cache.Find("nb /moteplasser?n=999", GetRequest("/moteplasser")));
  // Putting a page again replaces it and counts it once.
  cache.Clear();
  cache.Put("nb /om-dataene", Page(body), "site");
  cache.Put("nb /om-dataene", Page(body), "site");
  EXPECT_EQ(cache.Bytes(), one - std::string("nb /moteplasser?n=0").size() + std::string("nb /om-dataene").size() -
                               std::string("meeting_places").size() + std::string("site").size());
  cache.Invalidate({"site"});
  EXPECT_EQ(cache.Bytes(), 0u);
  // A page larger than the whole budget is served but not kept.
  cache.Put("nb /stor", Page(std::string(100 * 1024, 'y')), "site");
  EXPECT_EQ(cache.Size(), 0u);
}

}  // namespace
}  // namespace moteplass::http
