#include "settings/cfg_writer.h"

#include "settings/cfg_reader.h"

namespace phonecert {

std::string WriteCfg(const Settings& settings, const CfgWriteOptions& options) {
  std::string out(kCfgHeader);
  out += "\n";
  if (options.include_comments) {
    out += "# phonecert settings. Empty value: keep the current value; %NULL%: set it empty.\n";
  }
  for (const Parameter& p : Parameters()) {
    const std::string& value = settings.Value(p);
    bool hide = p.secret && !options.include_secrets;
    if (options.include_comments) {
      out += "\n# ";
      out += p.label;
      out += p.file_only ? " (file only)" : " (" + std::string(p.web_path) + ")";
      out += ": ";
      out += p.help;
      out += "\n# permitted: " + PermittedValues(p) + "; default: ";
      out += p.default_value.empty() ? "empty" : std::string(p.default_value);
      out += "\n";
      if (hide) out += "# secret: not exported; the empty value keeps the current one\n";
    }
    out += p.key;
    out += " = ";
    if (!hide) out += value.empty() ? std::string(kCfgNull) : value;
    out += "\n";
  }
  return out;
}

}  // namespace phonecert
