// `moteplass classify FILE|-`: the typology's verdict on profiles, without a register
// (classify_command.h does the work).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/classify_command.h"
#include "cli/command.h"

namespace moteplass::cli {
namespace {

class TypologyCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext&) override {
    classify_ = app.add_subcommand("classify", "classify meeting-place profiles (classification.md)");
    classify_->add_option("FILE", file_, "JSON file with a profile or an array of profiles; - for standard input")
        ->required();
    classify_->add_option("--format", format_, "json or text")->capture_default_str();
    classify_->add_option("--lang", lang_, "language of --format text: nb, nn or en")->capture_default_str();
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (!classify_->parsed()) return std::nullopt;
    return RunClassifyCommand(file_, format_, ctx.in(), ctx.out(), ctx.err(), lang_);
  }

 private:
  std::string file_;
  std::string format_ = "json";
  std::string lang_ = "nb";
  CLI::App* classify_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> TypologyCommands() { return std::make_unique<TypologyCommandGroup>(); }

}  // namespace moteplass::cli
