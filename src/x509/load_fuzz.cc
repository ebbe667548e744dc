// libFuzzer target for the certificate/key loader: any bytes, with and without a password.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "x509/describe.h"
#include "x509/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  phonecert::LoadOptions options;
  if (size > 0 && (data[0] & 1)) options.password = "secret";
  auto loaded = phonecert::LoadBytes(bytes, options);
  if (loaded) {
    for (const auto& cert : loaded->certificates) {
      auto d = phonecert::Describe(cert);
      (void)phonecert::ToText(d);
      (void)phonecert::ToJson(d).dump();
    }
  }
  return 0;
}
