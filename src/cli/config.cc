// phonecert config get KEY | set KEY VALUE | list [--json]
// (config apply and config export are in config_files.cc)
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/state_access.h"
#include "settings/parameters.h"
#include "settings/settings.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"

namespace phonecert::cli {
namespace {

struct ConfigOptions {
  std::string key;
  std::string value;
  bool json = false;
};

// The stored settings; a damaged settings.cfg is reported on stderr and replaced by defaults.
std::unique_ptr<SettingsStore> OpenStore(const Context& ctx) {
  return OpenSettings(StatePaths{StateDir(ctx.global)});
}

std::string Shown(const Parameter& p, const std::string& value) {
  std::string out = DisplayValue(p, value);
  if (std::string_view label = ValueLabel(p, value); !label.empty() && !p.secret) {
    out += " (" + std::string(label) + ")";
  }
  return out;
}

int RunGet(const Context& ctx, const ConfigOptions& o) {
  auto p = LookupParameter(o.key);
  if (!p) return Report(p.error());
  auto store = OpenStore(ctx);
  std::cout << DisplayValue(**p, store->Current()->Value(**p)) << "\n";
  return 0;
}

int RunSet(const Context& ctx, const ConfigOptions& o) {
  auto p = LookupParameter(o.key);
  if (!p) return Report(p.error());
  // On the command line, "%NULL%" means empty as in a .cfg file.
  std::string value = o.value == kCfgNull ? std::string() : o.value;
  StatePaths paths{StateDir(ctx.global)};
  auto lock = DirectoryLock::Acquire(paths, {});
  if (!lock) return Report(lock.error());
  auto store = OpenStore(ctx);
  auto current = store->Current();
  auto next = current->With((*p)->key, value);
  if (!next) return Report(next.error());
  if (std::string_view w = ValueWarning(**p, value); !w.empty()) {
    std::cerr << "phonecert: warning: " << w << "\n";
  }
  auto changes = Diff(*current, *next);
  if (changes.empty()) {
    std::cout << (*p)->key << ": unchanged, " << Shown(**p, value) << "\n";
    return 0;
  }
  if (auto s = store->Replace(*next); !s) return Report(s.error());
  for (const Change& c : changes) std::cout << c.ToString() << "\n";
  return 0;
}

nlohmann::json RowJson(const Parameter& p, const Settings& s) {
  const std::string& value = s.Value(p);
  nlohmann::json permitted = nullptr;
  if (p.type == ParamType::kChoice) {
    permitted = nlohmann::json::array();
    for (const Choice& c : p.choices) {
      permitted.push_back({{"value", std::to_string(c.value)}, {"label", c.label}});
    }
  }
  return {{"key", p.key},
          {"value", DisplayValue(p, value)},
          {"value_label", p.secret ? "" : ValueLabel(p, value)},
          {"is_set", !value.empty()},
          {"default", p.default_value},
          {"type", TypeName(p.type)},
          {"permitted", PermittedValues(p)},
          {"choices", permitted},
          {"label", p.label},
          {"web_path", p.web_path},
          {"file_only", p.file_only},
          {"secret", p.secret},
          {"help", p.help}};
}

int RunList(const Context& ctx, const ConfigOptions& o) {
  auto store = OpenStore(ctx);
  auto settings = store->Current();
  if (o.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const Parameter& p : Parameters()) rows.push_back(RowJson(p, *settings));
    std::cout << rows.dump(2) << "\n";
    return 0;
  }
  for (const Parameter& p : Parameters()) {
    const std::string& value = settings->Value(p);
    std::cout << p.key << " = " << Shown(p, value);
    std::cout << "   [default " << (p.default_value.empty() ? "empty" : p.default_value) << "]\n";
    std::cout << "    " << (p.file_only ? "(file only)" : p.web_path) << "\n";
    std::cout << "    " << p.help << "\n";
    std::cout << "    permitted: " << PermittedValues(p) << "\n";
  }
  return 0;
}

}  // namespace

void RegisterConfig(CLI::App& app, Context& ctx) {
  CLI::App* config = app.add_subcommand(
      "config", "Read and change settings (Yealink-compatible keys, see `config list`)");
  config->require_subcommand(1);
  auto o = std::make_shared<ConfigOptions>();

  CLI::App* get = config->add_subcommand("get", "Print one setting's value (secrets masked)");
  get->add_option("key", o->key, "Setting key, e.g. static.security.ca_cert")->required();
  get->callback([o, &ctx] { ctx.exit_code = RunGet(ctx, *o); });

  CLI::App* set = config->add_subcommand("set", "Change one setting (checked against the table)");
  set->add_option("key", o->key, "Setting key, e.g. static.security.ca_cert")->required();
  set->add_option("value", o->value, "New value; \"\" or %NULL% sets it empty")->required();
  set->callback([o, &ctx] { ctx.exit_code = RunSet(ctx, *o); });

  CLI::App* list = config->add_subcommand(
      "list", "Every setting: key, value (secrets masked), default, web path, help");
  list->add_flag("--json", o->json, "Print a JSON array");
  list->callback([o, &ctx] { ctx.exit_code = RunList(ctx, *o); });

  RegisterConfigFiles(*config, ctx);
}

}  // namespace phonecert::cli
