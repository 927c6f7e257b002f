#include "cli/commands.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/classify_command.h"
#include "cli/data_transfer.h"
#include "cli/log_sink.h"
#include "core/accounts/account.h"
#include "core/accounts/credentials.h"
#include "core/places/places.h"
#include "http/server.h"
#include "app/accounts/accounts.h"
#include "app/places/regions.h"
#include "app/register/meeting_places.h"
#include "store/sqlite/sqlite_store.h"

namespace moteplass::cli {
namespace {

constexpr const char* kDefaultDb = "data/moteplass.sqlite";
constexpr std::size_t kMinPasswordLength = 10;
constexpr const char* kDemoAdmin = "demo-admin";
constexpr const char* kDemoPassword = "moteplass-demo";

int ExitFor(const Error& e) { return e.code == ErrorCode::kInvalid || e.code == ErrorCode::kConflict ? 2 : 1; }

int Fail(const std::string& command, const Error& e) {
  std::cerr << "moteplass " << command << ": " << (e.pointer.empty() || e.message.find(e.pointer) != std::string::npos
                                                        ? ""
                                                        : e.pointer + ": ")
            << e.message << "\n";
  return ExitFor(e);
}

// Opens the database, creating its folder and running migrations; nullptr after printing why.
std::unique_ptr<SqliteStore> OpenStore(const std::string& command, const std::string& path) {
  std::error_code ec;
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  auto store = SqliteStore::Open(path);
  if (!store.ok()) {
    Fail(command, store.error());
    return nullptr;
  }
  return std::move(store).value();
}

bool ReadFile(const std::string& path, std::string* out, std::string* why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Creates the demo administrator when the register has no users, so that a newcomer can log in.
bool EnsureDemoAdmin(Store& store) {
  auto users = store.accounts().ListUsers();
  if (!users.ok() || !users->empty()) return false;
  auto added = store.accounts().AddUser(kDemoAdmin, HashPassword(kDemoPassword), Role::kAdmin, "",
                                        WriteContext{"system", 0});
  return added.ok();
}

// The places the register knows and the use cases' services over an open store, for one command.
class Services {
 public:
  explicit Services(Store& store) : places_(store.places().Load()) {
    if (places_.ok()) services_.emplace(app::Services{store, *places_});
  }
  bool ok() const { return places_.ok(); }
  const Error& error() const { return places_.error(); }
  app::Services& operator*() { return *services_; }

 private:
  Result<Places> places_;
  std::optional<app::Services> services_;
};

}  // namespace

int Run(int argc, char** argv) {
  CLI::App app{"moteplass: the national register of local meeting places between the immigrant population "
               "and local authorities"};
  app.require_subcommand(1);
  std::string db = kDefaultDb;
  auto add_db = [&db](CLI::App* cmd) {
    cmd->add_option("--db", db, "database file (SQLite)")->capture_default_str();
  };

  // serve
  auto* serve = app.add_subcommand("serve", "serve the web pages and the JSON API");
  http::ServerOptions options;
  bool demo = false;
  add_db(serve);
  serve->add_option("--host", options.host, "address to listen on")->capture_default_str();
  serve->add_option("--port", options.port, "port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_flag("--demo", demo, "load the example data when the register has no meeting places");
  serve->add_flag("--secure-cookies", options.secure_cookies, "mark cookies Secure (when served behind TLS)");
  serve->add_option("--public-url", options.public_url,
                    "the address the public reaches the site at, e.g. https://moteplass.example.no "
                    "(for sitemap.xml; default: the listening address)")
      ->check([](const std::string& v) {
        const bool scheme = v.starts_with("http://") || v.starts_with("https://");
        const bool clean = v.find_first_of(" \t\r\n\"<>?#") == std::string::npos;
        return scheme && clean && v.size() > 8 && v.size() < 200 ? std::string()
                                                                 : std::string("expected an http:// or https:// address");
      });

  auto* migrate = app.add_subcommand("migrate", "create or upgrade the database and exit");
  add_db(migrate);

  // user
  auto* user = app.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  std::string username, role_name, scope;
  auto* user_add = user->add_subcommand("add", "add an account; reads the password from standard input");
  user_add->add_option("USERNAME", username, "user name")->required();
  user_add->add_option("--role", role_name, "admin, national, regional, municipal, secretary or researcher")
      ->required();
  user_add->add_option("--scope", scope,
                       "region id (regional), municipality or county number (municipal), meeting-place id "
                       "(secretary)");
  add_db(user_add);
  auto* user_list = user->add_subcommand("list", "list accounts");
  add_db(user_list);
  auto* user_disable = user->add_subcommand("disable", "disable an account (its sessions and tokens stop working)");
  user_disable->add_option("USERNAME", username, "user name")->required();
  add_db(user_disable);
  auto* user_enable = user->add_subcommand("enable", "enable a disabled account");
  user_enable->add_option("USERNAME", username, "user name")->required();
  add_db(user_enable);

  auto* token = app.add_subcommand("token", "API tokens for scripts");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "print a new API token for a user");
  token_create->add_option("USERNAME", username, "user name")->required();
  add_db(token_create);

  std::string file, format = "json";
  auto* classify = app.add_subcommand("classify", "classify meeting-place profiles (classification.md)");
  classify->add_option("FILE", file, "JSON file with a profile or an array of profiles; - for standard input")
      ->required();
  classify->add_option("--format", format, "json or text")->capture_default_str();
  std::string lang = "nb";
  classify->add_option("--lang", lang, "language of --format text: nb, nn or en")->capture_default_str();

  auto* import = app.add_subcommand("import", "import meeting places from a JSON file (all or nothing)");
  import->add_option("FILE", file, "JSON array of meeting places, as export writes them")->required();
  add_db(import);

  std::string output;
  auto* exporter = app.add_subcommand("export", "write every meeting place as JSON");
  exporter->add_option("--output,-o", output, "file to write (default: standard output)");
  add_db(exporter);

  auto* backup = app.add_subcommand("backup", "copy the database to FILE, online and consistent");
  backup->add_option("FILE", file, "backup file to create (must not exist)")->required();
  add_db(backup);

  int audit_limit = 100;
  auto* audit = app.add_subcommand("audit", "show the audit log, newest first (writes, logins, denied attempts)");
  audit->add_option("--limit", audit_limit, "how many entries")->check(CLI::Range(1, 100000))->capture_default_str();
  add_db(audit);

  auto* regions_cmd = app.add_subcommand("regions", "the IMDi regions: which counties each one covers");
  regions_cmd->require_subcommand(1);
  auto* regions_list = regions_cmd->add_subcommand("list", "show the regions: id, name, county numbers");
  add_db(regions_list);
  auto* regions_set = regions_cmd->add_subcommand(
      "set", "replace the regions with those in FILE, a JSON array like data/regions-default.json; "
             "a running server uses them after a restart");
  regions_set->add_option("FILE", file, "JSON file: [{\"id\", \"name\", \"counties\": [\"03\", ...]}, ...]")
      ->required();
  add_db(regions_set);

  auto* demo_cmd = app.add_subcommand("demo", "the example data");
  demo_cmd->require_subcommand(1);
  auto* demo_load = demo_cmd->add_subcommand("load", "load the example data into an empty register");
  add_db(demo_load);
  auto* demo_remove = demo_cmd->add_subcommand("remove", "remove every example meeting place and the demo account");
  add_db(demo_remove);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  if (classify->parsed()) return RunClassifyCommand(file, format, std::cin, std::cout, std::cerr, lang);

  if (serve->parsed()) {
    auto store = OpenStore("serve", db);
    if (!store) return 1;
    bool demo_admin = false;
    if (demo) {
      Services services(*store);
      if (!services.ok()) return Fail("serve", services.error());
      auto loaded = LoadDemoData(*services);
      if (!loaded.ok()) return Fail("serve", loaded.error());
      demo_admin = EnsureDemoAdmin(*store);
    }
    auto logger = std::make_shared<spdlog::logger>("moteplass", std::make_shared<BufferedStderrSink>());
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(1));
    const int status = http::RunServer(options, *store, [&](const std::string& url) {
      std::cout << "Listening on " << url << std::endl;
      if (demo_admin) {
        std::cout << "Demo account: log in at " << url << "logg-inn as " << kDemoAdmin << " with password "
                  << kDemoPassword << "\n"
                  << "(example data; remove it with: moteplass demo remove --db " << db << ")" << std::endl;
      }
    });
    logger->flush();
    return status;
  }

