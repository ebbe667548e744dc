#pragma once
// Time is a value passed in; only the outermost layers read the wall clock (through Clock).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace phonecert {

using TimePoint = std::chrono::sys_seconds;

// "2026-12-04T19:49:46Z"
std::string FormatIso8601(TimePoint t);
// "2026-12-04"
std::string FormatDate(TimePoint t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MM:SS+HH:MM", and a fractional part.
std::optional<TimePoint> ParseIso8601(std::string_view text);

// The only reader of the wall clock. Tests and deep layers receive a TimePoint instead.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : t_(t) {}
  TimePoint Now() const override { return t_; }

 private:
  TimePoint t_;
};

}  // namespace phonecert
