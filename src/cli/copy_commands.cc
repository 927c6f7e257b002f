// `moteplass copy --from SOURCE --to TARGET`: the whole register from one database into a new
// one, SQLite file or postgresql:// address either way (store/transfer_store.h says what moves
// and how). The source is read in one snapshot (a server may go on using it), the target written
// all or nothing and audited there as "register.copy" by "cli", then every table is compared by
// row count and checksum, once inside the copy's transaction (a difference rolls it back) and
// again after the commit, from the target as any reader sees it.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "core/status_macros.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace moteplass::cli {
namespace {

// A register's address as messages show it: a postgresql:// address without its password and
// parameters (which may hold one), a file as given.
std::string Shown(const std::string& address) {
  if (!IsPostgresUrl(address)) return address;
  std::string shown = address.substr(0, address.find('?'));
  const std::size_t start = shown.find("://") + 3;
  const std::size_t at = shown.find('@', start);
  if (at != std::string::npos) {
    const std::size_t colon = shown.find(':', start);
    if (colon != std::string::npos && colon < at) shown.erase(colon, at - colon);
  }
  return shown;
}

// Opens the register at `address` as CommandContext::OpenStore opens --db (a postgresql://
// address opens PostgreSQL, anything else a SQLite file, created with its folder when missing),
// for a command that needs two.
Result<std::unique_ptr<Store>> OpenAt(const std::string& address) {
  if (IsPostgresUrl(address)) {
    Result<std::unique_ptr<PostgresStore>> store = PostgresStore::Open(address);
    if (!store.ok()) {
      Error e = std::move(store).error();
      e.code = ErrorCode::kInternal;
      e.message = Shown(address) + ": " + e.message;
      return e;
    }
    return std::unique_ptr<Store>(std::move(store).value());
  }
  std::error_code ignored;  // Open() says what is wrong when the folder is missing
  const std::filesystem::path dir = std::filesystem::path(address).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ignored);
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(address);
  if (!store.ok()) {
    Error e = std::move(store).error();
    e.code = ErrorCode::kInternal;
    return e;
  }
  return std::unique_ptr<Store>(std::move(store).value());
}

