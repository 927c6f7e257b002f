// The shared parts of the commands (command.h): failures, files, and opening the register.
#include "cli/command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace moteplass::cli {

bool IsPostgresUrl(const std::string& db) { return db.starts_with("postgresql://") || db.starts_with("postgres://"); }

int ExitStatusFor(const Error& e) { return e.code == ErrorCode::kInvalid || e.code == ErrorCode::kConflict ? 2 : 1; }

std::string FailureLine(std::string_view command, const Error& e) {
  const bool name_pointer = !e.pointer.empty() && e.message.find(e.pointer) == std::string::npos;
  std::string line = "moteplass ";
  line += command;
  line += ": ";
  if (name_pointer) line += e.pointer + ": ";
  return line + e.message;
}

Status WriteOwnerOnly(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  // A path that cannot be opened is the caller's to fix (a missing folder, no permission): named
  // with its reason, as a usage error. A failed write after that (a full disk) is not.
  if (fd < 0) return Error::Invalid("cannot write " + path + ": " + std::strerror(errno), "--output");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return Error::Internal("cannot write " + path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return Error::Internal("cannot write " + path);
  return {};
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<Services> Services::Load(Store& store) {
  Result<Places> places = store.places().Load();
  if (!places.ok()) return places.error();
  return Services(store, std::make_unique<const Places>(std::move(places).value()));
}

Services::Services(Store& store, std::unique_ptr<const Places> places)
    : places_(std::move(places)), services_{store, *places_} {}

CommandContext::CommandContext() : CommandContext(std::cin, std::cout, std::cerr) {}

CommandContext::CommandContext(std::istream& in, std::ostream& out, std::ostream& err)
    : in_(in), out_(out), err_(err) {}

void CommandContext::AddDbOption(CLI::App& command) {
  command.add_option("--db", db_, "database: a SQLite file, or a postgresql:// address")->capture_default_str();
}

int CommandContext::Fail(std::string_view command, const Error& e) {
  err_ << FailureLine(command, e) << "\n";
  return ExitStatusFor(e);
}

int CommandContext::Finish(std::string_view command, const Status& status) {
  return status.ok() ? 0 : Fail(command, status.error());
}

Result<std::unique_ptr<Store>> CommandContext::OpenStore() {
  // A PostgreSQL address picks the PostgreSQL store; anything else is a SQLite file.
  if (IsPostgresUrl(db_)) {
    Result<std::unique_ptr<PostgresStore>> store = PostgresStore::Open(db_);
    if (!store.ok()) {
      Error e = std::move(store).error();
      e.code = ErrorCode::kInternal;
      return e;
    }
    return std::unique_ptr<Store>(std::move(store).value());
  }
  std::error_code ignored;  // Open() says what is wrong when the folder is missing
  const std::filesystem::path dir = std::filesystem::path(db_).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ignored);
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db_);
  if (!store.ok()) {
    Error e = std::move(store).error();
    e.code = ErrorCode::kInternal;
    return e;
  }
  return std::unique_ptr<Store>(std::move(store).value());
}

}  // namespace moteplass::cli
