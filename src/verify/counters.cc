#include "verify/counters.h"

namespace phonecert {

void VerifyCounters::Record(const VerifyResult& result) {
  verifications_.fetch_add(1, std::memory_order_relaxed);
  switch (result.verdict) {
    case Verdict::kTrusted:
      trusted_.fetch_add(1, std::memory_order_relaxed);
      break;
    case Verdict::kNotTrusted:
      not_trusted_.fetch_add(1, std::memory_order_relaxed);
      break;
    case Verdict::kProceedUntrusted:
      proceeded_untrusted_.fetch_add(1, std::memory_order_relaxed);
      break;
  }
  for (Reason r : result.reasons) {
    by_reason_[static_cast<std::size_t>(r)].fetch_add(1, std::memory_order_relaxed);
  }
}

std::vector<std::pair<std::string, std::uint64_t>> VerifyCounters::Snapshot() const {
  std::vector<std::pair<std::string, std::uint64_t>> out = {
      {"verify.verifications", verifications()},
      {"verify.trusted", trusted()},
      {"verify.not_trusted", not_trusted()},
      {"verify.proceeded_untrusted", proceeded_untrusted()},
  };
  for (std::size_t i = 0; i < kReasonCount; ++i) {
    auto r = static_cast<Reason>(i);
    out.emplace_back("verify.reason." + std::string(ReasonName(r)), count(r));
  }
  return out;
}

}  // namespace phonecert
