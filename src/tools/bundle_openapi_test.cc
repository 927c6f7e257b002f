// Tests of the OpenAPI bundler (openapi_bundle.h): fragments merge into the base, conflicts are
// refused with a message that names them, and the profile schema is inlined from its file with
// its references still resolving. The last tests bundle the project's own fragments.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tools/openapi_bundle.h"

namespace moteplass::openapi {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A loader that serves files from memory and counts how often each is read.
struct MemoryFiles {
  std::map<fs::path, Json> files;
  std::map<fs::path, int> reads;

  FileLoader Loader() {
    return [this](const fs::path& path) {
      ++reads[path];
      auto it = files.find(path);
      if (it == files.end()) return JsonResult::Error("cannot read " + path.string() + ": no such file");
      return JsonResult::Ok(it->second);
    };
  }
};

Fragment Base() {
  return {"openapi/base.json", Json::parse(R"({
    "$comment": "the frame",
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "components": {
      "schemas": {"Error": {"type": "object"}},
      "responses": {"NotFound": {"description": "No such thing.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
    }
  })")};
}

Json Operation(const std::string& schema) {
  return Json{{"responses",
               {{"200", {{"description", "ok"}, {"content", {{"application/json", {{"schema", {{"$ref", schema}}}}}}}}},
                {"404", {{"$ref", "#/components/responses/NotFound"}}}}}};
}

TEST(BundleTest, MergesPathsAndComponentsIntoTheBase) {
  Fragment places{"openapi/places.json", Json::parse(R"({"$comment": "places", "paths": {},
      "components": {"schemas": {"County": {"type": "object"}}}})")};
  places.document["paths"]["/api/v1/counties"]["get"] = Operation("#/components/schemas/County");
  Fragment site{"openapi/site.json", Json::parse(R"({"paths": {},
      "components": {"schemas": {"Health": {"type": "object"}},
                     "parameters": {"Page": {"name": "page", "in": "query"}}}})")};
  site.document["paths"]["/api/v1/health"]["get"] = Operation("#/components/schemas/Health");
  MemoryFiles files;

  JsonResult r = Bundle(Base(), {places, site}, files.Loader());

  ASSERT_TRUE(r.ok()) << r.error();
  const Json& doc = r.value();
  // The base's keys first, in their order, then paths and components; notes for people dropped.
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"openapi", "info", "paths", "components"}));
  EXPECT_EQ(doc["paths"].size(), 2u);
  EXPECT_EQ(doc["paths"]["/api/v1/counties"]["get"], Operation("#/components/schemas/County"));
  EXPECT_TRUE(doc["paths"]["/api/v1/health"].contains("get"));
  EXPECT_EQ(doc["components"]["schemas"].size(), 3u);
  EXPECT_TRUE(doc["components"]["schemas"].contains("County"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Health"));
  EXPECT_EQ(doc["components"]["parameters"]["Page"]["in"], "query");
  EXPECT_TRUE(doc["components"]["responses"].contains("NotFound"));
  EXPECT_TRUE(files.reads.empty());
}

TEST(BundleTest, TwoFragmentsMayShareAPathWithDifferentMethods) {
  Fragment a{"openapi/a.json", Json::object()};
  a.document["paths"]["/api/v1/x"]["get"] = Operation("#/components/schemas/Error");
  Fragment b{"openapi/b.json", Json::object()};
  b.document["paths"]["/api/v1/x"]["post"] = Operation("#/components/schemas/Error");

  JsonResult r = Bundle(Base(), {a, b}, MemoryFiles().Loader());

  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_TRUE(r.value()["paths"]["/api/v1/x"].contains("get"));
  EXPECT_TRUE(r.value()["paths"]["/api/v1/x"].contains("post"));
}

TEST(BundleTest, TheSamePathAndMethodTwiceIsAnErrorNamingItAndBothFiles) {
  Fragment a{"openapi/a.json", Json::object()};
  a.document["paths"]["/api/v1/x"]["get"] = Operation("#/components/schemas/Error");
  Fragment b{"openapi/b.json", Json::object()};
  b.document["paths"]["/api/v1/x"]["get"] = Operation("#/components/schemas/Error");

  JsonResult r = Bundle(Base(), {a, b}, MemoryFiles().Loader());

  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error(), HasSubstr("GET /api/v1/x is defined twice"));
  EXPECT_THAT(r.error(), HasSubstr("openapi/a.json"));
  EXPECT_THAT(r.error(), HasSubstr("openapi/b.json"));
}

TEST(BundleTest, AComponentDefinedTwiceIsAcceptedOnlyWithTheSameContent) {
  Fragment a{"openapi/a.json", Json::parse(R"({"components": {"schemas":
      {"Thing": {"type": "object", "required": ["id"]}}}})")};
  Fragment same{"openapi/b.json", Json::parse(R"({"components": {"schemas":
      {"Thing": {"required": ["id"], "type": "object"}}}})")};
  Fragment other{"openapi/c.json", Json::parse(R"({"components": {"schemas":
      {"Thing": {"type": "array"}}}})")};

  JsonResult ok = Bundle(Base(), {a, same}, MemoryFiles().Loader());
  JsonResult conflict = Bundle(Base(), {a, other}, MemoryFiles().Loader());
  JsonResult against_base = Bundle(Base(), {Fragment{"openapi/d.json", Json::parse(R"({"components": {"responses":
                  {"NotFound": {"description": "Gone."}}}})")}},
                                   MemoryFiles().Loader());

  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok.value()["components"]["schemas"]["Thing"]["type"], "object");
  ASSERT_FALSE(conflict.ok());
  EXPECT_THAT(conflict.error(), HasSubstr("components.schemas.Thing"));
  EXPECT_THAT(conflict.error(), HasSubstr("openapi/a.json"));
  EXPECT_THAT(conflict.error(), HasSubstr("openapi/c.json"));
  ASSERT_FALSE(against_base.ok());
  EXPECT_THAT(against_base.error(), HasSubstr("components.responses.NotFound is defined in openapi/base.json"));
}

