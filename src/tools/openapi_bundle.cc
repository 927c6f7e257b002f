// Bundles the OpenAPI fragments into one document; see openapi_bundle.h for the rules.
#include "tools/openapi_bundle.h"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>
#include <system_error>

namespace moteplass::openapi {

namespace fs = std::filesystem;

namespace {

// The keys of an OpenAPI 3 path item that are operations; the others (summary, parameters, ...)
// may be repeated by two fragments as long as they agree.
constexpr std::array<std::string_view, 8> kMethods = {"get",     "put",  "post",  "delete",
                                                      "options", "head", "patch", "trace"};

bool IsMethod(std::string_view key) {
  for (std::string_view m : kMethods) {
    if (m == key) return true;
  }
  return false;
}

// Equality as JSON means it: two objects with the same members in another order are the same
// component. ordered_json compares member order too, so compare as the unordered kind.
bool SameContent(const Json& a, const Json& b) { return nlohmann::json(a) == nlohmann::json(b); }

// The component name of an inlined file: its name before the first dot, in UpperCamelCase, so
// that profile.schema.json becomes Profile and meeting-place.schema.json MeetingPlace.
std::string ComponentNameOf(const fs::path& file) {
  std::string stem = file.filename().string();
  stem = stem.substr(0, stem.find('.'));
  std::string name;
  bool upper = true;
  for (char c : stem) {
    if (c == '-' || c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

// A reference to another file, as opposed to one inside the same document ("#...").
bool IsFileRef(const Json& ref) {
  return ref.is_string() && !ref.get_ref<const std::string&>().empty() && ref.get_ref<const std::string&>()[0] != '#';
}

// A path and an operation, or a component, as error messages and origin_ name it.
std::string PathKey(const std::string& path, const std::string& key) { return "paths " + path + " " + key; }
std::string ComponentKey(const std::string& section, const std::string& name) {
  return "components." + section + "." + name;
}

// Reads `path` whole; false when it cannot be read.
bool ReadText(const fs::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return !in.bad();
}

// Does the merging for one call of Bundle. Methods return an error message, empty on success.
class Bundler {
 public:
  explicit Bundler(const FileLoader& load) : load_(load) {}

  JsonResult Run(const Fragment& base, const std::vector<Fragment>& fragments) {
    // Copies, because file references are rewritten in place and declared entries removed.
    std::vector<Fragment> inputs;
    inputs.reserve(fragments.size() + 1);
    inputs.push_back(base);
    inputs.insert(inputs.end(), fragments.begin(), fragments.end());
    for (Fragment& f : inputs) {
      if (!f.document.is_object()) return JsonResult::Error(f.path.string() + ": not a JSON object");
    }
    // Names declared for files come first, so that every use of a file gets the same name,
    // whichever fragment is read first.
    for (Fragment& f : inputs) {
      if (std::string e = CollectDeclaredNames(f); !e.empty()) return JsonResult::Error(e);
    }
    for (const auto& [file, declared] : declared_) {
      std::string name;
      if (std::string e = Inline(file, declared.origin, &name); !e.empty()) {
        return JsonResult::Error(e);
      }
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (std::string e = Merge(inputs[i], i == 0); !e.empty()) return JsonResult::Error(e);
    }
    Json out = Json::object();
    for (auto& [key, value] : head_.items()) out[key] = value;
    out["paths"] = paths_;
    out["components"] = components_;
    std::vector<std::string> where;
    if (std::string e = CheckLocalRefs(out, out, &where); !e.empty()) return JsonResult::Error(e);
    return JsonResult::Ok(std::move(out));
  }

 private:
  // A file that a components.schemas entry names: {"Profile": {"$ref": "../x.json"}}.
  struct Declared {
    std::string name;
    std::string origin;  // the fragment that declared it, for messages
  };

  // Finds components.schemas entries that are exactly a file $ref, records their names, and
  // removes them from the fragment: the inlined file takes their place.
  std::string CollectDeclaredNames(Fragment& f) {
    Json* schemas = nullptr;
    if (f.document.contains("components") && f.document["components"].is_object() &&
        f.document["components"].contains("schemas") && f.document["components"]["schemas"].is_object()) {
      schemas = &f.document["components"]["schemas"];
    }
    if (schemas == nullptr) return {};
    std::vector<std::string> declared_here;
    for (auto& [name, schema] : schemas->items()) {
      if (!schema.is_object() || schema.size() != 1 || !schema.contains("$ref") || !IsFileRef(schema["$ref"])) {
        continue;
      }
      std::string e;
      const fs::path file = Resolve(f.path, schema["$ref"].get<std::string>(), &e);
      if (!e.empty()) return f.path.string() + ": components.schemas." + name + ": " + e;
      auto [it, added] = declared_.try_emplace(file, Declared{name, f.path.string()});
      if (!added && it->second.name != name) {
        return file.string() + " is declared as components.schemas." + it->second.name + " in " + it->second.origin +
               " and as components.schemas." + name + " in " + f.path.string();
      }
      declared_here.push_back(name);
    }
    for (const std::string& name : declared_here) schemas->erase(name);
    return {};
  }

  // The file a reference in `from` names, relative to from's folder. Only whole files: a JSON
  // pointer into another file, or a URL, is not something the fragments need, so it is refused
  // rather than half supported.
  static fs::path Resolve(const fs::path& from, const std::string& ref, std::string* error) {
    if (ref.find('#') != std::string::npos || ref.find("://") != std::string::npos) {
      *error = "$ref " + ref + " is not supported (only a whole local file, or #/...)";
      return {};
    }
    return (from.parent_path() / ref).lexically_normal();
  }

  // Rewrites the references under `node`, which comes from the file `from`. File references
  // are inlined (see Inline) and become #/components/schemas/Name. Local ones ("#...") are
  // left alone when `local_prefix` is empty (fragments share one document), and moved under
  // `local_prefix` when it is not (an inlined file, whose root is now that component).
  std::string RewriteRefs(Json& node, const fs::path& from, const std::string& local_prefix) {
    if (node.is_array()) {
      for (Json& item : node) {
        if (std::string e = RewriteRefs(item, from, local_prefix); !e.empty()) return e;
      }
      return {};
    }
    if (!node.is_object()) return {};
    for (auto& [key, value] : node.items()) {
      if (key != "$ref" || !value.is_string()) {
        if (std::string e = RewriteRefs(value, from, local_prefix); !e.empty()) return e;
        continue;
      }
      const std::string ref = value.get<std::string>();
      if (!IsFileRef(value)) {
        if (local_prefix.empty()) continue;
        if (ref != "#" && ref.rfind("#/", 0) != 0) {
          return from.string() + ": $ref " + ref + " is not supported when the file is inlined (only #/...)";
        }
        value = local_prefix + ref.substr(1);
        continue;
      }
      std::string e;
      const fs::path file = Resolve(from, ref, &e);
      if (!e.empty()) return from.string() + ": " + e;
      std::string name;
      if (e = Inline(file, from.string(), &name); !e.empty()) return e;
      value = "#/components/schemas/" + name;
    }
    return {};
  }

  // Inlines `file` as components.schemas.<name>, once, and sets `name`.
  std::string Inline(const fs::path& file, const std::string& referrer, std::string* name) {
    if (auto it = inlined_.find(file); it != inlined_.end()) {
      *name = it->second;
      return {};
    }
    auto declared = declared_.find(file);
    *name = declared != declared_.end() ? declared->second.name : ComponentNameOf(file);
    if (name->empty()) return file.string() + " (referenced from " + referrer + "): no name";
    // Recorded before its content is read, so that a file that refers back to itself, directly
    // or through another, gets a reference and not endless recursion.
    inlined_[file] = *name;
    JsonResult loaded = load_(file);
    if (!loaded.ok()) return loaded.error() + " (referenced from " + referrer + ")";
    Json schema = loaded.take();
    if (!schema.is_object()) return file.string() + " (referenced from " + referrer + "): not a JSON object";
    schema.erase("$schema");
    schema.erase("$id");
    const std::string prefix = "#/components/schemas/" + *name;
    if (std::string e = RewriteRefs(schema, file, prefix); !e.empty()) return e;
    return AddComponent("schemas", *name, std::move(schema), file.string());
  }

  // Adds one component, or checks that an equal one is there already.
  std::string AddComponent(const std::string& section, const std::string& name, Json value, const std::string& origin) {
    Json& entries = components_[section];
    const std::string key = ComponentKey(section, name);
    if (entries.contains(name)) {
      if (SameContent(entries[name], value)) return {};
      return key + " is defined in " + origin_[key] + " and, differently, in " + origin;
    }
    entries[name] = std::move(value);
    origin_[key] = origin;
    return {};
  }

  // Adds one fragment's paths and components; from base, keeps the other keys as the head.
  std::string Merge(Fragment& f, bool is_base) {
    const std::string file = f.path.string();
    Json& doc = f.document;
    doc.erase("$comment");
    for (auto& [key, value] : doc.items()) {
      if (!is_base && key != "paths" && key != "components") {
        return file + ": unexpected top-level key \"" + key +
               "\" (a fragment holds only paths and components; the rest belongs in the base)";
      }
    }
    if (std::string e = RewriteRefs(doc, f.path, ""); !e.empty()) return e;
    for (auto& [key, value] : doc.items()) {
      if (is_base && key != "paths" && key != "components") head_[key] = value;
    }
    if (doc.contains("paths")) {
      if (!doc["paths"].is_object()) return file + ": paths is not an object";
      for (auto& [path, item] : doc["paths"].items()) {
        if (path.empty() || path[0] != '/') return file + ": path \"" + path + "\" does not start with /";
        if (!item.is_object()) return file + ": paths " + path + " is not an object";
        for (auto& [key, value] : item.items()) {
          if (std::string e = AddPathEntry(path, key, value, file); !e.empty()) return e;
        }
      }
    }
    if (doc.contains("components")) {
      if (!doc["components"].is_object()) return file + ": components is not an object";
      for (auto& [section, entries] : doc["components"].items()) {
        if (!entries.is_object()) return file + ": components." + section + " is not an object";
        for (auto& [name, value] : entries.items()) {
          if (std::string e = AddComponent(section, name, value, file); !e.empty()) return e;
        }
      }
    }
    return {};
  }

  // Adds one operation (or other path-item key) to paths_.
  std::string AddPathEntry(const std::string& path, const std::string& key, const Json& value,
                           const std::string& file) {
    Json& item = paths_[path];
    const std::string where = PathKey(path, key);
    if (item.contains(key)) {
      if (IsMethod(key)) {
        std::string method = key;
        for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return method + " " + path + " is defined twice: in " + origin_[where] + " and in " + file;
      }
      if (SameContent(item[key], value)) return {};
      return where + " is defined in " + origin_[where] + " and, differently, in " + file;
    }
    item[key] = value;
    origin_[where] = file;
    return {};
  }

  // Checks that every local reference under `node` resolves in `root`; `where` is the JSON
  // pointer of node, as tokens, for the message.
  std::string CheckLocalRefs(const Json& root, const Json& node, std::vector<std::string>* where) {
    if (node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        where->push_back(std::to_string(i));
        std::string e = CheckLocalRefs(root, node[i], where);
        where->pop_back();
        if (!e.empty()) return e;
      }
      return {};
    }
    if (!node.is_object()) return {};
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        if (std::string e = CheckRef(root, value.get<std::string>(), *where); !e.empty()) return e;
        continue;
      }
      where->push_back(key);
      std::string e = CheckLocalRefs(root, value, where);
      where->pop_back();
      if (!e.empty()) return e;
    }
    return {};
  }

  std::string CheckRef(const Json& root, const std::string& ref, const std::vector<std::string>& where) {
    Json::json_pointer location;
    for (const std::string& token : where) location /= token;
    // Name the fragment the dangling reference came from: the origin of its operation or
    // component.
    std::string from;
    if (where.size() >= 3) {
      const std::string key = where[0] == "paths"        ? PathKey(where[1], where[2])
                              : where[0] == "components" ? ComponentKey(where[1], where[2])
                                                         : "";
      if (auto it = origin_.find(key); it != origin_.end()) from = " (from " + it->second + ")";
    }
    if (ref.rfind("#", 0) != 0) return "unresolved $ref " + ref + " at " + location.to_string() + from;
    if (ref == "#") return {};
    try {
      if (root.contains(Json::json_pointer(ref.substr(1)))) return {};
    } catch (const Json::exception& e) {
      return "$ref " + ref + " at " + location.to_string() + from + " is not a JSON pointer: " + e.what();
    }
    return "$ref " + ref + " at " + location.to_string() + from + " does not resolve: no such thing in the bundle";
  }

  const FileLoader& load_;
  Json head_ = Json::object();
  Json paths_ = Json::object();
  Json components_ = Json::object();
  // Which file defined each operation and component ("paths /x get", "components.schemas.X").
  std::map<std::string, std::string> origin_;
  // Files inlined so far, and their component names.
  std::map<fs::path, std::string> inlined_;
  std::map<fs::path, Declared> declared_;
};

}  // namespace

JsonResult ReadJsonFile(const fs::path& path) {
  std::string text;
  if (!ReadText(path, &text)) return JsonResult::Error("cannot read " + path.string() + ": " + std::strerror(errno));
  try {
    return JsonResult::Ok(Json::parse(text));
  } catch (const Json::parse_error& e) {
    return JsonResult::Error(path.string() + ": " + e.what());
  }
}

JsonResult Bundle(const Fragment& base, const std::vector<Fragment>& fragments, const FileLoader& load) {
  return Bundler(load).Run(base, fragments);
}

std::string Dump(const Json& document) { return document.dump(2) + "\n"; }

bool WriteIfChanged(const fs::path& path, const std::string& text, std::string* error) {
  std::string old;
  if (ReadText(path, &old) && old == text) return true;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) {
    *error = "cannot create " + path.parent_path().string() + ": " + ec.message();
    return false;
  }
  // Written beside and renamed, so that a build stopped halfway never leaves half a document
  // that looks up to date.
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      *error = "cannot write " + tmp.string() + ": " + std::strerror(errno);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    *error = "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace moteplass::openapi