// The summary of `name` in `summaries`, or nullptr.
const TableSummary* Find(const std::vector<TableSummary>& summaries, const std::string& name) {
  for (const TableSummary& s : summaries) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

class CopyCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext&) override {
    copy_ = app.add_subcommand(
        "copy", "copy the whole register into a new database (SQLite file or postgresql:// address), checked");
    copy_->add_option("--from", from_, "the register to copy: a SQLite file, or a postgresql:// address")->required();
    copy_
        ->add_option("--to", to_,
                     "where to copy it: a new SQLite file, or a postgresql:// address of an empty database")
        ->required();
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (!copy_->parsed()) return std::nullopt;
    return ctx.Finish("copy", Copy(ctx));
  }

 private:
  Status Copy(CommandContext& ctx) {
    if (from_ == to_) return Error::Invalid("--from and --to name the same register, " + Shown(from_), "");
    std::error_code ec;
    if (!IsPostgresUrl(from_) && !std::filesystem::is_regular_file(from_, ec)) {
      return Error::Invalid("there is no register at " + from_ + " to copy", "");
    }
    // A target file that the copy creates goes again when the copy fails, so that a failed copy
    // leaves nothing behind.
    const bool new_file = !IsPostgresUrl(to_) && !std::filesystem::exists(to_, ec);
    Status copied = CopyInto(ctx);
    if (copied.ok() || committed_) return copied;
    Error e = copied.error();
    if (new_file) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(to_ + suffix, ec);
      e.message += "; nothing was copied, and " + to_ + " was removed again";
    } else {
      e.message += "; nothing was copied: " + Shown(to_) + " is as it was";
    }
    return e;
  }

  Status CopyInto(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> source, OpenAt(from_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> target, OpenAt(to_));
    ASSIGN_OR_RETURN(std::string source_id, source->transfer().Identity());
    ASSIGN_OR_RETURN(std::string target_id, target->transfer().Identity());
    if (source_id == target_id) {
      return Error::Invalid(Shown(from_) + " and " + Shown(to_) + " are the same register", "");
    }

    // One snapshot of the source, and what every table holds in it.
    ASSIGN_OR_RETURN(std::vector<TableData> tables, source->transfer().ReadAll());
    std::vector<TableSummary> expected;
    for (const TableData& t : tables) {
      ASSIGN_OR_RETURN(TableSummary s, Summarize(t));
      expected.push_back(std::move(s));
    }

    const WriteContext by{app::CommandLinePrincipal().user->username, 0};
    ASSIGN_OR_RETURN(std::vector<TableSummary> written, target->transfer().ReplaceAll(tables, by));
    committed_ = true;

    // The target as any reader sees it after the commit: every table as in the source, the audit
    // log with one row more at its end, the copy's own.
    std::vector<std::string> differences;
    std::int64_t rows = 0;
    for (const TableSummary& want : expected) {
      rows += want.rows;
      const TableSummary* in_copy = Find(written, want.name);
      TableSummary now{want.name, 0, ""};
      if (Status read = ReadBack(*target, want, now); !read.ok()) return AfterCommit(read.error().message);
      const bool same = in_copy != nullptr && in_copy->rows == want.rows && in_copy->checksum == want.checksum &&
                        now.rows == want.rows && now.checksum == want.checksum;
      // "  meeting_places        26 rows  <checksum>": names left, counts right, checksums in line.
      const std::string count = std::to_string(want.rows);
      const std::size_t used = want.name.size() + count.size();
      ctx.out() << "  " << want.name << std::string(used < 24 ? 24 - used : 1, ' ') << count
                << (want.rows == 1 ? " row   " : " rows  ") << want.checksum << (same ? "" : "  DIFFERS in the target")
                << "\n";
      if (!same) {
        differences.push_back(want.name + " (source " + std::to_string(want.rows) + " rows, checksum " +
                              want.checksum.substr(0, 12) + "; target " + std::to_string(now.rows) +
                              " rows, checksum " + now.checksum.substr(0, 12) + ")");
      }
    }
    if (!differences.empty()) {
      std::string list;
      for (const std::string& d : differences) list += (list.empty() ? "" : ", ") + d;
      return AfterCommit("these tables differ: " + list);
    }
    ctx.out() << "copied " << expected.size() << " tables (" << rows << " rows) from " << Shown(from_) << " to "
              << Shown(to_) << ": row counts and checksums match\n";
    return {};
  }

  // What `target` holds of the table `want` names, as `want` summarises the source: the audit log
  // without the copy's own row.
  static Status ReadBack(Store& target, const TableSummary& want, TableSummary& now) {
    if (want.name != "audit") {
      ASSIGN_OR_RETURN(TableData table, target.transfer().ReadTable(want.name));
      now.rows = static_cast<std::int64_t>(table.rows.size());
      ASSIGN_OR_RETURN(now.checksum, TableChecksum(table));
      return {};
    }
    ASSIGN_OR_RETURN(TableData audit, target.transfer().ReadTable("audit"));
    const auto action = std::find(audit.columns.begin(), audit.columns.end(), "action") - audit.columns.begin();
    if (!audit.rows.empty() && static_cast<std::size_t>(action) < audit.columns.size() &&
        audit.rows.back()[static_cast<std::size_t>(action)] == "register.copy") {
      audit.rows.pop_back();
    }
    now.rows = static_cast<std::int64_t>(audit.rows.size());
    ASSIGN_OR_RETURN(now.checksum, TableChecksum(audit));
    return {};
  }

  // A failure after the copy was committed: the target holds it, and says so.
  Error AfterCommit(const std::string& what) const {
    return Error::Internal("the copy was committed to " + Shown(to_) + ", but checking it afterwards failed: " + what +
                           ". Do not use " + Shown(to_) +
                           " as a copy of the register: remove it (or drop and create the database) and copy again");
  }

  std::string from_;
  std::string to_;
  bool committed_ = false;
  CLI::App* copy_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> CopyCommands() { return std::make_unique<CopyCommandGroup>(); }

}  // namespace moteplass::cli
