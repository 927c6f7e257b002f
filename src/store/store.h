// The one interface to persistence. Core types in, core types out; nothing about SQL or SQLite
// leaks past it, so that PostgreSQL can be a second implementation. SqliteStore
// (sqlite_store.h) is the default. Every method is safe to call from several threads at once;
// writes are durable when the method returns (an acknowledged write survives a crash).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/account.h"
#include "core/error.h"
#include "core/meeting_place.h"
#include "core/places.h"

namespace moteplass {

// Filters of the meeting-place list (API and directory page). Empty strings mean "any".
struct MeetingPlaceQuery {
  std::string county;
  std::string municipality;
  std::string region;
  std::string kind;
  std::string text;  // full-text search, Norwegian stemming
  // kRelevance: best full-text matches first (a match in the name counts most), then by name;
  // without search text it is the same as kName.
  enum class Sort { kName, kUpdatedDesc, kRelevance } sort = Sort::kName;
  bool include_unpublished = false;  // only for callers allowed to see them
  bool include_deleted = false;
  int page = 1;       // from 1
  int per_page = 20;  // 1..100
};

struct MeetingPlacePage {
  std::vector<MeetingPlace> items;
  std::int64_t total = 0;
};

struct HistoryEntry {
  std::int64_t id = 0;
  std::string at;
  std::string by;      // username, or "system" for imports and demo data
  std::string action;  // "create", "update", "delete", "record_kind", "import"
  std::vector<FieldChange> changes;
};

struct AuditEntry {
  std::string at;
  std::string by;           // username or "" for the public
  std::string action;       // "meeting_place.create", "user.add", "login.failed", ...
  std::string target_type;  // "meeting_place", "user", ...
  std::string target_id;
  std::string outcome;  // "ok", "denied", "invalid"
};

// A write's author and the version the writer based it on (0: do not check).
struct WriteContext {
  std::string by;  // username or "system"
  std::int64_t expected_version = 0;
};

struct Session {
  std::string id_hash;  // hash of the cookie value; the value itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string expires_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Places (loaded at first start; regions configurable) ---
  virtual Result<Places> LoadPlaces() = 0;
  virtual Status ReplaceRegions(const std::vector<Region>& regions, const std::string& by) = 0;

  // --- Meeting places ---
  // Creates; returns the stored record with id, derived fields and timestamps. `classification`
  // is the typology's verdict (may be null).
  virtual Result<MeetingPlace> CreateMeetingPlace(const MeetingPlaceInput& input,
                                                  const nlohmann::json& classification, bool example,
                                                  const WriteContext& ctx) = 0;
  // Replaces; fails with kNotFound for an unknown or deleted id, kConflict when
  // ctx.expected_version is set and differs.
  virtual Result<MeetingPlace> UpdateMeetingPlace(std::int64_t id, const MeetingPlaceInput& input,
                                                  const nlohmann::json& classification,
                                                  const WriteContext& ctx) = 0;
  // Soft delete; kNotFound when unknown or already deleted.
  virtual Status DeleteMeetingPlace(std::int64_t id, const WriteContext& ctx) = 0;
  // Records a kind chosen by a person (nullopt clears it).
  virtual Result<MeetingPlace> RecordKind(std::int64_t id, const std::optional<RecordedKind>& kind,
                                          const WriteContext& ctx) = 0;
  // One record, including deleted ones (deleted_at set); kNotFound when unknown.
  virtual Result<MeetingPlace> GetMeetingPlace(std::int64_t id) = 0;
  virtual Result<MeetingPlacePage> ListMeetingPlaces(const MeetingPlaceQuery& query) = 0;
  virtual Result<std::vector<HistoryEntry>> History(std::int64_t id) = 0;
  // Every live record, for export.
  virtual Result<std::vector<MeetingPlace>> AllMeetingPlaces() = 0;
  // Creates all or nothing: on failure nothing is stored and the Error's index names the record.
  virtual Result<std::vector<MeetingPlace>> ImportMeetingPlaces(
      const std::vector<MeetingPlaceInput>& inputs, const std::vector<nlohmann::json>& classifications,
      bool example, const WriteContext& ctx) = 0;
  // Hard-deletes every example record and its history; returns how many.
  virtual Result<std::int64_t> RemoveExampleData(const WriteContext& ctx) = 0;
  virtual Result<std::int64_t> CountMeetingPlaces(bool example_only) = 0;

  // --- Users, sessions, tokens ---
  virtual Result<User> AddUser(const std::string& username, const std::string& password_hash, Role role,
                               const std::string& scope) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status SetUserDisabled(const std::string& username, bool disabled) = 0;
  virtual Result<User> FindUser(const std::string& username) = 0;
  virtual Result<User> FindUserById(std::int64_t id) = 0;
  virtual Result<std::string> PasswordHash(const std::string& username) = 0;
  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<Session> FindSession(const std::string& id_hash) = 0;
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  virtual Status AddToken(std::int64_t user_id, const std::string& token_hash) = 0;
  // The user a token belongs to; kUnauthenticated when unknown or the user is disabled.
  virtual Result<User> FindUserByToken(const std::string& token_hash) = 0;

  // --- Audit ---
  virtual Status Audit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> AuditLog(int limit) = 0;

  // --- Operations ---
  // Online, consistent copy of the whole database to `path`.
  virtual Status Backup(const std::string& path) = 0;
  // A number that changes when another process (the command line, another server) has
  // committed to the store since the last call; this process's own writes do not change it.
  // The server polls it to empty its page cache after changes it did not make itself.
  virtual Result<std::int64_t> ExternalChangeStamp() = 0;
};

}  // namespace moteplass
