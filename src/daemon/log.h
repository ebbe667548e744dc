#pragma once
// phonecertd's log: one line per event on stderr,
//   2025-03-01T10:00:00Z info    web: login: user "admin" from 127.0.0.1
// with a level threshold (--log-level). Thread-safe. Callers never pass key material; the log
// adds nothing but the time and the level.
#include <mutex>
#include <string_view>

#include "base/time.h"
#include "state/state.h"

namespace phonecert::daemon {

class StderrLog {
 public:
  StderrLog(const Clock& clock, LogLevel threshold) : clock_(clock), threshold_(threshold) {}
  void Write(LogLevel level, std::string_view line);
  LogSink Sink();

 private:
  const Clock& clock_;
  LogLevel threshold_;
  std::mutex mu_;
};

// "debug", "info", "warning", "error" (Code::kUsage otherwise).
Result<LogLevel> ParseLogLevel(std::string_view text);

}  // namespace phonecert::daemon
