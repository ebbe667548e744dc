#pragma once
// VerifyCounters: every verification and every failure reason increments one named counter (as
// Envoy's ssl stats do); the daemon exports them and tests assert them. Lock-free, shared by all
// threads that verify through one Verifier.
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "verify/reason.h"
#include "verify/result.h"

namespace phonecert {

class VerifyCounters {
 public:
  // Counts one finished verification: its verdict, and each distinct reason once.
  void Record(const VerifyResult& result);

  std::uint64_t verifications() const { return verifications_.load(std::memory_order_relaxed); }
  std::uint64_t trusted() const { return trusted_.load(std::memory_order_relaxed); }
  std::uint64_t not_trusted() const { return not_trusted_.load(std::memory_order_relaxed); }
  std::uint64_t proceeded_untrusted() const {
    return proceeded_untrusted_.load(std::memory_order_relaxed);
  }
  std::uint64_t count(Reason reason) const {
    return by_reason_[static_cast<std::size_t>(reason)].load(std::memory_order_relaxed);
  }
  // ("verify.verifications", n), ("verify.trusted", n), ..., ("verify.reason.expired", n), ...
  // Every counter, zero or not, in a stable order.
  std::vector<std::pair<std::string, std::uint64_t>> Snapshot() const;

 private:
  std::atomic<std::uint64_t> verifications_{0};
  std::atomic<std::uint64_t> trusted_{0};
  std::atomic<std::uint64_t> not_trusted_{0};
  std::atomic<std::uint64_t> proceeded_untrusted_{0};
  std::array<std::atomic<std::uint64_t>, kReasonCount> by_reason_{};
};

}  // namespace phonecert
