// `moteplass identity link|unlink|list`: which identity at an OpenID Connect provider opens which
// account (serve --oidc-issuer), through the use cases (app/accounts/identities.h) as the command
// line's principal. An identity is the provider's issuer and the value of the claim the server
// matches on (serve --oidc-claim: `sub` by default, `pid` for ID-porten).
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/accounts/identities.h"
#include "cli/command.h"
#include "core/status_macros.h"
#include "http/oidc/provider.h"

namespace moteplass::cli {
namespace {

class IdentityCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    CLI::App* identity = app.add_subcommand("identity", "link accounts to identities at an OpenID Connect provider");
    identity->require_subcommand(1);
    link_ = identity->add_subcommand("link", "let an identity at the provider open an account");
    link_->add_option("USERNAME", username_, "the account")->required();
    AddIdentityOptions(*link_);
    ctx.AddDbOption(*link_);
    unlink_ = identity->add_subcommand("unlink", "remove a link");
    AddIdentityOptions(*unlink_);
    ctx.AddDbOption(*unlink_);
    list_ = identity->add_subcommand("list", "list the links: user, issuer, subject, created");
    ctx.AddDbOption(*list_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (link_->parsed()) return ctx.Finish("identity link", Link(ctx));
    if (unlink_->parsed()) return ctx.Finish("identity unlink", Unlink(ctx));
    if (list_->parsed()) return ctx.Finish("identity list", List(ctx));
    return std::nullopt;
  }

 private:
  void AddIdentityOptions(CLI::App& command) {
    command.add_option("--issuer", issuer_, "the provider's issuer, exactly as serve --oidc-issuer")
        ->required()
        ->check([](const std::string& url) { return http::oidc::CheckIssuer(url); });
    command
        .add_option("--subject", subject_,
                    "the value of the matched claim (sub, or the national identity number for ID-porten's pid)")
        ->required();
  }

  Status Link(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    RETURN_IF_ERROR(app::LinkIdentity(*services, app::CommandLinePrincipal(), username_, issuer_, subject_));
    ctx.err() << "linked " << username_ << "\n";
    return {};
  }

  Status Unlink(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    RETURN_IF_ERROR(app::UnlinkIdentity(*services, app::CommandLinePrincipal(), issuer_, subject_));
    ctx.err() << "unlinked\n";
    return {};
  }

  Status List(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ASSIGN_OR_RETURN(Services services, Services::Load(*store));
    ASSIGN_OR_RETURN(std::vector<IdentityLink> links, app::ListIdentities(*services, app::CommandLinePrincipal()));
    for (const IdentityLink& l : links) {
      ctx.out() << l.username << "\t" << l.issuer << "\t" << l.subject << "\t" << l.created_at << "\n";
    }
    return {};
  }

  std::string username_, issuer_, subject_;
  CLI::App* link_ = nullptr;
  CLI::App* unlink_ = nullptr;
  CLI::App* list_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> IdentityCommands() { return std::make_unique<IdentityCommandGroup>(); }

}  // namespace moteplass::cli
