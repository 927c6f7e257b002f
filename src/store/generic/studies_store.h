// StudiesStore (store/studies.h) written once for both databases (store/generic/backend.h): the
// SQL (bound by position, in the order written here; SQLite migration 0013, PostgreSQL 0008), the
// row mapping and the rules of each write, for guides, studies, informants and identities. The
// interviews are interviews_store.h's and the codings codings_store.h's, which this builds on; the
// rows they share are study_rows.h's.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/status_macros.h"
#include "store/generic/backend.h"
#include "store/generic/interviews_store.h"
#include "store/generic/study_rows.h"
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

}  // namespace studies_sql

template <Backend B>
class StudiesStoreOn final : public InterviewsStoreOn<B> {
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;
  using Rows = StudyRows<B>;

 public:
  explicit StudiesStoreOn(typename B::Database& db) : InterviewsStoreOn<B>(db), db_(db) {}

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
      ASSIGN_OR_RETURN(id, Rows::NextId(c, B::Sql(studies_sql::kNextStudyId)));
      Statement s(c, B::Sql(studies_sql::kInsertStudy));
      s.Bind(id).Bind(data.dump()).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("study", std::to_string(id), "create", Rows::Changes(nlohmann::json::object(), data));
    }));
    return GetStudy(id);
  }

  Result<StudyRecord> UpdateStudy(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, Rows::ForWrite(c, B::Sql(studies_sql::kSelectStudy), "study", id, ctx));
      if (before.data == data) return {};
      Statement s(c, B::Sql(studies_sql::kUpdateStudy));
      s.Bind(data.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("study", std::to_string(id), "update", Rows::Changes(before.data, data));
    }));
    return GetStudy(id);
  }

  Status DeleteStudy(std::int64_t id, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(Rows::ForWrite(c, B::Sql(studies_sql::kSelectStudy), "study", id, ctx));
      ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, Rows::Records(c, B::Sql(studies_sql::kInformantsOf), id));
      for (const StudyRecord& i : informants) RETURN_IF_ERROR(Rows::Forget(c, "informant", i.id));
      RETURN_IF_ERROR(this->EraseInterviews(c, B::Sql(interviews_sql::kInterviewIdsOfStudy),
                                            B::Sql(interviews_sql::kDeleteInterviewsOfStudy), id));
      for (const std::string& sql : {B::Sql(studies_sql::kDeleteIdentitiesOf), B::Sql(studies_sql::kDeleteInformantsOf),
                                     B::Sql(studies_sql::kDeleteStudy)}) {
        Statement s(c, sql);
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(Rows::Forget(c, "study", id));
      return w.Record("study", std::to_string(id), "erase", {});
    });
  }

  Result<StudyRecord> GetStudy(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return Rows::One(c, B::Sql(studies_sql::kSelectStudy), "study", id); });
  }

  Result<std::vector<StudyRecord>> ListStudies() override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<StudyRecord>> {
      Statement s(c, B::Sql(studies_sql::kListStudies));
      return Rows::Collect(s);
    });
  }

  // ---- Informants --------------------------------------------------------------------------

  Result<StudyRecord> CreateInformant(std::int64_t study, const nlohmann::json& data,
                                      const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(Rows::One(c, B::Sql(studies_sql::kSelectStudy), "study", study));
      ASSIGN_OR_RETURN(id, Rows::NextId(c, B::Sql(studies_sql::kNextInformantId)));
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
      return w.Record("informant", std::to_string(id), "create", Rows::Changes(nlohmann::json::object(), doc));
    }));
    return GetInformant(id);
  }

  Result<StudyRecord> UpdateInformant(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before,
                       Rows::ForWrite(c, B::Sql(study_rows_sql::kSelectInformant), "informant", id, ctx));
      if (before.withdrawn) return Rows::NoSuch("informant", id);
      nlohmann::json doc = data;
      doc["pseudonym"] = before.data["pseudonym"];
      doc["withdrawn"] = nullptr;
      if (before.data == doc) return {};
      Statement s(c, B::Sql(studies_sql::kUpdateInformant));
      s.Bind(doc.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("informant", std::to_string(id), "update", Rows::Changes(before.data, doc));
    }));
    return GetInformant(id);
  }

  Status WithdrawInformant(std::int64_t id, const std::string& date, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before,
                       Rows::ForWrite(c, B::Sql(study_rows_sql::kSelectInformant), "informant", id, ctx));
      if (before.withdrawn) return Rows::NoSuch("informant", id);
      ASSIGN_OR_RETURN(nlohmann::json submissions, SubmissionsOf<B>(c, id));
      const nlohmann::json tombstone = {
          {"pseudonym", before.data["pseudonym"]}, {"withdrawn", date}, {"submissions", submissions}};
      {
        Statement s(c, B::Sql(studies_sql::kDeleteIdentity));
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(this->EraseInterviews(c, B::Sql(interviews_sql::kInterviewIdsOfInformant),
                                            B::Sql(interviews_sql::kDeleteInterviewsOfInformant), id));
      Statement s(c, B::Sql(studies_sql::kWithdrawInformant));
      s.Bind(tombstone.dump()).Bind(date).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(Rows::Forget(c, "informant", id));
      return w.Record("informant", std::to_string(id), "withdraw", {});
    });
  }

  Result<StudyRecord> GetInformant(std::int64_t id) override {
    return B::Read(
        db_, [&](Connection& c) { return Rows::One(c, B::Sql(study_rows_sql::kSelectInformant), "informant", id); });
  }

  Result<std::vector<StudyRecord>> ListInformants(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Rows::Records(c, B::Sql(studies_sql::kInformantsOf), study); });
  }

  // ---- Identities --------------------------------------------------------------------------

  Status PutIdentity(std::int64_t informant, const std::string& sealed, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord i, Rows::One(c, B::Sql(study_rows_sql::kSelectInformant), "informant", informant));
      if (i.withdrawn) return Rows::NoSuch("informant", informant);
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

 private:
  static std::string PseudonymOf(std::int64_t n) {
    std::string digits = std::to_string(n);
    if (digits.size() < 2) digits.insert(0, 2 - digits.size(), '0');
    return "I-" + digits;
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
