// Tests of what several servers on one PostgreSQL database rely on, against the cluster named by
// MOTEPLASS_TEST_PG (skipped without it, as postgres_store_test.cc is): every committed write
// notifies the other stores (LISTEN/NOTIFY), the listener comes back after its connection is
// lost, and Reachable()/Ping() tell when the database cannot be reached, and when it is back.

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "store/contract/store_fixture.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/test_sql.h"

namespace moteplass {
namespace {

using namespace std::chrono_literals;
using store_contract::Input;
using store_contract::kWriter;
using Change = std::pair<std::string, std::string>;

// Runs `sql` on the cluster's maintenance database; false (after ADD_FAILURE) when it fails.
bool OnCluster(const std::string& sql) { return Psql(ClusterUrl(), sql).has_value(); }

// What a watching store reported, in order, with a way to wait for a report.
class Reports {
 public:
  ChangeCallback Callback() {
    return [this](const std::string& type, const std::string& id) {
      {
        std::lock_guard lock(mutex_);
        changes_.emplace_back(type, id);
      }
      cv_.notify_all();
    };
  }
  // Waits up to `timeout` for `change` to be reported; true when it was.
  bool WaitFor(const Change& change, std::chrono::milliseconds timeout = 3s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] {
      for (const Change& c : changes_) {
        if (c == change) return true;
      }
      return false;
    });
  }
  std::vector<Change> Take() {
    std::lock_guard lock(mutex_);
    return std::exchange(changes_, {});
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Change> changes_;
};

class PostgresListenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ClusterUrl().empty()) GTEST_SKIP() << "MOTEPLASS_TEST_PG is not set, so the PostgreSQL tests are skipped";
    static std::atomic<int> counter{0};
    name_ = "moteplass_listen_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    ASSERT_TRUE(OnCluster("CREATE DATABASE " + name_));
    created_ = true;
    url_ = OnDatabase(ClusterUrl(), name_);
    a_ = Open();
    b_ = Open();
    ASSERT_NE(a_, nullptr);
    ASSERT_NE(b_, nullptr);
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    if (created_) {
      (void)OnCluster("ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS true");
      (void)OnCluster("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }

  std::unique_ptr<PostgresStore> Open() {
    auto opened = PostgresStore::Open(url_);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
  // Ends every connection to the test database, as a restart of the server would.
  void TerminateConnections() {
    ASSERT_TRUE(OnCluster("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name_ + "'"));
  }
  // Lets no one connect to the test database (as when the server is down), or everyone again.
  void AllowConnections(bool allow) {
    ASSERT_TRUE(OnCluster("ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS " + (allow ? "true" : "false")));
  }

  std::string name_;
  bool created_ = false;
  std::string url_;
  std::unique_ptr<PostgresStore> a_;  // watches, as a server does
  std::unique_ptr<PostgresStore> b_;  // writes, as another server would
};

TEST_F(PostgresListenerTest, AnotherStoresWritesAreReportedAtOnceAndOwnWritesAreNot) {
  Reports reports;
  ASSERT_TRUE(a_->WatchExternalChanges(reports.Callback()).ok());
  const auto start = std::chrono::steady_clock::now();
  auto created = b_->meeting_places().Create(Input("Rådet"), store_contract::Council(), false, kWriter);
  ASSERT_TRUE(created.ok()) << created.error().message;
  const Change change{"meeting_place", std::to_string(created->id)};
  ASSERT_TRUE(reports.WaitFor(change));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);  // told, not polled
  ASSERT_TRUE(b_->places().ReplaceRegions({{"hele", "Hele landet", {"03"}}}, kWriter).ok());
  EXPECT_TRUE(reports.WaitFor({"regions", ""}));
  ASSERT_TRUE(b_->accounts().AddUser("kari", "h", Role::kAdmin, "", kWriter).ok());
  EXPECT_TRUE(reports.WaitFor({"user", std::to_string(b_->accounts().FindUser("kari")->id)}));
  reports.Take();

  // A's own writes are not reported to A: its use cases have told its caches already. A write of
  // B's after them shows that the listener had its chance to see them.
  ASSERT_TRUE(a_->meeting_places().Create(Input("Eget råd"), store_contract::Council(), false, kWriter).ok());
  ASSERT_TRUE(a_->accounts().AddUser("ola", "h", Role::kAdmin, "", kWriter).ok());
  // Neither does a write that changes nothing, nor passing state (sessions, log-in failures).
  ASSERT_TRUE(b_->meeting_places().Update(created->id, Input("Rådet"), store_contract::Council(), kWriter).ok());
  ASSERT_TRUE(b_->accounts().RecordLoginFailure("user:x", "2030-01-01T00:00:00Z").ok());
  auto marker = b_->meeting_places().Create(Input("Merke"), store_contract::Council(), false, kWriter);
  ASSERT_TRUE(marker.ok());
  ASSERT_TRUE(reports.WaitFor({"meeting_place", std::to_string(marker->id)}));
  EXPECT_EQ(reports.Take(), (std::vector<Change>{{"meeting_place", std::to_string(marker->id)}}));
}

TEST_F(PostgresListenerTest, AWriteOfManyRecordsIsReportedAsEverything) {
  Reports reports;
  ASSERT_TRUE(a_->WatchExternalChanges(reports.Callback()).ok());
  std::vector<MeetingPlaceInput> inputs;
  for (int i = 0; i < 150; ++i) inputs.push_back(Input("Rådet " + std::to_string(i)));
  ASSERT_TRUE(b_->meeting_places().Import(inputs, {}, false, {"import", 0}).ok());
  ASSERT_TRUE(reports.WaitFor({"*", ""}));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(reports.Take().size(), 1u);  // one notification, not one per record
}

TEST_F(PostgresListenerTest, WatchingTwiceIsAConflictAndStoppingIsSafeToRepeat) {
  Reports reports;
  ASSERT_TRUE(a_->WatchExternalChanges(reports.Callback()).ok());
  Status again = a_->WatchExternalChanges(reports.Callback());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  a_->StopWatchingExternalChanges();
  a_->StopWatchingExternalChanges();
  ASSERT_TRUE(b_->meeting_places().Create(Input("Rådet"), store_contract::Council(), false, kWriter).ok());
  EXPECT_FALSE(reports.WaitFor({"*", ""}, 300ms));
  EXPECT_TRUE(reports.Take().empty());
  // And it can watch again.
  ASSERT_TRUE(a_->WatchExternalChanges(reports.Callback()).ok());
}

TEST_F(PostgresListenerTest, TheListenerComesBackAfterItsConnectionIsLostAndReportsEverything) {
  Reports reports;
  ASSERT_TRUE(a_->WatchExternalChanges(reports.Callback()).ok());
  ASSERT_NO_FATAL_FAILURE(TerminateConnections());
  // Notifications sent while it was away are lost; it says so with ("*", "").
  ASSERT_TRUE(reports.WaitFor({"*", ""}, 5s));
  EXPECT_TRUE(a_->Reachable());
  auto created = b_->meeting_places().Create(Input("Etterpå"), store_contract::Council(), false, kWriter);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(reports.WaitFor({"meeting_place", std::to_string(created->id)}));
}

// What a store reported of its database's reachability, in order.
class Turns {
 public:
  ReachabilityCallback Callback() {
    return [this](const ReachabilityChange& change) {
      std::lock_guard lock(mutex_);
      turns_.push_back(change);
    };
  }
  std::vector<ReachabilityChange> Take() {
    std::lock_guard lock(mutex_);
    return std::exchange(turns_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<ReachabilityChange> turns_;
};

TEST_F(PostgresListenerTest, PingAndReachableFollowTheDatabase) {
  EXPECT_TRUE(a_->Ping().ok());
  EXPECT_TRUE(a_->Reachable());
  Reports reports;
  ASSERT_TRUE(a_->WatchExternalChanges(reports.Callback()).ok());
  Turns turns;
  a_->OnReachabilityChange(turns.Callback());

  // The database goes away: nobody may connect, and every connection ends.
  ASSERT_NO_FATAL_FAILURE(AllowConnections(false));
  ASSERT_NO_FATAL_FAILURE(TerminateConnections());
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (a_->Reachable() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(a_->Reachable());  // the listener could not connect again
  // A request fails fast, with the reason.
  const auto asked = std::chrono::steady_clock::now();
  Status ping = a_->Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(ping.error().message.find("not currently accepting connections"), std::string::npos)
      << ping.error().message;
  auto got = a_->meeting_places().Count(false);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 3s);
  EXPECT_FALSE(a_->Reachable());

  // It comes back: the listener notices by itself (within its 5 s at most between attempts),
  // without any request.
  ASSERT_NO_FATAL_FAILURE(AllowConnections(true));
  const auto back_by = std::chrono::steady_clock::now() + 8s;
  while (!a_->Reachable() && std::chrono::steady_clock::now() < back_by) std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(a_->Reachable());
  EXPECT_TRUE(reports.WaitFor({"*", ""}));
  EXPECT_TRUE(a_->Ping().ok());
  ASSERT_TRUE(a_->meeting_places().Create(Input("Tilbake"), store_contract::Council(), false, kWriter).ok());

  // Told once that it was lost, with libpq's reason, and once that it is back, with how long it
  // was gone: not once per failed request.
  std::vector<ReachabilityChange> told = turns.Take();
  ASSERT_EQ(told.size(), 2u);
  EXPECT_FALSE(told[0].reachable);
  EXPECT_NE(told[0].reason.find("not currently accepting connections"), std::string::npos) << told[0].reason;
  EXPECT_EQ(told[0].reason.find('\n'), std::string::npos) << told[0].reason;
  EXPECT_TRUE(told[1].reachable);
  EXPECT_GT(told[1].gone_for, 0ms);
  EXPECT_LT(told[1].gone_for, 20s);
}

TEST_F(PostgresListenerTest, ALostConnectionInUseMarksUnreachableUntilTheListenerAsksAgain) {
  // Without a listener, the next lent connection says the database is back.
  ASSERT_TRUE(b_->meeting_places().Count(false).ok());
  ASSERT_NO_FATAL_FAILURE(AllowConnections(false));
  ASSERT_NO_FATAL_FAILURE(TerminateConnections());
  auto failed = b_->meeting_places().Count(false);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(b_->Reachable());
  ASSERT_NO_FATAL_FAILURE(AllowConnections(true));
  EXPECT_FALSE(b_->Reachable());  // nothing has asked yet
  EXPECT_TRUE(b_->Ping().ok());
  EXPECT_TRUE(b_->Reachable());
}

}  // namespace
}  // namespace moteplass
