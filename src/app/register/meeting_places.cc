#include "app/register/meeting_places.h"

#include "app/studies/demo.h"
#include "core/status_macros.h"
#include "core/text.h"
#include "core/typology/typology.h"

namespace moteplass::app {
namespace {

constexpr const char* kEntity = "meeting_place";

Error NoSuchMeetingPlace(std::int64_t id) {
  return Error::NotFound("no meeting place has the id " + std::to_string(id));
}

// The live record of a change, if the caller may see it, and the decision on `action` there.
Result<MeetingPlace> LoadForChange(Services& s, const Principal& who, std::int64_t id, Action action) {
  ASSIGN_OR_RETURN(MeetingPlace place, GetMeetingPlace(s, who, id));
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(place), kEntity, std::to_string(id)));
  return place;
}

// kNoPrecondition: the change is refused (audited as invalid), since it says nothing of what it
// was based on.
Status RequirePrecondition(Services& s, const Principal& who, Action action, std::int64_t id,
                           std::int64_t expected_version) {
  if (expected_version != kNoPrecondition) return {};
  return Outcome(s, who, action, kEntity, std::to_string(id),
                 Error::Invalid("a change to an existing record must say which version it is based on: send "
                                "If-Match with the record's ETag (such as \"3\") or its \"version\" in the body",
                                "/headers/if-match", "precondition_required"),
                 false);
}

void Changed(Services& s, std::int64_t id) { s.changed({kMeetingPlacesTag, MeetingPlaceTag(id)}); }

}  // namespace

std::string MeetingPlaceTag(const std::string& id) { return "meeting_place:" + id; }

std::vector<std::string> TagsOfChange(const std::string& entity_type, const std::string& entity_id) {
  if (entity_type == kEntity) return {kMeetingPlacesTag, MeetingPlaceTag(entity_id)};
  if (entity_type == "suggestion") return {"suggestions"};  // no cached page shows one
  if (entity_type == "handbook_page") return {"handbook"};  // app/handbook: kHandbookTag
  return {};
}

bool CanSee(const Principal& who, const MeetingPlace& place) {
  if (place.input.is_public && place.deleted_at.empty()) return true;
  return Decide(who, Action::kMeetingPlaceReadUnpublished, LocationOf(place)).allowed;
}

bool May(const Principal& who, Action action, const MeetingPlace& place) {
  return Decide(who, action, LocationOf(place)).allowed;
}

Result<std::vector<MeetingPlace>> EveryMeetingPlaceLean(Services& s, bool include_unpublished) {
  MeetingPlaceQuery q;
  q.include_unpublished = include_unpublished;
  q.with_classification = false;
  q.per_page = 1000;
  std::vector<MeetingPlace> out;
  for (q.page = 1;; ++q.page) {
    ASSIGN_OR_RETURN(MeetingPlacePage page, s.store.meeting_places().List(q));
    const std::size_t got = page.items.size();
    for (MeetingPlace& p : page.items) out.push_back(std::move(p));
    if (got < static_cast<std::size_t>(q.per_page) || out.size() >= static_cast<std::size_t>(page.total)) break;
  }
  return out;
}

Result<MeetingPlace> GetMeetingPlace(Services& s, const Principal& who, std::int64_t id) {
  Result<MeetingPlace> place = s.store.meeting_places().Get(id);
  if (!place.ok()) return place.error().code == ErrorCode::kNotFound ? NoSuchMeetingPlace(id) : place.error();
  if (!place->deleted_at.empty() || !CanSee(who, *place)) return NoSuchMeetingPlace(id);
  return place;
}

Result<MeetingPlacePage> ListMeetingPlaces(Services& s, const Principal& who, MeetingPlaceQuery query) {
  query.include_unpublished = Decide(who, Action::kMeetingPlaceListUnpublished, RecordLocation{}).allowed;
  return s.store.meeting_places().List(query);
}

Result<MeetingPlacePage> ListChangeableMeetingPlaces(Services& s, const Principal& who, MeetingPlaceQuery query) {
  query.include_unpublished = true;
  query.include_deleted = false;
  ASSIGN_OR_RETURN(MeetingPlacePage page, s.store.meeting_places().List(query));
  std::erase_if(page.items, [&](const MeetingPlace& p) { return !May(who, Action::kMeetingPlaceUpdate, p); });
  return page;
}

