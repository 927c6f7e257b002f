// StudiesStore::ImportSubmissions (store/studies.h) written once for both databases: the
// submissions imported from KoboToolbox or ODK (table study_submissions, SQLite migration 0017,
// PostgreSQL 0012) and the interviews they become, in one transaction.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status_macros.h"
#include "core/studies/interview.h"
#include "store/generic/backend.h"
#include "store/generic/interview_rows.h"
#include "store/study_submissions.h"

namespace moteplass::generic {
namespace submissions_sql {

constexpr const char* kInformant = "SELECT study, withdrawn FROM informants WHERE id = ?";
constexpr const char* kFind =
    "SELECT informant, interview, marker FROM study_submissions WHERE study = ? AND submission = ?";
constexpr const char* kInterview = "SELECT data FROM interviews WHERE id = ? AND study = ?";
constexpr const char* kInsert =
    "INSERT INTO study_submissions (study, submission, informant, interview, marker, imported_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE study_submissions SET informant = ?, marker = ?, imported_at = ? WHERE study = ? AND submission = ?";
constexpr const char* kDetach = "UPDATE study_submissions SET interview = NULL WHERE interview = ?";
constexpr const char* kOfInformant = "SELECT submission FROM study_submissions WHERE informant = ? ORDER BY submission";

}  // namespace submissions_sql

// The submission ids imported for an informant, for its tombstone.
template <Backend B>
Result<nlohmann::json> SubmissionsOf(typename B::Connection& c, std::int64_t informant) {
  typename B::Statement s(c, B::Sql(submissions_sql::kOfInformant));
  s.Bind(informant);
  nlohmann::json out = nlohmann::json::array();
  for (;;) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(s.Text(0));
  }
}

// Forgets which interview a submission became, when the interview is erased (its id may be
// given again).
template <Backend B>
Status DetachSubmissions(typename B::Connection& c, std::int64_t interview) {
  typename B::Statement s(c, B::Sql(submissions_sql::kDetach));
  s.Bind(interview);
  return s.Run();
}

// The history of an interview's import: its fields, and which answers changed (never what was said).
inline std::vector<FieldChange> ImportedAnswerChanges(const nlohmann::json& before, const nlohmann::json& after) {
  std::vector<FieldChange> out;
  for (const auto& [key, value] : after.items()) {
    if (key == "answers") continue;
    const nlohmann::json old = before.contains(key) ? before[key] : nlohmann::json();
    if (old != value) out.push_back(FieldChange{"/" + key, old, value});
  }
  std::map<std::string, nlohmann::json> old;
  for (const nlohmann::json& a : before.value("answers", nlohmann::json::array()))
    old[a["question"].get<std::string>()] = a;
  for (const nlohmann::json& a : after.value("answers", nlohmann::json::array())) {
    auto it = old.find(a["question"].get<std::string>());
    if (it == old.end() || it->second != a)
      out.push_back(FieldChange{"/answers/" + a["question"].get<std::string>(), nullptr, nullptr});
    if (it != old.end()) old.erase(it);
  }
  for (const auto& [q, a] : old) out.push_back(FieldChange{"/answers/" + q, nullptr, nullptr});
  return out;
}

template <Backend B>
Result<std::vector<SubmissionOutcome>> ImportSubmissionsOn(typename B::Database& db, std::int64_t study,
                                                           const std::vector<SubmissionImport>& items,
                                                           const WriteContext& ctx) {
  using Statement = typename B::Statement;
  using Connection = typename B::Connection;
  std::vector<SubmissionOutcome> out;
  // Whether an informant withdrew; kInvalid when it is not one of the study's.
  auto withdrawn = [&](Connection& c, std::int64_t informant) -> Result<bool> {
    Statement s(c, B::Sql(submissions_sql::kInformant));
    s.Bind(informant);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row || s.Int(0) != study) {
      return Error::Invalid("no informant of this study has the id " + std::to_string(informant), "/informant");
    }
    return !s.IsNull(1);
  };
  RETURN_IF_ERROR(db.Write(ctx, [&](typename B::WriteScope& w) -> Status {
    Connection& c = w.connection();
    out.clear();
    for (const SubmissionImport& item : items) {
      const std::int64_t informant = item.informant;
      ASSIGN_OR_RETURN(bool gone, withdrawn(c, informant));
      if (gone) {
        out.push_back(SubmissionOutcome::kWithdrawn);
        continue;
      }
      std::int64_t was_informant = 0, interview = 0;
      std::string marker;
      bool seen = false, erased = false;
      {
        Statement s(c, B::Sql(submissions_sql::kFind));
        s.Bind(study).Bind(item.submission);
        ASSIGN_OR_RETURN(seen, s.Step());
        if (seen) {
          was_informant = s.Int(0);
          erased = s.IsNull(1);
          interview = erased ? 0 : s.Int(1);
          marker = s.Text(2);
        }
      }
      if (seen) {
        ASSIGN_OR_RETURN(bool was_gone, withdrawn(c, was_informant));
        if (was_gone) {
          out.push_back(SubmissionOutcome::kWithdrawn);
          continue;
        }
        nlohmann::json before;
        if (!erased) {
          Statement s(c, B::Sql(submissions_sql::kInterview));
          s.Bind(interview).Bind(study);
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (row) before = nlohmann::json::parse(s.Text(0), nullptr, false);
          erased = !row || !before.is_object();
        }
        if (erased) {
          out.push_back(SubmissionOutcome::kErased);
          continue;
        }
        if (!marker.empty() && !item.marker.empty() && item.marker < marker) {
          out.push_back(SubmissionOutcome::kOlder);
          continue;
        }
        nlohmann::json doc = item.interview;
        studies::Revise(before, doc);
        if (doc == before) {
          out.push_back(SubmissionOutcome::kUnchanged);
          continue;
        }
        {
          Statement s(c, B::Sql(interview_rows::kUpdate));
          s.Bind(doc.dump()).Bind(informant).Bind(interview_rows::MeetingPlaceOf(doc)).Bind(w.now()).Bind(interview);
          RETURN_IF_ERROR(s.Run());
        }
        {
          Statement s(c, B::Sql(submissions_sql::kUpdate));
          s.Bind(informant).Bind(item.marker).Bind(w.now()).Bind(study).Bind(item.submission);
          RETURN_IF_ERROR(s.Run());
        }
        RETURN_IF_ERROR(w.Record("interview", std::to_string(interview), "update", ImportedAnswerChanges(before, doc)));
        out.push_back(SubmissionOutcome::kRevised);
        continue;
      }
      {
        Statement s(c, B::Sql(interview_rows::kNextId));
        ASSIGN_OR_RETURN(bool row, s.Step());
        interview = row ? s.Int(0) : 1;
      }
      nlohmann::json doc = item.interview;
      studies::Revise(nlohmann::json::object(), doc);
      {
        Statement s(c, B::Sql(interview_rows::kInsert));
        s.Bind(interview).Bind(study).Bind(informant).Bind(interview_rows::MeetingPlaceOf(doc)).Bind(doc.dump());
        s.Bind(w.now()).Bind(w.now());
        RETURN_IF_ERROR(s.Run());
      }
      {
        Statement s(c, B::Sql(submissions_sql::kInsert));
        s.Bind(study).Bind(item.submission).Bind(informant).Bind(interview).Bind(item.marker).Bind(w.now());
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(w.Record("interview", std::to_string(interview), "create",
                               ImportedAnswerChanges(nlohmann::json::object(), doc)));
      out.push_back(SubmissionOutcome::kCreated);
    }
    return {};
  }));
  return out;
}

}  // namespace moteplass::generic
