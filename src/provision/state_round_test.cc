// A round through the daemon's State: the writer lock is taken, and the State presents the new
// custom device certificate right after the round (no restart).
#include "provision/state_round.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"
#include "x509/load.h"

namespace phonecert::provision {
namespace {

using phonecert::testing::Data;
using phonecert::testing::ReadAll;
using phonecert::testing::TempDir;

TEST(StateRound, NewDeviceCertificateIsPresentedAfterTheRound) {
  TempDir tmp;
  const std::filesystem::path srv = tmp.path() / "srv";
  std::filesystem::create_directories(srv);
  std::ofstream(srv / "dev.pem") << ReadAll(Data("device-bundle.pem"));
  std::ofstream(srv / "y000000000000.cfg")
      << "#!version:1.0.0.1\nstatic.security.dev_cert = 1\nstatic.server_certificates.url = file://"
      << (srv / "dev.pem").string() << "\n";
  FixedClock clock(*ParseIso8601("2030-01-01T00:00:00Z"));
  StateOptions so;
  so.root = tmp.path() / "state";
  so.clock = &clock;
  so.factory_mac = "00:15:65:aa:bb:cc";
  auto state = State::Open(so);
  ASSERT_TRUE(state) << state.error().detail;
  ASSERT_TRUE((*state)->device().active.identity);
  EXPECT_NE((*state)->device().active.identity->kind, IdentityKind::kCustom);

  RoundOptions o;
  o.url = "file://" + srv.string();
  o.mac = (*state)->first_start().mac;
  RoundReport r = RunRoundOnState(**state, o);
  ASSERT_TRUE(r.applied) << r.Summary();
  EXPECT_EQ(r.started, clock.Now());  // the State's clock when none is given
  EXPECT_EQ(r.mac, "001565aabbcc");
  const auto active = (*state)->device().active.identity;
  ASSERT_TRUE(active);
  EXPECT_EQ(active->kind, IdentityKind::kCustom);
  EXPECT_EQ(active->leaf, LoadCertificatesFile(Data("leaf-san.pem"))->certificates.at(0));
  EXPECT_EQ((*state)->identity_provider()->Get(), active);
}

}  // namespace
}  // namespace phonecert::provision
