#include "core/uuid.h"

#include <gtest/gtest.h>

namespace moteplass {
namespace {

constexpr std::string_view kDns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

TEST(Uuid5, MatchesKnownValues) {
  // Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") and uuid5(NAMESPACE_URL, ...).
  EXPECT_EQ(Uuid5(kDns, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_EQ(Uuid5(kUrlNamespace, "https://www.qdasoftware.org"), "e68f3323-76ef-53fc-9199-39fd79eedbb2");
}

TEST(Uuid5, IsStableAndDiffersByName) {
  EXPECT_EQ(Uuid5(kUrlNamespace, "a"), Uuid5(kUrlNamespace, "a"));
  EXPECT_NE(Uuid5(kUrlNamespace, "a"), Uuid5(kUrlNamespace, "b"));
}

}  // namespace
}  // namespace moteplass
