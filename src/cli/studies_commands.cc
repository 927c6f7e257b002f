// `moteplass guide list|export|import`: the interview guides of mapping studies
// (contracts/studies.md). Export writes a guide version as an XLSForm workbook; import reads one
// back as the guide's next version, or changes nothing when it equals the latest.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/studies/guides.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

class StudiesCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    CLI::App* guide = app.add_subcommand("guide", "interview guides of mapping studies, and XLSForm");
    guide->require_subcommand(1);
    list_ = guide->add_subcommand("list", "show the guides: id, title, latest version, number of questions");
    list_->add_option("--format", format_, "json or text (default)")->check(CLI::IsMember({"json", "text"}));
    ctx.AddDbOption(*list_);

    export_ = guide->add_subcommand("export", "write a guide as an XLSForm workbook (ODK, KoboToolbox)");
    export_->add_option("GUIDE", guide_, "guide id, such as participant-2007")->required();
    export_->add_option("--format", export_format_, "xlsform")->required()->check(CLI::IsMember({"xlsform"}));
    export_->add_option("--output,-o", output_, "the .xlsx file to write")->required();
    export_->add_option("--version", version_, "the guide version (default: the latest)")->check(CLI::PositiveNumber);
    ctx.AddDbOption(*export_);

    import_ = guide->add_subcommand(
        "import", "read an XLSForm workbook as the next version of its guide (form_id); prints id and version");
    import_->add_option("FILE", file_, ".xlsx file")->required();
    ctx.AddDbOption(*import_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (list_->parsed()) return ctx.Finish("guide list", List(ctx));
    if (export_->parsed()) return ctx.Finish("guide export", Export(ctx));
    if (import_->parsed()) return ctx.Finish("guide import", Import(ctx));
    return std::nullopt;
  }

 private:
  Status List(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::vector<GuideVersion> guides, app::ListGuides(*services));
    nlohmann::json all = nlohmann::json::array();
    for (const GuideVersion& g : guides) all.push_back(app::GuideSummary(g));
    if (format_ == "json") {
      ctx.out() << all.dump(2) << '\n';
      return {};
    }
    for (const nlohmann::json& g : all) {
      ctx.out() << g["id"].get<std::string>() << '\t' << g["version"] << '\t' << g["question_count"] << '\t'
                << g["title"]["nb"].get<std::string>() << '\n';
    }
    return {};
  }

  Status Export(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::string bytes, app::ExportGuideXlsForm(*services, guide_, version_));
    RETURN_IF_ERROR(WriteOwnerOnly(output_, bytes));
    ctx.err() << "wrote " << guide_ << " to " << output_ << '\n';
    return {};
  }

  Status Import(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::string bytes, ReadFile(file_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    auto imported = app::ImportGuideXlsForm(*services, app::CommandLinePrincipal("guide import"), bytes);
    if (!imported.ok()) {
      Error e = imported.error();
      // The file's own place ("sheet survey, row 7, column C") says where; the pointer adds nothing.
      if (e.slug == "xlsform" || e.slug == "xlsx") e.pointer.clear();
      return e;
    }
    ctx.out() << imported->guide.guide << '\t' << imported->guide.version << '\n';
    ctx.err() << (imported->created ? "stored a new version" : "the same as the latest version: nothing changed")
              << '\n';
    return {};
  }

  std::string format_ = "text", export_format_, guide_, output_, file_;
  std::int64_t version_ = 0;
  CLI::App* list_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* import_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> StudiesCommands() { return std::make_unique<StudiesCommandGroup>(); }

}  // namespace moteplass::cli
