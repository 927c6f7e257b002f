// `moteplass analysis list` and `moteplass analysis run NAME` (contracts/analysis.md): the
// analyses of the register and the operations data, as JSON-stat 2.0, CSV or text, with the same
// numbers as GET /api/v1/analysis/{name} gives a national user (the command line reads full
// tables).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/analysis/analysis.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

using nlohmann::json;

// A year option: four digits from 1900.
Result<std::optional<int>> YearOption(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<int>();
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos || text < "1900") {
    return Error::Invalid("expected a year such as 2026, got \"" + text + "\"", option);
  }
  return std::optional<int>(std::stoi(text));
}

class AnalysisCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    analysis_ = app.add_subcommand("analysis", "the analyses of the report's chapter 4, from the data (analysis.md)");
    analysis_->require_subcommand(1);
    list_ = analysis_->add_subcommand("list", "the analyses, with their titles");
    list_->add_option("--format", list_format_, "json or text")->capture_default_str();
    run_ = analysis_->add_subcommand("run", "one analysis as JSON-stat 2.0, CSV or text");
    run_->add_option("NAME", name_, "the analysis (see analysis list)")->required();
    run_->add_option("--format", format_, "json-stat, csv or text")->capture_default_str();
    run_->add_option("--region", region_, "an IMDi region id, such as vest");
    run_->add_option("--county", county_, "a county number, such as 46");
    run_->add_option("--from", from_, "the first year, such as 2023");
    run_->add_option("--to", to_, "the last year, such as 2026");
    run_->add_option("--study", study_, "a mapping study's id");
    run_->add_option("--lang", lang_, "language of the labels: nb, nn or en")->capture_default_str();
    ctx.AddDbOption(*run_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (!analysis_->parsed()) return std::nullopt;
    if (list_->parsed()) return List(ctx);
    auto dataset = RunOne(ctx);
    if (!dataset.ok()) return ctx.Fail("analysis run", dataset.error());
    Lang lang = Lang::kNb;
    ParseLang(lang_, &lang);
    if (format_ == "csv") {
      ctx.out() << moteplass::analysis::ToCsv(*dataset, lang);
    } else if (format_ == "text") {
      ctx.out() << moteplass::analysis::ToText(*dataset, lang);
    } else {
      ctx.out() << moteplass::analysis::ToJsonStat(*dataset, lang).dump(2) << "\n";
    }
    return ctx.out().good() ? 0 : 1;
  }

 private:
  int List(CommandContext& ctx) {
    if (list_format_ != "json" && list_format_ != "text") {
      return ctx.Fail("analysis list",
                      Error::Invalid("expected json or text, got \"" + list_format_ + "\"", "--format"));
    }
    json data = json::array();
    for (std::string_view name : moteplass::analysis::Names()) {
      const std::string n(name);
      if (list_format_ == "text") {
        ctx.out() << n << "\t" << Msg("analysis.title." + n, Lang::kNb) << "\n";
        continue;
      }
      json titles = json::object();
      for (Lang l : {Lang::kNb, Lang::kNn, Lang::kEn}) titles[std::string(LangCode(l))] = Msg("analysis.title." + n, l);
      data.push_back({{"name", n}, {"title", titles}, {"public_in_full", moteplass::analysis::PublicInFull(name)}});
    }
    if (list_format_ == "json") ctx.out() << json{{"data", data}}.dump(2) << "\n";
    return ctx.out().good() ? 0 : 1;
  }

  Result<moteplass::analysis::Dataset> RunOne(CommandContext& ctx) {
    if (format_ != "json-stat" && format_ != "csv" && format_ != "text") {
      return Error::Invalid("expected json-stat, csv or text, got \"" + format_ + "\"", "--format");
    }
    Lang lang = Lang::kNb;
    if (!ParseLang(lang_, &lang)) return Error::Invalid("expected nb, nn or en, got \"" + lang_ + "\"", "--lang");
    if (!moteplass::analysis::IsAnalysis(name_)) {
      return Error::Invalid("no analysis is called \"" + name_ + "\" (see moteplass analysis list)", "NAME");
    }
    app::AnalysisQuery q;
    q.region = region_;
    q.county = county_;
    q.study = study_;
    ASSIGN_OR_RETURN(q.from, YearOption(from_, "--from"));
    ASSIGN_OR_RETURN(q.to, YearOption(to_, "--to"));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    auto result = app::RunAnalysis(*services, app::CommandLinePrincipal(), name_, q);
    if (!result.ok() && result.error().code == ErrorCode::kInvalid && !result.error().pointer.empty()) {
      // "/region" -> "--region": the option the user typed.
      Error e = result.error();
      e.pointer = "--" + e.pointer.substr(1);
      return e;
    }
    return result;
  }

  std::string list_format_ = "json";
  std::string format_ = "json-stat";
  std::string name_, region_, county_, from_, to_, study_;
  std::string lang_ = "nb";
  CLI::App* analysis_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* run_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> AnalysisCommands() { return std::make_unique<AnalysisCommandGroup>(); }

}  // namespace moteplass::cli
