// bundle_openapi: the build step that makes the served OpenAPI document from the fragments in
// openapi/ (see openapi_bundle.h). cmake/openapi.cmake runs it; it is not installed.
//
//   bundle_openapi OUT.json base.json fragment.json...
//
// Exits 0 when OUT.json holds the bundle (rewritten only if it changed), 1 when a fragment is
// wrong (the message names the file and the path or component), 2 on a usage error.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "tools/openapi_bundle.h"

namespace {

namespace openapi = moteplass::openapi;

int Run(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bundle_openapi OUT.json base.json fragment.json...\n";
    return 2;
  }
  std::vector<openapi::Fragment> inputs;
  for (int i = 2; i < argc; ++i) {
    openapi::JsonResult read = openapi::ReadJsonFile(argv[i]);
    if (!read.ok()) {
      std::cerr << "bundle_openapi: " << read.error() << "\n";
      return 1;
    }
    inputs.push_back({argv[i], read.take()});
  }
  openapi::Fragment base = std::move(inputs.front());
  inputs.erase(inputs.begin());
  openapi::JsonResult bundle = openapi::Bundle(base, inputs);
  if (!bundle.ok()) {
    std::cerr << "bundle_openapi: " << bundle.error() << "\n";
    return 1;
  }
  std::string error;
  if (!openapi::WriteIfChanged(argv[1], openapi::Dump(bundle.value()), &error)) {
    std::cerr << "bundle_openapi: " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // nlohmann_json throws on what the JsonResult checks do not foresee (say, invalid UTF-8 on
  // output); a build step should still say what went wrong rather than abort.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "bundle_openapi: " << e.what() << "\n";
    return 1;
  }
}
