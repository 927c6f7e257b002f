#include "cli/data_transfer.h"

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/operations/demo.h"
#include "app/operations/operations.h"
#include "app/register/meeting_places.h"
#include "app/studies/demo.h"
#include "core/accounts/credentials.h"
#include "core/json_text.h"
#include "core/register/meeting_place.h"
#include "core/register/open_data.h"
#include "core/resources.h"
#include "core/status_macros.h"

namespace moteplass::cli {

using nlohmann::json;

namespace {

// What an export adds to a record besides its body: the id, the example flag, the recorded kind
// and the history. kInvalid with the pointer of what is wrong.
Status ReadExported(const json& doc, ImportRecord& r) {
  if (doc.contains("id") && !doc["id"].is_null()) {
    if (!doc["id"].is_number_integer() || doc["id"].get<std::int64_t>() <= 0) {
      return Error::Invalid("expected the record's id, a whole number from 1", "/id");
    }
    r.id = doc["id"].get<std::int64_t>();
  }
  if (doc.contains("example") && !doc["example"].is_null()) {
    if (!doc["example"].is_boolean()) return Error::Invalid("expected true or false", "/example");
    r.example = doc["example"].get<bool>();
  }
  auto text = [](const json& object, const char* key, const std::string& pointer) -> Result<std::string> {
    if (!object.contains(key) || object[key].is_null()) return std::string();
    if (!object[key].is_string()) return Error::Invalid("expected text", pointer + "/" + key);
    return object[key].get<std::string>();
  };
  if (doc.contains("recorded_kind") && !doc["recorded_kind"].is_null()) {
    const json& k = doc["recorded_kind"];
    if (!k.is_object()) return Error::Invalid("expected an object with kind and justification", "/recorded_kind");
    RecordedKind kind;
    ASSIGN_OR_RETURN(kind.kind, text(k, "kind", "/recorded_kind"));
    ASSIGN_OR_RETURN(kind.justification, text(k, "justification", "/recorded_kind"));
    ASSIGN_OR_RETURN(kind.by, text(k, "by", "/recorded_kind"));
    ASSIGN_OR_RETURN(kind.at, text(k, "at", "/recorded_kind"));
    r.recorded_kind = kind;
  }
  if (doc.contains("history") && !doc["history"].is_null()) {
    const json& history = doc["history"];
    if (!history.is_array()) return Error::Invalid("expected the record's history, an array", "/history");
    for (std::size_t i = 0; i < history.size(); ++i) {
      const json& h = history[i];
      const std::string at = "/history/" + std::to_string(i);
      if (!h.is_object()) return Error::Invalid("expected a history entry", at);
      HistoryEntry entry;
      ASSIGN_OR_RETURN(entry.at, text(h, "at", at));
      ASSIGN_OR_RETURN(entry.by, text(h, "by", at));
      ASSIGN_OR_RETURN(entry.action, text(h, "action", at));
      if (entry.at.empty() || entry.action.empty()) return Error::Invalid("a history entry needs at and action", at);
      if (h.contains("changes") && !h["changes"].is_null()) {
        if (!h["changes"].is_array()) return Error::Invalid("expected an array of changes", at + "/changes");
        for (const json& c : h["changes"]) {
          if (!c.is_object() || !c.contains("pointer") || !c["pointer"].is_string()) {
            return Error::Invalid("expected a change with its pointer", at + "/changes");
          }
          entry.changes.push_back(
              FieldChange{c["pointer"].get<std::string>(), c.value("before", json()), c.value("after", json())});
        }
      }
      r.history.push_back(std::move(entry));
    }
  }
  return {};
}

// The name of record `doc` for a message, " (Name)", or "".
std::string NameOf(const json& doc) {
  if (doc.is_object() && doc.contains("profile") && doc["profile"].is_object() && doc["profile"].contains("name") &&
      doc["profile"]["name"].is_string()) {
    return " (" + doc["profile"]["name"].get<std::string>() + ")";
  }
  return "";
}

Error AtRecord(Error e, std::size_t i, const json& doc) {
  e.message = "record " + std::to_string(i) + NameOf(doc) + ": " + (e.pointer.empty() ? "" : e.pointer + ": ") +
              e.message;
  e.index = static_cast<int>(i);
  return e;
}

}  // namespace

Result<std::size_t> ImportMeetingPlaces(app::Services& services, std::string_view text, bool example,
                                        const Principal& who) {
  auto parsed = ParseJsonText(text, "the file");
  if (!parsed.ok()) return parsed.error();
  json doc = std::move(parsed).value();
  if (!doc.is_array()) return Error::Invalid("expected a JSON array of meeting places", "");

  std::vector<ImportRecord> records;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    json body = doc[i];
    if (body.is_object()) body.erase("history");  // not part of a meeting place's body
    auto input = ParseMeetingPlaceInput(body, services.places);
    if (!input.ok()) return AtRecord(input.error(), i, doc[i]);
    ImportRecord record;
    record.input = std::move(input).value();
    if (Status st = ReadExported(doc[i], record); !st.ok()) return AtRecord(st.error(), i, doc[i]);
    record.example = record.example || example;
    records.push_back(std::move(record));
  }
  auto stored = app::ImportRecords(services, who, std::move(records));
  if (!stored.ok()) {
    Error e = stored.error();
    if (e.index && static_cast<std::size_t>(*e.index) < doc.size() && !e.message.starts_with("record ")) {
      return AtRecord(e, static_cast<std::size_t>(*e.index), doc[static_cast<std::size_t>(*e.index)]);
    }
    return e;
  }
  return stored->size();
}

