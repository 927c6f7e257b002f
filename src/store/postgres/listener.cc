#include "store/postgres/listener.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <utility>

#include "store/postgres/database.h"

namespace moteplass::postgres {

ChangeListener::ChangeListener(Pool& pool, Options options) : pool_(pool), options_(options) {}

ChangeListener::~ChangeListener() { Stop(); }

Result<std::unique_ptr<Connection>> ChangeListener::Connect() {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Connection::Open(pool_.url()));
  RETURN_IF_ERROR(c->Exec(std::string("LISTEN ") + kChangeChannel));
  return c;
}

Status ChangeListener::Start(ChangeCallback on_change) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return Error::Conflict("the store is watched already");
  if (stopping_) return Error::Conflict("the listener was stopped");
  if (wake_[0] < 0 && pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Error::Internal("cannot make a pipe for the change listener");
  }
  on_change_ = std::move(on_change);
  Result<std::unique_ptr<Connection>> connected = Connect();
  std::unique_ptr<Connection> connection;
  if (connected.ok()) {
    connection = std::move(connected).value();
  } else if (connected.error().code == ErrorCode::kUnavailable) {
    pool_.MarkUnreachable(connected.error().message);
  }
  thread_ = std::thread([this, c = std::move(connection)]() mutable { Run(std::move(c)); });
  return {};
}

void ChangeListener::Stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (wake_[1] >= 0) {
      const char byte = 1;
      (void)!write(wake_[1], &byte, 1);
    }
    thread = std::move(thread_);
  }
  if (thread.joinable()) thread.join();
  std::lock_guard lock(mutex_);
  for (int& fd : wake_) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
}

bool ChangeListener::Stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool ChangeListener::Wait(int fd, std::chrono::milliseconds timeout) {
  pollfd fds[2] = {{wake_[0], POLLIN, 0}, {fd, POLLIN, 0}};
  const int count = fd >= 0 ? 2 : 1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    const int ready = poll(fds, count, static_cast<int>(std::max<std::int64_t>(0, left.count())));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    if (fds[0].revents != 0) return false;  // woken by Stop()
    return count == 2 && fds[1].revents != 0;
  }
}

void ChangeListener::Deliver(Connection& c) {
  while (PGnotify* n = PQnotifies(c.conn())) {
    const bool own = pool_.Owns(n->be_pid);
    const std::string_view payload(n->extra ? n->extra : "");
    const std::size_t colon = payload.find(':');
    const std::string type(payload.substr(0, colon));
    const std::string id(colon == std::string_view::npos ? std::string_view() : payload.substr(colon + 1));
    PQfreemem(n);
    if (own) continue;
    if (type == "*" || type.empty()) {
      on_change_("*", "");
    } else {
      on_change_(type, id);
    }
  }
}

void ChangeListener::Run(std::unique_ptr<Connection> connection) {
  using Clock = std::chrono::steady_clock;
  std::chrono::milliseconds retry = options_.first_retry;
  bool retry_at_once = true;  // the first attempt after a loss does not wait
  Clock::time_point last_probe = Clock::now();
  while (!Stopping()) {
    if (!connection) {
      if (!retry_at_once) {
        Wait(-1, retry);
        if (Stopping()) break;
        retry = std::min(retry * 2, options_.last_retry);
      }
      retry_at_once = false;
      Result<std::unique_ptr<Connection>> connected = Connect();
      if (!connected.ok()) {
        if (connected.error().code == ErrorCode::kUnavailable) pool_.MarkUnreachable(connected.error().message);
        continue;
      }
      connection = std::move(connected).value();
      pool_.MarkReachable();
      retry = options_.first_retry;
      // Whatever was committed while nobody listened went unreported.
      on_change_("*", "");
      continue;
    }
    const bool readable = Wait(PQsocket(connection->conn()), options_.probe_every);
    if (Stopping()) break;
    // Readable and nothing to read is the end of the connection (the server went away).
    const bool consumed = !readable || PQconsumeInput(connection->conn()) == 1;
    if (readable && consumed) Deliver(*connection);
    if (!consumed || !connection->Healthy()) {
      connection.reset();
      retry_at_once = true;
      continue;
    }
    // A lent connection was lost, but this one is fine: ask the database through the pool, which
    // marks it reachable again when it answers.
    if (!pool_.Reachable() && Clock::now() - last_probe >= options_.probe_every) {
      last_probe = Clock::now();
      (void)pool_.Ping();
    }
  }
}

}  // namespace moteplass::postgres
