// `moteplass regions list|set`: the IMDi regions, which counties each one covers. Replacing
// them goes through the use case (app/places); a running server uses them after a restart.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/places/regions.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

class PlaceCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    CLI::App* regions = app.add_subcommand("regions", "the IMDi regions: which counties each one covers");
    regions->require_subcommand(1);
    list_ = regions->add_subcommand("list", "show the regions: id, name, county numbers");
    ctx.AddDbOption(*list_);
    set_ = regions->add_subcommand(
        "set",
        "replace the regions with those in FILE, a JSON array like data/regions-default.json; "
        "a running server uses them after a restart");
    set_->add_option("FILE", file_, "JSON file: [{\"id\", \"name\", \"counties\": [\"03\", ...]}, ...]")->required();
    ctx.AddDbOption(*set_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (list_->parsed()) return ctx.Finish("regions list", List(ctx));
    if (set_->parsed()) return ctx.Finish("regions set", Set(ctx));
    return std::nullopt;
  }

 private:
  // One line per region: id, name, and its county numbers separated by commas.
  static Status List(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Places places, store->places().Load());
    for (const Region& r : places.regions) {
      std::string counties;
      for (const std::string& c : r.counties) counties += (counties.empty() ? "" : ",") + c;
      ctx.out() << r.id << '\t' << r.name << '\t' << counties << '\n';
    }
    return {};
  }

  Status Set(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(file_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::vector<Region> regions,
                     app::ReplaceRegions(*services, app::CommandLinePrincipal("regions set"), text));
    ctx.err() << "replaced the regions: " << regions.size() << " regions; restart the server to use them\n";
    return {};
  }

  std::string file_;
  CLI::App* list_ = nullptr;
  CLI::App* set_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> PlaceCommands() { return std::make_unique<PlaceCommandGroup>(); }

}  // namespace moteplass::cli
