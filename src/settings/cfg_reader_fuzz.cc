// libFuzzer target for the .cfg reader: any bytes. Whatever applies must write back as a .cfg
// that reads again with no diagnostic except warnings about applied values (old TLS, template
// leftovers) and changes nothing (the export round trip).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "settings/cfg_apply.h"
#include "settings/cfg_reader.h"
#include "settings/cfg_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace phonecert;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CfgReadOptions options;
  options.file_name = "fuzz.cfg";
  if (size > 0 && (data[0] & 1)) {
    options.max_line_bytes = 64;  // exercise the long-line path with small inputs
    options.max_diagnostics = 3;
  }
  auto parsed = ParseCfg(text, options);
  if (!parsed) return 0;
  for (const Diagnostic& d : parsed->diagnostics) (void)d.ToString();
  ApplyResult applied = Apply(Settings::Defaults(), *parsed);
  for (const Change& c : applied.changes) (void)c.ToString();

  CfgWriteOptions write;
  write.include_secrets = true;
  auto again = ParseCfg(WriteCfg(applied.settings, write), {});
  if (!again) std::abort();
  for (const Diagnostic& d : again->diagnostics) {
    if (d.code != DiagnosticCode::kValueWarning && d.code != DiagnosticCode::kTemplateLeftover) {
      std::abort();
    }
  }
  ApplyResult round = Apply(applied.settings, *again);
  if (!round.changes.empty() || !(round.settings == applied.settings)) std::abort();
  return 0;
}
