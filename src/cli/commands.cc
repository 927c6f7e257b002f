// The `moteplass` command line: every capability's command group declares its subcommands, CLI11
// parses, and the group that owns the parsed subcommand runs it (command.h).
#include "cli/commands.h"

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace moteplass::cli {

int Run(int argc, char** argv) {
  CommandContext ctx;
  return Run(argc, argv, ctx);
}

int Run(int argc, char** argv, CommandContext& ctx) {
  CLI::App app{
      "moteplass: the national register of local meeting places between the immigrant population "
      "and local authorities"};
  app.require_subcommand(1);

  // One line per capability, in the order --help lists them.
  const std::unique_ptr<CommandGroup> groups[] = {
      ServerCommands(),    // serve, migrate
      AccountCommands(),   // user, token
      IdentityCommands(),  // identity
      TypologyCommands(),  // classify
      AdvisorCommands(),   // advise
      RegisterCommands(),  // import, export, demo
      JournalCommands(),   // backup, audit
      PlaceCommands(),     // regions
      CopyCommands(),      // copy
      CaseCommands(),      // cases import
      SsbCommands(),       // ssb
      StudiesCommands(),   // guide
      AnalysisCommands(),  // analysis
      // study import-answers
      StudyImportCommands(),
  };
  for (const auto& group : groups) group->Add(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (const auto& group : groups) {
    if (std::optional<int> status = group->Run(ctx)) return *status;
  }
  return 2;  // not reached: CLI11 requires one subcommand, and some group owns it
}

}  // namespace moteplass::cli