// A profile schema shaped like data/profile.schema.json, with the parts that need care when it
// moves into the document: $schema, $id, and references to its own $defs.
Json ProfileSchema() {
  return Json::parse(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.org/profile.schema.json",
    "title": "Meeting-place profile",
    "type": "object",
    "properties": {"level": {"$ref": "#/$defs/level"}, "self": {"$ref": "#"}},
    "$defs": {"level": {"enum": ["municipal", "county"]}}
  })");
}

TEST(BundleTest, TheProfileSchemaFileIsInlinedOnceAndItsReferencesStillResolve) {
  MemoryFiles files;
  files.files["data/profile.schema.json"] = ProfileSchema();
  Fragment typology{"openapi/typology.json", Json::parse(R"({"components": {"schemas": {
      "ClassifyRequest": {"oneOf": [{"$ref": "../data/profile.schema.json"},
          {"type": "array", "items": {"$ref": "../data/profile.schema.json"}}]}}}})")};
  Fragment reg{"openapi/register.json", Json::parse(R"({"components": {"schemas": {
      "MeetingPlace": {"properties": {"profile": {"$ref": "../data/profile.schema.json"}}}}}})")};

  JsonResult r = Bundle(Base(), {typology, reg}, files.Loader());

  ASSERT_TRUE(r.ok()) << r.error();
  const Json& schemas = r.value()["components"]["schemas"];
  EXPECT_EQ(files.reads["data/profile.schema.json"], 1);
  EXPECT_EQ(schemas["ClassifyRequest"]["oneOf"][0]["$ref"], "#/components/schemas/Profile");
  EXPECT_EQ(schemas["ClassifyRequest"]["oneOf"][1]["items"]["$ref"], "#/components/schemas/Profile");
  EXPECT_EQ(schemas["MeetingPlace"]["properties"]["profile"]["$ref"], "#/components/schemas/Profile");
  const Json& profile = schemas["Profile"];
  EXPECT_FALSE(profile.contains("$schema"));
  EXPECT_FALSE(profile.contains("$id"));
  EXPECT_EQ(profile["title"], "Meeting-place profile");
  EXPECT_EQ(profile["properties"]["level"]["$ref"], "#/components/schemas/Profile/$defs/level");
  EXPECT_EQ(profile["properties"]["self"]["$ref"], "#/components/schemas/Profile");
  EXPECT_EQ(profile["$defs"]["level"]["enum"][1], "county");
}

TEST(BundleTest, AComponentThatIsExactlyAFileRefNamesTheInlinedSchema) {
  MemoryFiles files;
  files.files["data/profile.schema.json"] = ProfileSchema();
  Fragment reg{"openapi/register.json", Json::parse(R"({"components": {"schemas": {
      "MeetingPlace": {"properties": {"profile": {"$ref": "../data/profile.schema.json"}}}}}})")};
  Fragment typology{"openapi/typology.json", Json::parse(R"({"components": {"schemas": {
      "MappedProfile": {"$ref": "../data/profile.schema.json"}}}})")};

  JsonResult r = Bundle(Base(), {reg, typology}, files.Loader());

  ASSERT_TRUE(r.ok()) << r.error();
  const Json& schemas = r.value()["components"]["schemas"];
  EXPECT_FALSE(schemas.contains("Profile"));
  EXPECT_EQ(schemas["MappedProfile"]["title"], "Meeting-place profile");
  EXPECT_EQ(schemas["MappedProfile"]["properties"]["level"]["$ref"], "#/components/schemas/MappedProfile/$defs/level");
  EXPECT_EQ(schemas["MeetingPlace"]["properties"]["profile"]["$ref"], "#/components/schemas/MappedProfile");
}

