// The codebook and codings part of StudiesStore (store/codings.h), written once for both
// databases (store/generic/backend.h; SQLite migration 0016, PostgreSQL 0011). StudiesStoreOn
// (store/generic/studies_store.h) derives from it.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/status_macros.h"
#include "store/generic/backend.h"
#include "store/studies.h"

namespace moteplass::generic {
namespace codings_sql {

constexpr const char* kStudyExists = "SELECT id FROM studies WHERE id = ?";
constexpr const char* kSelectCodebook =
    "SELECT study, codes, version, created_at, updated_at FROM codebooks WHERE study = ?";
constexpr const char* kInsertCodebook =
    "INSERT INTO codebooks (study, codes, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kUpdateCodebook = "UPDATE codebooks SET codes = ?, version = ?, updated_at = ? WHERE study = ?";
// Every coding SELECT gives: id, study, interview, data, version, created_at, updated_at.
constexpr const char* kSelectCoding =
    "SELECT id, study, interview, data, version, created_at, updated_at FROM codings WHERE id = ?";
constexpr const char* kCodingsOf =
    "SELECT id, study, interview, data, version, created_at, updated_at FROM codings WHERE study = ? ORDER BY id";
constexpr const char* kCodingsOfInterview =
    "SELECT id, study, interview, data, version, created_at, updated_at FROM codings WHERE interview = ? AND study = ? "
    "ORDER BY id";
constexpr const char* kNextCodingId = "SELECT COALESCE(MAX(id), 0) + 1 FROM codings";
constexpr const char* kInsertCoding =
    "INSERT INTO codings (id, study, interview, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateCoding = "UPDATE codings SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kDeleteCoding = "DELETE FROM codings WHERE id = ?";
constexpr const char* kInterviewStudy = "SELECT study FROM interviews WHERE id = ?";

}  // namespace codings_sql

template <Backend B>
class CodingsStoreOn : public StudiesStore {
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;

 public:
  explicit CodingsStoreOn(typename B::Database& db) : db_(db) {}

