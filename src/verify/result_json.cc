#include "verify/result_json.h"

namespace phonecert {

nlohmann::json ChainToJson(const std::vector<Certificate>& chain) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const Certificate& c = chain[i];
    out.push_back({{"depth", i},
                   {"issued_to", c.IssuedTo()},
                   {"issued_by", c.IssuedBy()},
                   {"subject", c.Subject()},
                   {"issuer", c.Issuer()},
                   {"not_before", FormatIso8601(c.NotBefore())},
                   {"expiration", FormatDate(c.NotAfter())},
                   {"not_after", FormatIso8601(c.NotAfter())},
                   {"sha256", c.Sha256()}});
  }
  return out;
}

nlohmann::json ToJson(const VerifyResult& r) {
  nlohmann::json reasons = nlohmann::json::array();
  for (Reason reason : r.reasons) reasons.push_back(ReasonName(reason));
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"reason", ReasonName(f.reason)},
                        {"depth", f.depth ? nlohmann::json(*f.depth) : nlohmann::json(nullptr)},
                        {"sentence", f.sentence}});
  }
  nlohmann::json anchor = nullptr;
  if (r.anchor_source) anchor = *r.anchor_source == AnchorSource::kBuiltin ? "builtin" : "custom";
  return {{"verdict", VerdictName(r.verdict)},
          {"trusted", r.trusted()},
          {"reasons", reasons},
          {"failing_depth", r.failing_depth ? nlohmann::json(*r.failing_depth) : nlohmann::json(nullptr)},
          {"text", r.text},
          {"profile", ProfileName(r.profile)},
          {"anchor_source", anchor},
          {"findings", findings},
          {"chain", ChainToJson(r.chain)}};
}

}  // namespace phonecert