TEST(BundleTest, MistakesInFragmentsAreErrorsThatNameTheFile) {
  Fragment stray{"openapi/stray.json", Json::parse(R"({"info": {"title": "x"}})")};
  JsonResult top = Bundle(Base(), {stray}, MemoryFiles().Loader());
  ASSERT_FALSE(top.ok());
  EXPECT_THAT(top.error(), HasSubstr("openapi/stray.json: unexpected top-level key \"info\""));

  Fragment dangling{"openapi/d.json", Json::object()};
  dangling.document["paths"]["/api/v1/x"]["get"] = Operation("#/components/schemas/Nothing");
  JsonResult ref = Bundle(Base(), {dangling}, MemoryFiles().Loader());
  ASSERT_FALSE(ref.ok());
  EXPECT_THAT(ref.error(), HasSubstr("$ref #/components/schemas/Nothing"));
  EXPECT_THAT(ref.error(), HasSubstr("(from openapi/d.json)"));

  Fragment missing{"openapi/m.json", Json::parse(R"({"components": {"schemas": {
      "X": {"properties": {"p": {"$ref": "../data/none.schema.json"}}}}}})")};
  JsonResult file = Bundle(Base(), {missing}, MemoryFiles().Loader());
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.error(), HasSubstr("data/none.schema.json"));
  EXPECT_THAT(file.error(), HasSubstr("referenced from openapi/m.json"));

  Fragment pointer{"openapi/p.json", Json::parse(R"({"components": {"schemas": {
      "X": {"$ref": "../data/profile.schema.json#/$defs/level"}}}})")};
  JsonResult into = Bundle(Base(), {pointer}, MemoryFiles().Loader());
  ASSERT_FALSE(into.ok());
  EXPECT_THAT(into.error(), HasSubstr("is not supported"));
}

TEST(WriteIfChangedTest, LeavesAFileThatHoldsTheTextAlone) {
  const fs::path dir = fs::temp_directory_path() / ("bundle_openapi_test_" + std::to_string(::getpid()));
  const fs::path path = dir / "generated" / "openapi.json";
  std::string error;
  ASSERT_TRUE(WriteIfChanged(path, "{}\n", &error)) << error;
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(path, old_time);

  ASSERT_TRUE(WriteIfChanged(path, "{}\n", &error)) << error;
  EXPECT_EQ(fs::last_write_time(path), old_time);
  ASSERT_TRUE(WriteIfChanged(path, "[]\n", &error)) << error;
  EXPECT_NE(fs::last_write_time(path), old_time);
  EXPECT_EQ(ReadJsonFile(path).value(), Json::array());
  fs::remove_all(dir);
}

#ifdef MOTEPLASS_SOURCE_DIR
// The project's own fragments bundle cleanly, and the Profile in the bundle is the schema file.
TEST(ProjectFragmentsTest, BundleWithTheProfileSchemaFromItsFile) {
  const fs::path root = MOTEPLASS_SOURCE_DIR;
  std::vector<Fragment> fragments;
  for (const auto& entry : fs::directory_iterator(root / "openapi")) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "base.json") continue;
    JsonResult read = ReadJsonFile(entry.path());
    ASSERT_TRUE(read.ok()) << read.error();
    fragments.push_back({entry.path(), read.value()});
  }
  JsonResult base = ReadJsonFile(root / "openapi" / "base.json");
  ASSERT_TRUE(base.ok()) << base.error();

  JsonResult r = Bundle({root / "openapi" / "base.json", base.value()}, fragments);

  ASSERT_TRUE(r.ok()) << r.error();
  Json profile = ReadJsonFile(root / "data" / "profile.schema.json").value();
  profile.erase("$schema");
  EXPECT_EQ(nlohmann::json(r.value()["components"]["schemas"]["Profile"]), nlohmann::json(profile));
  EXPECT_TRUE(r.value()["paths"].contains("/api/v1/meeting-places"));
  EXPECT_EQ(Dump(r.value()).find("profile.schema.json\""), std::string::npos);
}
#endif

}  // namespace
}  // namespace moteplass::openapi
