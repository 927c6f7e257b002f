// `moteplass user add|list|disable|enable` and `moteplass token create|list|revoke`: the accounts
// and their API tokens, through their use cases (app/accounts) as the command line's principal.
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/accounts/accounts.h"
#include "app/accounts/tokens.h"
#include "cli/command.h"
#include "core/accounts/account.h"
#include "core/accounts/credentials.h"
#include "core/clock.h"
#include "core/status_macros.h"

namespace moteplass::cli {
namespace {

constexpr std::size_t kMinPasswordLength = 10;

// kInvalid unless `username` is 1 to 64 characters without white space or '/'.
Status CheckUsername(const std::string& username) {
  if (username.empty() || username.size() > 64 || username.find_first_of(" \t\r\n/") != std::string::npos) {
    return Error::Invalid("a user name is 1 to 64 characters without spaces or /", "/username");
  }
  return {};
}

class AccountCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    CLI::App* user = app.add_subcommand("user", "manage accounts");
    user->require_subcommand(1);
    user_add_ = user->add_subcommand("add", "add an account; reads the password from standard input");
    user_add_->add_option("USERNAME", username_, "user name")->required();
    user_add_->add_option("--role", role_name_, "admin, national, regional, municipal, secretary or researcher")
        ->required();
    user_add_->add_option("--scope", scope_,
                          "region id (regional), municipality or county number (municipal), meeting-place id "
                          "(secretary)");
    ctx.AddDbOption(*user_add_);
    user_list_ = user->add_subcommand("list", "list accounts");
    ctx.AddDbOption(*user_list_);
    user_disable_ = user->add_subcommand("disable", "disable an account (its sessions and tokens stop working)");
    user_disable_->add_option("USERNAME", username_, "user name")->required();
    ctx.AddDbOption(*user_disable_);
    user_enable_ = user->add_subcommand("enable", "enable a disabled account");
    user_enable_->add_option("USERNAME", username_, "user name")->required();
    ctx.AddDbOption(*user_enable_);

    CLI::App* token = app.add_subcommand("token", "API tokens for scripts");
    token->require_subcommand(1);
    token_create_ = token->add_subcommand("create", "print a new API token for a user");
    token_create_->add_option("USERNAME", username_, "user name")->required();
    token_create_->add_option("--name", token_name_, "what the token is for (shown by token list)");
    token_create_->add_option("--expires-in", expires_in_days_, "days until it expires (default: never)")
        ->check(CLI::Range(1, app::kMaxTokenDays));
    ctx.AddDbOption(*token_create_);
    token_list_ = token->add_subcommand("list", "list the API tokens of a user, or of everyone");
    token_list_->add_option("USERNAME", username_, "user name (default: every user)");
    ctx.AddDbOption(*token_list_);
    token_revoke_ = token->add_subcommand("revoke", "revoke one API token, by the number token list shows");
    token_revoke_->add_option("ID", token_id_, "the token's number")->required()->check(CLI::PositiveNumber);
    ctx.AddDbOption(*token_revoke_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (user_add_->parsed()) return ctx.Finish("user add", AddUser(ctx));
    if (user_list_->parsed()) return ctx.Finish("user list", ListUsers(ctx));
    if (user_disable_->parsed()) return ctx.Finish("user disable", SetDisabled(ctx, true));
    if (user_enable_->parsed()) return ctx.Finish("user enable", SetDisabled(ctx, false));
    if (token_create_->parsed()) return ctx.Finish("token create", CreateToken(ctx));
    if (token_list_->parsed()) return ctx.Finish("token list", ListTokens(ctx));
    if (token_revoke_->parsed()) return ctx.Finish("token revoke", RevokeToken(ctx));
    return std::nullopt;
  }

 private:
  // Checks the arguments and reads the password before it opens the register, so that a mistake
  // leaves no database behind.
  Status AddUser(CommandContext& ctx) {
    ASSIGN_OR_RETURN(Role role, ParseRole(role_name_));
    RETURN_IF_ERROR(ValidateScope(role, scope_));
    RETURN_IF_ERROR(CheckUsername(username_));
    ASSIGN_OR_RETURN(std::string password, ReadPassword(ctx));
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    RETURN_IF_ERROR(
        app::AddUser(*services, app::CommandLinePrincipal(), username_, HashPassword(password), role, scope_));
    ctx.err() << "added " << username_ << " (" << role_name_ << (scope_.empty() ? "" : " " + scope_) << ")\n";
    return {};
  }

  // One line of standard input (prompted for on a terminal), at least kMinPasswordLength long.
  Result<std::string> ReadPassword(CommandContext& ctx) {
    if (&ctx.in() == &std::cin && isatty(STDIN_FILENO)) ctx.err() << "Password for " << username_ << ": " << std::flush;
    std::string password;
    std::getline(ctx.in(), password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < kMinPasswordLength) {
      return Error::Invalid("the password (one line on standard input) must have at least " +
                                std::to_string(kMinPasswordLength) + " characters",
                            "/password");
    }
    return password;
  }

  // One line per account: name, role, scope ("-" for none), "active" or "disabled", created.
  Status ListUsers(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::vector<User> users, app::ListUsers(*services, app::CommandLinePrincipal()));
    for (const User& u : users) {
      ctx.out() << u.username << "\t" << RoleName(u.role) << "\t" << (u.scope.empty() ? "-" : u.scope) << "\t"
                << (u.disabled ? "disabled" : "active") << "\t" << u.created_at << "\n";
    }
    return {};
  }

  Status SetDisabled(CommandContext& ctx, bool disabled) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    return app::SetUserDisabled(*services, app::CommandLinePrincipal(), username_, disabled);
  }

  // Prints the new token, and nothing else, on standard output; the register keeps its hash.
  Status CreateToken(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(app::NewToken created, app::CreateToken(*services, app::CommandLinePrincipal(), username_,
                                                             token_name_, expires_in_days_));
    ctx.out() << created.secret << "\n";
    return {};
  }

  // One line per token: number, user, name ("-" for none), created, expires ("never"), last
  // used ("-"), and "active", "expired" or "revoked".
  Status ListTokens(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::vector<ApiToken> tokens,
                     app::ListTokens(*services, app::CommandLinePrincipal(), username_.empty() ? "*" : username_));
    const std::string now = NowIso();
    for (const ApiToken& t : tokens) {
      const char* status = !t.revoked_at.empty()                          ? "revoked"
                           : !t.expires_at.empty() && t.expires_at <= now ? "expired"
                                                                          : "active";
      ctx.out() << t.id << "\t" << t.username << "\t" << (t.name.empty() ? "-" : t.name) << "\t" << t.created_at << "\t"
                << (t.expires_at.empty() ? "never" : t.expires_at) << "\t"
                << (t.last_used_at.empty() ? "-" : t.last_used_at) << "\t" << status << "\n";
    }
    return {};
  }

  Status RevokeToken(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    RETURN_IF_ERROR(app::RevokeToken(*services, app::CommandLinePrincipal(), token_id_));
    ctx.err() << "revoked token " << token_id_ << "\n";
    return {};
  }

  std::string username_, role_name_, scope_, token_name_;
  int expires_in_days_ = 0;
  std::int64_t token_id_ = 0;
  CLI::App* user_add_ = nullptr;
  CLI::App* user_list_ = nullptr;
  CLI::App* user_disable_ = nullptr;
  CLI::App* user_enable_ = nullptr;
  CLI::App* token_create_ = nullptr;
  CLI::App* token_list_ = nullptr;
  CLI::App* token_revoke_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> AccountCommands() { return std::make_unique<AccountCommandGroup>(); }

}  // namespace moteplass::cli
