// StudiesStore's interviews (store/studies.h), written once for both databases: an interview is
// a document of a live informant of its study, with its meeting place beside it
// (interview_rows.h) so that one meeting place's interviews are read without the study's others;
// erasing one takes its history and detaches its imported submissions. The studies, informants
// and identities are studies_store.h's, which builds on this.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/status_macros.h"
#include "store/generic/backend.h"
#include "store/generic/codings_store.h"
#include "store/generic/interview_rows.h"
#include "store/generic/study_rows.h"
#include "store/generic/study_submissions.h"
#include "store/studies.h"

namespace moteplass::generic {
namespace interviews_sql {

// Interviews: SELECT gives id, study, data, version, created_at, updated_at, NULL.
constexpr const char* kSelectInterview =
    "SELECT id, study, data, version, created_at, updated_at, CAST(NULL AS TEXT) FROM interviews WHERE id = ?";
constexpr const char* kInterviewsOf =
    "SELECT id, study, data, version, created_at, updated_at, CAST(NULL AS TEXT) FROM interviews WHERE study = ? ORDER "
    "BY id";
constexpr const char* kInterviewsAt =
    "SELECT id, study, data, version, created_at, updated_at, CAST(NULL AS TEXT) FROM interviews WHERE study = ? AND "
    "meeting_place = ? ORDER BY id";
constexpr const char* kUnplacedInterviewsOf =
    "SELECT id, study, data, version, created_at, updated_at, CAST(NULL AS TEXT) FROM interviews WHERE informant = ? "
    "AND study = ? AND meeting_place IS NULL ORDER BY id";
constexpr const char* kDeleteInterview = "DELETE FROM interviews WHERE id = ?";
constexpr const char* kInterviewIdsOfInformant = "SELECT id FROM interviews WHERE informant = ?";
constexpr const char* kDeleteInterviewsOfInformant = "DELETE FROM interviews WHERE informant = ?";
constexpr const char* kInterviewIdsOfStudy = "SELECT id FROM interviews WHERE study = ?";
constexpr const char* kDeleteInterviewsOfStudy = "DELETE FROM interviews WHERE study = ?";

}  // namespace interviews_sql

template <Backend B>
class InterviewsStoreOn : public CodingsStoreOn<B> {
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;
  using Rows = StudyRows<B>;

 public:
  explicit InterviewsStoreOn(typename B::Database& db) : CodingsStoreOn<B>(db), db_(db) {}

  // ---- Interviews --------------------------------------------------------------------------

