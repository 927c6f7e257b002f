// `moteplass cases import PLACE FILE`: a year's cases of one meeting place from a spreadsheet
// saved as CSV (core/operations/case_csv.h), all or nothing, through the same use case as the
// API (app/operations/case_import.h). Each bad row is named on a line of its own.
#include <iterator>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/operations/case_import.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

class CaseCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    CLI::App* cases = app.add_subcommand("cases", "the cases of a meeting place in operation");
    cases->require_subcommand(1);
    import_ = cases->add_subcommand(
        "import",
        "import a year's cases of meeting place PLACE from a CSV file (all or nothing; columns title, "
        "kind, received, deadline, statement, sent, decision_outcome, ...)");
    import_->add_option("PLACE", place_, "the meeting place's id")->required();
    import_->add_option("FILE", file_, "CSV file, a header row first; - for standard input")->required();
    ctx.AddDbOption(*import_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (import_->parsed()) return ctx.Finish("cases import", Import(ctx));
    return std::nullopt;
  }

 private:
  Status Import(CommandContext& ctx) {
    std::string text;
    if (file_ == "-") {
      text.assign(std::istreambuf_iterator<char>(ctx.in()), std::istreambuf_iterator<char>());
    } else {
      ASSIGN_OR_RETURN(text, ReadFile(file_));
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(auto cases, app::ImportCases(*services, app::CommandLinePrincipal("import"), place_, text));
    ctx.err() << "imported " << cases.size() << " cases\n";
    return {};
  }

  std::int64_t place_ = 0;
  std::string file_;
  CLI::App* import_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> CaseCommands() { return std::make_unique<CaseCommandGroup>(); }

}  // namespace moteplass::cli
