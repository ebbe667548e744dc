#include "daemon/log.h"

#include <cstdio>
#include <string>

namespace phonecert::daemon {

void StderrLog::Write(LogLevel level, std::string_view line) {
  if (static_cast<int>(level) < static_cast<int>(threshold_)) return;
  std::string out = FormatIso8601(clock_.Now()) + " ";
  std::string_view name = LogLevelName(level);
  out += name;
  out.append(name.size() < 8 ? 8 - name.size() : 1, ' ');
  for (char c : line) out += (c == '\n' || c == '\r') ? ' ' : c;  // one event, one line
  out += '\n';
  std::lock_guard lock(mu_);
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

LogSink StderrLog::Sink() {
  return [this](LogLevel level, std::string_view line) { Write(level, line); };
}

Result<LogLevel> ParseLogLevel(std::string_view text) {
  if (text == "debug") return LogLevel::kDebug;
  if (text == "info") return LogLevel::kInfo;
  if (text == "warning") return LogLevel::kWarning;
  if (text == "error") return LogLevel::kError;
  return Fail(Code::kUsage, "the log level must be debug, info, warning or error");
}

}  // namespace phonecert::daemon