  if (migrate->parsed()) {
    auto store = OpenStore("migrate", db);
    if (!store) return 1;
    std::cout << "database ready: " << db << "\n";
    return 0;
  }

  if (user_add->parsed()) {
    auto role = ParseRole(role_name);
    if (!role.ok()) return Fail("user add", role.error());
    if (auto st = ValidateScope(*role, scope); !st.ok()) return Fail("user add", st.error());
    if (username.empty() || username.size() > 64 ||
        username.find_first_of(" \t\r\n/") != std::string::npos) {
      return Fail("user add", Error::Invalid("a user name is 1 to 64 characters without spaces or /", "/username"));
    }
    if (isatty(STDIN_FILENO)) std::cerr << "Password for " << username << ": " << std::flush;
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < kMinPasswordLength) {
      return Fail("user add", Error::Invalid("the password (one line on standard input) must have at least " +
                                                 std::to_string(kMinPasswordLength) + " characters",
                                             "/password"));
    }
    auto store = OpenStore("user add", db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail("user add", services.error());
    auto added = app::AddUser(*services, app::CommandLinePrincipal(), username, HashPassword(password), *role, scope);
    if (!added.ok()) return Fail("user add", added.error());
    std::cerr << "added " << username << " (" << role_name << (scope.empty() ? "" : " " + scope) << ")\n";
    return 0;
  }

