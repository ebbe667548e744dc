// phonecert config apply FILE.cfg [--dry-run] | export [--include-secrets] [--no-comments]
#include "base/file_io.h"
#include "cli/command.h"
#include "settings/cfg_apply.h"
#include "settings/cfg_reader.h"
#include "settings/cfg_writer.h"
#include "settings/settings_store.h"
#include "state/state_dir.h"

namespace phonecert::cli {
namespace {

struct ApplyOptions {
  std::string file;
  bool dry_run = false;
};

struct ExportOptions {
  bool include_secrets = false;
  bool no_comments = false;
};

std::string Plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int RunApply(const Context& ctx, const ApplyOptions& o) {
  StatePaths paths{StateDir(ctx.global)};
  std::optional<DirectoryLock> lock;
  if (!o.dry_run) {
    auto acquired = DirectoryLock::Acquire(paths, {});
    if (!acquired) return Report(acquired.error());
    lock.emplace(std::move(*acquired));
  }
  auto text = ReadFileCapped(o.file, kMaxUploadBytes);
  if (!text) return Report(text.error());
  CfgReadOptions read;
  read.file_name = o.file;
  auto parsed = ParseCfg(*text, read);
  if (!parsed) return Report(parsed.error());

  SettingsStore store(paths.settings_file());
  for (const Diagnostic& d : store.Load()) std::cerr << d.ToString() << "\n";
  auto current = store.Current();
  ApplyResult applied = Apply(*current, *parsed);
  for (const Diagnostic& d : applied.diagnostics) std::cerr << d.ToString() << "\n";
  const CfgCounts& c = parsed->counts;
  if (c.diagnostics_dropped > 0) {
    std::cerr << o.file << ": note: " << c.diagnostics_dropped
              << " more diagnostics not shown\n";
  }
  if (!o.dry_run && !applied.changes.empty()) {
    if (auto s = store.Replace(applied.settings); !s) return Report(s.error());
  }
  for (const Change& change : applied.changes) {
    std::cout << change.ToString();
    if (change.line) std::cout << "  (line " << change.line << ")";
    std::cout << "\n";
  }
  std::cout << o.file << ": " << Plural(applied.changes.size(), "setting", "settings")
            << (o.dry_run ? " would change" : " changed") << "; "
            << Plural(c.assignments, "line", "lines") << " for phonecert keys, "
            << Plural(c.unknown_keys, "unknown key", "unknown keys") << " ignored, "
            << Plural(c.invalid_values, "invalid value", "invalid values") << " refused, "
            << Plural(c.malformed_lines + c.long_lines, "malformed line", "malformed lines")
            << " skipped" << (o.dry_run ? " (dry run: nothing saved)" : "") << "\n";
  return 0;
}

int RunExport(const Context& ctx, const ExportOptions& o) {
  StatePaths paths{StateDir(ctx.global)};
  SettingsStore store(paths.settings_file());
  for (const Diagnostic& d : store.Load()) std::cerr << d.ToString() << "\n";
  CfgWriteOptions write;
  write.include_secrets = o.include_secrets;
  write.include_comments = !o.no_comments;
  std::cout << WriteCfg(*store.Current(), write);
  return 0;
}

}  // namespace

void RegisterConfigFiles(CLI::App& config, Context& ctx) {
  auto a = std::make_shared<ApplyOptions>();
  CLI::App* apply = config.add_subcommand(
      "apply", "Apply a provisioning file (.cfg); prints FILE:LINE diagnostics and the changes");
  apply->add_option("file", a->file, "A .cfg file beginning with #!version:1.0.0.1")->required();
  apply->add_flag("--dry-run", a->dry_run, "Show what would change; save nothing");
  apply->callback([a, &ctx] { ctx.exit_code = RunApply(ctx, *a); });

  auto e = std::make_shared<ExportOptions>();
  CLI::App* exp = config.add_subcommand(
      "export", "Write the current settings as a .cfg file to stdout (secrets left out)");
  exp->add_flag("--include-secrets", e->include_secrets,
                "Also write passwords (otherwise written as empty values, which keep)");
  exp->add_flag("--no-comments", e->no_comments, "Only the header and the key = value lines");
  exp->callback([e, &ctx] { ctx.exit_code = RunExport(ctx, *e); });
}

}  // namespace phonecert::cli
