#include "cli/data_transfer.h"

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/register/meeting_places.h"
#include "core/accounts/credentials.h"
#include "core/json_text.h"
#include "core/register/meeting_place.h"
#include "core/resources.h"

namespace moteplass::cli {

using nlohmann::json;

Result<std::size_t> ImportMeetingPlaces(app::Services& services, std::string_view text, bool example,
                                        const Principal& who) {
  auto parsed = ParseJsonText(text, "the file");
  if (!parsed.ok()) return parsed.error();
  json doc = std::move(parsed).value();
  if (!doc.is_array()) return Error::Invalid("expected a JSON array of meeting places", "");

  std::vector<MeetingPlaceInput> inputs;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    auto input = ParseMeetingPlaceInput(doc[i], services.places);
    if (!input.ok()) {
      Error e = input.error();
      std::string name;
      if (doc[i].is_object() && doc[i].contains("profile") && doc[i]["profile"].is_object() &&
          doc[i]["profile"].contains("name") && doc[i]["profile"]["name"].is_string()) {
        name = " (" + doc[i]["profile"]["name"].get<std::string>() + ")";
      }
      e.message = "record " + std::to_string(i) + name + ": " + (e.pointer.empty() ? "" : e.pointer + ": ") + e.message;
      e.index = static_cast<int>(i);
      return e;
    }
    inputs.push_back(std::move(input).value());
  }
  auto stored = app::ImportMeetingPlaces(services, who, inputs, example);
  if (!stored.ok()) return stored.error();
  return stored->size();
}

Result<std::size_t> LoadDemoData(app::Services& services) {
  auto count = services.store.meeting_places().Count(/*example_only=*/false);
  if (!count.ok()) return count.error();
  if (*count > 0) return std::size_t{0};
  auto demo = resources::Find("data/demo/meeting-places.json");
  if (!demo) return Error::Internal("this build carries no example data");
  return ImportMeetingPlaces(services, *demo, /*example=*/true, app::CommandLinePrincipal("system"));
}

bool EnsureDemoAdmin(app::Services& services) {
  const Principal system = app::CommandLinePrincipal("system");
  auto users = app::ListUsers(services, system);
  if (!users.ok() || !users->empty()) return false;
  return app::AddUser(services, system, kDemoAdmin, HashPassword(kDemoPassword), Role::kAdmin, "").ok();
}

Result<std::string> ExportMeetingPlaces(MeetingPlaceStore& store) {
  auto all = store.All();
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
