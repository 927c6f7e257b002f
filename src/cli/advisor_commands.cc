// `moteplass advise FILE|-`: which kind of meeting place fits a municipality (contracts/
// advisor.md). With a register (--db, or the default database when it exists) the advice names
// examples from it and checks the ids in `existing`; without one it advises all the same.
#include <filesystem>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "app/advisor/advice.h"
#include "cli/command.h"
#include "core/advisor/advisor.h"
#include "core/json_text.h"

namespace moteplass::cli {
namespace {

class AdvisorCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    advise_ = app.add_subcommand("advise",
                                 "which kind of meeting place fits a municipality, why, and how to start it "
                                 "(advisor.md)");
    advise_->add_option("FILE", file_, "JSON file with the municipality's situation; - for standard input")->required();
    advise_->add_option("--format", format_, "json or text")->capture_default_str();
    advise_->add_option("--lang", lang_, "language of --format text: nb, nn or en")->capture_default_str();
    ctx.AddDbOption(*advise_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (!advise_->parsed()) return std::nullopt;
    Lang lang = Lang::kNb;
    if (format_ != "json" && format_ != "text") {
      return ctx.Fail("advise", Error::Invalid("expected json or text, got \"" + format_ + "\"", "--format"));
    }
    if (!ParseLang(lang_, &lang)) {
      return ctx.Fail("advise", Error::Invalid("expected nb, nn or en, got \"" + lang_ + "\"", "--lang"));
    }
    std::string text;
    if (file_ == "-") {
      text.assign(std::istreambuf_iterator<char>(ctx.in()), std::istreambuf_iterator<char>());
    } else {
      auto read = ReadFile(file_);
      if (!read.ok()) return ctx.Fail("advise", read.error());
      text = std::move(*read);
    }
    auto body = ParseJsonText(text, file_ == "-" ? "standard input" : file_);
    if (!body.ok()) return ctx.Fail("advise", body.error());
    auto advice = Advise(ctx, *body);
    if (!advice.ok()) return ctx.Fail("advise", advice.error());
    if (format_ == "text") {
      ctx.out() << advisor::AdviceText(*advice, lang);
    } else {
      ctx.out() << advice->dump(2) << "\n";
    }
    return ctx.out().good() ? 0 : 1;
  }

 private:
  Result<nlohmann::json> Advise(CommandContext& ctx, const nlohmann::json& body) {
    const bool has_register = advise_->count("--db") > 0 || std::filesystem::exists(ctx.db());
    if (!has_register) {
      const Places places = DefaultPlaces();
      advisor::AdviceContext context(places);
      return advisor::AdviseDocument(body, context);
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    return app::Advise(*services, body);
  }

  std::string file_;
  std::string format_ = "json";
  std::string lang_ = "nb";
  CLI::App* advise_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> AdvisorCommands() { return std::make_unique<AdvisorCommandGroup>(); }

}  // namespace moteplass::cli
