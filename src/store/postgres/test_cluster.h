// The PostgreSQL test cluster as the tests use it: a fresh database per test on the cluster named
// by MOTEPLASS_TEST_PG (scripts/pg-cluster start prints it), the backend traits the contract
// suites run with (postgres_contract_test.cc), and the fixture of the PostgreSQL-only tests
// (postgres_store_test.cc). Without the variable every test is skipped with a message.
//
// Test-only: everything is in an unnamed namespace, so each test file gets its own copy.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "store/contract/transfer_store_contract.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/test_sql.h"

namespace moteplass {
namespace {

using nlohmann::json;
using store_contract::Input;
using store_contract::kWriter;

constexpr const char* kNoCluster =
    "MOTEPLASS_TEST_PG is not set, so the PostgreSQL tests are skipped. To run them: "
    "export MOTEPLASS_TEST_PG=\"$(scripts/pg-cluster start /tmp/moteplass-pg)\" (and scripts/pg-cluster stop "
    "/tmp/moteplass-pg afterwards)";

// A new, empty database on the cluster, dropped (whoever is still connected) when the object
// goes. Its name is made of numbers only: CREATE DATABASE takes no parameters.
class TestDatabase {
 public:
  TestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "moteplass_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    created_ = Psql(ClusterUrl(), "CREATE DATABASE " + name_).has_value();
  }
  ~TestDatabase() {
    if (created_) (void)Psql(ClusterUrl(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool created() const { return created_; }
  const std::string& name() const { return name_; }
  // The database's connection string, for the store and for Psql.
  std::string url() const { return OnDatabase(ClusterUrl(), name_); }

 private:
  std::string name_;
  bool created_ = false;
};

// A PostgresStore on a TestDatabase that goes with it: the contract fixture only destroys the
// Store it was given, so the dropping has to hang on it.
class StoreOnTestDatabase final : public Store {
 public:
  StoreOnTestDatabase(std::unique_ptr<TestDatabase> database, std::unique_ptr<PostgresStore> store)
      : database_(std::move(database)), store_(std::move(store)) {}

  MeetingPlaceStore& meeting_places() override { return store_->meeting_places(); }
  PlaceStore& places() override { return store_->places(); }
  AccountStore& accounts() override { return store_->accounts(); }
  IdentityStore& identities() override { return store_->identities(); }
  JournalStore& journal() override { return store_->journal(); }
  OperationsStore& operations() override { return store_->operations(); }
  TransferStore& transfer() override { return store_->transfer(); }
  SuggestionStore& suggestions() override { return store_->suggestions(); }
  AlertStore& alerts() override { return store_->alerts(); }
  SsbStore& ssb() override { return store_->ssb(); }
  HandbookStore& handbook() override { return store_->handbook(); }
  OverviewStore& overview() override { return store_->overview(); }
  StudiesStore& studies() override { return store_->studies(); }
  Status Backup(const std::string& path) override { return store_->Backup(path); }
  Result<std::int64_t> ExternalChangeStamp() override { return store_->ExternalChangeStamp(); }
  Result<std::string> DataStamp() override { return store_->DataStamp(); }

 private:
  // Declared first, so destroyed last: the store's connections close before the database goes.
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<PostgresStore> store_;
};

// The operations of NoClusterStore: every call fails as the test is skipped.
class NoClusterOperations final : public OperationsStore {
 public:
  Result<ops::Record> Create(ops::Kind, std::int64_t, const json&, const WriteContext&) override { return None(); }
  Result<std::vector<ops::Record>> CreateAll(ops::Kind, std::int64_t, const std::vector<json>&,
                                             const WriteContext&) override {
    return None();
  }
  Result<ops::Record> Update(ops::Kind, std::int64_t, const json&, const WriteContext&) override { return None(); }
  Status Delete(ops::Kind, std::int64_t, const WriteContext&) override { return None(); }
  Result<ops::Record> Get(ops::Kind, std::int64_t) override { return None(); }
  Result<std::vector<ops::Record>> List(ops::Kind, std::int64_t) override { return None(); }
  Result<std::vector<ops::Record>> ListEvery(ops::Kind) override { return None(); }
  Result<OperationsFacts> FactsForAnalysis(bool) override { return None(); }
  Result<std::vector<ops::Record>> MembershipsOf(std::int64_t) override { return None(); }
  Status MergePeople(std::int64_t, std::int64_t, const WriteContext&) override { return None(); }
  Result<std::int64_t> RemoveExamples(const WriteContext&) override { return None(); }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// The suggestions of NoClusterStore: every call fails as the test is skipped.
class NoClusterSuggestions final : public SuggestionStore {
 public:
  Result<suggestions::Suggestion> Create(const suggestions::SuggestionInput&, const WriteContext&) override {
    return None();
  }
  Result<suggestions::Suggestion> Get(std::int64_t) override { return None(); }
  Result<std::vector<suggestions::Suggestion>> List(const std::string&, int) override { return None(); }
  Result<suggestions::Suggestion> Close(std::int64_t, const std::string&, const std::string&,
                                        const WriteContext&) override {
    return None();
  }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// The alerts of NoClusterStore: every call fails as the test is skipped.
class NoClusterAlerts final : public AlertStore {
 public:
  Result<AlertAcknowledgement> Acknowledge(const AlertAcknowledgement&, const WriteContext&) override { return None(); }
  Result<std::vector<AlertAcknowledgement>> Acknowledgements(const std::vector<std::int64_t>&) override {
    return None();
  }
  Status SetFeedToken(std::int64_t, const std::string&, const WriteContext&) override { return None(); }
  Status RevokeFeedToken(std::int64_t, const WriteContext&) override { return None(); }
  Result<std::string> FeedTokenCreated(std::int64_t) override { return None(); }
  Result<std::optional<std::int64_t>> FeedTokenUser(const std::string&) override { return None(); }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// The SSB table of NoClusterStore: every call fails as the test is skipped.
class NoClusterSsb final : public SsbStore {
 public:
  Status Replace(const ssb::Table&, const WriteContext&) override { return None(); }
  Result<std::optional<SsbTableInfo>> Info() override { return None(); }
  Result<std::map<std::string, std::int64_t>> ImmigrantPopulation() override { return None(); }
  Result<PersonsByCountry> LatestPersonsByCountry() override { return None(); }
  Result<std::vector<ssb::Cell>> Cells(const std::string&) override { return None(); }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// The handbook of NoClusterStore: every call fails as the test is skipped.
class NoClusterHandbook final : public HandbookStore {
 public:
  Status SeedIfEmpty(const std::vector<handbook::SeedPage>&) override { return None(); }
  Result<std::vector<std::string>> Slugs() override { return None(); }
  Result<std::vector<HandbookVersion>> Versions(const std::string&) override { return None(); }
  Result<HandbookVersion> AddDraft(const std::string&, const handbook::Content&, const WriteContext&) override {
    return None();
  }
  Result<HandbookVersion> Move(const std::string&, std::int64_t, const std::string&, const WriteContext&) override {
    return None();
  }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// The overview's target of NoClusterStore: every call fails as the test is skipped.
class NoClusterOverview final : public OverviewStore {
 public:
  Result<std::optional<int>> Target() override { return None(); }
  Status SetTarget(int, const WriteContext&) override { return None(); }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// The studies of NoClusterStore: every call fails as the test is skipped.
class NoClusterStudies final : public StudiesStore {
 public:
  Result<std::vector<GuideVersion>> LatestGuides() override { return None(); }
  Result<GuideVersion> GetGuide(const std::string&, std::int64_t) override { return None(); }
  Result<std::vector<GuideVersion>> GuideVersions(const std::string&) override { return None(); }
  Result<GuideVersion> AddGuideVersion(const json&, const WriteContext&, bool*) override { return None(); }
  Result<std::vector<SubmissionOutcome>> ImportSubmissions(std::int64_t, const std::vector<SubmissionImport>&,
                                                           const WriteContext&) override {
    return None();
  }
  Result<StudyRecord> CreateStudy(const json&, const WriteContext&) override { return None(); }
  Result<StudyRecord> UpdateStudy(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Status DeleteStudy(std::int64_t, const WriteContext&) override { return None(); }
  Result<StudyRecord> GetStudy(std::int64_t) override { return None(); }
  Result<std::vector<StudyRecord>> ListStudies() override { return None(); }
  Result<StudyRecord> CreateInformant(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Result<StudyRecord> UpdateInformant(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Status WithdrawInformant(std::int64_t, const std::string&, const WriteContext&) override { return None(); }
  Result<StudyRecord> GetInformant(std::int64_t) override { return None(); }
  Result<std::vector<StudyRecord>> ListInformants(std::int64_t) override { return None(); }
  Status PutIdentity(std::int64_t, const std::string&, const WriteContext&) override { return None(); }
  Result<std::string> GetIdentity(std::int64_t) override { return None(); }
  Status DeleteIdentity(std::int64_t, const WriteContext&) override { return None(); }
  Result<std::int64_t> EraseIdentitiesOf(std::int64_t, const WriteContext&) override { return None(); }
  Result<StudyRecord> CreateInterview(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Result<StudyRecord> UpdateInterview(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Status DeleteInterview(std::int64_t, const WriteContext&) override { return None(); }
  Result<StudyRecord> GetInterview(std::int64_t) override { return None(); }
  Result<std::vector<StudyRecord>> ListInterviews(std::int64_t) override { return None(); }
  Result<std::vector<StudyRecord>> ListInterviewsAt(std::int64_t, std::int64_t,
                                                    const std::vector<std::int64_t>&) override {
    return None();
  }
  Result<CodebookRecord> GetCodebook(std::int64_t) override { return None(); }
  Result<CodebookRecord> PutCodebook(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Result<CodingRecord> CreateCoding(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Result<CodingRecord> UpdateCoding(std::int64_t, const json&, const WriteContext&) override { return None(); }
  Status DeleteCoding(std::int64_t, const WriteContext&) override { return None(); }
  Result<CodingRecord> GetCoding(std::int64_t) override { return None(); }
  Result<std::vector<CodingRecord>> ListCodings(std::int64_t) override { return None(); }
  Result<std::vector<CodingRecord>> ListCodingsOf(std::int64_t, const std::vector<std::int64_t>&) override {
    return None();
  }

 private:
  static Error None() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
};

// What the contract suites get when there is no cluster: the test is marked skipped before the
// fixture's SetUp asks the store anything, and this empty store answers SetUp's questions (no
// meeting places, users or audit rows) so that the skip is all the test reports.
class NoClusterStore final : public Store,
                             public MeetingPlaceStore,
                             public PlaceStore,
                             public AccountStore,
                             public IdentityStore,
                             public JournalStore,
                             public TransferStore {
 public:
  MeetingPlaceStore& meeting_places() override { return *this; }
  PlaceStore& places() override { return *this; }
  AccountStore& accounts() override { return *this; }
  IdentityStore& identities() override { return *this; }
  JournalStore& journal() override { return *this; }
  OperationsStore& operations() override { return operations_; }
  TransferStore& transfer() override { return *this; }
  SuggestionStore& suggestions() override { return suggestions_; }
  AlertStore& alerts() override { return alerts_; }
  SsbStore& ssb() override { return ssb_; }
  HandbookStore& handbook() override { return handbook_; }
  OverviewStore& overview() override { return overview_; }
  StudiesStore& studies() override { return studies_; }
  Status Backup(const std::string&) override { return Skipped(); }
  Result<std::int64_t> ExternalChangeStamp() override { return Skipped(); }

  Result<MeetingPlace> Create(const MeetingPlaceInput&, const json&, bool, const WriteContext&) override {
    return Skipped();
  }
  Result<MeetingPlace> Update(std::int64_t, const MeetingPlaceInput&, const json&, const WriteContext&) override {
    return Skipped();
  }
  Status Delete(std::int64_t, const WriteContext&) override { return Skipped(); }
  Result<MeetingPlace> RecordKind(std::int64_t, const std::optional<RecordedKind>&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::vector<DeletedRecord>> Deletions(const std::string&) override { return Skipped(); }
  Result<std::int64_t> ChangeMark() override { return Skipped(); }
  Result<JournalChanges> ChangesSince(std::int64_t, std::size_t) override { return Skipped(); }
  Result<MeetingPlace> Get(std::int64_t) override { return Skipped(); }
  Result<MeetingPlacePage> List(const MeetingPlaceQuery&) override { return Skipped(); }
  Result<std::vector<MeetingPlace>> All() override { return Skipped(); }
  Result<std::vector<MeetingPlace>> Import(const std::vector<MeetingPlaceInput>&, const std::vector<json>&, bool,
                                           const WriteContext&) override {
    return Skipped();
  }
  Result<std::vector<MeetingPlace>> ImportRecords(const std::vector<ImportRecord>&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::int64_t> RemoveExamples(const WriteContext&) override { return Skipped(); }
  Result<std::int64_t> Count(bool) override { return std::int64_t{0}; }
  Result<std::vector<TallyRow>> Tally() override { return Skipped(); }

  Result<Places> Load() override { return Skipped(); }
  Status ReplaceRegions(const std::vector<Region>&, const WriteContext&) override { return Skipped(); }

  Result<User> AddUser(const std::string&, const std::string&, Role, const std::string&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::vector<User>> ListUsers() override { return std::vector<User>{}; }
  Status SetUserDisabled(const std::string&, bool, const WriteContext&) override { return Skipped(); }
  Result<User> FindUser(const std::string&) override { return Skipped(); }
  Result<User> FindUserById(std::int64_t) override { return Skipped(); }
  Result<std::string> PasswordHash(const std::string&) override { return Skipped(); }
  Status CreateSession(const Session&) override { return Skipped(); }
  Result<Session> FindSession(const std::string&) override { return Skipped(); }
  Status DeleteSession(const std::string&) override { return Skipped(); }
  using AccountStore::AddToken;
  Result<ApiToken> AddToken(std::int64_t, const std::string&, const TokenDetails&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::vector<ApiToken>> ListTokens(std::int64_t) override { return Skipped(); }
  Result<ApiToken> FindToken(std::int64_t) override { return Skipped(); }
  Status RevokeToken(std::int64_t, const WriteContext&) override { return Skipped(); }
  Result<User> FindUserByToken(const std::string&) override { return Skipped(); }
  Status RecordLoginFailure(const std::string&, const std::string&) override { return Skipped(); }
  Result<std::vector<std::string>> LoginFailuresSince(const std::string&, const std::string&) override {
    return Skipped();
  }
  Status ClearLoginFailures(const std::string&) override { return Skipped(); }
  Status PurgeLoginFailures(const std::string&) override { return Skipped(); }

  Status Audit(const AuditEntry&) override { return Skipped(); }
  Result<std::vector<AuditEntry>> AuditLog(int) override { return std::vector<AuditEntry>{}; }
  Result<std::vector<HistoryEntry>> History(const std::string&, const std::string&) override { return Skipped(); }

  Result<std::vector<std::string>> Tables() override { return Skipped(); }
  Result<TableData> ReadTable(const std::string&) override { return Skipped(); }
  Result<std::vector<TableData>> ReadAll() override { return Skipped(); }
  Result<std::string> Checksum(const std::string&) override { return Skipped(); }
  Result<std::vector<TableSummary>> ReplaceAll(const std::vector<TableData>&, const WriteContext&) override {
    return Skipped();
  }
  Result<std::string> Identity() override { return Skipped(); }

  Status LinkIdentity(const std::string&, const std::string&, const std::string&, const WriteContext&) override {
    return Skipped();
  }
  Status UnlinkIdentity(const std::string&, const std::string&, const WriteContext&) override { return Skipped(); }
  Result<std::vector<IdentityLink>> ListIdentities() override { return Skipped(); }
  Result<User> FindUserByIdentity(const std::string&, const std::string&) override { return Skipped(); }
  Status AddPendingLogin(const PendingLogin&) override { return Skipped(); }
  Result<PendingLogin> TakePendingLogin(const std::string&) override { return Skipped(); }

 private:
  static Error Skipped() { return Error::Internal("no PostgreSQL cluster (MOTEPLASS_TEST_PG)"); }
  NoClusterOperations operations_;
  NoClusterSuggestions suggestions_;
  NoClusterAlerts alerts_;
  NoClusterSsb ssb_;
  NoClusterHandbook handbook_;
  NoClusterOverview overview_;
  NoClusterStudies studies_;
};

// Marks the running test skipped (GTEST_SKIP returns from a function returning void only).
void SkipWithoutCluster() { GTEST_SKIP() << kNoCluster; }

// The PostgreSQL backend's traits for the contract suites: a new database per test.
struct PostgresBackend {
  static std::unique_ptr<Store> Open() {
    if (ClusterUrl().empty()) {
      SkipWithoutCluster();
      return std::make_unique<NoClusterStore>();
    }
    auto database = std::make_unique<TestDatabase>();
    if (!database->created()) return nullptr;
    auto opened = PostgresStore::Open(database->url());
    if (!opened.ok()) {
      ADD_FAILURE() << opened.error().message;
      return nullptr;
    }
    return std::make_unique<StoreOnTestDatabase>(std::move(database), std::move(opened).value());
  }
};

// The number of migration files of this backend, and the newest's number.
[[maybe_unused]] std::pair<int, int> MigrationFiles() {
  int files = 0;
  int newest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MOTEPLASS_SOURCE_DIR "/src/store/postgres/migrations")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    newest = std::max(newest, std::stoi(entry.path().filename().string().substr(0, 4)));
  }
  return {files, newest};
}

// A fresh database per test, and a store on it; tests that need the database itself (to open a
// second store on it, or to reach past the store) use this fixture rather than the contract's.
class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ClusterUrl().empty()) GTEST_SKIP() << kNoCluster;
    database_ = std::make_unique<TestDatabase>();
    ASSERT_TRUE(database_->created());
    url_ = database_->url();
    ASSERT_NO_FATAL_FAILURE(Reopen());
  }
  void TearDown() override {
    store_.reset();
    database_.reset();
  }

  // Closes the store and opens the database again.
  void Reopen() {
    store_.reset();
    auto reopened = PostgresStore::Open(url_);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    store_ = std::move(reopened).value();
  }
  // Another store on the same database, as another server would open it.
  std::unique_ptr<PostgresStore> OpenAnother(const postgres::Database::Options& options = {}) {
    auto opened = PostgresStore::Open(url_, options);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
  std::optional<std::string> Query(const std::string& sql, const std::vector<std::string>& params = {}) {
    return Psql(url_, sql, params);
  }

  MeetingPlace Create(const std::string& name, const std::string& municipality = "0301",
                      const std::string& description = "") {
    return store_contract::CreatePlace(store_->meeting_places(), name, municipality, description);
  }
  std::vector<std::string> Names(const MeetingPlaceQuery& q) {
    return store_contract::ListNames(store_->meeting_places(), q);
  }
  std::vector<std::string> Search(const std::string& text) {
    return store_contract::SearchNames(store_->meeting_places(), text);
  }

  std::unique_ptr<TestDatabase> database_;
  std::string url_;
  std::unique_ptr<PostgresStore> store_;
};

}  // namespace
}  // namespace moteplass
