// `moteplass serve` (the web pages and the JSON API, optionally with the example data) and
// `moteplass migrate` (create or upgrade the database and exit).
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/studies/identity_key.h"
#include "app/studies/studies.h"
#include "cli/command.h"
#include "cli/data_transfer.h"
#include "cli/log_sink.h"
#include "core/status_macros.h"
#include "http/server.h"

namespace moteplass::cli {
namespace {

// "" when `url` can be the site's public address, else why not (a CLI11 validator).
std::string CheckPublicUrl(const std::string& url) {
  const bool scheme = url.starts_with("http://") || url.starts_with("https://");
  const bool clean = url.find_first_of(" \t\r\n\"<>?#") == std::string::npos;
  return scheme && clean && url.size() > 8 && url.size() < 200 ? std::string()
                                                               : std::string("expected an http:// or https:// address");
}

class ServerCommandGroup : public CommandGroup {
 public:
  void Add(CLI::App& app, CommandContext& ctx) override {
    serve_ = app.add_subcommand("serve", "serve the web pages and the JSON API");
    ctx.AddDbOption(*serve_);
    serve_->add_option("--host", options_.host, "address to listen on")->capture_default_str();
    serve_->add_option("--port", options_.port, "port to listen on (0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    serve_->add_flag("--demo", demo_, "load the example data when the register has no meeting places");
    serve_->add_flag("--secure-cookies", options_.secure_cookies,
                     "mark every cookie Secure and send Strict-Transport-Security (when served behind TLS)");
    serve_
        ->add_option("--lockout-delay", options_.lockout_delay_seconds,
                     "seconds an account waits after 5 failed log-ins in 15 minutes; doubles with each further "
                     "failure, at most 15 minutes")
        ->check(CLI::Range(1, 900))
        ->capture_default_str();
    serve_
        ->add_option("--suggestion-limit", options_.suggestions_per_hour,
                     "suggestions from the public one address may send in an hour (then 429 with Retry-After)")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    serve_
        ->add_option("--public-url", options_.public_url,
                     "the address the public reaches the site at, e.g. https://moteplass.example.no "
                     "(for sitemap.xml; default: the listening address)")
        ->check(CheckPublicUrl);

    serve_
        ->add_option("--oidc-issuer", options_.oidc.issuer,
                     "log in with OpenID Connect at this provider (its issuer, e.g. https://idporten.no); "
                     "password log-in stays")
        ->check([](const std::string& url) { return http::oidc::CheckIssuer(url); });
    serve_->add_option("--key-file", key_file_,
                       "file holding the key that seals informants' identities (created with mode 0600 at first "
                       "start; default: identities.key next to the database)");
    serve_->add_option("--oidc-client-id", options_.oidc.client_id, "the client id registered with the provider");
    serve_->add_option("--oidc-client-secret-file", secret_file_,
                       "file holding the client secret (one line; readable by its owner only, mode 0600)");
    serve_->add_option("--oidc-auth-method", options_.oidc.auth_method, "how the secret is sent to the token endpoint")
        ->check(CLI::IsMember({"client_secret_basic", "client_secret_post"}))
        ->capture_default_str();
    serve_
        ->add_option("--oidc-claim", options_.oidc.claim,
                     "the ID token's claim accounts are linked by (moteplass identity link): sub, or pid for "
                     "ID-porten")
        ->capture_default_str();

    migrate_ = app.add_subcommand("migrate", "create or upgrade the database and exit");
    ctx.AddDbOption(*migrate_);
  }

  std::optional<int> Run(CommandContext& ctx) override {
    if (serve_->parsed()) return Serve(ctx);
    if (migrate_->parsed()) return ctx.Finish("migrate", Migrate(ctx));
    return std::nullopt;
  }

 private:
  int Serve(CommandContext& ctx) {
    if (Status st = ConfigureOidc(); !st.ok()) return ctx.Fail("serve", st.error());
    Result<std::unique_ptr<Store>> store = ctx.OpenStore();
    if (!store.ok()) return ctx.Fail("serve", store.error());
    Result<std::string> key = app::LoadOrCreateIdentityKey(key_file_.empty() ? app::DefaultIdentityKeyPath(ctx.db())
                                                                             : key_file_);
    if (!key.ok()) return ctx.Fail("serve", key.error());
    options_.identity_key = *key;
    {
      // Identities past their study's date are erased at start (and before any is read).
      Result<Services> services = Services::Load(**store);
      if (!services.ok()) return ctx.Fail("serve", services.error());
      (**services).identity_key = *key;
      if (auto erased = app::EraseDueIdentities(**services); !erased.ok()) return ctx.Fail("serve", erased.error());
    }
    Result<bool> demo_admin = demo_ ? LoadDemo(**store) : Result<bool>(false);
    if (!demo_admin.ok()) return ctx.Fail("serve", demo_admin.error());

    auto logger = std::make_shared<spdlog::logger>("moteplass", std::make_shared<BufferedStderrSink>());
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(1));
    const int status = http::RunServer(options_, **store, [&](const std::string& url) {
      ctx.out() << "Listening on " << url << std::endl;
      if (*demo_admin) {
        ctx.out() << "Demo account: log in at " << url << "logg-inn as " << kDemoAdmin << " with password "
                  << kDemoPassword << "\n"
                  << "(example data; remove it with: moteplass demo remove --db " << ctx.db() << ")" << std::endl;
      }
    });
    logger->flush();
    return status;
  }

