// `moteplass ssb import FILE.json` (contracts/analysis.md) and `moteplass ssb show`: Statistics
// Norway's table of immigrants and Norwegian-born to immigrant parents by municipality and country
// background, read strictly (core/ssb/table.h) and stored all or nothing (docs/SSB.md).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/ssb/import.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

class SsbCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    CLI::App* ssb = app.add_subcommand("ssb", "Statistics Norway's table of the immigrant population (docs/SSB.md)");
    ssb->require_subcommand(1);
    import_ = ssb->add_subcommand("import",
                                  "replace the imported table with FILE, a JSON-stat 2.0 dataset as SSB's API returns "
                                  "it (tables 05182, 09817): immigrants and Norwegian-born to immigrant parents by "
                                  "municipality and country background; all or nothing");
    import_->add_option("FILE", file_, "JSON-stat 2.0 file (data/ssb-sample-09817.json is a sample)")->required();
    ctx.AddDbOption(*import_);
    show_ = ssb->add_subcommand("show", "what is imported: the table, its year, and when it was imported");
    ctx.AddDbOption(*show_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (import_->parsed()) return ctx.Finish("ssb import", Import(ctx));
    if (show_->parsed()) return ctx.Finish("ssb show", Show(ctx));
    return std::nullopt;
  }

 private:
  Status Import(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(file_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(ssb::Table table,
                     app::ImportSsbTable(*services, app::CommandLinePrincipal("ssb import"), text, file_));
    ctx.err() << "imported " << (table.label.empty() ? file_ : table.label) << ": " << ssb::Summary(table) << "\n";
    return {};
  }

  static Status Show(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(std::optional<SsbTableInfo> info, store->ssb().Info());
    if (!info) {
      ctx.out() << "no table imported\n";
      return {};
    }
    nlohmann::json j = SsbSummaryJson(*info);
    j["source"] = info->source;
    j["imported_at"] = info->imported_at;
    ctx.out() << j.dump(2) << "\n";
    return {};
  }

  std::string file_;
  CLI::App* import_ = nullptr;
  CLI::App* show_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> SsbCommands() { return std::make_unique<SsbCommandGroup>(); }

}  // namespace moteplass::cli
