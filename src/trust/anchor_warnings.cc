#include "trust/anchor_warnings.h"

namespace phonecert {

std::vector<std::string> AnchorWarnings(const Certificate& cert, TimePoint now) {
  std::vector<std::string> out;
  if (!cert.IsCa()) out.push_back("not a CA certificate");
  if (now > cert.NotAfter()) out.push_back("expired on " + FormatDate(cert.NotAfter()));
  if (now < cert.NotBefore()) out.push_back("not valid before " + FormatDate(cert.NotBefore()));
  return out;
}

}  // namespace phonecert
