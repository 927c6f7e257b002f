// `moteplass study import-answers STUDY FILE [--as USER]` (contracts/studies.md): answers
// collected in KoboToolbox or ODK read into the study's interviews, all or nothing
// (app/studies/import.h). Prints one line per row: row, submission, pseudonym, what became of it.
// `moteplass study export STUDY --format csv|xlsx|qdpx --output FILE [--with-identities --as USER]`:
// the study's answers (app/studies/export.h), written readable by its owner only.
// Shares the `study` command with the other study subcommands: whichever group comes first
// declares it, the others find it.
#include <map>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/studies/export.h"
#include "app/studies/import.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

// The `study` command, declared by whichever group asks first.
CLI::App* StudyCommand(CLI::App& app) {
  try {
    return app.get_subcommand("study");
  } catch (const CLI::OptionNotFound&) {
    CLI::App* study = app.add_subcommand("study", "mapping studies: answers, exports");
    study->require_subcommand(1);
    return study;
  }
}

class StudyImportCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    import_ = StudyCommand(app)->add_subcommand(
        "import-answers", "read answers exported from KoboToolbox or ODK (CSV, XLSX, ODK's ZIP) into interviews");
    import_->add_option("STUDY", study_, "the study's id")->required()->check(CLI::PositiveNumber);
    import_->add_option("FILE", file_, "the export: .csv, .xlsx or .zip")->required();
    import_->add_option("--as", as_, "act as this user (checked like a request); default: the command line");
    ctx.AddDbOption(*import_);

    export_ = StudyCommand(app)->add_subcommand(
        "export", "write a study's answers as a long CSV, an XLSX workbook or a REFI-QDA project (.qdpx)");
    export_->add_option("STUDY", study_, "the study's id")->required()->check(CLI::PositiveNumber);
    export_->add_option("--format", format_, "csv, xlsx or qdpx (REFI-QDA)")
        ->required()
        ->check(CLI::IsMember({"csv", "xlsx", "qdpx"}));
    export_->add_option("--output,--out,-o", output_, "the file to write")->required();
    export_->add_flag("--with-identities", with_identities_,
                      "name meeting places and informants (leads only, with --as)");
    export_->add_option("--as", as_, "act as this user (checked like a request); default: the command line");
    ctx.AddDbOption(*export_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (import_->parsed()) return ctx.Finish("study import-answers", Import(ctx));
    if (export_->parsed()) return ctx.Finish("study export", Export(ctx));
    return std::nullopt;
  }

 private:
  Status Import(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::string bytes, ReadFile(file_));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(Principal who, Who(*store, "import"));
    auto rows = app::ImportAnswers(*services, who, study_, bytes);
    if (!rows.ok()) {
      Error e = rows.error();
      // The file's own place ("row 4, column H (...)") says where; the pointer adds nothing.
      if (e.slug == "answers" || e.slug == "xlsx") e.pointer.clear();
      return e;
    }
    std::map<std::string, int> counts;
    for (const app::ImportedRow& r : *rows) {
      ctx.out() << "row " << r.row << '\t' << r.submission << '\t' << r.pseudonym << '\t' << r.outcome << '\n';
      ++counts[r.outcome];
    }
    std::string summary;
    for (const auto& [outcome, n] : counts)
      summary += (summary.empty() ? "" : ", ") + outcome + ": " + std::to_string(n);
    ctx.err() << (summary.empty() ? "no rows" : summary) << '\n';
    return {};
  }

  // The user --as names, checked like a request; the command line (`fallback`) without it.
  Result<Principal> Who(Store& store, const char* fallback) {
    if (as_.empty()) return app::CommandLinePrincipal(fallback);
    auto user = store.accounts().FindUser(as_);
    if (!user.ok() || user->disabled) return Error::Invalid("no active user is called " + as_, "--as");
    return Principal{*user};
  }

  Status Export(CommandContext& ctx) {
    if (with_identities_ && as_.empty()) {
      return Error::Invalid("--with-identities needs --as USER, one of the study's leads", "--as");
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(Principal who, Who(*store, "export"));
    ASSIGN_OR_RETURN(app::StudyExport out, app::ExportStudy(*services, who, study_, format_, with_identities_));
    RETURN_IF_ERROR(WriteOwnerOnly(output_, out.bytes));
    ctx.err() << "wrote study " << study_ << " to " << output_ << '\n';
    return {};
  }

  std::int64_t study_ = 0;
  std::string file_, as_, format_, output_;
  bool with_identities_ = false;
  CLI::App* import_ = nullptr;
  CLI::App* export_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> StudyImportCommands() { return std::make_unique<StudyImportCommandGroup>(); }

}  // namespace moteplass::cli
