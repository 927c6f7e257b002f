#include "store/sqlite/meeting_place_store.h"

#include <algorithm>

#include "core/norwegian.h"
#include "core/search/search.h"
#include "core/typology/typology.h"
#include "store/sqlite/meeting_place_rows.h"

namespace moteplass::sqlite {
namespace {

using nlohmann::json;

constexpr const char* kEntity = "meeting_place";

// ---- Queries --------------------------------------------------------------------------------

const std::string kSelectPlaceById = MeetingPlaceSelect() + " WHERE mp.id = ?";
// The typology's kind and subtype, kept beside the classification with every write of it.
constexpr const char* kSetVerdict = "UPDATE meeting_places SET computed_kind = ?, subtype = ? WHERE id = ?";
// The columns an insert and an update both write, in BindRecordColumns' order.
constexpr const char* kInsertPlace =
    "INSERT INTO meeting_places (profile, description, how_to_take_part, contact_email, contact_phone, "
    "website, established, ceased, is_public, name, sort_key, level, municipality, county, "
    "classification, kind, example, version, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";
// An import's record with the id it had where it was exported.
constexpr const char* kInsertPlaceWithId =
    "INSERT INTO meeting_places (profile, description, how_to_take_part, contact_email, contact_phone, "
    "website, established, ceased, is_public, name, sort_key, level, municipality, county, "
    "classification, kind, example, version, created_at, updated_at, id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)";
// The language of the texts and their translations (core/register/texts.h), with every write of them.
constexpr const char* kSetTexts = "UPDATE meeting_places SET text_language = ?, translations = ? WHERE id = ?";
// What a new record of an import brought along: its recorded kind as it was, and whether it is
// example data.
constexpr const char* kSetImported =
    "UPDATE meeting_places SET recorded_kind = ?, recorded_justification = ?, recorded_by = ?, recorded_at = ?, "
    "kind = COALESCE(?, kind) WHERE id = ?";
constexpr const char* kSetExample = "UPDATE meeting_places SET example = ? WHERE id = ?";
constexpr const char* kUpdatePlace =
    "UPDATE meeting_places SET profile = ?, description = ?, how_to_take_part = ?, contact_email = ?, "
    "contact_phone = ?, website = ?, established = ?, ceased = ?, is_public = ?, name = ?, sort_key = ?, "
    "level = ?, municipality = ?, county = ?, classification = ?, kind = ?, version = version + 1, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kSoftDelete =
    "UPDATE meeting_places SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr const char* kSetRecordedKind =
    "UPDATE meeting_places SET recorded_kind = ?, recorded_justification = ?, recorded_by = ?, "
    "recorded_at = ?, kind = ?, version = version + 1, updated_at = ? WHERE id = ?";
constexpr const char* kDeleteText = "DELETE FROM meeting_place_text WHERE rowid = ?";
constexpr const char* kInsertText = "INSERT INTO meeting_place_text (rowid, name, body, tags) VALUES (?, ?, ?, ?)";
constexpr const char* kSelectExampleIds = "SELECT id FROM meeting_places WHERE example = 1 ORDER BY id";
constexpr const char* kRemoveExampleHistory =
    "DELETE FROM history WHERE entity_type = 'meeting_place' AND entity_id IN "
    "(SELECT CAST(id AS TEXT) FROM meeting_places WHERE example = 1)";
constexpr const char* kRemoveExamples[] = {
    kRemoveExampleHistory,
    "DELETE FROM meeting_place_text WHERE rowid IN (SELECT id FROM meeting_places WHERE example = 1)",
    "DELETE FROM meeting_places WHERE example = 1"};
constexpr const char* kTextVersion = "SELECT value FROM settings WHERE key = 'norwegian_text_version'";
const std::string kSelectAll = MeetingPlaceSelect() + " ORDER BY mp.id";
constexpr const char* kSetSortKey = "UPDATE meeting_places SET sort_key = ? WHERE id = ?";
constexpr const char* kSaveTextVersion =
    "INSERT INTO settings (key, value) VALUES ('norwegian_text_version', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

constexpr const char* kTypologyVersion = "SELECT value FROM settings WHERE key = 'typology_version'";
constexpr const char* kSelectAllProfiles = "SELECT id, profile, classification, recorded_kind FROM meeting_places";
constexpr const char* kSetClassification = "UPDATE meeting_places SET classification = ?, kind = ? WHERE id = ?";
constexpr const char* kSaveTypologyVersion =
    "INSERT INTO settings (key, value) VALUES ('typology_version', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

// ---- Rows -----------------------------------------------------------------------------------

// JSON as stored. Invalid UTF-8 cannot come from a parsed request, but a dump must never throw.
std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Keeps the texts' language and translations; after every write of the texts.
Status SetTexts(Connection& c, std::int64_t id, const MeetingPlaceInput& input) {
  Statement s(c, kSetTexts);
  s.Bind(input.language).Bind(Dump(TranslationsToJson(input.translations))).Bind(id);
  return s.Run();
}

// Keeps the classification's kind and subtype beside it; after every write of the classification.
Status SetVerdict(Connection& c, std::int64_t id, const json& classification) {
  Statement s(c, kSetVerdict);
  s.BindOrNull(ComputedKind(classification)).BindOrNull(ComputedSubtype(classification)).Bind(id);
  return s.Run();
}

Result<MeetingPlace> ReadPlace(Connection& c, std::int64_t id) {
  Statement s(c, kSelectPlaceById);
  s.Bind(id);
  return OneRow<MeetingPlace>(s, "no meeting place has the id " + std::to_string(id), MeetingPlaceFromRow);
}

// A live record for a write: kNotFound when deleted, kConflict when the writer based its change
// on another version.
Result<MeetingPlace> ReadForWrite(Connection& c, std::int64_t id, const WriteContext& ctx) {
  ASSIGN_OR_RETURN(MeetingPlace before, ReadPlace(c, id));
  if (!before.deleted_at.empty()) return Error::NotFound("the meeting place " + std::to_string(id) + " is deleted");
  if (ctx.expected_version != 0 && ctx.expected_version != before.version) {
    return Error::Conflict("the meeting place has changed meanwhile (version " + std::to_string(before.version) +
                           ", not " + std::to_string(ctx.expected_version) + "); reload it and try again");
  }
  return before;
}

// Whether storing `input` with `classification` over `before` would change nothing: the same
// input and the same verdict give the same derived columns and the same kind in force.
bool ChangesNothing(const MeetingPlace& before, const MeetingPlaceInput& input, const json& classification) {
  const MeetingPlaceInput& stored = before.input;
  return stored.profile == input.profile && stored.description == input.description &&
         stored.how_to_take_part == input.how_to_take_part && stored.contact.email == input.contact.email &&
         stored.contact.phone == input.contact.phone && stored.website == input.website &&
         stored.established == input.established && stored.ceased == input.ceased &&
         stored.is_public == input.is_public && stored.language == input.language &&
         stored.translations == input.translations && before.classification == classification;
}

// Whether recording `wanted` (nullopt: clearing) over what `before` has recorded would change
// nothing: the same kind and justification, and the same author and time when `wanted` names
// them; or clearing when nothing is recorded.
bool ChangesNothing(const MeetingPlace& before, const std::optional<RecordedKind>& wanted) {
  const std::optional<RecordedKind>& stored = before.recorded_kind;
  if (!wanted || !stored) return !wanted && !stored;
  return stored->kind == wanted->kind && stored->justification == wanted->justification &&
         (wanted->by.empty() || wanted->by == stored->by) && (wanted->at.empty() || wanted->at == stored->at);
}

// Indexes a stored record for search (core/search): its name, description and tags.
Status SetSearchText(Connection& c, const MeetingPlace& place) {
  Statement del(c, kDeleteText);
  del.Bind(place.id);
  RETURN_IF_ERROR(del.Run());
  const search::Document doc = search::DocumentOf(place);
  Statement ins(c, kInsertText);
  ins.Bind(place.id)
      .Bind(search::JoinedTerms(doc.name))
      .Bind(search::JoinedTerms(doc.body))
      .Bind(search::JoinedTerms(doc.tags));
  return ins.Run();
}

// Binds, in this order, the columns an insert and an update both write: profile, description,
// how_to_take_part, contact_email, contact_phone, website, established, ceased, is_public, name,
// sort_key, level, municipality, county, classification.
void BindRecordColumns(Statement& s, const MeetingPlaceInput& input, const DerivedColumns& d,
                       const json& classification) {
  s.Bind(Dump(input.profile))
      .Bind(input.description)
      .Bind(input.how_to_take_part)
      .Bind(input.contact.email)
      .Bind(input.contact.phone)
      .Bind(input.website)
      .Bind(input.established)
      .Bind(input.ceased)
      .Bind(input.is_public)
      .Bind(d.name)
      .BindBlob(NorwegianSortKey(d.name))
      .Bind(d.level)
      .BindOrNull(d.municipality)
      .BindOrNull(d.county)
      .BindOrNull(classification.is_null() ? std::string() : Dump(classification));
}

// Creates one record inside the caller's write and records it.
Result<MeetingPlace> InsertPlace(WriteScope& w, const MeetingPlaceInput& input, const DerivedColumns& d,
                                 const json& classification, bool example, const std::string& action,
                                 std::int64_t given_id = 0, bool record = true) {
  Connection& c = w.connection();
  Statement s(c, given_id > 0 ? kInsertPlaceWithId : kInsertPlace);
  BindRecordColumns(s, input, d, classification);
  s.BindOrNull(d.computed_kind).Bind(example).Bind(w.now()).Bind(w.now());
  if (given_id > 0) s.Bind(given_id);
  RETURN_IF_ERROR(s.Run());
  const std::int64_t id = c.LastInsertId();
  RETURN_IF_ERROR(SetVerdict(c, id, classification));
  RETURN_IF_ERROR(SetTexts(c, id, input));
  ASSIGN_OR_RETURN(MeetingPlace created, ReadPlace(c, id));
  RETURN_IF_ERROR(SetSearchText(c, created));
  if (record) RETURN_IF_ERROR(w.Record(kEntity, std::to_string(id), action, Diff(json::object(), ToJson(created))));
  return created;
}

// Update's body, inside the caller's write.
Result<MeetingPlace> UpdateIn(WriteScope& w, std::int64_t id, const MeetingPlaceInput& input, const DerivedColumns& d,
                              const json& classification) {
  const WriteContext& ctx = w.context();
  MeetingPlace after;
  Connection& c = w.connection();
  ASSIGN_OR_RETURN(MeetingPlace before, ReadForWrite(c, id, ctx));
  // Nothing to change: no new version, no history or audit row.
  if (ChangesNothing(before, input, classification)) {
    return before;
  }
  // The kind in force stays the recorded one while there is one.
  const std::string kind = before.recorded_kind ? before.recorded_kind->kind : d.computed_kind;
  Statement s(c, kUpdatePlace);
  BindRecordColumns(s, input, d, classification);
  s.BindOrNull(kind).Bind(w.now()).Bind(id);
  RETURN_IF_ERROR(s.Run());
  RETURN_IF_ERROR(SetVerdict(c, id, classification));
  RETURN_IF_ERROR(SetTexts(c, id, input));
  ASSIGN_OR_RETURN(after, ReadPlace(c, id));
  RETURN_IF_ERROR(SetSearchText(c, after));
  RETURN_IF_ERROR(w.Record(kEntity, std::to_string(id), "update", Diff(ToJson(before), ToJson(after))));
  return after;
}

// RecordKind's body, inside the caller's write.
Result<MeetingPlace> RecordKindIn(WriteScope& w, std::int64_t id, const std::optional<RecordedKind>& kind) {
  const WriteContext& ctx = w.context();
  MeetingPlace after;
  Connection& c = w.connection();
  ASSIGN_OR_RETURN(MeetingPlace before, ReadForWrite(c, id, ctx));
  if (ChangesNothing(before, kind)) {
    return before;
  }
  Statement s(c, kSetRecordedKind);
  if (kind) {
    s.Bind(kind->kind)
        .Bind(kind->justification)
        .Bind(kind->by.empty() ? ctx.by : kind->by)
        .Bind(kind->at.empty() ? w.now() : kind->at)
        .Bind(kind->kind);
  } else {
    s.BindOrNull("").BindOrNull("").BindOrNull("").BindOrNull("").BindOrNull(ComputedKind(before.classification));
  }
  s.Bind(w.now()).Bind(id);
  RETURN_IF_ERROR(s.Run());
  ASSIGN_OR_RETURN(after, ReadPlace(c, id));
  RETURN_IF_ERROR(SetSearchText(c, after));
  RETURN_IF_ERROR(w.Record(kEntity, std::to_string(id), "record_kind", Diff(ToJson(before), ToJson(after))));
  return after;
}

// Names the record of an import in an error.
Error AtRecord(Error e, std::size_t i) {
  e.index = static_cast<int>(i);
  e.message = "record " + std::to_string(i) + ": " + e.message;
  return e;
}

}  // namespace

Status SqliteMeetingPlaceStore::RefreshNorwegianText() {
  return db_.WithWriter([](Connection& c) -> Status {
    const std::string version = NorwegianTextVersion();
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    {
      Statement current(c, kTextVersion);
      ASSIGN_OR_RETURN(bool row, current.Step());
      if (row && current.Text(0) == version) return {};
    }
    Statement all(c, kSelectAll);
    ASSIGN_OR_RETURN(auto rows, CollectRows<MeetingPlace>(all, MeetingPlaceFromRow));
    for (const MeetingPlace& p : rows) {
      Statement key(c, kSetSortKey);
      key.BindBlob(NorwegianSortKey(p.name)).Bind(p.id);
      RETURN_IF_ERROR(key.Run());
      RETURN_IF_ERROR(SetSearchText(c, p));
    }
    Statement save(c, kSaveTextVersion);
    save.Bind(version);
    RETURN_IF_ERROR(save.Run());
    return txn.Commit();
  });
}

Status SqliteMeetingPlaceStore::RefreshClassification() {
  return db_.WithWriter([](Connection& c) -> Status {
    const std::string version = TypologyVersion();
    Transaction txn(c);
    RETURN_IF_ERROR(txn.begun());
    {
      Statement current(c, kTypologyVersion);
      ASSIGN_OR_RETURN(bool row, current.Step());
      if (row && current.Text(0) == version) return {};
    }
    struct Row {
      std::int64_t id;
      std::string profile, classification, recorded_kind;
      bool recorded;
    };
    Statement all(c, kSelectAllProfiles);
    ASSIGN_OR_RETURN(
        auto rows, CollectRows<Row>(all, [](Statement& s) {
          return Row{s.Int(0), s.Text(1), s.IsNull(2) ? "" : s.Text(2), s.IsNull(3) ? "" : s.Text(3), !s.IsNull(3)};
        }));
    for (const Row& r : rows) {
      MeetingPlaceInput input;
      input.profile = json::parse(r.profile, nullptr, false);
      if (input.profile.is_discarded()) return Error::Internal("database: stored profile is not JSON");
      const json classification = ClassifyInput(input);
      if (classification.is_null()) continue;  // a profile the schema no longer takes keeps its verdict
      const std::string dumped = Dump(classification);
      if (dumped == r.classification) continue;
      Statement set(c, kSetClassification);
      set.Bind(dumped).BindOrNull(r.recorded ? r.recorded_kind : ComputedKind(classification)).Bind(r.id);
      RETURN_IF_ERROR(set.Run());
      RETURN_IF_ERROR(SetVerdict(c, r.id, classification));
      // The kind and subtype are search tags.
      ASSIGN_OR_RETURN(MeetingPlace now, ReadPlace(c, r.id));
      RETURN_IF_ERROR(SetSearchText(c, now));
    }
    Statement save(c, kSaveTypologyVersion);
    save.Bind(version);
    RETURN_IF_ERROR(save.Run());
    return txn.Commit();
  });
}

Result<MeetingPlace> SqliteMeetingPlaceStore::Create(const MeetingPlaceInput& input, const json& classification,
                                                     bool example, const WriteContext& ctx) {
  ASSIGN_OR_RETURN(DerivedColumns d, DeriveColumns(input, classification, places_));
  MeetingPlace created;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    ASSIGN_OR_RETURN(created, InsertPlace(w, input, d, classification, example, "create"));
    return {};
  }));
  return created;
}

