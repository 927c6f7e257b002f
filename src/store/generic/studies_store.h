// StudiesStore (store/studies.h) written once for both databases (store/generic/backend.h): the
// SQL (bound by position, in the order written here; SQLite migration 0013, PostgreSQL 0008), the
// row mapping and the rules of each write.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/status_macros.h"
#include "store/generic/backend.h"
#include "store/generic/codings_store.h"
#include "store/generic/interview_rows.h"
#include "store/generic/study_submissions.h"
#include "store/studies.h"

namespace moteplass::generic {
namespace studies_sql {

// Every guide SELECT gives: guide, version, document, created_at, created_by.
constexpr const char* kLatestGuides =
    "SELECT g.guide, g.version, g.document, g.created_at, g.created_by FROM guide_versions g "
    "WHERE g.version = (SELECT MAX(version) FROM guide_versions WHERE guide = g.guide) ORDER BY g.guide";
constexpr const char* kLatestGuide =
    "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = ? "
    "ORDER BY version DESC LIMIT 1";
constexpr const char* kGuideVersion =
    "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = ? AND version = ?";
constexpr const char* kGuideVersions =
    "SELECT guide, version, document, created_at, created_by FROM guide_versions WHERE guide = ? ORDER BY version";
constexpr const char* kInsertGuide =
    "INSERT INTO guide_versions (guide, version, document, created_at, created_by) VALUES (?, ?, ?, ?, ?)";
// Every study and informant SELECT gives: id, study, data, version, created_at, updated_at,
// withdrawn.
constexpr const char* kNextStudyId = "SELECT COALESCE(MAX(id), 0) + 1 FROM studies";
constexpr const char* kInsertStudy = "INSERT INTO studies (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)";
constexpr const char* kSelectStudy =
    "SELECT id, 0, data, version, created_at, updated_at, CAST(NULL AS TEXT) FROM studies WHERE id = ?";
constexpr const char* kListStudies =
    "SELECT id, 0, data, version, created_at, updated_at, CAST(NULL AS TEXT) FROM studies ORDER BY id";
constexpr const char* kUpdateStudy = "UPDATE studies SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kDeleteStudy = "DELETE FROM studies WHERE id = ?";
constexpr const char* kDeleteInformantsOf = "DELETE FROM informants WHERE study = ?";
constexpr const char* kDeleteIdentitiesOf =
    "DELETE FROM informant_identities WHERE informant IN (SELECT id FROM informants WHERE study = ?)";
constexpr const char* kNextInformantId = "SELECT COALESCE(MAX(id), 0) + 1 FROM informants";
constexpr const char* kNextInformantNumber = "SELECT COALESCE(MAX(number), 0) + 1 FROM informants WHERE study = ?";
constexpr const char* kInsertInformant =
    "INSERT INTO informants (id, study, number, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kSelectInformant =
    "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE id = ?";
constexpr const char* kInformantsOf =
    "SELECT id, study, data, version, created_at, updated_at, withdrawn FROM informants WHERE study = ? "
    "ORDER BY number";
constexpr const char* kUpdateInformant =
    "UPDATE informants SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kWithdrawInformant =
    "UPDATE informants SET data = ?, withdrawn = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kPutIdentity =
    "INSERT INTO informant_identities (informant, sealed, created_at, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (informant) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at";
constexpr const char* kSelectIdentity = "SELECT sealed FROM informant_identities WHERE informant = ?";
constexpr const char* kDeleteIdentity = "DELETE FROM informant_identities WHERE informant = ?";
constexpr const char* kIdentitiesOf =
    "SELECT informant FROM informant_identities WHERE informant IN (SELECT id FROM informants WHERE study = ?) "
    "ORDER BY informant";
constexpr const char* kForgetHistory = "DELETE FROM history WHERE entity_type = ? AND entity_id = ?";
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

}  // namespace studies_sql

template <Backend B>
class StudiesStoreOn final : public CodingsStoreOn<B> {
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;

 public:
  explicit StudiesStoreOn(typename B::Database& db) : CodingsStoreOn<B>(db), db_(db) {}

