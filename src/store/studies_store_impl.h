// The one implementation of StudiesStore (store/studies.h), shared by the backends: the row
// mapping and the rules of each write. A backend gives a traits struct B with its types
// (B::Database, B::Connection, B::Statement, B::WriteScope), its SQL as named constants (bound
// by position, in the order written here), and B::Read(db, fn), which lends a read connection.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status_macros.h"
#include "store/studies.h"

namespace moteplass::store_impl {

template <class B>
class StudiesStoreImpl final : public StudiesStore {
  using Connection = typename B::Connection;
  using Statement = typename B::Statement;
  using WriteScope = typename B::WriteScope;

 public:
  explicit StudiesStoreImpl(typename B::Database& db) : db_(db) {}

  Result<std::vector<GuideVersion>> LatestGuides() override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<GuideVersion>> {
      Statement s(c, B::kLatestGuides);
      return Guides(s);
    });
  }

  Result<GuideVersion> GetGuide(const std::string& guide, std::int64_t version) override {
    return B::Read(db_, [&](Connection& c) { return ReadGuide(c, guide, version); });
  }

  Result<std::vector<GuideVersion>> GuideVersions(const std::string& guide) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<GuideVersion>> {
      Statement s(c, B::kGuideVersions);
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
      Statement s(c, B::kInsertGuide);
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

  // ---- Studies -----------------------------------------------------------------------------

  Result<StudyRecord> CreateStudy(const nlohmann::json& data, const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(id, NextId(c, B::kNextStudyId));
      Statement s(c, B::kInsertStudy);
      s.Bind(id).Bind(data.dump()).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("study", std::to_string(id), "create", Changes(nlohmann::json::object(), data));
    }));
    return GetStudy(id);
  }

  Result<StudyRecord> UpdateStudy(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::kSelectStudy, "study", id, ctx));
      if (before.data == data) return {};
      Statement s(c, B::kUpdateStudy);
      s.Bind(data.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("study", std::to_string(id), "update", Changes(before.data, data));
    }));
    return GetStudy(id);
  }

  Status DeleteStudy(std::int64_t id, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(ForWrite(c, B::kSelectStudy, "study", id, ctx));
      ASSIGN_OR_RETURN(std::vector<StudyRecord> informants, Records(c, B::kInformantsOf, id));
      for (const StudyRecord& i : informants) RETURN_IF_ERROR(Forget(c, "informant", i.id));
      RETURN_IF_ERROR(EraseInterviews(c, B::kInterviewIdsOfStudy, B::kDeleteInterviewsOfStudy, id));
      for (const char* sql : {B::kDeleteIdentitiesOf, B::kDeleteInformantsOf, B::kDeleteStudy}) {
        Statement s(c, sql);
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(Forget(c, "study", id));
      return w.Record("study", std::to_string(id), "erase", {});
    });
  }

  Result<StudyRecord> GetStudy(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return One(c, B::kSelectStudy, "study", id); });
  }

  Result<std::vector<StudyRecord>> ListStudies() override {
    return B::Read(db_, [&](Connection& c) -> Result<std::vector<StudyRecord>> {
      Statement s(c, B::kListStudies);
      return Collect(s);
    });
  }

  // ---- Informants --------------------------------------------------------------------------

  Result<StudyRecord> CreateInformant(std::int64_t study, const nlohmann::json& data,
                                      const WriteContext& ctx) override {
    std::int64_t id = 0;
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(One(c, B::kSelectStudy, "study", study));
      ASSIGN_OR_RETURN(id, NextId(c, B::kNextInformantId));
      std::int64_t number = 0;
      {
        Statement n(c, B::kNextInformantNumber);
        n.Bind(study);
        ASSIGN_OR_RETURN(bool row, n.Step());
        number = row ? n.Int(0) : 1;
      }
      nlohmann::json doc = data;
      doc["pseudonym"] = PseudonymOf(number);
      doc["withdrawn"] = nullptr;
      Statement s(c, B::kInsertInformant);
      s.Bind(id).Bind(study).Bind(number).Bind(doc.dump()).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("informant", std::to_string(id), "create", Changes(nlohmann::json::object(), doc));
    }));
    return GetInformant(id);
  }

  Result<StudyRecord> UpdateInformant(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::kSelectInformant, "informant", id, ctx));
      if (before.withdrawn) return NoSuch("informant", id);
      nlohmann::json doc = data;
      doc["pseudonym"] = before.data["pseudonym"];
      doc["withdrawn"] = nullptr;
      if (before.data == doc) return {};
      Statement s(c, B::kUpdateInformant);
      s.Bind(doc.dump()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("informant", std::to_string(id), "update", Changes(before.data, doc));
    }));
    return GetInformant(id);
  }

  Status WithdrawInformant(std::int64_t id, const std::string& date, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::kSelectInformant, "informant", id, ctx));
      if (before.withdrawn) return NoSuch("informant", id);
      const nlohmann::json tombstone = {{"pseudonym", before.data["pseudonym"]},
                                        {"withdrawn", date},
                                        {"submissions", before.data.value("submissions", nlohmann::json::array())}};
      {
        Statement s(c, B::kDeleteIdentity);
        s.Bind(id);
        RETURN_IF_ERROR(s.Run());
      }
      RETURN_IF_ERROR(EraseInterviews(c, B::kInterviewIdsOfInformant, B::kDeleteInterviewsOfInformant, id));
      Statement s(c, B::kWithdrawInformant);
      s.Bind(tombstone.dump()).Bind(date).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(Forget(c, "informant", id));
      return w.Record("informant", std::to_string(id), "withdraw", {});
    });
  }

  Result<StudyRecord> GetInformant(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return One(c, B::kSelectInformant, "informant", id); });
  }

  Result<std::vector<StudyRecord>> ListInformants(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Records(c, B::kInformantsOf, study); });
  }

  // ---- Identities --------------------------------------------------------------------------

  Status PutIdentity(std::int64_t informant, const std::string& sealed, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord i, One(c, B::kSelectInformant, "informant", informant));
      if (i.withdrawn) return NoSuch("informant", informant);
      Statement s(c, B::kPutIdentity);
      s.Bind(informant).Bind(sealed).Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.AuditOnly("identity", std::to_string(informant), "write");
    });
  }

  Result<std::string> GetIdentity(std::int64_t informant) override {
    return B::Read(db_, [&](Connection& c) -> Result<std::string> {
      Statement s(c, B::kSelectIdentity);
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
        Statement s(c, B::kSelectIdentity);
        s.Bind(informant);
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) return Error::NotFound("no identity is recorded for the informant " + std::to_string(informant));
      }
      Statement s(c, B::kDeleteIdentity);
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
        Statement s(c, B::kIdentitiesOf);
        s.Bind(study);
        for (;;) {
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          ids.push_back(s.Int(0));
        }
      }
      for (std::int64_t id : ids) {
        Statement s(c, B::kDeleteIdentity);
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
      ASSIGN_OR_RETURN(id, NextId(c, B::kNextInterviewId));
      Statement s(c, B::kInsertInterview);
      s.Bind(id).Bind(study).Bind(data["informant"].template get<std::int64_t>()).Bind(data.dump());
      s.Bind(w.now()).Bind(w.now());
      RETURN_IF_ERROR(s.Run());
      return w.Record("interview", std::to_string(id), "create", AnswerChanges(nlohmann::json::object(), data));
    }));
    return GetInterview(id);
  }

  Result<StudyRecord> UpdateInterview(std::int64_t id, const nlohmann::json& data, const WriteContext& ctx) override {
    RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      ASSIGN_OR_RETURN(StudyRecord before, ForWrite(c, B::kSelectInterview, "interview", id, ctx));
      RETURN_IF_ERROR(LiveInformantOf(c, before.study, data));
      if (before.data == data) return {};
      Statement s(c, B::kUpdateInterview);
      s.Bind(data.dump()).Bind(data["informant"].template get<std::int64_t>()).Bind(w.now()).Bind(id);
      RETURN_IF_ERROR(s.Run());
      return w.Record("interview", std::to_string(id), "update", AnswerChanges(before.data, data));
    }));
    return GetInterview(id);
  }

  Status DeleteInterview(std::int64_t id, const WriteContext& ctx) override {
    return db_.Write(ctx, [&](WriteScope& w) -> Status {
      Connection& c = w.connection();
      RETURN_IF_ERROR(ForWrite(c, B::kSelectInterview, "interview", id, ctx));
      Statement s(c, B::kDeleteInterview);
      s.Bind(id);
      RETURN_IF_ERROR(s.Run());
      RETURN_IF_ERROR(Forget(c, "interview", id));
      return w.Record("interview", std::to_string(id), "erase", {});
    });
  }

  Result<StudyRecord> GetInterview(std::int64_t id) override {
    return B::Read(db_, [&](Connection& c) { return One(c, B::kSelectInterview, "interview", id); });
  }

  Result<std::vector<StudyRecord>> ListInterviews(std::int64_t study) override {
    return B::Read(db_, [&](Connection& c) { return Records(c, B::kInterviewsOf, study); });
  }

 private:
  // The interview's informant: one of the study's, not withdrawn; kInvalid (pointer /informant)
  // otherwise, so that an interview for another study's informant is refused.
  static Status LiveInformantOf(Connection& c, std::int64_t study, const nlohmann::json& data) {
    const std::int64_t informant = data.value("informant", std::int64_t{0});
    Result<StudyRecord> found = One(c, B::kSelectInformant, "informant", informant);
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

  static Result<std::int64_t> NextId(Connection& c, const char* sql) {
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

  static Result<std::vector<StudyRecord>> Records(Connection& c, const char* sql, std::int64_t key) {
    Statement s(c, sql);
    s.Bind(key);
    return Collect(s);
  }

  static Result<StudyRecord> One(Connection& c, const char* sql, const std::string& kind, std::int64_t id) {
    Statement s(c, sql);
    s.Bind(id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NoSuch(kind, id);
    return RecordFromRow(s);
  }

  static Result<StudyRecord> ForWrite(Connection& c, const char* sql, const std::string& kind, std::int64_t id,
                                      const WriteContext& ctx) {
    ASSIGN_OR_RETURN(StudyRecord before, One(c, sql, kind, id));
    if (ctx.expected_version != 0 && ctx.expected_version != before.version) {
      return Error::Conflict("the " + kind + " has changed meanwhile (version " + std::to_string(before.version) +
                             ", not " + std::to_string(ctx.expected_version) + "); reload it and try again");
    }
    return before;
  }

  // Deletes the interviews `ids_sql` lists for `key`, with their history.
  static Status EraseInterviews(Connection& c, const char* ids_sql, const char* delete_sql, std::int64_t key) {
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
    for (std::int64_t id : ids) RETURN_IF_ERROR(Forget(c, "interview", id));
    Statement s(c, delete_sql);
    s.Bind(key);
    return s.Run();
  }

  // Removes a record's history: erasure leaves no content behind.
  static Status Forget(Connection& c, const std::string& type, std::int64_t id) {
    Statement s(c, B::kForgetHistory);
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
    Statement s(c, version == 0 ? B::kLatestGuide : B::kGuideVersion);
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

}  // namespace moteplass::store_impl