Result<MeetingPlace> SqliteMeetingPlaceStore::Update(std::int64_t id, const MeetingPlaceInput& input,
                                                     const json& classification, const WriteContext& ctx) {
  ASSIGN_OR_RETURN(DerivedColumns d, DeriveColumns(input, classification, places_));
  MeetingPlace after;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    ASSIGN_OR_RETURN(after, UpdateIn(w, id, input, d, classification));
    return {};
  }));
  return after;
}

Status SqliteMeetingPlaceStore::Delete(std::int64_t id, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    RETURN_IF_ERROR(ReadForWrite(c, id, ctx));
    Statement s(c, kSoftDelete);
    s.Bind(w.now()).Bind(w.now()).Bind(id);
    RETURN_IF_ERROR(s.Run());
    // Diff leaves deleted_at out (bookkeeping); for a deletion it is the change.
    return w.Record(kEntity, std::to_string(id), "delete", {FieldChange{"/deleted_at", json(), json(w.now())}});
  });
}

Result<MeetingPlace> SqliteMeetingPlaceStore::RecordKind(std::int64_t id, const std::optional<RecordedKind>& kind,
                                                         const WriteContext& ctx) {
  if (kind && kind->kind.empty()) return Error::Invalid("a recorded kind needs a kind", "/kind");
  MeetingPlace after;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    ASSIGN_OR_RETURN(after, RecordKindIn(w, id, kind));
    return {};
  }));
  return after;
}

