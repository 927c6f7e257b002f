// `moteplass import`, `export` and `demo load|remove`: meeting places in and out of the register
// as JSON (data_transfer.h does the work), and the example data.
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "app/accounts/accounts.h"
#include "app/register/meeting_places.h"
#include "cli/command.h"
#include "cli/data_transfer.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

class RegisterCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    import_ = app.add_subcommand("import", "import meeting places from a JSON file (all or nothing)");
    import_->add_option("FILE", file_, "JSON array of meeting places, as export writes them")->required();
    ctx.AddDbOption(*import_);

    export_ = app.add_subcommand("export", "write every meeting place as JSON");
    export_->add_option("--output,-o", output_, "file to write (default: standard output)");
    export_
        ->add_option("--format", format_,
                     "records: every live record for import (ids, example flags, recorded kinds, history); "
                     "csv or json: the published meeting places on the open-data schema (docs/DATA.md), "
                     "as /moteplasser.csv and the API's ?format=csv give them")
        ->check(CLI::IsMember({"records", "csv", "json"}))
        ->capture_default_str();
    export_
        ->add_option("--public-url", public_url_,
                     "the site's address, for the url column of csv and json (as serve --public-url)")
        ->check([](const std::string& url) {
          const bool ok = (url.starts_with("http://") || url.starts_with("https://")) &&
                          url.find_first_of(" \t\r\n\"<>?#") == std::string::npos && url.size() < 200;
          return ok ? std::string() : std::string("expected an http:// or https:// address");
        })
        ->capture_default_str();
    ctx.AddDbOption(*export_);

    CLI::App* demo = app.add_subcommand("demo", "the example data");
    demo->require_subcommand(1);
    demo_load_ = demo->add_subcommand("load", "load the example data into an empty register");
    ctx.AddDbOption(*demo_load_);
    demo_remove_ = demo->add_subcommand("remove", "remove every example meeting place and the demo account");
    ctx.AddDbOption(*demo_remove_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (import_->parsed()) return ctx.Finish("import", Import(ctx));
    if (export_->parsed()) return Export(ctx);
    if (demo_load_->parsed()) return ctx.Finish("demo load", LoadDemo(ctx));
    if (demo_remove_->parsed()) return ctx.Finish("demo remove", RemoveDemo(ctx));
    return std::nullopt;
  }

 private:
  Status Import(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(file_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::size_t n,
                     ImportMeetingPlaces(*services, text, /*example=*/false, app::CommandLinePrincipal("import")));
    ctx.err() << "imported " << n << " meeting places\n";
    return {};
  }

  // To --output, or to standard output; a failure to write standard output is exit status 1
  // without a message (the reader has gone away).
  int Export(CommandContext& ctx) {
    Result<std::string> text = ExportText(ctx);
    if (!text.ok()) return ctx.Fail("export", text.error());
    if (output_.empty()) {
      ctx.out() << *text;
      return ctx.out().good() ? 0 : 1;
    }
    std::ofstream out(output_, std::ios::binary);
    out << *text;
    out.close();
    if (!out) return ctx.Fail("export", Error::Internal("cannot write " + output_));
    return 0;
  }

  Result<std::string> ExportText(CommandContext& ctx) const {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    if (format_ == "records") return ExportMeetingPlaces(*store);
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    std::string url = public_url_;
    while (url.ends_with('/')) url.pop_back();
    return ExportOpenData(*services, format_, url);
  }

  static Status LoadDemo(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::size_t n, LoadDemoData(*services));
    ctx.err() << "loaded " << n << " example meeting places\n";
    return {};
  }

  // Removes the example records and disables the demo account (when there is none, that part is
  // skipped without a word).
  static Status RemoveDemo(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::int64_t n, app::RemoveExampleData(*services, app::CommandLinePrincipal()));
    (void)app::SetUserDisabled(*services, app::CommandLinePrincipal(), kDemoAdmin, true);
    ctx.err() << "removed " << n << " example meeting places and disabled " << kDemoAdmin << "\n";
    return {};
  }

  std::string file_, output_;
  std::string format_ = "records";
  std::string public_url_ = "http://127.0.0.1:8080";
  CLI::App* import_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* demo_load_ = nullptr;
  CLI::App* demo_remove_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> RegisterCommands() { return std::make_unique<RegisterCommandGroup>(); }

}  // namespace moteplass::cli
