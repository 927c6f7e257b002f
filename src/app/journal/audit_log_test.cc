// Tests of reading the audit log (audit_log.h): only an administrator may, and a refusal leaves
// a "denied" row.
#include "app/journal/audit_log.h"

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"

namespace moteplass::app {
namespace {

class ReadAuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = (std::filesystem::temp_directory_path() / "moteplass-audit-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    auto store = SqliteStore::Open((dir_ / "register.sqlite").string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    auto places = store_->places().Load();
    ASSERT_TRUE(places.ok()) << places.error().message;
    places_ = std::move(places).value();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static Principal Researcher() {
    User u;
    u.username = "forsker";
    u.role = Role::kResearcher;
    return Principal{u};
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
  Places places_;
};

TEST_F(ReadAuditLogTest, AnAdministratorReadsTheNewestEntriesFirst) {
  ASSERT_TRUE(store_->journal().Audit(AuditEntry{"", "kari", "login.ok", "user", "1", "ok"}).ok());
  ASSERT_TRUE(store_->journal().Audit(AuditEntry{"", "ola", "login.failed", "user", "2", "denied"}).ok());
  Services services{*store_, places_};

  auto entries = ReadAuditLog(services, CommandLinePrincipal(), 10);
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].by, "ola");
  EXPECT_EQ((*entries)[1].by, "kari");

  auto newest = ReadAuditLog(services, CommandLinePrincipal(), 1);
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ((*newest)[0].by, "ola");
}

TEST_F(ReadAuditLogTest, AnyoneElseIsRefusedAndTheRefusalIsAudited) {
  Services services{*store_, places_};
  auto refused = ReadAuditLog(services, Researcher(), 10);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);

  auto log = store_->journal().AuditLog(10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].by, "forsker");
  EXPECT_EQ((*log)[0].action, "audit.read");
  EXPECT_EQ((*log)[0].target_type, "audit_log");
  EXPECT_EQ((*log)[0].outcome, "denied");
}

}  // namespace
}  // namespace moteplass::app
