// `moteplass audit` (the audit log, through its use case in app/journal) and `moteplass backup`
// (an online, consistent copy of the whole database).
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/journal/audit_log.h"
#include "cli/command.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

class JournalCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    backup_ = app.add_subcommand("backup", "copy the database to FILE, online and consistent");
    backup_->add_option("FILE", file_, "backup file to create (must not exist)")->required();
    ctx.AddDbOption(*backup_);

    audit_ = app.add_subcommand("audit", "show the audit log, newest first (writes, logins, denied attempts)");
    audit_->add_option("--limit", limit_, "how many entries")->check(CLI::Range(1, 100000))->capture_default_str();
    ctx.AddDbOption(*audit_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (backup_->parsed()) return ctx.Finish("backup", Backup(ctx));
    if (audit_->parsed()) return ctx.Finish("audit", Audit(ctx));
    return std::nullopt;
  }

 private:
  Status Backup(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    RETURN_IF_ERROR(store->Backup(file_));
    ctx.err() << "backup written to " << file_ << "\n";
    return {};
  }

  // One line per entry: when, who ("-" for the public), action, target type, target id ("-" for
  // none), outcome.
  Status Audit(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::vector<AuditEntry> entries,
                     app::ReadAuditLog(*services, app::CommandLinePrincipal(), limit_));
    for (const AuditEntry& e : entries) {
      ctx.out() << e.at << '\t' << (e.by.empty() ? "-" : e.by) << '\t' << e.action << '\t' << e.target_type << '\t'
                << (e.target_id.empty() ? "-" : e.target_id) << '\t' << e.outcome << '\n';
    }
    return {};
  }

  std::string file_;
  int limit_ = 100;
  CLI::App* backup_ = nullptr;
  CLI::App* audit_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> JournalCommands() { return std::make_unique<JournalCommandGroup>(); }

}  // namespace moteplass::cli
