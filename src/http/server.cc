#include "http/server.h"

#include <array>
#include <atomic>
#include <ctime>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "app/operations/alerts.h"
#include "app/register/meeting_places.h"
#include "http/auth.h"
#include "http/module.h"
#include "http/oidc/provider.h"
#include "http/page_kit.h"
#include "http/pages.h"

namespace moteplass::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

bool IsText(const std::string& content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/javascript") || content_type.starts_with("image/svg+xml");
}

// The current time as an HTTP date ("Wed, 25 Nov 2026 12:41:56 GMT"), formatted at most once a
// second per thread.
const std::string& HttpDate() {
  thread_local std::time_t second = 0;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[64];
    text.assign(buffer, std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm));
    second = now;
  }
  return text;
}

// Served behind TLS (--secure-cookies): browsers are to use HTTPS only for a year.
constexpr const char* kHsts = "max-age=31536000";

// Under --secure-cookies: every cookie (session, language, the log-in form's CSRF cookie) is
// marked Secure, and the response carries Strict-Transport-Security.
void SecureTransport(Response& response) {
  for (auto& [name, value] : response.headers) {
    if (name == "Set-Cookie" && value.find("; Secure") == std::string::npos) value += "; Secure";
  }
  if (response.Get("Strict-Transport-Security").empty()) response.Set("Strict-Transport-Security", kHsts);
}

// The application: authentication, routes and what happens to an unknown address.
class App {
 public:
  App(Store& store, const ServerOptions& options, Places places)
      : auth_(store, AuthOptions{.secure_cookies = options.secure_cookies,
                                 .lockout_base = std::chrono::seconds(options.lockout_delay_seconds)}),
        context_{store, auth_, std::move(places), ""},
        pages_(context_) {
    context_.services.changed = [this](const std::vector<std::string>& tags) { pages_.Invalidate(tags); };
    if (!options.oidc.issuer.empty()) context_.oidc = std::make_shared<oidc::Provider>(options.oidc);
    context_.suggestion_limiter = std::make_shared<RateLimiter>(options.suggestions_per_hour, std::chrono::hours(1));
    context_.services.identity_key = options.identity_key;
    ModuleContext modules{router_, context_, pages_};
    AddModules(modules);
  }

  void SetPublicUrl(std::string url) { context_.public_url = std::move(url); }

  // Answers without the database when it can (static files, cached public pages).
  std::optional<Response> Fast(const Request& request) const { return pages_.Fast(request); }

  // Empties the cached pages a change by another process (the command line, another server)
  // touched, as the store reports it; everything when it cannot tell what changed.
  void ExternalChange(const std::string& entity_type, const std::string& entity_id) {
    std::vector<std::string> tags = app::TagsOfChange(entity_type, entity_id);
    if (tags.empty()) {
      pages_.InvalidateAll();
    } else {
      pages_.Invalidate(tags);
    }
  }

  // Keeps what a national user's alerts are computed from ready (app::KeepNationalAlertsReady),
  // off any request; a failure (the database gone) waits for the next turn.
  void KeepReady() {
    try {
      if (context_.store.Reachable()) (void)app::KeepNationalAlertsReady(context_.services);
    } catch (const std::exception& e) {
      spdlog::error("keeping the alerts ready failed: {}", e.what());
    }
  }

  Response Handle(Request& request) {
    try {
      // While the store knows its database is gone, every request gets 503 at once, without
      // waiting for a connection that will not come.
      if (!context_.store.Reachable()) {
        if (request.path == "/api" || request.path.starts_with("/api/")) {
          Response r = Response::FromError(Error::Unavailable("the database cannot be reached; try again shortly"));
          r.Set("Retry-After", "5");
          return r;
        }
        return pages_.Unavailable(request);
      }
      if (auto st = auth_.Identify(request); !st.ok()) return Response::FromError(st.error());
      return router_.Dispatch(request, [this](Request& r) {
        if (r.path == "/api" || r.path.starts_with("/api/")) {
          return Response::FromError(Error::NotFound("nothing is at " + r.path));
        }
        return pages_.NotFound(r);
      });
    } catch (const std::exception& e) {
      spdlog::error("handler failed: {}", e.what());
      return Response::FromError(Error::Internal("something went wrong on our side; the error is logged"));
    }
  }

 private:
  Authenticator auth_;
  AppContext context_;
  Pages pages_;
  Router router_;
};

class Session;

