// The meeting-place form takes the choices of its selects and checklists from the profile schema
// (data/profile.schema.json): every such field resolves there, shows exactly the schema's enum in
// the schema's order, labelled from the catalogue ("enum.<name>.<value>"), and a value added to an
// enum shows without touching the code.
#include "http/register/form.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/resources.h"

namespace moteplass::http::registry {
namespace {

using nlohmann::json;

constexpr Lang kLangs[] = {Lang::kNb, Lang::kNn, Lang::kEn};

const json& ProfileSchema() {
  static const json schema = json::parse(resources::Get("data/profile.schema.json"));
  return schema;
}

// The enum of a top-level profile property, read straight from the schema file (following one
// local "$ref"), independently of SchemaChoices: "level" -> its enum, "purposes" -> its items'.
std::vector<std::string> EnumInFile(const std::string& name) {
  const json* node = &ProfileSchema().at("properties").at(name);
  auto deref = [](const json* n) {
    return n->contains("$ref") ? &ProfileSchema().at(json::json_pointer(n->at("$ref").get<std::string>().substr(1)))
                               : n;
  };
  node = deref(node);
  if (!node->contains("enum")) node = deref(&node->at("items"));
  return node->at("enum").get<std::vector<std::string>>();
}

std::string Name(const std::string& pointer) { return pointer.substr(pointer.rfind('/') + 1); }

// The fields of FormView's groups, flattened.
std::vector<json> ViewFields(const json& body, Lang lang) {
  std::vector<json> out;
  for (const auto& group : FormView(body, {}, Places{}, lang)) {
    for (const auto& field : group.at("fields")) out.push_back(field);
  }
  return out;
}

json EmptyBody() { return {{"profile", json::object()}}; }

// The programmer-error check: a select or checklist whose pointer has no enum in the schema (a
// renamed property, a field added to the table before the schema) fails here, not at run time.
TEST(FormChoices, EveryChoiceFieldResolvesInTheProfileSchema) {
  const auto& fields = SchemaChoiceFields();
  std::set<std::string> pointers;
  for (const auto& f : fields) {
    pointers.insert(f.pointer);
    ASSERT_TRUE(f.choices.ok()) << f.pointer << ": " << f.choices.error().message;
    EXPECT_FALSE(f.choices->empty()) << f.pointer;
  }
  // The walk covers the form's choice fields, and the places are not among them.
  for (const char* p :
       {"/profile/level", "/profile/initiative", "/profile/immigrant_members_selected_by",
        "/profile/immigrant_members_represent", "/profile/authority_role", "/profile/chair", "/profile/rotation",
        "/profile/organisational_form", "/profile/venue", "/profile/target_group", "/profile/purposes"}) {
    EXPECT_TRUE(pointers.count(p)) << p << " is not resolved from the schema";
  }
  EXPECT_FALSE(pointers.count("/profile/municipality"));
  EXPECT_FALSE(pointers.count("/profile/county"));
  EXPECT_EQ(pointers.size(), fields.size()) << "a field is listed twice";
}

TEST(FormChoices, EachFieldHasExactlyTheSchemasEnumInItsOrder) {
  for (const auto& f : SchemaChoiceFields()) {
    ASSERT_TRUE(f.choices.ok()) << f.pointer;
    EXPECT_EQ(*f.choices, EnumInFile(Name(f.pointer))) << f.pointer;
  }
}

// What the page shows: each select's options after "choose" and each checklist's boxes are the
// schema's enum in order, labelled "enum.<name>.<value>" from the catalogue in every language.
TEST(FormChoices, TheFormShowsTheSchemasEnumWithCatalogueLabels) {
  for (Lang lang : kLangs) {
    const std::vector<json> fields = ViewFields(EmptyBody(), lang);
    for (const auto& f : SchemaChoiceFields()) {
      const std::string name = Name(f.pointer);
      const std::vector<std::string> expected = EnumInFile(name);
      std::vector<std::string> values;
      std::vector<std::string> labels;
      for (const auto& field : fields) {
        if (field.at("name") != f.pointer) continue;
        if (field.value("is_select", false)) {
          const json& options = field.at("options");
          ASSERT_FALSE(options.empty()) << f.pointer;
          EXPECT_EQ(options.front().at("value"), "") << f.pointer << ": the first option is \"choose\"";
          for (std::size_t i = 1; i < options.size(); ++i) {
            values.push_back(options[i].at("value").get<std::string>());
            labels.push_back(options[i].at("label").get<std::string>());
          }
        } else if (field.value("is_checkbox", false)) {
          values.push_back(field.at("value").get<std::string>());
          labels.push_back(field.at("label").get<std::string>());
        }
      }
      EXPECT_EQ(values, expected) << f.pointer << " in " << LangCode(lang);
      ASSERT_EQ(labels.size(), expected.size()) << f.pointer;
      for (std::size_t i = 0; i < expected.size(); ++i) {
        const std::string key = "enum." + name + "." + expected[i];
        EXPECT_EQ(labels[i], Msg(key, lang)) << key;
        EXPECT_FALSE(labels[i].starts_with("[")) << key << " is not in the message catalogue";
      }
    }
  }
}

TEST(FormChoices, TheCurrentValueIsSelectedOrChecked) {
  json body = EmptyBody();
  body["profile"]["level"] = "county";
  body["profile"]["purposes"] = {"dialogue", "information"};
  std::vector<std::string> selected;
  std::vector<std::string> checked;
  for (const auto& field : ViewFields(body, Lang::kEn)) {
    if (field.at("name") == "/profile/level") {
      for (const auto& o : field.at("options")) {
        if (o.at("selected").get<bool>()) selected.push_back(o.at("value").get<std::string>());
      }
    }
    if (field.at("name") == "/profile/purposes" && field.at("checked").get<bool>()) {
      checked.push_back(field.at("value").get<std::string>());
    }
  }
  EXPECT_EQ(selected, std::vector<std::string>{"county"});
  EXPECT_EQ(checked, (std::vector<std::string>{"dialogue", "information"}));
}

// The fields of the typology's second pass: a house and the meeting places it started, how often
// the authorities are in contact, mixed ways of choosing members. An optional checklist left
// empty is left out, the required one (purposes) is kept.
TEST(FormBody, TheSecondPassFieldsComeThrough) {
  json body = BodyFromForm({{"/profile/house_role", "initiator"},
                            {"/profile/started_meeting_places", "Politiforumet, Debattkvelden"},
                            {"/profile/started_by", ""},
                            {"/profile/authority_contact", "hearings_only"},
                            {"/profile/recurrence", "recurring_event"},
                            {"/profile/channel", ""},
                            {"/profile/immigrant_members_also_selected_by", "hand_picked"},
                            {"/profile/immigrant_members_also_selected_by", "authority_appoints"}});
  const json& p = body.at("profile");
  EXPECT_EQ(p.at("house_role"), "initiator");
  EXPECT_EQ(p.at("started_meeting_places"), json({"Politiforumet", "Debattkvelden"}));
  EXPECT_FALSE(p.contains("started_by"));
  EXPECT_FALSE(p.contains("channel"));
  EXPECT_EQ(p.at("authority_contact"), "hearings_only");
  EXPECT_EQ(p.at("recurrence"), "recurring_event");
  EXPECT_EQ(p.at("immigrant_members_also_selected_by"), json({"hand_picked", "authority_appoints"}));
  EXPECT_EQ(p.at("purposes"), json::array());

  json none = BodyFromForm({});
  EXPECT_FALSE(none.at("profile").contains("immigrant_members_also_selected_by"));
}

// The level field says how to record the police, in every language.
TEST(FormBody, TheLevelFieldSaysHowToRecordThePolice) {
  for (Lang lang : kLangs) {
    bool found = false;
    for (const auto& field : ViewFields(EmptyBody(), lang)) {
      if (field.at("name") != "/profile/level") continue;
      ASSERT_TRUE(field.at("hint").is_string());
      const std::string hint = field.at("hint").get<std::string>();
      found = hint.find(Msg("enum.level.police_district", lang)) != std::string::npos;
    }
    EXPECT_TRUE(found) << LangCode(lang);
  }
}

// A small schema in the profile's shape, with a $defs entry, an array of choices and a nested object.
json SmallSchema() {
  return json::parse(R"({
    "type": "object",
    "$defs": {
      "colour": {"enum": ["red", "green"]},
      "alias": {"$ref": "#/$defs/colour"},
      "loop": {"$ref": "#/$defs/loop"}
    },
    "properties": {
      "level": {"enum": ["municipal", "county"], "description": "A level."},
      "colour": {"$ref": "#/$defs/colour"},
      "aliased": {"$ref": "#/$defs/alias"},
      "purposes": {"type": "array", "uniqueItems": true, "items": {"enum": ["dialogue", "theme"]}},
      "colours": {"type": "array", "items": {"$ref": "#/$defs/colour"}},
      "seats": {"type": "object", "properties": {"kind": {"enum": ["standing", "guest"]}}},
      "name": {"type": "string"},
      "themes": {"type": "array", "items": {"type": "string"}},
      "numbers": {"enum": [1, 2]},
      "broken": {"$ref": "#/$defs/missing"},
      "circular": {"$ref": "#/$defs/loop"}
    }
  })");
}

std::vector<std::string> ChoicesAt(const json& schema, const std::string& pointer) {
  auto r = SchemaChoices(schema, pointer);
  EXPECT_TRUE(r.ok()) << pointer << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : std::vector<std::string>{};
}

TEST(SchemaChoices, TakesThePropertysEnumInOrder) {
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/level"), (std::vector<std::string>{"municipal", "county"}));
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/seats/kind"), (std::vector<std::string>{"standing", "guest"}));
}

TEST(SchemaChoices, AValueAddedToTheEnumAppears) {
  json schema = SmallSchema();
  schema["properties"]["level"]["enum"].push_back("regional");
  schema["properties"]["purposes"]["items"]["enum"].insert(schema["properties"]["purposes"]["items"]["enum"].begin(),
                                                           "mobilisation");
  schema["$defs"]["colour"]["enum"].push_back("blue");
  EXPECT_EQ(ChoicesAt(schema, "/level"), (std::vector<std::string>{"municipal", "county", "regional"}));
  EXPECT_EQ(ChoicesAt(schema, "/purposes"), (std::vector<std::string>{"mobilisation", "dialogue", "theme"}));
  EXPECT_EQ(ChoicesAt(schema, "/colour"), (std::vector<std::string>{"red", "green", "blue"}));
}

TEST(SchemaChoices, AnArrayTakesTheEnumOfItsItems) {
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/purposes"), (std::vector<std::string>{"dialogue", "theme"}));
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/purposes/0"), (std::vector<std::string>{"dialogue", "theme"}));
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/colours"), (std::vector<std::string>{"red", "green"}));
}

TEST(SchemaChoices, FollowsRefsIntoDefs) {
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/colour"), (std::vector<std::string>{"red", "green"}));
  EXPECT_EQ(ChoicesAt(SmallSchema(), "/aliased"), (std::vector<std::string>{"red", "green"}));
  // A whole object behind a $ref is walked into as well.
  json schema = SmallSchema();
  schema["$defs"]["seats"] = schema["properties"]["seats"];
  schema["properties"]["seats"] = {{"$ref", "#/$defs/seats"}};
  EXPECT_EQ(ChoicesAt(schema, "/seats/kind"), (std::vector<std::string>{"standing", "guest"}));
}

TEST(SchemaChoices, NoEnumIsAnErrorThatNamesThePointer) {
  for (const char* pointer : {"/name", "/themes", "/seats", "/missing", "/seats/missing", "/level/x", "/numbers",
                              "/broken", "/circular", "no-slash"}) {
    auto r = SchemaChoices(SmallSchema(), pointer);
    ASSERT_FALSE(r.ok()) << pointer << " should have no choices";
    EXPECT_EQ(r.error().code, ErrorCode::kInternal) << pointer;
    EXPECT_NE(r.error().message.find(pointer), std::string::npos) << r.error().message;
  }
}

TEST(SchemaChoices, TheProfileSchemaItself) {
  EXPECT_EQ(ChoicesAt(ProfileSchema(), "/level"), EnumInFile("level"));
  EXPECT_EQ(ChoicesAt(ProfileSchema(), "/purposes"), EnumInFile("purposes"));
  EXPECT_FALSE(SchemaChoices(ProfileSchema(), "/municipality").ok());
}

}  // namespace
}  // namespace moteplass::http::registry