Result<std::size_t> LoadDemoData(app::Services& services) {
  auto count = services.store.meeting_places().Count(/*example_only=*/false);
  if (!count.ok()) return count.error();
  if (*count > 0) return std::size_t{0};
  auto demo = resources::Find("data/demo/meeting-places.json");
  if (!demo) return Error::Internal("this build carries no example data");
  const Principal system = app::CommandLinePrincipal("system");
  ASSIGN_OR_RETURN(std::size_t loaded, ImportMeetingPlaces(services, *demo, /*example=*/true, system));
  // Their members, meetings and cases (app/operations/demo.h).
  RETURN_IF_ERROR(app::LoadExampleOperations(services, system, app::TodayInOslo()));
  // The example mapping study over them (app/studies/demo.h).
  RETURN_IF_ERROR(app::LoadExampleStudy(services, system));
  return loaded;
}

bool EnsureDemoAdmin(app::Services& services) {
  const Principal system = app::CommandLinePrincipal("system");
  auto users = app::ListUsers(services, system);
  if (!users.ok() || !users->empty()) return false;
  return app::AddUser(services, system, kDemoAdmin, HashPassword(kDemoPassword), Role::kAdmin, "").ok();
}

Result<std::string> ExportMeetingPlaces(Store& store) {
  auto all = store.meeting_places().All();
  if (!all.ok()) return all.error();
  json out = json::array();
  for (const auto& place : *all) {
    json body = ToJson(place);
    // What a client sends, so that the file imports anywhere, and what makes the record itself:
    // its id (a re-import updates it), the example flag, the recorded kind and the history.
    json record;
    for (const char* key : {"profile", "description", "how_to_take_part", "language", "translations", "contact",
                            "website", "established", "ceased", "public"}) {
      record[key] = body[key];
    }
    record["id"] = place.id;
    record["example"] = place.example;
    record["recorded_kind"] = place.recorded_kind ? json{{"kind", place.recorded_kind->kind},
                                                         {"justification", place.recorded_kind->justification},
                                                         {"by", place.recorded_kind->by},
                                                         {"at", place.recorded_kind->at}}
                                                  : json();
    auto history = store.journal().History("meeting_place", std::to_string(place.id));
    if (!history.ok()) return history.error();
    json entries = json::array();
    for (auto it = history->rbegin(); it != history->rend(); ++it) {  // oldest first
      json changes = json::array();
      for (const FieldChange& c : it->changes) {
        changes.push_back({{"pointer", c.pointer}, {"before", c.before}, {"after", c.after}});
      }
      entries.push_back({{"at", it->at}, {"by", it->by}, {"action", it->action}, {"changes", changes}});
    }
    record["history"] = entries;
    out.push_back(std::move(record));
  }
  return out.dump(2) + "\n";
}

Result<std::string> ExportOpenData(app::Services& services, const std::string& format, const std::string& public_url) {
  // What a visitor gets (app::ListMeetingPlaces decides for the downloads too), every page of it.
  MeetingPlaceQuery query;
  query.per_page = 1000;
  std::vector<std::vector<open_data::Cell>> rows;
  for (query.page = 1;; ++query.page) {
    ASSIGN_OR_RETURN(MeetingPlacePage page, app::ListMeetingPlaces(services, Principal{}, query));
    for (const MeetingPlace& p : page.items) rows.push_back(open_data::Row(p, services.places, public_url));
    if (page.items.empty() || static_cast<std::int64_t>(query.page) * query.per_page >= page.total) break;
  }
  if (format == "csv") return open_data::Csv(rows);
  return open_data::Json(rows).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace moteplass::cli
