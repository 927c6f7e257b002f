// The contract of OverviewStore (store/overview_store.h) as a typed test suite every backend
// instantiates: no target at first (the default stands); setting one keeps it, with history and
// audit; setting the same again writes nothing.
#pragma once

#include <algorithm>

#include <gtest/gtest.h>

#include "store/contract/store_fixture.h"

namespace moteplass::store_contract {

template <class Backend>
class OverviewStoreContractTest : public StoreContractTest<Backend> {};

TYPED_TEST_SUITE_P(OverviewStoreContractTest);

TYPED_TEST_P(OverviewStoreContractTest, TheTargetIsKeptWithItsHistory) {
  auto none = this->store().overview().Target();
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(this->store().overview().SetTarget(3, kWriter).ok());
  ASSERT_TRUE(this->store().overview().SetTarget(3, kWriter).ok());  // the same: nothing written
  ASSERT_TRUE(this->store().overview().SetTarget(4, kWriter).ok());
  EXPECT_EQ(this->store().overview().Target()->value_or(0), 4);
  auto history = this->journal().History("imdi_target", "");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  std::vector<nlohmann::json> afters;
  for (const auto& e : *history) afters.push_back(e.changes[0].after);
  std::sort(afters.begin(), afters.end());
  EXPECT_EQ(afters, (std::vector<nlohmann::json>{3, 4}));
  EXPECT_EQ(this->Audit(1)[0].action, "imdi_target.set");
}

REGISTER_TYPED_TEST_SUITE_P(OverviewStoreContractTest, TheTargetIsKeptWithItsHistory);

}  // namespace moteplass::store_contract