  // With --oidc-issuer: the client id and the secret, read from its file, which only its owner
  // may read (a secret on the command line would show in the process list).
  Status ConfigureOidc() {
    if (options_.oidc.issuer.empty()) {
      if (!options_.oidc.client_id.empty() || !secret_file_.empty()) {
        return Error::Invalid("--oidc-client-id and --oidc-client-secret-file need --oidc-issuer", "/oidc-issuer");
      }
      return {};
    }
    if (options_.oidc.client_id.empty())
      return Error::Invalid("--oidc-issuer needs --oidc-client-id", "/oidc-client-id");
    if (secret_file_.empty()) {
      return Error::Invalid("--oidc-issuer needs --oidc-client-secret-file", "/oidc-client-secret-file");
    }
    struct stat info {};
    if (stat(secret_file_.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
      return Error::Invalid("cannot read the client secret file " + secret_file_, "/oidc-client-secret-file");
    }
    if ((info.st_mode & 077) != 0) {
      return Error::Invalid("the client secret file " + secret_file_ +
                                " may be read by others; make it readable by its owner only (chmod 600)",
                            "/oidc-client-secret-file");
    }
    std::ifstream in(secret_file_);
    std::string secret;
    std::getline(in, secret);
    while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
    if (!in && !in.eof()) return Error::Invalid("cannot read " + secret_file_, "/oidc-client-secret-file");
    if (secret.empty()) {
      return Error::Invalid("the client secret file " + secret_file_ + " is empty", "/oidc-client-secret-file");
    }
    options_.oidc.client_secret = secret;
    return {};
  }

  // Loads the example data into an empty register; true when it also created the demo account.
  static Result<bool> LoadDemo(Store& store) {
    ASSIGN_OR_RETURN(Services services, Services::Load(store));
    RETURN_IF_ERROR(LoadDemoData(*services));
    return EnsureDemoAdmin(*services);
  }

  Status Migrate(CommandContext& ctx) {
    ASSIGN_OR_RETURN(std::unique_ptr<Store> store, ctx.OpenStore());
    ctx.out() << "database ready: " << ctx.db() << "\n";
    return {};
  }

  http::ServerOptions options_;
  std::string secret_file_;
  std::string key_file_;
  bool demo_ = false;
  CLI::App* serve_ = nullptr;
  CLI::App* migrate_ = nullptr;
};

}  // namespace

std::unique_ptr<CommandGroup> ServerCommands() { return std::make_unique<ServerCommandGroup>(); }

}  // namespace moteplass::cli
