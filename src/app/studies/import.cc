#include "app/studies/import.h"

#include <algorithm>
#include <functional>
#include <map>

#include "app/studies/guides.h"
#include "app/studies/studies.h"
#include "app/studies/workbook.h"
#include "core/status_macros.h"
#include "core/studies/answers_import.h"

namespace moteplass::app {
namespace {

using nlohmann::json;

Error Bad(const std::string& what) { return Error::Invalid(what, "", "answers"); }

std::string OutcomeText(SubmissionOutcome o) {
  switch (o) {
    case SubmissionOutcome::kCreated: return "created";
    case SubmissionOutcome::kRevised: return "revised";
    case SubmissionOutcome::kUnchanged: return "unchanged";
    case SubmissionOutcome::kOlder: return "skipped: older edit";
    case SubmissionOutcome::kWithdrawn: return "skipped: withdrawn";
    case SubmissionOutcome::kErased: return "skipped: erased";
  }
  return "";
}

}  // namespace

Result<studies::AnswerTable> ReadAnswerFile(std::string_view bytes) {
  if (!IsZip(bytes)) return studies::ReadAnswerCsv(bytes);
  if (IsWorkbook(bytes)) {
    ASSIGN_OR_RETURN(std::vector<studies::Sheet> sheets, ReadWorkbook(bytes));
    studies::AnswerTable t;
    const studies::Sheet& first = sheets.front();
    if (first.rows.empty()) return Bad("row 1: the sheet " + first.name + " is empty; expected a header row");
    t.header = first.rows[0];
    t.rows.assign(first.rows.begin() + 1, first.rows.end());
    return t;
  }
  auto entries = ReadZipEntries(bytes, ".csv");
  if (!entries.ok()) {
    Error e = entries.error();
    const std::string workbook = "not a workbook we can read";
    if (auto at = e.message.find(workbook); at != std::string::npos) {
      e.message.replace(at, workbook.size(), "not an archive we can read");
    }
    return e;
  }
  if (entries->empty()) return Bad("the archive holds no .csv file: expected ODK Central's export of the answers");
  auto first_csv = std::min_element(entries->begin(), entries->end(),
                                    [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
  auto table = studies::ReadAnswerCsv(first_csv->second);
  if (!table.ok()) {
    Error e = table.error();
    e.message = first_csv->first + ", " + e.message;
    return e;
  }
  return table;
}

Result<std::vector<ImportedRow>> ImportAnswers(Services& s, const Principal& who, std::int64_t study,
                                               std::string_view bytes) {
  const Action action = Action::kStudyInterview;
  const std::string target = std::to_string(study);
  ASSIGN_OR_RETURN(StudyAccess access, StudyFor(s, who, study));
  RETURN_IF_ERROR(Authorize(s, who, action, access.where, "study", target));
  std::vector<ImportedRow> rows;
  auto imported = [&]() -> Status {
    ASSIGN_OR_RETURN(studies::AnswerTable table, ReadAnswerFile(bytes));
    GuideDocuments guides(s);
    studies::RowErrors errors;
    ASSIGN_OR_RETURN(std::vector<studies::Submission> submissions,
                     studies::ReadSubmissions(table, std::ref(guides), &errors));

    // Tie each row to the study: its guide, its informant (by pseudonym; a tombstone keeps its
    // own), its meeting place (default: the informant's).
    ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, s.store.studies().ListInformants(study));
    std::map<std::string, const StudyRecord*> by_pseudonym;
    for (const StudyRecord& i : informants) by_pseudonym[i.data.value("pseudonym", std::string())] = &i;
    const json& study_guides = access.study.data["guides"];
    const json& places = access.study.data["meeting_places"];
    std::vector<SubmissionImport> items;
    auto fail = [&](const studies::Submission& sub, std::string_view column, const std::string& what) {
      errors.emplace_back(sub.row, studies::RowError(table, sub.row, column, what).message);
    };
    for (studies::Submission& sub : submissions) {
      const json guide = sub.interview["guide"];
      if (std::find(study_guides.begin(), study_guides.end(), guide) == study_guides.end()) {
        fail(sub, "moteplass_guide", "the study does not use the guide " + guide.get<std::string>());
        continue;
      }
      auto i = by_pseudonym.find(sub.informant);
      if (i == by_pseudonym.end()) {
        fail(sub, "informant",
             "no informant of the study is called " + sub.informant + "; add the informant (with consent) first");
        continue;
      }
      const StudyRecord& informant = *i->second;
      json doc = sub.interview;
      doc["informant"] = informant.id;
      if (!informant.withdrawn) {
        if (doc["meeting_place"].is_null()) doc["meeting_place"] = informant.data["meeting_place"];
        if (!doc["meeting_place"].is_null() &&
            std::find(places.begin(), places.end(), doc["meeting_place"]) == places.end()) {
          fail(sub, "meeting_place", "the meeting place " + doc["meeting_place"].dump() + " is not one of the study's");
          continue;
        }
      }
      items.push_back({sub.id, informant.id, sub.marker, doc});
      rows.push_back({sub.row, sub.id, sub.informant, ""});
    }
    if (!errors.empty()) return Bad(studies::RowErrorsText(std::move(errors)));
    ASSIGN_OR_RETURN(std::vector<SubmissionOutcome> outcomes,
                     s.store.studies().ImportSubmissions(study, items, WriteContext{AuthorOf(who), 0}));
    for (std::size_t k = 0; k < outcomes.size() && k < rows.size(); ++k) rows[k].outcome = OutcomeText(outcomes[k]);
    return {};
  }();
  if (!imported.ok()) return Outcome(s, who, action, "study", target, imported, false).error();
  return rows;
}

}  // namespace moteplass::app
