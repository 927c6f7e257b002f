// The Store on SQLite: the whole register in one database file, for a single server. Open()
// creates the file when needed, switches it to WAL, turns foreign keys on and runs the pending
// migrations (src/store/migrations/NNNN_name.sql, embedded in the binary); on first start it
// loads the counties, municipalities and default IMDi regions.
//
// Callers use the Store interface (store/store.h); only the command line names SqliteStore, to
// open it. Besides what Store promises, this implementation
//  - writes an audit row itself, in the same transaction, for every meeting-place and region
//    write ("meeting_place.create", ".update", ".delete", ".record_kind", ".import",
//    ".remove_example", "regions.replace"; one row per record), so a committed write always
//    has its audit row;
//    callers audit the rest (logins, users, tokens, refused requests) through Store::Audit;
//  - treats sessions and tokens of a disabled user as not found, and forgets a user's sessions
//    when the user is disabled;
//  - compares usernames without regard to ASCII case.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

namespace moteplass {

class SqliteStore final : public Store {
 public:
  // Opens (or creates) the database at `path` and brings its schema up to date. Running it
  // again on the same file changes nothing. Fails with kInternal when the file cannot be opened
  // or a migration fails (the failed migration leaves no trace), and with kConflict when the
  // file was written by a newer version of the program.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // The number of the newest migration applied to the file (0 before any).
  int SchemaVersion();

  Result<Places> LoadPlaces() override;
  Status ReplaceRegions(const std::vector<Region>& regions, const std::string& by) override;

  Result<MeetingPlace> CreateMeetingPlace(const MeetingPlaceInput& input,
                                          const nlohmann::json& classification, bool example,
                                          const WriteContext& ctx) override;
  Result<MeetingPlace> UpdateMeetingPlace(std::int64_t id, const MeetingPlaceInput& input,
                                          const nlohmann::json& classification,
                                          const WriteContext& ctx) override;
  Status DeleteMeetingPlace(std::int64_t id, const WriteContext& ctx) override;
  Result<MeetingPlace> RecordKind(std::int64_t id, const std::optional<RecordedKind>& kind,
                                  const WriteContext& ctx) override;
  Result<MeetingPlace> GetMeetingPlace(std::int64_t id) override;
  Result<MeetingPlacePage> ListMeetingPlaces(const MeetingPlaceQuery& query) override;
  Result<std::vector<HistoryEntry>> History(std::int64_t id) override;
  Result<std::vector<MeetingPlace>> AllMeetingPlaces() override;
  Result<std::vector<MeetingPlace>> ImportMeetingPlaces(const std::vector<MeetingPlaceInput>& inputs,
                                                        const std::vector<nlohmann::json>& classifications,
                                                        bool example, const WriteContext& ctx) override;
  Result<std::int64_t> RemoveExampleData(const WriteContext& ctx) override;
  Result<std::int64_t> CountMeetingPlaces(bool example_only) override;

  Result<User> AddUser(const std::string& username, const std::string& password_hash, Role role,
                       const std::string& scope) override;
  Result<std::vector<User>> ListUsers() override;
  Status SetUserDisabled(const std::string& username, bool disabled) override;
  Result<User> FindUser(const std::string& username) override;
  Result<User> FindUserById(std::int64_t id) override;
  // The stored hash, also for a disabled user: refusing disabled users is the login's job.
  Result<std::string> PasswordHash(const std::string& username) override;
  Status CreateSession(const Session& session) override;
  // kNotFound when unknown, expired or the user is disabled.
  Result<Session> FindSession(const std::string& id_hash) override;
  Status DeleteSession(const std::string& id_hash) override;
  Status AddToken(std::int64_t user_id, const std::string& token_hash) override;
  Result<User> FindUserByToken(const std::string& token_hash) override;

  // Fills in `at` (now) when it is empty.
  Status Audit(const AuditEntry& entry) override;
  // The newest `limit` entries, newest first.
  Result<std::vector<AuditEntry>> AuditLog(int limit) override;

  // Copies the database with SQLite's online backup into `path`, which must not exist yet; the
  // copy is one consistent snapshot while writers go on. Fails with kConflict when the file
  // exists and kInternal when it cannot be written.
  Status Backup(const std::string& path) override;
  Result<std::int64_t> ExternalChangeStamp() override;

  class Connection;  // one SQLite connection and its prepared statements (sqlite_store.cc)

 private:
  class ReadLease;

  SqliteStore() = default;
  Status Initialise(const std::string& path);

  // Concurrency: SQLite in WAL mode lets one writer and many readers work at once, but a single
  // connection must not be used by two threads at a time. So there is one write connection,
  // taken under write_mutex_ (writes are short transactions; SQLite would serialise them
  // anyway), and a small pool of read connections, so that page views never wait for a write
  // or for each other. A reader sees the last committed state. For ":memory:" databases, which
  // cannot be shared between connections, reads use the write connection under the mutex.
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_available_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  bool shared_readers_ = false;  // false for ":memory:"

  // Counties and municipalities never change after the first start, so they are kept in memory
  // to check and derive a meeting place's location without a query.
  std::set<std::string> county_numbers_;
  std::map<std::string, std::string> municipality_county_;
};

}  // namespace moteplass
