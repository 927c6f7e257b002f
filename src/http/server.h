// The HTTP server: Beast on Asio. I/O threads only parse and write; every handler (and so all
// database work) runs on a separate worker pool. Keep-alive, limits on header size, body size
// and time per request, gzip for text when the client accepts it, security headers on every
// response, one access-log line per request without personal data (no address, no query), and
// a graceful shutdown on SIGINT/SIGTERM that stops accepting, lets requests in flight finish
// and then returns so that the store closes cleanly.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "http/oidc/provider.h"
#include "http/router.h"
#include "store/store.h"

namespace moteplass::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port (the real one is passed to on_listening)
  bool secure_cookies = false;     // and Strict-Transport-Security on every response
  int lockout_delay_seconds = 60;  // AuthOptions::lockout_base
  int suggestions_per_hour = 10;   // per address (http/suggestions)
  std::string public_url;          // "" means http://HOST:PORT
  int io_threads = 2;
  int worker_threads = 4;
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds request_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  oidc::OidcOptions oidc;    // log-in with OpenID Connect when oidc.issuer is set
  std::string identity_key;  // seals informants' identities (serve --key-file)
};

// Adds the security headers, a default Cache-Control and gzip (when `accept_encoding` allows
// and the body is text over 1 KiB) to a response. Exposed for tests.
void FinishResponse(Response& response, const std::string& accept_encoding);

// Serves until SIGINT or SIGTERM; `on_listening` gets "http://HOST:PORT/" once the socket
// accepts connections. Returns 0 after a clean shutdown, 1 when it cannot listen (the reason is
// logged).
int RunServer(const ServerOptions& options, Store& store, const std::function<void(const std::string&)>& on_listening);

}  // namespace moteplass::http
