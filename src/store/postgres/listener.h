// How a PostgresStore hears of the changes other processes commit (Store::WatchExternalChanges):
// a thread with a connection of its own that LISTENs on kChangeChannel (store/postgres/
// database.h), where every committed write notifies "entity_type:entity_id", and reports each
// notification as it arrives, without polling. Notifications this process sent itself (from one
// of its pool's connections) are skipped: its own use cases have told its caches already.
//
// The listening connection doubles as the process's watch on the database. When it is lost, the
// thread connects again at once, then after 0.5 s, 1 s, 2 s ... at most 5 s apart; each failed
// attempt marks the pool unreachable (Pool::Reachable), and the first that succeeds marks it
// reachable and reports ("*", ""), since notifications sent meanwhile were lost. While the pool
// is marked unreachable for another reason (a lent connection was lost) and the listening
// connection is fine, the thread asks the database through the pool every second, so that the
// mark goes away without waiting for a request, which the server refuses while it is there.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.h"
#include "store/change_watcher.h"
#include "store/postgres/connection.h"

namespace moteplass::postgres {

class ChangeListener {
 public:
  struct Options {
    std::chrono::milliseconds first_retry{500};
    std::chrono::milliseconds last_retry{5000};
    // How often the pool is asked while it is marked unreachable and the listener is connected.
    std::chrono::milliseconds probe_every{1000};
  };

  explicit ChangeListener(Pool& pool) : ChangeListener(pool, Options{}) {}
  ChangeListener(Pool& pool, Options options);
  // Stops the thread (waits for it).
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  // Connects and LISTENs before returning, so that no change committed after it returns goes
  // unreported, then reports changes from a thread of its own until Stop(). When it cannot
  // connect now it returns ok all the same and keeps trying from its thread (see the file
  // comment); kConflict when started already, kInternal when the thread's wake-up pipe cannot be
  // made.
  Status Start(ChangeCallback on_change);
  // Stops the thread and closes its connection; safe to call more than once, and before Start.
  void Stop();

 private:
  Result<std::unique_ptr<Connection>> Connect();
  void Run(std::unique_ptr<Connection> connection);
  // Waits until `fd` is readable (any of it, when >= 0), Stop() is called, or `timeout` passes;
  // true when `fd` became readable.
  bool Wait(int fd, std::chrono::milliseconds timeout);
  // Reports each notification received on `c`.
  void Deliver(Connection& c);
  bool Stopping();

  Pool& pool_;
  const Options options_;
  ChangeCallback on_change_;
  std::mutex mutex_;
  bool stopping_ = false;
  int wake_[2] = {-1, -1};  // a pipe: Stop() writes to wake the thread
  std::thread thread_;
};

}  // namespace moteplass::postgres