Result<MeetingPlace> CreateMeetingPlace(Services& s, const Principal& who, const MeetingPlaceInput& input,
                                        const nlohmann::json& source) {
  const Action action = Action::kMeetingPlaceCreate;
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(input, s.places, 0), kEntity, ""));
  WriteContext ctx = WriteContextOf(who, 0);
  ctx.source = source;
  Result<MeetingPlace> created = s.store.meeting_places().Create(input, ClassifyInput(input), false, ctx);
  if (!created.ok()) return Outcome(s, who, action, kEntity, "", created.error(), false).error();
  Changed(s, created->id);
  return created;
}

Result<MeetingPlace> UpdateMeetingPlace(Services& s, const Principal& who, std::int64_t id,
                                        const MeetingPlaceInput& input, std::int64_t expected_version,
                                        const nlohmann::json& source) {
  const Action action = Action::kMeetingPlaceUpdate;
  const std::string target = std::to_string(id);
  ASSIGN_OR_RETURN(MeetingPlace place, LoadForChange(s, who, id, action));
  // Moving a record to a place the role does not cover is a change the role does not cover.
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(input, s.places, place.id), kEntity, target));
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, id, expected_version));
  WriteContext ctx = WriteContextOf(who, expected_version);
  ctx.source = source;
  Result<MeetingPlace> updated = s.store.meeting_places().Update(id, input, ClassifyInput(input), ctx);
  if (!updated.ok()) return Outcome(s, who, action, kEntity, target, updated.error(), false).error();
  Changed(s, id);
  return updated;
}

Status DeleteMeetingPlace(Services& s, const Principal& who, std::int64_t id, std::int64_t expected_version) {
  const Action action = Action::kMeetingPlaceDelete;
  RETURN_IF_ERROR(LoadForChange(s, who, id, action));
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, id, expected_version));
  Status deleted = s.store.meeting_places().Delete(id, WriteContextOf(who, expected_version));
  if (!deleted.ok()) return Outcome(s, who, action, kEntity, std::to_string(id), deleted, false);
  Changed(s, id);
  return {};
}

Status ValidateRecordedKind(const RecordedKind& kind) {
  if (!IsKind(kind.kind)) {
    std::string kinds;
    for (auto k : kKinds) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
    return Error::Invalid("expected one of " + kinds, "/kind");
  }
  if (!kind.justification.empty()) RETURN_IF_ERROR(CleanText(kind.justification, TextLines::kMany, "/justification"));
  const bool blank = kind.justification.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank || kind.justification.size() > 4000) {
    return Error::Invalid("expected a justification of 1 to 4000 characters; say why this kind fits better",
                          "/justification");
  }
  return {};
}

Result<MeetingPlace> RecordKind(Services& s, const Principal& who, std::int64_t id,
                                const std::optional<RecordedKind>& kind, std::int64_t expected_version) {
  const Action action = Action::kMeetingPlaceRecordKind;
  const std::string target = std::to_string(id);
  RETURN_IF_ERROR(LoadForChange(s, who, id, action));
  if (kind) {
    if (Status valid = ValidateRecordedKind(*kind); !valid.ok())
      return Outcome(s, who, action, kEntity, target, valid, false).error();
  }
  RETURN_IF_ERROR(RequirePrecondition(s, who, action, id, expected_version));
  std::optional<RecordedKind> recorded = kind;
  if (recorded) {
    recorded->by = AuthorOf(who);
    ASSIGN_OR_RETURN(recorded->justification, CleanText(recorded->justification, TextLines::kMany, "/justification"));
  }
  Result<MeetingPlace> updated = s.store.meeting_places().RecordKind(id, recorded,
                                                                     WriteContextOf(who, expected_version));
  if (!updated.ok()) return Outcome(s, who, action, kEntity, target, updated.error(), false).error();
  Changed(s, id);
  return updated;
}

