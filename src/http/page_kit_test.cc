#include "http/page_kit.h"

#include <gtest/gtest.h>

namespace moteplass::http {
namespace {

Request Get(const std::string& path) {
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
  EXPECT_FALSE(cache.Find("nb /moteplasser", Get("/moteplasser")));
  EXPECT_FALSE(cache.Find("nb /moteplasser/1", Get("/moteplasser/1")));
  ASSERT_TRUE(cache.Find("nb /moteplasser/2", Get("/moteplasser/2")));
  EXPECT_EQ(cache.Find("nb /moteplasser/2", Get("/moteplasser/2"))->body, "two");
  EXPECT_TRUE(cache.Find("nb /om-dataene", Get("/om-dataene")));
  cache.Clear();
  EXPECT_EQ(cache.Size(), 0u);
}

}  // namespace
}  // namespace moteplass::http