Result<MeetingPlace> SqliteMeetingPlaceStore::Get(std::int64_t id) {
  Database::ReadLease lease(db_);
  return ReadPlace(*lease, id);
}

Result<std::vector<MeetingPlace>> SqliteMeetingPlaceStore::Import(const std::vector<MeetingPlaceInput>& inputs,
                                                                  const std::vector<json>& classifications,
                                                                  bool example, const WriteContext& ctx) {
  if (!classifications.empty() && classifications.size() != inputs.size()) {
    return Error::Invalid("an import needs one classification per record (or none)", "");
  }
  auto classification_of = [&](std::size_t i) { return classifications.empty() ? json() : classifications[i]; };
  std::vector<DerivedColumns> derived;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Result<DerivedColumns> d = DeriveColumns(inputs[i], classification_of(i), places_);
    if (!d.ok()) return AtRecord(d.error(), i);
    derived.push_back(std::move(d).value());
  }
  // One transaction: either every record is stored or, on any failure, none is.
  std::vector<MeetingPlace> created;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      Result<MeetingPlace> p = InsertPlace(w, inputs[i], derived[i], classification_of(i), example, "import");
      if (!p.ok()) return AtRecord(p.error(), i);
      created.push_back(std::move(p).value());
    }
    return {};
  }));
  return created;
}

