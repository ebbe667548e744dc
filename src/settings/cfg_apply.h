#pragma once
// Applying a parsed .cfg file to a Settings value: assignments in file order (empty value keeps,
// %NULL% empties, the later line wins). Files applied one after the other give the later file
// precedence: Apply(Apply(s, common).settings, mac).
#include <vector>

#include "settings/cfg_reader.h"
#include "settings/settings.h"

namespace phonecert {

struct ApplyResult {
  Settings settings = Settings::Defaults();
  std::vector<Change> changes;          // keys whose value differs from the base (secrets masked)
  std::vector<Diagnostic> diagnostics;  // the parse's diagnostics
};

ApplyResult Apply(const Settings& base, const CfgParse& parse);

}  // namespace phonecert
