// Bundles the OpenAPI fragments under openapi/ (one per capability, plus base.json) into the
// single document the server serves at /api/v1/openapi.json. Each capability keeps its paths and
// schemas beside it, so that adding one does not mean editing a 3,000-line file; the profile
// schema stays in data/profile.schema.json and is referenced by file, never copied. Used by the
// build tool bundle_openapi (bundle_openapi.cc) and its tests.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace moteplass::openapi {

// Ordered, so that the bundle keeps the key order the fragments were written in and stays
// readable (and diffable) for people.
using Json = nlohmann::ordered_json;

// A JSON value, or the reason there is none. The bundler reports problems with this instead of
// exceptions, so that the tool prints one clear message naming the file and the key, and exits 1.
class JsonResult {
 public:
  // A successful result holding `value`.
  static JsonResult Ok(Json value) { return JsonResult(std::move(value), {}); }
  // A failed result; `message` names the file and what is wrong in it (never empty, since an
  // empty error would read as success).
  static JsonResult Error(std::string message) {
    return JsonResult({}, message.empty() ? "failed" : std::move(message));
  }

  // True when there is a value.
  bool ok() const { return error_.empty(); }
  // The value; only meaningful when ok().
  const Json& value() const { return value_; }
  // Moves the value out; only meaningful when ok().
  Json take() { return std::move(value_); }
  // Why there is no value; empty when ok().
  const std::string& error() const { return error_; }

 private:
  JsonResult(Json value, std::string error) : value_(std::move(value)), error_(std::move(error)) {}
  Json value_;
  std::string error_;
};

// One input document and the file it came from. The file's folder is where relative file
// references ("$ref": "../data/profile.schema.json") start, and its name is what error messages
// show.
struct Fragment {
  std::filesystem::path path;
  Json document;
};

// Loads a JSON file that a fragment refers to by "$ref". Tests pass one that reads from memory.
using FileLoader = std::function<JsonResult(const std::filesystem::path&)>;

// Reads and parses the JSON file at `path`; the error names the file and the line of a syntax
// error.
JsonResult ReadJsonFile(const std::filesystem::path& path);

// Merges `fragments` into `base` and returns the bundled OpenAPI document.
//
// - `base` supplies everything but the operations: openapi, info, servers, tags, security and
//   the shared components. Its keys keep their order, followed by "paths" and "components".
// - A fragment may hold only "paths", "components" and "$comment" (a note for people, dropped
//   like the one in base), so that nothing a fragment says is silently lost.
// - Paths and components.<section>.<name> are merged. Two files that define the same path and
//   method, or the same component with different content, are an error naming both files; the
//   same component with equal content (key order aside) is accepted once.
// - A "$ref" that is not "#..." is a file path relative to the referring file's folder. The file
//   is inlined once as components.schemas.<Name>, where Name is the key of a components.schemas
//   entry that is exactly that $ref, or else the file's name before its first dot in
//   UpperCamelCase (profile.schema.json -> Profile); the $ref becomes "#/components/schemas/Name".
//   "$schema" and "$id" are dropped from the inlined file (OpenAPI 3.0 schema objects have
//   neither, and "$id" would change the base of the references below it), and its own "#/..."
//   references are rewritten to point under #/components/schemas/Name, so that "#/$defs/x"
//   still resolves.
// - Every "#/..." reference in the result must resolve inside it.
JsonResult Bundle(const Fragment& base, const std::vector<Fragment>& fragments, const FileLoader& load = ReadJsonFile);

// The bundle as the build writes it: 2-space indentation, UTF-8, a final newline.
std::string Dump(const Json& document);

// Writes `text` to `path` unless the file holds exactly that already, so that the file's time
// only changes (and what embeds it is only rebuilt) when the document does. Returns false and
// sets `error` on failure.
bool WriteIfChanged(const std::filesystem::path& path, const std::string& text, std::string* error);

}  // namespace moteplass::openapi
