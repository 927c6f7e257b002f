// Fuzzes the import file (`moteplass import FILE`): the JSON array of meeting places as `export`
// writes them, each record's body validated as the API validates it, and what an export adds
// (the id, the example flag, the recorded kind, the history); then, for a file that passes, the
// import itself (app::ImportRecords: all or nothing, by id) into a scratch SQLite register made
// once per run. Input: the file.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app/services.h"
#include "cli/data_transfer.h"
#include "store/sqlite/sqlite_store.h"

using namespace moteplass;

namespace {

// A register in a new temporary folder, for the whole run; removed when the run ends.
struct Scratch {
  std::string dir;
  std::unique_ptr<SqliteStore> store;
  Places places;
  std::unique_ptr<app::Services> services;

  Scratch() {
    char name[] = "/tmp/moteplass-fuzz-import.XXXXXX";
    if (mkdtemp(name) == nullptr) abort();
    dir = name;
    auto opened = SqliteStore::Open(dir + "/register.sqlite");
    if (!opened.ok()) abort();
    store = std::move(opened).value();
    auto loaded = store->places().Load();
    if (!loaded.ok()) abort();
    places = std::move(loaded).value();
    services = std::make_unique<app::Services>(app::Services{*store, places});
  }
  ~Scratch() {
    services.reset();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Scratch scratch;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Whatever the file holds, the answer is a count or an error naming the record and field.
  auto imported = cli::ImportMeetingPlaces(*scratch.services, text, false, app::CommandLinePrincipal());
  if (!imported.ok() && imported.error().code == ErrorCode::kInternal) abort();  // a 500 of the import
  return 0;
}