  Result<CodebookRecord> GetCodebook(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return ReadCodebook(c, study); });
  }

  Result<CodebookRecord> PutCodebook(std::int64_t study, const nlohmann::json& codes,
                                     const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      {
        Statement s(c, B::Sql(codings_sql::kStudyExists));
        s.Bind(study);
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) return Error::NotFound("no study has the id " + std::to_string(study));
      }
      Result<CodebookRecord> before = ReadCodebook(c, study);
      if (!before.ok() && before.error().code != ErrorCode::kNotFound) return before.error();
      const std::int64_t current = before.ok() ? before->version : 1;
      if (ctx.expected_version != 0 && ctx.expected_version != current) {
        return Error::Conflict("the codebook has changed meanwhile (version " + std::to_string(current) + ", not " +
                               std::to_string(ctx.expected_version) + "); reload it and try again");
      }
      if (before.ok() && before->codes == codes) return {};
      std::set<std::string> kept;
      for (const nlohmann::json& code : codes) kept.insert(code.value("id", std::string()));
      ASSIGN_OR_RETURN(std::vector<CodingRecord> codings, Codings(c, study));
      for (const CodingRecord& coding : codings) {
        const std::string used = coding.data.value("code", std::string());
        if (!kept.count(used)) {
          return Error::Conflict("the code " + used + " is given to passages of this study's interviews (coding " +
                                     std::to_string(coding.id) + "); recode or delete them before removing it",
                                 "/codes");
        }
      }
      Statement s(c, B::Sql(before.ok() ? codings_sql::kUpdateCodebook : codings_sql::kInsertCodebook));
      if (before.ok()) {
        s.Bind(codes.dump()).Bind(current + 1).Bind(w.now()).Bind(study);
      } else {
        s.Bind(study).Bind(codes.dump()).Bind(current + 1).Bind(w.now()).Bind(w.now());
      }
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("codebook", std::to_string(study), "replace");
    }));
    return GetCodebook(study);
  }

  Result<CodingRecord> CreateCoding(std::int64_t study, const nlohmann::json& data, const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      const std::int64_t interview = data.value("interview", std::int64_t{0});
      RETURN_IF_ERROR(InterviewOf(c, study, interview));
      {
        Statement n(c, B::Sql(codings_sql::kNextCodingId));
        ASSIGN_OR_RETURN(bool row, n.Step());
        id = row ? n.Int(0) : 1;
      }
      Statement s(c, B::Sql(codings_sql::kInsertCoding));
      s.Bind(id).Bind(study).Bind(interview).Bind(data.dump()).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("coding", std::to_string(id), "create");
    }));
    return GetCoding(id);
  }

  Result<CodingRecord> UpdateCoding(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(CodingRecord before, ForWrite(c, id, ctx));
      if (data.value("interview", std::int64_t{0}) != before.interview) {
        return Error::Invalid("a coding stays with its interview", "/interview");
      }
      if (before.data == data) return {};
      Statement s(c, B::Sql(codings_sql::kUpdateCoding));
      s.Bind(data.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("coding", std::to_string(id), "update");
    }));
    return GetCoding(id);
  }

  Status DeleteCoding(std::int64_t id, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(ForWrite(c, id, ctx));
      Statement s(c, B::Sql(codings_sql::kDeleteCoding));
      s.Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("coding", std::to_string(id), "erase");
    });
  }

  Result<CodingRecord> GetCoding(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return OneCoding(c, id); });
  }

  Result<std::vector<CodingRecord>> ListCodings(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Codings(c, study); });
  }

  Result<std::vector<CodingRecord>> ListCodingsOf(std::int64_t study,
                                                  const std::vector<std::int64_t>& interviews) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<CodingRecord>> {
      std::vector<CodingRecord> out;
      for (std::int64_t interview : std::set<std::int64_t>(interviews.begin(), interviews.end())) {
        Statement s(c, B::Sql(codings_sql::kCodingsOfInterview));
        s.Bind(interview).Bind(study);
        for (;;) {
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          ASSIGN_OR_RETURN(CodingRecord r, CodingFromRow(s));
          out.push_back(std::move(r));
        }
      }
      std::sort(out.begin(), out.end(), [](const CodingRecord& a, const CodingRecord& b) { return a.id < b.id; });
      return out;
    });
  }

 private:
  static Result<CodebookRecord> ReadCodebook(Connection& c, std::int64_t study) {
    Statement s(c, B::Sql(codings_sql::kSelectCodebook));
    s.Bind(study);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Error::NotFound("the study " + std::to_string(study) + " keeps the default codebook");
    CodebookRecord r;
    r.study = s.Int(0);
    r.codes = nlohmann::json::parse(s.Text(1), nullptr, false);
    if (r.codes.is_discarded()) return Error::Internal("database: a stored codebook is not JSON");
    r.version = s.Int(2);
    r.created_at = s.Text(3);
    r.updated_at = s.Text(4);
    return r;
  }

  static Result<CodingRecord> CodingFromRow(const Statement& s) {
    CodingRecord r;
    r.id = s.Int(0);
    r.study = s.Int(1);
    r.interview = s.Int(2);
    r.data = nlohmann::json::parse(s.Text(3), nullptr, false);
    if (r.data.is_discarded()) return Error::Internal("database: a stored coding is not JSON");
    r.version = s.Int(4);
    r.created_at = s.Text(5);
    r.updated_at = s.Text(6);
    return r;
  }

  static Result<std::vector<CodingRecord>> Codings(Connection& c, std::int64_t study) {
    Statement s(c, B::Sql(codings_sql::kCodingsOf));
    s.Bind(study);
    std::vector<CodingRecord> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      ASSIGN_OR_RETURN(CodingRecord r, CodingFromRow(s));
      out.push_back(std::move(r));
    }
  }

  static Result<CodingRecord> OneCoding(Connection& c, std::int64_t id) {
    Statement s(c, B::Sql(codings_sql::kSelectCoding));
    s.Bind(id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Error::NotFound("no coding has the id " + std::to_string(id));
    return CodingFromRow(s);
  }

  static Result<CodingRecord> ForWrite(Connection& c, std::int64_t id, const WriteContext& ctx) {
    ASSIGN_OR_RETURN(CodingRecord before, OneCoding(c, id));
    if (ctx.expected_version != 0 && ctx.expected_version != before.version) {
      return Error::Conflict("the coding has changed meanwhile (version " + std::to_string(before.version) + ", not " +
                             std::to_string(ctx.expected_version) + "); reload it and try again");
    }
    return before;
  }

  // kInvalid (pointer /interview) unless `interview` is one of the study's interviews.
  static Status InterviewOf(Connection& c, std::int64_t study, std::int64_t interview) {
    Statement s(c, B::Sql(codings_sql::kInterviewStudy));
    s.Bind(interview);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row || s.Int(0) != study) {
      return Error::Invalid("no interview of this study has the id " + std::to_string(interview), "/interview");
    }
    return {};
  }

  typename B::Database& db_;
};

}  // namespace moteplass::generic
