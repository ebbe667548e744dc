// libFuzzer target for the certificate/key loader: any bytes, each input loaded both without a
// password and with "secret" (the generated seeds' password), so the PKCS#12 and encrypted-key
// paths are reached whatever the input's bytes; everything loaded is then described.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "x509/describe.h"
#include "x509/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const std::optional<std::string>& password :
       {std::optional<std::string>(), std::optional<std::string>("secret")}) {
    phonecert::LoadOptions options;
    options.password = password;
    auto loaded = phonecert::LoadBytes(bytes, options);
    if (!loaded) continue;
    for (const auto& cert : loaded->certificates) {
      auto d = phonecert::Describe(cert);
      (void)phonecert::ToText(d);
      (void)phonecert::ToJson(d).dump();
    }
    if (loaded->key) (void)loaded->key->Describe();
  }
  return 0;
}