Result<std::vector<MeetingPlace>> SqliteMeetingPlaceStore::ImportRecords(const std::vector<ImportRecord>& records,
                                                                         const WriteContext& ctx) {
  std::vector<DerivedColumns> derived;
  for (std::size_t i = 0; i < records.size(); ++i) {
    Result<DerivedColumns> d = DeriveColumns(records[i].input, records[i].classification, places_);
    if (!d.ok()) return AtRecord(d.error(), i);
    derived.push_back(std::move(d).value());
  }
  std::vector<MeetingPlace> stored;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    bool moved_identity = false;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const ImportRecord& r = records[i];
      std::int64_t id = r.id;
      Result<MeetingPlace> existing = r.id > 0 ? ReadPlace(c, r.id) : Result<MeetingPlace>(Error::NotFound(""));
      if (existing.ok()) {
        if (!existing->deleted_at.empty()) {
          return AtRecord(Error::Conflict("the meeting place " + std::to_string(r.id) + " is deleted here"), i);
        }
        Result<MeetingPlace> updated = UpdateIn(w, r.id, r.input, derived[i], r.classification);
        if (updated.ok()) updated = RecordKindIn(w, r.id, r.recorded_kind);
        if (!updated.ok()) return AtRecord(updated.error(), i);
        if (updated->example != r.example) {
          Statement example(c, kSetExample);
          example.Bind(r.example).Bind(r.id);
          RETURN_IF_ERROR(example.Run());
        }
      } else if (existing.error().code != ErrorCode::kNotFound) {
        return existing.error();
      } else {
        moved_identity = moved_identity || r.id > 0;
        Result<MeetingPlace> created = InsertPlace(w, r.input, derived[i], r.classification, r.example, "import", r.id,
                                                   r.history.empty());
        if (!created.ok()) return AtRecord(created.error(), i);
        id = created->id;
        if (r.recorded_kind) {
          Statement kind(c, kSetImported);
          kind.Bind(r.recorded_kind->kind)
              .Bind(r.recorded_kind->justification)
              .Bind(r.recorded_kind->by.empty() ? ctx.by : r.recorded_kind->by)
              .Bind(r.recorded_kind->at.empty() ? w.now() : r.recorded_kind->at)
              .Bind(r.recorded_kind->kind)
              .Bind(created->id);
          RETURN_IF_ERROR(kind.Run());
        }
        if (!r.history.empty()) {
          for (const HistoryEntry& entry : r.history) RETURN_IF_ERROR(w.History(kEntity, std::to_string(id), entry));
          RETURN_IF_ERROR(w.AuditOnly(kEntity, std::to_string(id), "import"));
        }
      }
      ASSIGN_OR_RETURN(MeetingPlace now, ReadPlace(c, id));
      RETURN_IF_ERROR(SetSearchText(c, now));  // the kind it brought is a search tag
      stored.push_back(std::move(now));
    }
    (void)moved_identity;  // SQLite's next rowid is beyond the largest by itself
    return {};
  }));
  return stored;
}

Result<std::int64_t> SqliteMeetingPlaceStore::RemoveExamples(const WriteContext& ctx) {
  std::int64_t removed = 0;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    Statement examples(c, kSelectExampleIds);
    ASSIGN_OR_RETURN(auto ids, CollectRows<std::int64_t>(examples, [](Statement& s) { return s.Int(0); }));
    // Audit rows name each record, like those of every other write; the history goes with it.
    for (std::int64_t id : ids) RETURN_IF_ERROR(w.AuditOnly(kEntity, std::to_string(id), "remove_example"));
    for (const char* sql : kRemoveExamples) {
      Statement s(c, sql);
      RETURN_IF_ERROR(s.Run());
    }
    removed = static_cast<std::int64_t>(ids.size());
    return {};
  }));
  return removed;
}

}  // namespace moteplass::sqlite