  Result<StudyRecord> CreateInterview(std::int64_t study, const nlohmann::json& data,
                                      const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(LiveInformantOf(c, study, data));
      ASSIGN_OR_RETURN(id, Rows::NextId(c, B::Sql(interview_rows::kNextId)));
      Statement s(c, B::Sql(interview_rows::kInsert));
      s.Bind(id).Bind(study).Bind(data["informant"].template get<std::int64_t>());
      s.Bind(interview_rows::MeetingPlaceOf(data)).Bind(data.dump());
      s.Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("interview", std::to_string(id), "create", AnswerChanges(nlohmann::json::object(), data));
    }));
    return GetInterview(id);
  }

  Result<StudyRecord> UpdateInterview(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before,
                       Rows::ForWrite(c, B::Sql(interviews_sql::kSelectInterview), "interview", id, ctx));
      RETURN_IF_ERROR(LiveInformantOf(c, before.study, data));
      if (before.data == data) return {};
      Statement s(c, B::Sql(interview_rows::kUpdate));
      s.Bind(data.dump()).Bind(data["informant"].template get<std::int64_t>());
      s.Bind(interview_rows::MeetingPlaceOf(data)).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("interview", std::to_string(id), "update", AnswerChanges(before.data, data));
    }));
    return GetInterview(id);
  }

  Status DeleteInterview(std::int64_t id, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(Rows::ForWrite(c, B::Sql(interviews_sql::kSelectInterview), "interview", id, ctx));
      Statement s(c, B::Sql(interviews_sql::kDeleteInterview));
      s.Bind(id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(Rows::Forget(c, "interview", id));
      RETURN_IF_ERROR(DetachSubmissions<B>(c, id));
      return w.Record("interview", std::to_string(id), "erase", {});
    });
  }

  Result<StudyRecord> GetInterview(std::int64_t id) override {
    return B::Read(
        db_, [&](Connection& c) { return Rows::One(c, B::Sql(interviews_sql::kSelectInterview), "interview", id); });
  }

  Result<std::vector<StudyRecord>> ListInterviews(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Rows::Records(c, B::Sql(interviews_sql::kInterviewsOf), study); });
  }

  Result<std::vector<StudyRecord>> ListInterviewsAt(std::int64_t study, std::int64_t meeting_place,
                                                    const std::vector<std::int64_t>& informants) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<StudyRecord>> {
      std::vector<StudyRecord> out;
      {
        Statement s(c, B::Sql(interviews_sql::kInterviewsAt));
        s.Bind(study).Bind(meeting_place);
        ASSIGN_OR_RETURN(out, Rows::Collect(s));
      }
      // The given informants and everyone interviewed about the meeting place.
      std::set<std::int64_t> who(informants.begin(), informants.end());
      for (const StudyRecord& r : out) who.insert(r.data.value("informant", std::int64_t{0}));
      for (std::int64_t informant : who) {
        Statement s(c, B::Sql(interviews_sql::kUnplacedInterviewsOf));
        s.Bind(informant).Bind(study);
        ASSIGN_OR_RETURN(std::vector<StudyRecord> more, Rows::Collect(s));
        for (StudyRecord& r : more) out.push_back(std::move(r));
      }
      std::sort(out.begin(), out.end(), [](const StudyRecord& a, const StudyRecord& b) { return a.id < b.id; });
      out.erase(
          std::unique(out.begin(), out.end(), [](const StudyRecord& a, const StudyRecord& b) { return a.id == b.id; }),
          out.end());
      return out;
    });
  }

 protected:
  // Deletes the interviews `ids_sql` lists for `key`, with their history.
  static Status EraseInterviews(Connection& c, const std::string& ids_sql, const std::string& delete_sql,
                                std::int64_t key) {
    std::vector<std::int64_t> ids;
    {
      Statement s(c, ids_sql);
      s.Bind(key);
      for (;;) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        ids.push_back(s.Int(0));
      }
    }
    for (std::int64_t id : ids) {
      RETURN_IF_ERROR(Rows::Forget(c, "interview", id));
      RETURN_IF_ERROR(DetachSubmissions<B>(c, id));
    }
    Statement s(c, delete_sql);
    s.Bind(key);
    return s.Run();
  }

 private:
  // The interview's informant: one of the study's, not withdrawn; kInvalid (pointer /informant)
  // otherwise, so that an interview for another study's informant is refused.
  static Status LiveInformantOf(Connection& c, std::int64_t study, const nlohmann::json& data) {
    const std::int64_t informant = data.value("informant", std::int64_t{0});
    Result<StudyRecord> found = Rows::One(c, B::Sql(study_rows_sql::kSelectInformant), "informant", informant);
    if (!found.ok() && found.error().code != ErrorCode::kNotFound) return found.error();
    if (!found.ok() || found->study != study || found->withdrawn) {
      return Error::Invalid("no informant of this study has the id " + std::to_string(informant), "/informant");
    }
    return {};
  }

  // The history of an interview: its fields, and which answers changed (never what was said).
  static std::vector<FieldChange> AnswerChanges(const nlohmann::json& before, const nlohmann::json& after) {
    nlohmann::json b = before, a = after;
    b.erase("answers");
    a.erase("answers");
    std::vector<FieldChange> out = Rows::Changes(b, a);
    std::map<std::string, nlohmann::json> old;
    for (const nlohmann::json& x : before.value("answers", nlohmann::json::array()))
      old[x["question"].template get<std::string>()] = x;
    for (const nlohmann::json& x : after.value("answers", nlohmann::json::array())) {
      auto it = old.find(x["question"].template get<std::string>());
      if (it == old.end() || it->second != x)
        out.push_back(FieldChange{"/answers/" + x["question"].template get<std::string>(), nullptr, nullptr});
      if (it != old.end()) old.erase(it);
    }
    for (const auto& [q, x] : old) out.push_back(FieldChange{"/answers/" + q, nullptr, nullptr});
    return out;
  }

  typename B::Database& db_;
};

}  // namespace moteplass::generic
