// The server's log sink: lines go to standard error through a buffer that is written out when it
// holds 64 KiB, every second (spdlog::flush_every), at once for warnings and errors, and when
// the server stops. spdlog's own stderr sink flushes after every line, which made the access
// log one write(2) per request on the I/O threads. An access line lost in a crash is no loss
// of data: no acknowledged write depends on it.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>

namespace moteplass {

class BufferedStderrSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { flush_(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= kLimit || msg.level >= spdlog::level::warn) flush_();
  }

  void flush_() override {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stderr);
    std::fflush(stderr);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kLimit = 64 * 1024;
  std::string buffer_;
};

}  // namespace moteplass
