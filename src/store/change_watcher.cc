#include "store/change_watcher.h"

namespace moteplass {

ChangeWatcher::~ChangeWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status ChangeWatcher::Start(std::function<Result<std::int64_t>()> stamp, ChangeCallback on_change,
                            std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return Error::Conflict("the store is watched already");
  thread_ = std::thread([this, stamp = std::move(stamp), on_change = std::move(on_change), interval] {
    std::optional<std::int64_t> last;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      Result<std::int64_t> now = stamp();
      if (now.ok()) {
        if (last && *last != *now) on_change("*", "");
        last = *now;
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stopping_; });
    }
  });
  return {};
}

}  // namespace moteplass
