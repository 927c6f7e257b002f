#include "cli/data_transfer.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/meeting_place.h"
#include "core/resources.h"

namespace moteplass::cli {

using nlohmann::json;

Result<std::size_t> ImportMeetingPlaces(Store& store, std::string_view text, bool example, const std::string& by) {
  auto parsed = ParseJsonText(text, "the file");
  if (!parsed.ok()) return parsed.error();
  json doc = std::move(parsed).value();
  if (!doc.is_array()) return Error::Invalid("expected a JSON array of meeting places", "");
  auto places = store.LoadPlaces();
  if (!places.ok()) return places.error();

  std::vector<MeetingPlaceInput> inputs;
  std::vector<json> classifications;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    auto input = ParseMeetingPlaceInput(doc[i], *places);
    if (!input.ok()) {
      Error e = input.error();
      std::string name;
      if (doc[i].is_object() && doc[i].contains("profile") && doc[i]["profile"].is_object() &&
          doc[i]["profile"].contains("name") && doc[i]["profile"]["name"].is_string()) {
        name = " (" + doc[i]["profile"]["name"].get<std::string>() + ")";
      }
      e.message = "record " + std::to_string(i) + name + ": " + (e.pointer.empty() ? "" : e.pointer + ": ") +
                  e.message;
      e.index = static_cast<int>(i);
      return e;
    }
    classifications.push_back(ClassifyInput(*input));
    inputs.push_back(std::move(input).value());
  }
  auto stored = store.ImportMeetingPlaces(inputs, classifications, example, WriteContext{by, 0});
  if (!stored.ok()) return stored.error();
  return stored->size();
}

Result<std::size_t> LoadDemoData(Store& store) {
  auto count = store.CountMeetingPlaces(/*example_only=*/false);
  if (!count.ok()) return count.error();
  if (*count > 0) return std::size_t{0};
  auto demo = resources::Find("data/demo/meeting-places.json");
  if (!demo) return Error::Internal("this build carries no example data");
  return ImportMeetingPlaces(store, *demo, /*example=*/true, "system");
}

Result<std::string> ExportMeetingPlaces(Store& store) {
  auto all = store.AllMeetingPlaces();
  if (!all.ok()) return all.error();
  json out = json::array();
  for (const auto& place : *all) {
    json body = ToJson(place);
    // Export what a client sends, so that the file imports anywhere; server fields would be
    // ignored on import anyway.
    json client;
    for (const char* key :
         {"profile", "description", "how_to_take_part", "contact", "website", "established", "ceased", "public"}) {
      client[key] = body[key];
    }
    client["id"] = place.id;
    client["example"] = place.example;
    out.push_back(std::move(client));
  }
  return out.dump(2) + "\n";
}

}  // namespace moteplass::cli
