#include "store/migrations.h"

#include <algorithm>
#include <map>
#include <optional>

namespace moteplass {

namespace {

// The number of a migration file named NNNN_name.sql; nullopt for any other name.
std::optional<int> MigrationNumber(std::string_view name) {
  auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  if (name.size() < 10 || !std::all_of(name.begin(), name.begin() + 4, digit) || name[4] != '_' ||
      name.substr(name.size() - 4) != ".sql" || name.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoi(std::string(name.substr(0, 4)));
}

}  // namespace

Result<std::vector<Migration>> ListMigrations(std::string_view prefix) {
  return MigrationsOf(resources::List(prefix), prefix);
}

Result<std::vector<Migration>> MigrationsOf(const std::vector<resources::Entry>& files, std::string_view prefix) {
  std::map<int, Migration> by_number;
  for (const resources::Entry& entry : files) {
    const std::string name(entry.name.substr(prefix.size()));
    const std::optional<int> version = MigrationNumber(name);
    if (!version) return Error::Internal("migration " + std::string(entry.name) + " is not named NNNN_name.sql");
    auto [it, added] = by_number.emplace(*version, Migration{*version, name, std::string(entry.content)});
    if (!added) {
      return Error::Internal("migrations " + it->second.name + " and " + name + " share the number " +
                             std::to_string(*version) + "; give the newer one the next free number");
    }
  }
  std::vector<Migration> out;
  for (auto& [version, migration] : by_number) out.push_back(std::move(migration));
  return out;
}

}  // namespace moteplass
