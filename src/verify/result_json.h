#pragma once
// The JSON form of a VerifyResult, as `phonecert verify --json`, `phonecert connect --json` and
// the web API print it. Field names and reason strings are stable.
//   {"verdict": "not_trusted", "trusted": false, "reasons": ["expired"],
//    "failing_depth": 0, "text": "...", "profile": "private_pki", "anchor_source": "custom",
//    "findings": [{"reason": "expired", "depth": 0, "sentence": "..."}],
//    "chain": [{"depth": 0, "issued_to": "...", "issued_by": "...", "expiration": "2099-12-31",
//               "sha256": "..."}]}
#include <nlohmann/json.hpp>

#include "verify/result.h"

namespace phonecert {

nlohmann::json ToJson(const VerifyResult& result);
// The chain part alone (also used for the chain a server sent).
nlohmann::json ChainToJson(const std::vector<Certificate>& chain);

}  // namespace phonecert
