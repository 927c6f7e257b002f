// The migrations a backend carries (src/store/<backend>/migrations/NNNN_name.sql, embedded in the
// binary), read once for both backends: in order, each with its number, and refused when a file is
// misnamed or two share a number (the runner records applied migrations by number, so the second
// of two would silently never run).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/resources.h"

namespace moteplass {

struct Migration {
  int version = 0;
  std::string name;  // "0007_operations.sql"
  std::string sql;
};

// The migrations under `prefix` ("src/store/sqlite/migrations/"), by number. kInternal naming the
// file when one is not named NNNN_name.sql or shares its number with another.
Result<std::vector<Migration>> ListMigrations(std::string_view prefix);
// The same over given files (each named with the prefix); for tests.
Result<std::vector<Migration>> MigrationsOf(const std::vector<resources::Entry>& files, std::string_view prefix);

}  // namespace moteplass