  if (user_list->parsed()) {
    auto store = OpenStore("user list", db);
    if (!store) return 1;
    auto users = store->accounts().ListUsers();
    if (!users.ok()) return Fail("user list", users.error());
    for (const auto& u : *users) {
      std::cout << u.username << "\t" << RoleName(u.role) << "\t" << (u.scope.empty() ? "-" : u.scope) << "\t"
                << (u.disabled ? "disabled" : "active") << "\t" << u.created_at << "\n";
    }
    return 0;
  }

  if (user_disable->parsed() || user_enable->parsed()) {
    bool disable = user_disable->parsed();
    const char* name = disable ? "user disable" : "user enable";
    auto store = OpenStore(name, db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail(name, services.error());
    Status st = app::SetUserDisabled(*services, app::CommandLinePrincipal(), username, disable);
    if (!st.ok()) return Fail(name, st.error());
    return 0;
  }

  if (token_create->parsed()) {
    auto store = OpenStore("token create", db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail("token create", services.error());
    const std::string secret = NewSecret();
    Status st = app::AddToken(*services, app::CommandLinePrincipal(), username, HashSecret(secret));
    if (!st.ok()) return Fail("token create", st.error());
    std::cout << secret << "\n";
    return 0;
  }

  if (import->parsed()) {
    std::string text, why;
    if (!ReadFile(file, &text, &why)) return Fail("import", Error::Internal(why));
    auto store = OpenStore("import", db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail("import", services.error());
    auto n = ImportMeetingPlaces(*services, text, /*example=*/false, app::CommandLinePrincipal("import"));
    if (!n.ok()) return Fail("import", n.error());
    std::cerr << "imported " << *n << " meeting places\n";
    return 0;
  }

  if (exporter->parsed()) {
    auto store = OpenStore("export", db);
    if (!store) return 1;
    auto text = ExportMeetingPlaces(store->meeting_places());
    if (!text.ok()) return Fail("export", text.error());
    if (output.empty()) {
      std::cout << *text;
      return std::cout.good() ? 0 : 1;
    }
    std::ofstream out(output, std::ios::binary);
    out << *text;
    out.close();
    if (!out) return Fail("export", Error::Internal("cannot write " + output));
    return 0;
  }

  if (audit->parsed()) {
    auto store = OpenStore("audit", db);
    if (!store) return 1;
    auto entries = store->journal().AuditLog(audit_limit);
    if (!entries.ok()) return Fail("audit", entries.error());
    for (const auto& e : *entries) {
      std::cout << e.at << '\t' << (e.by.empty() ? "-" : e.by) << '\t' << e.action << '\t' << e.target_type << '\t'
                << (e.target_id.empty() ? "-" : e.target_id) << '\t' << e.outcome << '\n';
    }
    return 0;
  }

  if (regions_list->parsed()) {
    auto store = OpenStore("regions list", db);
    if (!store) return 1;
    auto places = store->places().Load();
    if (!places.ok()) return Fail("regions list", places.error());
    for (const auto& r : places->regions) {
      std::string counties;
      for (const auto& c : r.counties) counties += (counties.empty() ? "" : ",") + c;
      std::cout << r.id << '\t' << r.name << '\t' << counties << '\n';
    }
    return 0;
  }

  if (regions_set->parsed()) {
    std::string text, why;
    if (!ReadFile(file, &text, &why)) return Fail("regions set", Error::Internal(why));
    auto store = OpenStore("regions set", db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail("regions set", services.error());
    auto regions = app::ReplaceRegions(*services, app::CommandLinePrincipal("regions set"), text);
    if (!regions.ok()) return Fail("regions set", regions.error());
    std::cerr << "replaced the regions: " << regions->size() << " regions; restart the server to use them\n";
    return 0;
  }

  if (backup->parsed()) {
    auto store = OpenStore("backup", db);
    if (!store) return 1;
    if (auto st = store->Backup(file); !st.ok()) return Fail("backup", st.error());
    std::cerr << "backup written to " << file << "\n";
    return 0;
  }

  if (demo_load->parsed()) {
    auto store = OpenStore("demo load", db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail("demo load", services.error());
    auto n = LoadDemoData(*services);
    if (!n.ok()) return Fail("demo load", n.error());
    std::cerr << "loaded " << *n << " example meeting places\n";
    return 0;
  }

  if (demo_remove->parsed()) {
    auto store = OpenStore("demo remove", db);
    if (!store) return 1;
    Services services(*store);
    if (!services.ok()) return Fail("demo remove", services.error());
    auto n = app::RemoveExampleData(*services, app::CommandLinePrincipal());
    if (!n.ok()) return Fail("demo remove", n.error());
    (void)app::SetUserDisabled(*services, app::CommandLinePrincipal(), kDemoAdmin, true);
    std::cerr << "removed " << *n << " example meeting places and disabled " << kDemoAdmin << "\n";
    return 0;
  }
  return 2;
}

}  // namespace moteplass::cli
