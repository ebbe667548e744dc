#include "base/time.h"

#include <cstdio>
#include <ctime>

namespace phonecert {

std::string FormatIso8601(TimePoint t) {
  std::time_t tt = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string FormatDate(TimePoint t) { return FormatIso8601(t).substr(0, 10); }

namespace {
// True when s[pos, pos + n) are all ASCII digits. sscanf's %d alone also takes signs and
// leading spaces, which would let "+026-12-04" or "T 1:02:03" through.
bool DigitsAt(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}
}  // namespace

std::optional<TimePoint> ParseIso8601(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string str(text);
  int used = 0;
  if (!DigitsAt(str, 0, 4) || !DigitsAt(str, 5, 2) || !DigitsAt(str, 8, 2)) return std::nullopt;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) {
    return std::nullopt;
  }
  std::size_t pos = 10;
  long offset = 0;
  if (pos < str.size()) {
    if (str[pos] != 'T' && str[pos] != ' ' && str[pos] != 't') return std::nullopt;
    if (!DigitsAt(str, pos + 1, 2) || !DigitsAt(str, pos + 4, 2) || !DigitsAt(str, pos + 7, 2)) {
      return std::nullopt;
    }
    if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &used) != 3 || used != 8) {
      return std::nullopt;
    }
    pos += 9;
    if (pos < str.size() && str[pos] == '.') {
      ++pos;
      if (!DigitsAt(str, pos, 1)) return std::nullopt;
      while (pos < str.size() && str[pos] >= '0' && str[pos] <= '9') ++pos;
    }
    if (pos < str.size()) {
      char sign = str[pos];
      if (sign == 'Z' || sign == 'z') {
        ++pos;
      } else if (sign == '+' || sign == '-') {
        int oh = 0, om = 0;
        if (!DigitsAt(str, pos + 1, 2) || !DigitsAt(str, pos + 4, 2) ||
            std::sscanf(str.c_str() + pos + 1, "%2d:%2d%n", &oh, &om, &used) != 2 || used != 5 ||
            oh > 23 || om > 59) {
          return std::nullopt;
        }
        offset = (sign == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
        pos += 6;
      }
    }
    if (pos != str.size()) return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} - seconds{offset};
  return time_point_cast<seconds>(t);
}

TimePoint SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace phonecert
