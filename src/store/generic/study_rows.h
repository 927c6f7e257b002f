// The rows the parts of the studies store share (studies_store.h: studies, informants, identities
// and guides; interviews_store.h: interviews): a study, informant or interview row as a
// StudyRecord, the one-record and list reads, the version check before a write, the top-level
// changes a history entry names, and forgetting a record's history when it is erased.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status_macros.h"
#include "store/generic/backend.h"
#include "store/studies.h"
#include "store/write.h"

namespace moteplass::generic {
namespace study_rows_sql {

// An informant (its interviews are checked against it, too).
constexpr const char* kSelectInformant =
    "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE id = ?";
constexpr const char* kForgetHistory = "DELETE FROM history WHERE entity_type = ? AND entity_id = ?";

}  // namespace study_rows_sql

template <Backend B>
struct StudyRows {
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;

  static Error NoSuch(const std::string& kind, std::int64_t id) {
    return Error::NotFound("no " + kind + " has the id " + std::to_string(id));
  }

  // The top-level fields that differ, for the history.
  static std::vector<FieldChange> Changes(const nlohmann::json& before, const nlohmann::json& after) {
    std::vector<FieldChange> out;
    for (const auto& [key, value] : after.items()) {
      const nlohmann::json old = before.contains(key) ? before[key] : nlohmann::json();
      if (old != value) out.push_back(FieldChange{"/" + key, old, value});
    }
    for (const auto& [key, value] : before.items()) {
      if (!after.contains(key)) out.push_back(FieldChange{"/" + key, value, nullptr});
    }
    return out;
  }

  static Result<std::int64_t> NextId(Connection& c, const std::string& sql) {
    Statement s(c, sql);
    ASSIGN_OR_RETURN(bool row, s.Step());
    return row ? s.Int(0) : 1;
  }

  // Every SELECT of a study or informant gives: id, study, data, version, created_at,
  // updated_at, withdrawn (null or a date).
  static Result<StudyRecord> RecordFromRow(const Statement& s) {
    StudyRecord r;
    r.id = s.Int(0);
    r.study = s.Int(1);
    r.data = nlohmann::json::parse(s.Text(2), nullptr, false);
    if (r.data.is_discarded()) return Error::Internal("database: a stored study document is not JSON");
    r.version = s.Int(3);
    r.created_at = s.Text(4);
    r.updated_at = s.Text(5);
    r.withdrawn = !s.IsNull(6);
    return r;
  }

  static Result<std::vector<StudyRecord>> Collect(Statement& s) {
    std::vector<StudyRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      ASSIGN_OR_RETURN(StudyRecord r, RecordFromRow(s));
      out.push_back(std::move(r));
    }
  }

  static Result<std::vector<StudyRecord>> Records(Connection& c, const std::string& sql, std::int64_t key) {
    Statement s(c, sql);
    s.Bind(key);
    return Collect(s);
  }

  static Result<StudyRecord> One(Connection& c, const std::string& sql, const std::string& kind, std::int64_t id) {
    Statement s(c, sql);
    s.Bind(id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NoSuch(kind, id);
    return RecordFromRow(s);
  }

  static Result<StudyRecord> ForWrite(Connection& c, const std::string& sql, const std::string& kind, std::int64_t id,
                                      const WriteContext& ctx) {
    ASSIGN_OR_RETURN(StudyRecord before, One(c, sql, kind, id));
    if (ctx.expected_version != 0 && ctx.expected_version != before.version) {
      return Error::Conflict("the " + kind + " has changed meanwhile (version " + std::to_string(before.version) +
                             ", not " + std::to_string(ctx.expected_version) + "); reload it and try again");
    }
    return before;
  }

  // Removes a record's history: erasure leaves no content behind.
  static Status Forget(Connection& c, const std::string& type, std::int64_t id) {
    Statement s(c, B::Sql(study_rows_sql::kForgetHistory));
    s.Bind(type).Bind(std::to_string(id));
    return s.Run();
  }
};

}  // namespace moteplass::generic