Result<MeetingPlaceHistory> GetHistory(Services& s, const Principal& who, std::int64_t id) {
  const Action action = Action::kMeetingPlaceHistory;
  const std::string target = std::to_string(id);
  if (who.anonymous()) return Authorize(s, who, action, RecordLocation{}, kEntity, target).error();
  // The history of a deleted record stays readable to those who may see deleted records.
  Result<MeetingPlace> place = s.store.meeting_places().Get(id);
  if (!place.ok()) return place.error().code == ErrorCode::kNotFound ? NoSuchMeetingPlace(id) : place.error();
  if (!CanSee(who, *place)) return NoSuchMeetingPlace(id);
  RETURN_IF_ERROR(Authorize(s, who, action, LocationOf(*place), kEntity, target));
  MeetingPlaceHistory history;
  Result<std::vector<HistoryEntry>> entries = s.store.journal().History(kEntity, target);
  RETURN_IF_ERROR(Outcome(s, who, action, kEntity, target, entries.ok() ? Status() : Status(entries.error()), false));
  history.entries = std::move(entries).value();
  history.show_authors = May(who, Action::kMeetingPlaceHistoryAuthors, *place);
  if (!history.show_authors) {
    for (HistoryEntry& e : history.entries) e.by.clear();
  }
  history.place = std::move(place).value();
  return history;
}

Result<std::vector<MeetingPlace>> ImportMeetingPlaces(Services& s, const Principal& who,
                                                      const std::vector<MeetingPlaceInput>& inputs, bool example) {
  const Action action = Action::kMeetingPlaceImport;
  RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, kEntity, ""));
  std::vector<nlohmann::json> classifications;
  for (const MeetingPlaceInput& input : inputs) classifications.push_back(ClassifyInput(input));
  Result<std::vector<MeetingPlace>> stored = s.store.meeting_places().Import(inputs, classifications, example,
                                                                             WriteContextOf(who, 0));
  if (!stored.ok()) return Outcome(s, who, action, kEntity, "", stored.error(), false).error();
  s.changed({kMeetingPlacesTag});
  return stored;
}

Result<std::vector<MeetingPlace>> ImportRecords(Services& s, const Principal& who, std::vector<ImportRecord> records) {
  const Action action = Action::kMeetingPlaceImport;
  RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, kEntity, ""));
  for (std::size_t i = 0; i < records.size(); ++i) {
    ImportRecord& r = records[i];
    r.classification = ClassifyInput(r.input);
    if (!r.recorded_kind) continue;
    Status valid = ValidateRecordedKind(*r.recorded_kind);
    Result<std::string> clean = valid.ok()
                                    ? CleanText(r.recorded_kind->justification, TextLines::kMany, "/justification")
                                    : Result<std::string>(valid.error());
    if (!clean.ok()) {
      Error e = clean.error();
      e.pointer = "/recorded_kind" + e.pointer;
      e.index = static_cast<int>(i);
      return Outcome(s, who, action, kEntity, "", e, false).error();
    }
    r.recorded_kind->justification = *clean;
  }
  Result<std::vector<MeetingPlace>> stored = s.store.meeting_places().ImportRecords(records, WriteContextOf(who, 0));
  if (!stored.ok()) return Outcome(s, who, action, kEntity, "", stored.error(), false).error();
  std::vector<std::string> tags = {kMeetingPlacesTag};
  for (const MeetingPlace& p : *stored) tags.push_back(MeetingPlaceTag(p.id));
  s.changed(tags);
  return stored;
}

Result<std::int64_t> RemoveExampleData(Services& s, const Principal& who) {
  const Action action = Action::kDemoManage;
  RETURN_IF_ERROR(Authorize(s, who, action, RecordLocation{}, kEntity, ""));
  // The example study over them (app/studies/demo.h), their members, meetings and cases
  // (store/operations.h), then the places.
  Result<std::int64_t> studies = RemoveExampleStudies(s, who);
  if (!studies.ok()) return Outcome(s, who, action, kEntity, "", studies.error(), false).error();
  Result<std::int64_t> operations = s.store.operations().RemoveExamples(WriteContextOf(who, 0));
  if (!operations.ok()) return Outcome(s, who, action, kEntity, "", operations.error(), false).error();
  Result<std::int64_t> removed = s.store.meeting_places().RemoveExamples(WriteContextOf(who, 0));
  if (!removed.ok()) return Outcome(s, who, action, kEntity, "", removed.error(), false).error();
  s.changed({kMeetingPlacesTag});
  return removed;
}

}  // namespace moteplass::app