struct Shared {
  Shared(const ServerOptions& o, App& a, net::thread_pool& w) : options(o), app(a), workers(w) {}
  const ServerOptions& options;
  App& app;
  net::thread_pool& workers;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::mutex sessions_mutex;
  std::set<std::shared_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Closes the connection if it is waiting for a request; a busy one closes after its response.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

 private:
  void Read() {
    if (shared_.stopping) return Close();
    parser_.emplace();
    parser_->body_limit(shared_.options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
    stream_.expires_after(shared_.options.request_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return Close();
    }
    start_ = std::chrono::steady_clock::now();
    if (ec) {
      Response r;
      if (ec == bhttp::error::body_limit) {
        r = Response::FromError(
            Error{ErrorCode::kTooLarge,
                  "too_large",
                  "the request body is larger than " + std::to_string(shared_.options.body_limit / 1024) + " KiB",
                  "",
                  {}});
      } else if (ec == bhttp::error::header_limit) {
        r = Response::FromError(Error::Invalid("the request headers are too large", "", "headers_too_large"));
        r.status = 431;
      } else {
        r = Response::FromError(Error::Invalid("the request is not valid HTTP", "", "bad_request"));
      }
      method_ = "-";
      path_ = "-";
      linger_ = true;
      busy_ = true;
      ++shared_.in_flight;
      return Write(std::move(r), /*keep_alive=*/false, "");
    }
    busy_ = true;
    ++shared_.in_flight;
    auto message = parser_->release();
    auto request = std::make_shared<Request>();
    request->method = std::string(message.method_string());
    const std::string target(message.target());
    const std::size_t q = target.find('?');
    auto path = PercentDecode(std::string_view(target).substr(0, q), false);
    auto query = q == std::string::npos ? std::optional<std::vector<std::pair<std::string, std::string>>>(
                                              std::vector<std::pair<std::string, std::string>>{})
                                        : ParseQuery(std::string_view(target).substr(q + 1));
    method_ = request->method;
    path_ = path ? LogSafePath(*path) : "-";
    const bool keep_alive = message.keep_alive();
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = request->headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
    }
    const std::string accept_encoding = request->Header("accept-encoding");
    if (!path || path->empty() || path->front() != '/' || !query) {
      return Write(
          Response::FromError(Error::Invalid("the address is not valid (bad percent-encoding)", "", "bad_request")),
          keep_alive, accept_encoding);
    }
    request->path = std::move(*path);
    request->query = std::move(*query);
    request->body = std::move(message.body());
    request->keep_alive = keep_alive;
    if (auto fast = shared_.app.Fast(*request)) {
      if (request->method == "HEAD") fast->headers.emplace_back("X-Head", "1");
      return Write(std::move(*fast), keep_alive, accept_encoding);
    }
    beast::error_code ignored;
    auto endpoint = stream_.socket().remote_endpoint(ignored);
    if (!ignored) request->remote = endpoint.address().to_string();
    // Handlers touch the database: run them on the worker pool, never on an I/O thread.
    net::post(shared_.workers, [self = shared_from_this(), request, keep_alive, accept_encoding] {
      Response response = self->shared_.app.Handle(*request);
      if (request->method == "HEAD") response.headers.emplace_back("X-Head", "1");
      // The log names the route ("/moteplasser/{id}"), never what the client wrote in its place;
      // an address no route serves (a 404, which may hold anything) is not logged at all.
      std::string logged = request->route_pattern.empty() ? "(no route)" : request->route_pattern;
      net::post(self->stream_.get_executor(), [self, response = std::move(response), keep_alive, accept_encoding,
                                               logged = std::move(logged)]() mutable {
        self->path_ = std::move(logged);
        self->Write(std::move(response), keep_alive, accept_encoding);
      });
    });
  }