  Result<std::vector<GuideVersion>> LatestGuides() override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<GuideVersion>> {
      Statement s(c, B::Sql(studies_sql::kLatestGuides));
      return Guides(s);
    });
  }

  Result<GuideVersion> GetGuide(const std::string& guide, std::int64_t version) override {
    return B::Read(db_, [&](Connection& c) { return ReadGuide(c, guide, version); });
  }

  Result<std::vector<GuideVersion>> GuideVersions(const std::string& guide) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<GuideVersion>> {
      Statement s(c, B::Sql(studies_sql::kGuideVersions));
      s.Bind(guide);
      return Guides(s);
    });
  }

  Result<GuideVersion> AddGuideVersion(const nlohmann::json& document, const WriteContext& ctx,
                                       bool* created) override {
    const std::string id = document.value("id", std::string());
    std::int64_t version = 0;
    bool added = false;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      Result<GuideVersion> latest = ReadGuide(c, id, 0);
      if (latest.ok() && latest->document == document) {
        version = latest->version;
        return {};
      }
      if (!latest.ok() && latest.error().code != ErrorCode::kNotFound) return latest.error();
      version = latest.ok() ? latest->version + 1 : 1;
      Statement s(c, B::Sql(studies_sql::kInsertGuide));
      s.Bind(id).Bind(version).Bind(document.dump()).Bind(w.now()).Bind(w.context().by);
      RETURN_IF_ERROR(s.Run());
      added = true;
      return w.Record(
          "guide", id, "version",
          {FieldChange{"/version", latest.ok() ? nlohmann::json(latest->version) : nlohmann::json(), version}});
    }));
    if (created != nullptr) *created = added;
    return GetGuide(id, version);
  }

  Result<std::vector<SubmissionOutcome>> ImportSubmissions(std::int64_t study,
                                                           const std::vector<SubmissionImport>& items,
                                                           const WriteContext& ctx) override {
    return ImportSubmissionsOn<B>(db_, study, items, ctx);
  }

  // ---- Studies -----------------------------------------------------------------------------

  Result<StudyRecord> CreateStudy(const nlohmann::json& data, const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(id, NextId(c, B::Sql(studies_sql::kNextStudyId)));
      Statement s(c, B::Sql(studies_sql::kInsertStudy));
      s.Bind(id).Bind(data.dump()).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("study", std::to_string(id), "create", Changes(nlohmann::json::object(), data));
    }));
    return GetStudy(id);
  }

  Result<StudyRecord> UpdateStudy(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::Sql(studies_sql::kSelectStudy), "study", id, ctx));
      if (before.data == data) return {};
      Statement s(c, B::Sql(studies_sql::kUpdateStudy));
      s.Bind(data.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("study", std::to_string(id), "update", Changes(before.data, data));
    }));
    return GetStudy(id);
  }

  Status DeleteStudy(std::int64_t id, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(ForWrite(c, B::Sql(studies_sql::kSelectStudy), "study", id, ctx));
      ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, Records(c, B::Sql(studies_sql::kInformantsOf), id));
      for (const StudyRecord& i : informants) RETURN_IF_ERROR(Forget(c, "informant", i.id));
      RETURN_IF_ERROR(EraseInterviews(c, B::Sql(studies_sql::kInterviewIdsOfStudy),
                                      B::Sql(studies_sql::kDeleteInterviewsOfStudy), id));
      for (const std::string& sql : {B::Sql(studies_sql::kDeleteIdentitiesOf), B::Sql(studies_sql::kDeleteInformantsOf),
                                     B::Sql(studies_sql::kDeleteStudy)}) {
        Statement s(c, sql);
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(Forget(c, "study", id));
      return w.Record("study", std::to_string(id), "erase", {});
    });
  }

  Result<StudyRecord> GetStudy(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return One(c, B::Sql(studies_sql::kSelectStudy), "study", id); });
  }

  Result<std::vector<StudyRecord>> ListStudies() override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<StudyRecord>> {
      Statement s(c, B::Sql(studies_sql::kListStudies));
      return Collect(s);
    });
  }

  // ---- Informants --------------------------------------------------------------------------

  Result<StudyRecord> CreateInformant(std::int64_t study, const nlohmann::json& data,
                                      const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(One(c, B::Sql(studies_sql::kSelectStudy), "study", study));
      ASSIGN_OR_RETURN(id, NextId(c, B::Sql(studies_sql::kNextInformantId)));
      std::int64_t number = 0;
      {
        Statement n(c, B::Sql(studies_sql::kNextInformantNumber));
        n.Bind(study);
        ASSIGN_OR_RETURN(bool row, n.Step());
        number = row ? n.Int(0) : 1;
      }
      nlohmann::json doc = data;
      doc["pseudonym"] = PseudonymOf(number);
      doc["withdrawn"] = nullptr;
      Statement s(c, B::Sql(studies_sql::kInsertInformant));
      s.Bind(id).Bind(study).Bind(number).Bind(doc.dump()).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("informant", std::to_string(id), "create", Changes(nlohmann::json::object(), doc));
    }));
    return GetInformant(id);
  }

  Result<StudyRecord> UpdateInformant(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::Sql(studies_sql::kSelectInformant), "informant", id, ctx));
      if (before.withdrawn) return NoSuch("informant", id);
      nlohmann::json doc = data;
      doc["pseudonym"] = before.data["pseudonym"];
      doc["withdrawn"] = nullptr;
      if (before.data == doc) return {};
      Statement s(c, B::Sql(studies_sql::kUpdateInformant));
      s.Bind(doc.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("informant", std::to_string(id), "update", Changes(before.data, doc));
    }));
    return GetInformant(id);
  }

  Status WithdrawInformant(std::int64_t id, const std::string& date, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::Sql(studies_sql::kSelectInformant), "informant", id, ctx));
      if (before.withdrawn) return NoSuch("informant", id);
      ASSIGN_OR_RETURN(nlohmann::json submissions, SubmissionsOf<B>(c, id));
      const nlohmann::json tombstone = {
          {"pseudonym", before.data["pseudonym"]}, {"withdrawn", date}, {"submissions", submissions}};
      {
        Statement s(c, B::Sql(studies_sql::kDeleteIdentity));
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(EraseInterviews(c, B::Sql(studies_sql::kInterviewIdsOfInformant),
                                      B::Sql(studies_sql::kDeleteInterviewsOfInformant), id));
      Statement s(c, B::Sql(studies_sql::kWithdrawInformant));
      s.Bind(tombstone.dump()).Bind(date).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(Forget(c, "informant", id));
      return w.Record("informant", std::to_string(id), "withdraw", {});
    });
  }

  Result<StudyRecord> GetInformant(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return One(c, B::Sql(studies_sql::kSelectInformant), "informant", id); });
  }

  Result<std::vector<StudyRecord>> ListInformants(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Records(c, B::Sql(studies_sql::kInformantsOf), study); });
  }

  // ---- Identities --------------------------------------------------------------------------

  Status PutIdentity(std::int64_t informant, const std::string& sealed, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord i, One(c, B::Sql(studies_sql::kSelectInformant), "informant", informant));
      if (i.withdrawn) return NoSuch("informant", informant);
      Statement s(c, B::Sql(studies_sql::kPutIdentity));
      s.Bind(informant).Bind(sealed).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("identity", std::to_string(informant), "write");
    });
  }

  Result<std::string> GetIdentity(std::int64_t informant) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::string> {
      Statement s(c, B::Sql(studies_sql::kSelectIdentity));
      s.Bind(informant);
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return Error::NotFound("no identity is recorded for the informant " + std::to_string(informant));
      return s.Text(0);
    });
  }

  Status DeleteIdentity(std::int64_t informant, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      {
        Statement s(c, B::Sql(studies_sql::kSelectIdentity));
        s.Bind(informant);
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) return Error::NotFound("no identity is recorded for the informant " + std::to_string(informant));
      }
      Statement s(c, B::Sql(studies_sql::kDeleteIdentity));
      s.Bind(informant);
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("identity", std::to_string(informant), "erase");
    });
  }

  Result<std::int64_t> EraseIdentitiesOf(std::int64_t study, const WriteContext& ctx) override {
    std::int64_t erased = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      std::vector<std::int64_t> ids;
      {
        Statement s(c, B::Sql(studies_sql::kIdentitiesOf));
        s.Bind(study);
        for (;;) {
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          ids.push_back(s.Int(0));
        }
      }
      for (std::int64_t id : ids) {
        Statement s(c, B::Sql(studies_sql::kDeleteIdentity));
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
        RETURN_IF_ERROR(w.AuditOnly("identity", std::to_string(id), "erase"));
      }
      erased = static_cast<std::int64_t>(ids.size());
      return {};
    }));
    return erased;
  }

  // ---- Interviews --------------------------------------------------------------------------

  Result<StudyRecord> CreateInterview(std::int64_t study, const nlohmann::json& data,
                                      const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(LiveInformantOf(c, study, data));
      ASSIGN_OR_RETURN(id, NextId(c, B::Sql(interview_rows::kNextId)));
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
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::Sql(studies_sql::kSelectInterview), "interview", id, ctx));
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
      RETURN_IF_ERROR(ForWrite(c, B::Sql(studies_sql::kSelectInterview), "interview", id, ctx));
      Statement s(c, B::Sql(studies_sql::kDeleteInterview));
      s.Bind(id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(Forget(c, "interview", id));
      RETURN_IF_ERROR(DetachSubmissions<B>(c, id));
      return w.Record("interview", std::to_string(id), "erase", {});
    });
  }

  Result<StudyRecord> GetInterview(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return One(c, B::Sql(studies_sql::kSelectInterview), "interview", id); });
  }

  Result<std::vector<StudyRecord>> ListInterviews(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Records(c, B::Sql(studies_sql::kInterviewsOf), study); });
  }

  Result<std::vector<StudyRecord>> ListInterviewsAt(std::int64_t study, std::int64_t meeting_place,
                                                    const std::vector<std::int64_t>& informants) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<StudyRecord>> {
      std::vector<StudyRecord> out;
      {
        Statement s(c, B::Sql(studies_sql::kInterviewsAt));
        s.Bind(study).Bind(meeting_place);
        ASSIGN_OR_RETURN(out, Collect(s));
      }
      // The given informants and everyone interviewed about the meeting place.
      std::set<std::int64_t> who(informants.begin(), informants.end());
      for (const StudyRecord& r : out) who.insert(r.data.value("informant", std::int64_t{0}));
      for (std::int64_t informant : who) {
        Statement s(c, B::Sql(studies_sql::kUnplacedInterviewsOf));
        s.Bind(informant).Bind(study);
        ASSIGN_OR_RETURN(std::vector<StudyRecord> more, Collect(s));
        for (StudyRecord& r : more) out.push_back(std::move(r));
      }
      std::sort(out.begin(), out.end(), [](const StudyRecord& a, const StudyRecord& b) { return a.id < b.id; });
      out.erase(
          std::unique(out.begin(), out.end(), [](const StudyRecord& a, const StudyRecord& b) { return a.id == b.id; }),
          out.end());
      return out;
    });
  }

 private:
  // The interview's informant: one of the study's, not withdrawn; kInvalid (pointer /informant)
  // otherwise, so that an interview for another study's informant is refused.
  static Status LiveInformantOf(Connection& c, std::int64_t study, const nlohmann::json& data) {
    const std::int64_t informant = data.value("informant", std::int64_t{0});
    Result<StudyRecord> found = One(c, B::Sql(studies_sql::kSelectInformant), "informant", informant);
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
    std::vector<FieldChange> out = Changes(b, a);
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

  static std::string PseudonymOf(std::int64_t n) {
    std::string digits = std::to_string(n);
    if (digits.size() < 2) digits.insert(0, 2 - digits.size(), '0');
    return "I-" + digits;
  }

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
      RETURN_IF_ERROR(Forget(c, "interview", id));
      RETURN_IF_ERROR(DetachSubmissions<B>(c, id));
    }
    Statement s(c, delete_sql);
    s.Bind(key);
    return s.Run();
  }

  // Removes a record's history: erasure leaves no content behind.
  static Status Forget(Connection& c, const std::string& type, std::int64_t id) {
    Statement s(c, B::Sql(studies_sql::kForgetHistory));
    s.Bind(type).Bind(std::to_string(id));
    return s.Run();
  }

  static Result<GuideVersion> GuideFromRow(const Statement& s) {
    GuideVersion g;
    g.guide = s.Text(0);
    g.version = s.Int(1);
    g.document = nlohmann::json::parse(s.Text(2), nullptr, false);
    if (g.document.is_discarded()) return Error::Internal("database: a stored guide is not JSON");
    g.created_at = s.Text(3);
    g.created_by = s.Text(4);
    return g;
  }

  static Result<std::vector<GuideVersion>> Guides(Statement& s) {
    std::vector<GuideVersion> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return out;
      ASSIGN_OR_RETURN(GuideVersion g, GuideFromRow(s));
      out.push_back(std::move(g));
    }
  }

  static Result<GuideVersion> ReadGuide(Connection& c, const std::string& guide, std::int64_t version) {
    Statement s(c, version == 0 ? B::Sql(studies_sql::kLatestGuide) : B::Sql(studies_sql::kGuideVersion));
    s.Bind(guide);
    if (version != 0) s.Bind(version);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return Error::NotFound(version == 0 ? "no guide is called " + guide
                                          : "the guide " + guide + " has no version " + std::to_string(version));
    }
    return GuideFromRow(s);
  }

  typename B::Database& db_;
};

}  // namespace moteplass::generic
