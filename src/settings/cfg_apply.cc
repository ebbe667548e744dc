#include "settings/cfg_apply.h"

namespace phonecert {

ApplyResult Apply(const Settings& base, const CfgParse& parse) {
  ApplyResult result;
  result.diagnostics = parse.diagnostics;
  std::vector<std::size_t> winning_line(Parameters().size(), 0);
  SettingsBuilder builder(base);
  for (const Assignment& a : parse.assignments) {
    if (a.kind == Assignment::Kind::kKeep) continue;
    std::string_view value = a.kind == Assignment::Kind::kNull ? std::string_view() : a.value;
    if (auto s = builder.Set(*a.parameter, value); !s) {
      // ParseCfg validated every value; only a hand-made CfgParse gets here.
      result.diagnostics.push_back({parse.file, a.line, Severity::kWarning,
                                    DiagnosticCode::kInvalidValue,
                                    s.error().detail + "; the line is ignored"});
      continue;
    }
    winning_line[a.parameter->index] = a.line;
  }
  result.settings = std::move(builder).Build();
  result.changes = Diff(base, result.settings);
  for (Change& c : result.changes) {
    if (const Parameter* p = FindParameter(c.key)) c.line = winning_line[p->index];
  }
  return result;
}

}  // namespace phonecert
