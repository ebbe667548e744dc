#pragma once
// Writing Settings as a .cfg file the reader (and a Yealink phone) accepts: the header line,
// then for every key a comment with its label, help and permitted values, and `key = value`.
// Empty values are written as %NULL% so that the file sets them (an empty value would keep);
// secrets are written only when asked, otherwise as an empty value, which keeps the reader's
// current value. Reading the output back onto the same settings changes nothing.
#include <string>

#include "settings/settings.h"

namespace phonecert {

struct CfgWriteOptions {
  bool include_secrets = false;  // write secret values (settings.cfg does; `config export` not)
  bool include_comments = true;  // a comment block per key
};

std::string WriteCfg(const Settings& settings, const CfgWriteOptions& options);

}  // namespace phonecert
