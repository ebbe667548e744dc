#pragma once
// MAC addresses of phones: the one canonical form phonecert uses for file names (<mac>.cfg,
// <mac>.pem) and device certificate Common Names is 12 lower-case hex digits, no separators.
#include <string>
#include <string_view>

#include "base/error.h"

namespace phonecert {

// Accepts the usual ways of writing a MAC, with surrounding white space ignored:
//   00:15:65:aa:bb:cc   00-15-65-AA-BB-CC   0015.65aa.bbcc   001565aabbcc
// Separators must be consistent and in their usual places (pairs for ':' and '-', groups of four
// for '.'). The all-zero and broadcast (ff:ff:ff:ff:ff:ff) addresses are not device addresses and
// are refused. Returns "001565aabbcc", or Code::kInvalidMac with a sentence naming the reason.
Result<std::string> NormalizeMac(std::string_view text);

}  // namespace phonecert
