// The parts every `moteplass` subcommand is built from. A capability's subcommands form one
// CommandGroup (server_commands.cc, account_commands.cc, register_commands.cc, place_commands.cc,
// typology_commands.cc, journal_commands.cc,
// advisor_commands.cc); commands.cc lists the groups, lets each declare its
// subcommands on the CLI11 app, parses, and asks each group in turn to run what was parsed.
// What the groups share is in CommandContext: the --db option, the streams, how a failure is
// reported (Fail) and how the register is opened (OpenStore, Services).
//
// To add a capability's commands: write a <capability>_commands.cc with a CommandGroup whose
// Run() calls the capability's use cases as app::CommandLinePrincipal(), declare its factory
// below, and add one line to the list in commands.cc.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/services.h"
#include "core/error.h"
#include "core/places/places.h"
#include "store/store.h"

namespace CLI {
class App;
}  // namespace CLI

namespace moteplass::cli {

// True for a PostgreSQL address (postgresql://... or postgres://...), which --db accepts beside a
// SQLite file.
bool IsPostgresUrl(const std::string& db);

// The database every command uses unless given --db.
inline constexpr const char* kDefaultDb = "data/moteplass.sqlite";

// The exit status for a failure: 2 for invalid input, and for a conflict (a duplicate, a backup
// file that exists already); 1 for anything else.
int ExitStatusFor(const Error& e);

// What Fail() prints, without the newline: "moteplass <command>: <pointer>: <message>", the pointer
// left out when it is empty or the message names it already.
std::string FailureLine(std::string_view command, const Error& e);

// The contents of the file at `path`; kInternal ("cannot read PATH: REASON") when it cannot be read.
Result<std::string> ReadFile(const std::string& path);
// Writes `bytes` to `path`, readable by its owner only (0600), replacing what was there; kInvalid
// (pointer "--output") when the path cannot be opened, kInternal when writing fails after that.
Status WriteOwnerOnly(const std::string& path, const std::string& bytes);

// The use cases' services (app::Services) over an open store, with the places the store knows
// loaded once for the command. Movable; the store must outlive it.
class Services {
 public:
  // Loads the places from `store`; fails when they cannot be read.
  static Result<Services> Load(Store& store);

  app::Services& operator*() { return services_; }
  app::Services* operator->() { return &services_; }

 private:
  Services(Store& store, std::unique_ptr<const Places> places);

  std::unique_ptr<const Places> places_;  // on the heap, so that services_ still refers to it after a move
  app::Services services_;
};

// What the commands share: the options common to all (--db), the streams they read and write,
// and the helpers that report failures and open the register. One per run of the program.
class CommandContext {
 public:
  // On the process's standard streams.
  CommandContext();
  // On the given streams (for tests); they must outlive the context.
  CommandContext(std::istream& in, std::ostream& out, std::ostream& err);

  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  // Declares `--db FILE` on `command`, for every subcommand that opens the register.
  void AddDbOption(CLI::App& command);
  // The database file: --db, or kDefaultDb.
  const std::string& db() const { return db_; }

  std::istream& in() { return in_; }
  std::ostream& out() { return out_; }  // results (what a script reads)
  std::ostream& err() { return err_; }  // failures, prompts and what a command did

  // Writes FailureLine(command, e) to err(); returns ExitStatusFor(e).
  int Fail(std::string_view command, const Error& e);
  // 0 when `status` is ok, else Fail(command, its error).
  int Finish(std::string_view command, const Status& status);

  // Opens the register at db() (a postgresql:// or postgres:// address opens PostgreSQL), creating its folder and
  // bringing its schema up to date. A register that cannot be opened is a kInternal error (exit status 1), whatever the
  // cause.
  Result<std::unique_ptr<Store>> OpenStore();

 private:
  std::string db_ = kDefaultDb;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
};

// One capability's subcommands. Add() declares them (with their options, bound to the group's
// members) on the CLI11 app before it parses; Run() then runs the one that was parsed and returns
// its exit status, or nullopt when none of this group's subcommands was named.
class CommandGroup {
 public:
  virtual ~CommandGroup() = default;
  virtual void Add(CLI::App& app, CommandContext& ctx) = 0;
  virtual std::optional<int> Run(CommandContext& ctx) = 0;
};

// The groups, one per capability, each defined in the file named.
std::unique_ptr<CommandGroup> ServerCommands();    // serve, migrate (server_commands.cc)
std::unique_ptr<CommandGroup> AccountCommands();   // user, token (account_commands.cc)
std::unique_ptr<CommandGroup> IdentityCommands();  // identity (identity_commands.cc)
std::unique_ptr<CommandGroup> TypologyCommands();  // classify (typology_commands.cc)
std::unique_ptr<CommandGroup> RegisterCommands();  // import, export, demo (register_commands.cc)
std::unique_ptr<CommandGroup> JournalCommands();   // backup, audit (journal_commands.cc)
std::unique_ptr<CommandGroup> PlaceCommands();     // regions (place_commands.cc)
std::unique_ptr<CommandGroup> CopyCommands();      // copy (copy_commands.cc)
std::unique_ptr<CommandGroup> CaseCommands();      // cases import (case_commands.cc)
std::unique_ptr<CommandGroup> SsbCommands();       // ssb (ssb_commands.cc)
std::unique_ptr<CommandGroup> AdvisorCommands();   // advise (advisor_commands.cc)
std::unique_ptr<CommandGroup> StudiesCommands();   // guide (studies_commands.cc)
std::unique_ptr<CommandGroup> AnalysisCommands();  // analysis (analysis_commands.cc)
// study import-answers (study_import_commands.cc)
std::unique_ptr<CommandGroup> StudyImportCommands();

}  // namespace moteplass::cli