  void Write(Response response, bool keep_alive, const std::string& accept_encoding) {
    if (response.wire) return WriteWire(std::move(response.wire), response.status, keep_alive);
    FinishResponse(response, accept_encoding);
    if (shared_.options.secure_cookies) SecureTransport(response);
    bool head = false;
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) {
      if (name == "X-Head") {
        head = true;
        continue;
      }
      message->insert(name, value);
    }
    const std::size_t bytes = response.body.size();
    message->body() = std::move(response.body);
    message->set(bhttp::field::date, HttpDate());
    message->prepare_payload();
    if (head) message->body().clear();  // Content-Length stays that of the GET
    BeginWrite(response.status, bytes, keep_alive);
    message->keep_alive(keep_alive_);
    if (head) {
      auto serializer = std::make_shared<bhttp::response_serializer<bhttp::string_body>>(*message);
      bhttp::async_write_header(
          stream_, *serializer,
          [self = shared_from_this(), message, serializer](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
      return;
    }
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
  }

  // A response serialized in advance (cached page, static file): sent as it is, nothing copied.
  void WriteWire(std::shared_ptr<const std::string> wire, int status, bool keep_alive) {
    BeginWrite(status, wire->size(), keep_alive);
    // The status line, then a Date header for this second, then the stored headers and body.
    const std::size_t line = wire->find("\r\n") + 2;
    date_line_ = "Date: " + HttpDate() + "\r\n";
    if (shared_.options.secure_cookies) date_line_ += std::string("Strict-Transport-Security: ") + kHsts + "\r\n";
    const std::array<net::const_buffer, 3> parts{net::buffer(wire->data(), line), net::buffer(date_line_),
                                                 net::buffer(wire->data() + line, wire->size() - line)};
    net::async_write(stream_, parts,
                     [self = shared_from_this(), wire](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
  }

  // What every response does before it is written: decide whether the connection stays open,
  // write the access-log line (no addresses, user names or query values; the path as a route
  // pattern or escaped by LogSafePath), arm the time limit.
  void BeginWrite(int status, std::size_t bytes, bool keep_alive) {
    keep_alive_ = keep_alive && !shared_.stopping;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    spdlog::info("{} {} {} {}B {:.1f}ms", method_, path_, status, bytes, ms);
    stream_.expires_after(shared_.options.request_timeout);
  }

  void OnWrite(beast::error_code ec) {
    busy_ = false;
    --shared_.in_flight;
    if (ec || !keep_alive_) return Close();
    Read();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (linger_) return Drain(0);
    Release();
  }

  // After an error answered before the whole request was read (a body over the limit), the
  // client may still be sending it. Closing at once would make its TCP stack see a reset and
  // drop our 413 unread; so read and discard what it sends for a moment (a lingering close, as
  // nginx does), bounded in time and bytes.
  void Drain(std::size_t total) {
    static constexpr std::size_t kDrainLimit = 16 * 1024 * 1024;
    if (!drain_) drain_ = std::make_unique<std::array<char, 16384>>();
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(net::buffer(*drain_),
                            [self = shared_from_this(), total](beast::error_code ec, std::size_t n) {
                              if (ec || total + n > kDrainLimit) return self->Release();
                              self->Drain(total + n);
                            });
  }

  void Release() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
    std::lock_guard lock(shared_.sessions_mutex);
    shared_.sessions.erase(shared_from_this());
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Shared& shared_;
  bool busy_ = false;
  bool keep_alive_ = true;
  bool closed_ = false;
  bool linger_ = false;
  std::string date_line_;  // kept alive while a stored response is written
  std::unique_ptr<std::array<char, 16384>> drain_;
  std::string method_;
  std::string path_;
  std::chrono::steady_clock::time_point start_;
};

class Listener {
 public:
  // Accepts on the first context and hands each connection to the next context in turn.
  Listener(std::vector<std::unique_ptr<net::io_context>>& contexts, Shared& shared)
      : contexts_(contexts), acceptor_(*contexts.front()), shared_(shared) {}

  // Binds and listens; returns the error message, "" on success.
  std::string Listen(const std::string& host, int port) {
    beast::error_code ec;
    auto address = net::ip::make_address(host, ec);
    if (ec) return "--host: not an IP address: " + host;
    tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message();
    return "";
  }

  int Port() const { return acceptor_.local_endpoint().port(); }

  void Accept() {
    net::io_context& next = *contexts_[next_++ % contexts_.size()];
    acceptor_.async_accept(next, [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (!acceptor_.is_open()) return;
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto session = std::make_shared<Session>(std::move(socket), shared_);
        {
          std::lock_guard lock(shared_.sessions_mutex);
          shared_.sessions.insert(session);
        }
        session->Start();
      }
      if (!shared_.stopping) Accept();
    });
  }

  void Stop() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  std::vector<std::unique_ptr<net::io_context>>& contexts_;
  std::size_t next_ = 0;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

void FinishResponse(Response& r, const std::string& accept_encoding) {
  AddDefaultHeaders(r);
  const std::string type = r.Get("Content-Type");
  if (IsText(type) && r.body.size() > 1024) {
    if (r.Get("Vary").empty()) r.Set("Vary", "Accept-Encoding");
    if (AcceptsGzip(accept_encoding) && r.Get("Content-Encoding").empty()) {
      if (auto gz = GzipText(r.body)) {
        r.body = std::move(*gz);
        r.Set("Content-Encoding", "gzip");
      }
    }
  }
}

int RunServer(const ServerOptions& options, Store& store, const std::function<void(const std::string&)>& on_listening) {
  auto places = store.places().Load();
  if (!places.ok()) {
    spdlog::error("cannot load places: {}", places.error().message);
    return 1;
  }
  App app(store, options, std::move(*places));
  // One io_context per I/O thread, each run by that thread alone: a connection stays on one
  // thread, and the threads do not contend for one shared event queue.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  for (int i = 0; i < std::max(1, options.io_threads); ++i) {
    contexts.push_back(std::make_unique<net::io_context>(1));
    keep_running.push_back(net::make_work_guard(*contexts.back()));
  }
  net::io_context& ioc = *contexts.front();
  auto stop_all = [&contexts] {
    for (auto& c : contexts) c->stop();
  };
  net::thread_pool workers(static_cast<std::size_t>(std::max(1, options.worker_threads)));
  Shared shared(options, app, workers);
  Listener listener(contexts, shared);
  if (std::string error = listener.Listen(options.host, options.port); !error.empty()) {
    spdlog::error("{}", error);
    return 1;
  }
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::string public_url = options.public_url.empty() ? "http://" + host + ":" + std::to_string(listener.Port())
                                                      : options.public_url;
  while (public_url.ends_with('/')) public_url.pop_back();
  app.SetPublicUrl(public_url);
  listener.Accept();

  // One line when the database is lost (why), one when it is back (after how long); requests
  // meanwhile get 503 without a line each.
  store.OnReachabilityChange([](const ReachabilityChange& change) {
    if (change.reachable) {
      spdlog::warn("the database answers again after {:.1f} s; serving requests", change.gone_for.count() / 1000.0);
    } else {
      spdlog::error("the database cannot be reached; answering 503 until it returns: {}", change.reason);
    }
  });

  // Changes made by other processes (import, demo remove, another server) reach the pages as the
  // store reports them: within two seconds on SQLite, at once on PostgreSQL.
  if (Status watching = store.WatchExternalChanges(
          [&app](const std::string& type, const std::string& id) { app.ExternalChange(type, id); });
      !watching.ok()) {
    spdlog::warn("changes made by other processes will not empty the page cache: {}", watching.error().message);
  }

  // The alerts of every meeting place computed on the worker pool when the server starts and
  // checked every minute (a new day, another process's large write), not on a user's request.
  net::steady_timer keep_ready(ioc);
  std::function<void()> keep_ready_now = [&] {
    net::post(workers, [&app] { app.KeepReady(); });
    keep_ready.expires_after(std::chrono::minutes(1));
    keep_ready.async_wait([&](beast::error_code ec) {
      if (!ec && !shared.stopping) keep_ready_now();
    });
  };
  keep_ready_now();

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain(ioc);
  std::chrono::steady_clock::time_point deadline;
  std::function<void()> wait_for_drain = [&] {
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](beast::error_code) {
      std::size_t open = 0;
      {
        std::lock_guard lock(shared.sessions_mutex);
        open = shared.sessions.size();
      }
      if ((shared.in_flight == 0 && open == 0) || std::chrono::steady_clock::now() > deadline) {
        stop_all();
        return;
      }
      wait_for_drain();
    });
  };
  signals.async_wait([&](beast::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}; finishing requests in flight", signal);
    shared.stopping = true;
    keep_ready.cancel();
    deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    listener.Stop();
    std::vector<std::shared_ptr<Session>> sessions;
    {
      std::lock_guard lock(shared.sessions_mutex);
      sessions.assign(shared.sessions.begin(), shared.sessions.end());
    }
    for (auto& s : sessions) s->CloseIfIdle();
    wait_for_drain();
  });

  on_listening("http://" + host + ":" + std::to_string(listener.Port()) + "/");
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts.size(); ++i) threads.emplace_back([&c = *contexts[i]] { c.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
  store.StopWatchingExternalChanges();
  store.OnReachabilityChange(nullptr);
  {
    std::lock_guard lock(shared.sessions_mutex);
    shared.sessions.clear();
  }
  spdlog::info("stopped");
  return 0;
}

}  // namespace moteplass::http
