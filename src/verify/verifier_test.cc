#include "verify/verifier.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"
#include "x509/load.h"

namespace phonecert {
namespace {

using testing::Data;

const TimePoint kNow = *ParseIso8601("2030-01-01T00:00:00Z");

std::vector<Certificate> Chain(const std::string& name) {
  auto loaded = LoadCertificatesFile(Data(name));
  EXPECT_TRUE(loaded) << name;
  return loaded ? loaded->certificates : std::vector<Certificate>{};
}

Anchor MakeAnchor(const std::string& name, AnchorSource source) {
  return Anchor{Chain(name).at(0), source, name, {}};
}

// root-rsa and root-ec as custom (enterprise) anchors; no built-in ones.
std::shared_ptr<const TrustSnapshot> CustomRoots() {
  return TrustSnapshot::Build({}, {MakeAnchor("root-rsa.pem", AnchorSource::kCustom),
                                   MakeAnchor("root-ec.pem", AnchorSource::kCustom)});
}
// The same roots as built-in (public) anchors: the strict profile applies.
std::shared_ptr<const TrustSnapshot> BuiltinRoots() {
  return TrustSnapshot::Build({MakeAnchor("root-rsa.pem", AnchorSource::kBuiltin),
                               MakeAnchor("root-ec.pem", AnchorSource::kBuiltin)},
                              {});
}

VerifyResult Check(const std::string& chain, const std::string& host, VerifyPolicy policy = {},
                 std::shared_ptr<const TrustSnapshot> snapshot = CustomRoots(), TimePoint at = kNow) {
  VerifyRequest r;
  r.peer_chain = Chain(chain);
  r.expected_name = host;
  r.check_time = at;
  r.snapshot = std::move(snapshot);
  return VerifyServerChain(r, policy);
}

VerifyPolicy NameCheck() {
  VerifyPolicy p;
  p.cn_validation = true;
  return p;
}

std::string Reasons(const VerifyResult& r) {
  std::string out;
  for (Reason reason : r.reasons) out += std::string(out.empty() ? "" : ",") + std::string(ReasonName(reason));
  return out;
}

TEST(Verifier, ValidChainToCustomAnchor) {
  VerifyResult r = Check("leaf-san-chain.pem", "server.test", NameCheck());
  EXPECT_EQ(r.verdict, Verdict::kTrusted) << r.text;
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_EQ(r.profile, Profile::kPrivatePki);
  ASSERT_TRUE(r.anchor_source);
  EXPECT_EQ(*r.anchor_source, AnchorSource::kCustom);
  ASSERT_EQ(r.chain.size(), 3u);
  EXPECT_EQ(r.chain.back().IssuedTo(), "Phonecert Test Root RSA");
  EXPECT_FALSE(r.failing_depth);
}

TEST(Verifier, IpLiteralsMatchOnlySanIpAddresses) {
  EXPECT_TRUE(Check("leaf-san-chain.pem", "127.0.0.1", NameCheck()).trusted());
  EXPECT_TRUE(Check("leaf-san-chain.pem", "::1", NameCheck()).trusted());
  EXPECT_TRUE(Check("leaf-ip-chain.pem", "127.0.0.1", NameCheck()).trusted());
  VerifyResult r = Check("leaf-san-chain.pem", "192.0.2.99", NameCheck());
  EXPECT_EQ(Reasons(r), "name_mismatch");
  // leaf-ip has CN=127.0.0.1 and SAN IP only: a DNS-looking reference never uses the CN.
  EXPECT_EQ(Reasons(Check("leaf-ip-chain.pem", "localhost", NameCheck())), "name_mismatch");
}

TEST(Verifier, IntermediateNotSent) {
  VerifyResult r = Check("leaf-san.pem", "server.test", NameCheck());
  EXPECT_EQ(r.verdict, Verdict::kNotTrusted);
  EXPECT_EQ(Reasons(r), "missing_issuer");
  EXPECT_EQ(r.failing_depth, 0);
}

TEST(Verifier, ExpiredLeafAndExpiredIntermediate) {
  VerifyResult leaf = Check("leaf-expired-chain.pem", "server.test", NameCheck());
  EXPECT_EQ(Reasons(leaf), "expired");
  EXPECT_EQ(leaf.failing_depth, 0);
  EXPECT_NE(leaf.text.find("expired on 2002-01-01"), std::string::npos) << leaf.text;
  VerifyResult inter = Check("leaf-under-expired-int-chain.pem", "server.test", NameCheck());
  EXPECT_EQ(Reasons(inter), "expired");
  EXPECT_EQ(inter.failing_depth, 1);
  EXPECT_EQ(Reasons(Check("leaf-notyet-chain.pem", "server.test", NameCheck())), "not_yet_valid");
}

TEST(Verifier, ValidityIsInclusiveAtBothEnds) {
  // Every certificate of leaf-san-chain (root included) ends at 2099-12-31T23:59:59Z.
  TimePoint end = Chain("leaf-san-chain.pem").at(0).NotAfter();
  EXPECT_TRUE(Check("leaf-san-chain.pem", "", {}, CustomRoots(), end).trusted());
  VerifyResult after = Check("leaf-san-chain.pem", "", {}, CustomRoots(), end + std::chrono::seconds(1));
  EXPECT_EQ(Reasons(after), "expired");
  EXPECT_EQ(after.failing_depth, 0);
  TimePoint start = Chain("leaf-san-chain.pem").at(0).NotBefore();
  VerifyPolicy no_floor;
  no_floor.clock_floor = TimePoint::min();
  EXPECT_TRUE(Check("leaf-san-chain.pem", "", no_floor, CustomRoots(), start).trusted());
  EXPECT_EQ(Reasons(Check("leaf-san-chain.pem", "", no_floor, CustomRoots(),
                          start - std::chrono::seconds(1))),
            "not_yet_valid");
}

TEST(Verifier, ClockNotSetIsSaid) {
  VerifyResult r = Check("leaf-san-chain.pem", "server.test", NameCheck(), CustomRoots(),
                       *ParseIso8601("1999-06-01T00:00:00Z"));
  ASSERT_FALSE(r.reasons.empty());
  EXPECT_EQ(r.reasons.front(), Reason::kClockUnset);
  EXPECT_TRUE(r.Has(Reason::kNotYetValid));
  EXPECT_NE(r.text.find("clock is not set"), std::string::npos) << r.text;
}

TEST(Verifier, WrongHostOnlyWithCommonNameValidation) {
  EXPECT_EQ(Reasons(Check("leaf-san-chain.pem", "other.test", NameCheck())), "name_mismatch");
  EXPECT_TRUE(Check("leaf-san-chain.pem", "other.test", VerifyPolicy{}).trusted());
}

TEST(Verifier, Wildcards) {
  EXPECT_TRUE(Check("leaf-wild-chain.pem", "a.wild.test", NameCheck()).trusted());
  EXPECT_EQ(Reasons(Check("leaf-wild-chain.pem", "wild.test", NameCheck())), "name_mismatch");
  EXPECT_EQ(Reasons(Check("leaf-wild-chain.pem", "a.b.wild.test", NameCheck())), "name_mismatch");
  EXPECT_EQ(Reasons(Check("leaf-partialwild-chain.pem", "foo.wild.test", NameCheck())),
            "name_mismatch");
}

TEST(Verifier, CommonNameFallbackOnlyForPrivatePkiWithoutSan) {
  EXPECT_TRUE(Check("leaf-nosan-chain.pem", "nosan.test", NameCheck()).trusted());
  EXPECT_TRUE(Check("leaf-v1-chain.pem", "v1.test", NameCheck()).trusted());
  VerifyResult strict = Check("leaf-nosan-chain.pem", "nosan.test", NameCheck(), BuiltinRoots());
  EXPECT_EQ(strict.profile, Profile::kPublicWeb);
  EXPECT_TRUE(strict.Has(Reason::kSanMissing));
  EXPECT_TRUE(strict.Has(Reason::kNameMismatch));
  VerifyResult v1 = Check("leaf-v1-chain.pem", "v1.test", NameCheck(), BuiltinRoots());
  EXPECT_TRUE(v1.Has(Reason::kV1Certificate));
}

TEST(Verifier, PublicProfileAcceptsAConformingChain) {
  VerifyResult r = Check("leaf-san-chain.pem", "server.test", NameCheck(), BuiltinRoots());
  EXPECT_EQ(r.verdict, Verdict::kTrusted) << r.text;
  EXPECT_EQ(r.profile, Profile::kPublicWeb);
  EXPECT_EQ(*r.anchor_source, AnchorSource::kBuiltin);
  VerifyResult ed = Check("leaf-ed25519-chain.pem", "server.test", NameCheck(), BuiltinRoots());
  EXPECT_TRUE(ed.Has(Reason::kKeyAlgorithm)) << ed.text;
  EXPECT_TRUE(Check("leaf-ed25519-chain.pem", "server.test", NameCheck()).trusted());
}

TEST(Verifier, UntrustedRootAndSelfSigned) {
  EXPECT_EQ(Reasons(Check("leaf-unknown-root-chain.pem", "server.test", NameCheck())),
            "untrusted_root");
  EXPECT_EQ(Reasons(Check("selfsigned-chain.pem", "server.test", NameCheck())), "self_signed");
}

TEST(Verifier, CaSelectionChoosesTheAnchors) {
  auto snapshot = TrustSnapshot::Build({MakeAnchor("root-rsa.pem", AnchorSource::kBuiltin)},
                                       {MakeAnchor("root-ec.pem", AnchorSource::kCustom)});
  VerifyPolicy p = NameCheck();
  p.ca_selection = CaSelection::kCustom;
  EXPECT_FALSE(Check("leaf-san-chain.pem", "server.test", p, snapshot).trusted());
  EXPECT_TRUE(Check("leaf-ec256-chain.pem", "server.test", p, snapshot).trusted());
  p.ca_selection = CaSelection::kBuiltin;
  EXPECT_TRUE(Check("leaf-san-chain.pem", "server.test", p, snapshot).trusted());
  EXPECT_FALSE(Check("leaf-ec256-chain.pem", "server.test", p, snapshot).trusted());
  p.ca_selection = CaSelection::kAll;
  EXPECT_TRUE(Check("leaf-ec256-chain.pem", "server.test", p, snapshot).trusted());
}

TEST(Verifier, OnlyTrustedOffProceedsWithReasons) {
  VerifyPolicy p = NameCheck();
  p.only_trusted = false;
  VerifyResult r = Check("leaf-unknown-root-chain.pem", "other.test", p);
  EXPECT_EQ(r.verdict, Verdict::kProceedUntrusted);
  EXPECT_TRUE(r.Has(Reason::kUntrustedRoot));
  EXPECT_TRUE(r.Has(Reason::kNameMismatch));
  EXPECT_NE(r.text.find("Only Accept Trusted Certificates"), std::string::npos);
  EXPECT_EQ(Check("leaf-san-chain.pem", "server.test", p).verdict, Verdict::kTrusted);
}

TEST(Verifier, PurposeAndNameConstraints) {
  EXPECT_EQ(Reasons(Check("leaf-clientonly-chain.pem", "server.test", NameCheck())), "bad_eku");
  EXPECT_TRUE(Check("leaf-nc-ok-chain.pem", "www.allowed.test", NameCheck()).trusted());
  EXPECT_TRUE(Check("leaf-nc-bad-chain.pem", "bad.allowed.test", NameCheck())
                  .Has(Reason::kNameConstraints));
  // The leading-period constraint of int-nc is OpenSSL's reading, refused only by the strict profile.
  EXPECT_TRUE(Check("leaf-nc-ok-chain.pem", "www.allowed.test", NameCheck(), BuiltinRoots())
                  .Has(Reason::kNameConstraints));
  // leaf-rich carries an unknown critical extension.
  EXPECT_EQ(Reasons(Check("leaf-rich-chain.pem", "rich.test", NameCheck())),
            "critical_extension_unknown");
}

TEST(Verifier, DepthLimitCountsIntermediates) {
  VerifyPolicy p;
  p.max_depth = 0;
  VerifyResult r = Check("leaf-san-chain.pem", "", p);
  EXPECT_EQ(Reasons(r), "chain_too_long");
  p.max_depth = 1;
  EXPECT_TRUE(Check("leaf-san-chain.pem", "", p).trusted());
}

TEST(Verifier, EmptyChainAndNoSnapshot) {
  VerifyRequest r;
  r.check_time = kNow;
  r.snapshot = CustomRoots();
  EXPECT_EQ(Reasons(VerifyServerChain(r, {})), "malformed");
  r.peer_chain = Chain("leaf-san-chain.pem");
  r.snapshot = nullptr;
  EXPECT_EQ(Reasons(VerifyServerChain(r, {})), "internal");
}

TEST(Verifier, CountersRecordVerdictsAndReasons) {
  Verifier v;
  VerifyRequest r;
  r.peer_chain = Chain("leaf-expired-chain.pem");
  r.check_time = kNow;
  r.snapshot = CustomRoots();
  v.Verify(r, {});
  r.peer_chain = Chain("leaf-san-chain.pem");
  v.Verify(r, {});
  EXPECT_EQ(v.counters().verifications(), 2u);
  EXPECT_EQ(v.counters().trusted(), 1u);
  EXPECT_EQ(v.counters().not_trusted(), 1u);
  EXPECT_EQ(v.counters().count(Reason::kExpired), 1u);
  EXPECT_EQ(v.counters().count(Reason::kNameMismatch), 0u);
  bool found = false;
  for (const auto& [name, value] : v.counters().Snapshot()) {
    if (name == "verify.reason.expired") found = value == 1;
  }
  EXPECT_TRUE(found);
}

TEST(Verifier, ReasonNamesAreDistinct) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < kReasonCount; ++i) names.insert(ReasonName(static_cast<Reason>(i)));
  EXPECT_EQ(names.size(), kReasonCount);
}

}  // namespace
}  // namespace phonecert
