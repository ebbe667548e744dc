#pragma once
// The static files of the web UI, compiled into the binary and served without authentication
// from /static/ (the benchmark's route): a style sheet and a small script (confirmations before
// deleting, the 5 MB check before uploading). No build step, no third-party code.
#include <string_view>

namespace phonecert::web {

struct Asset {
  std::string_view path;          // "/static/style.css"
  std::string_view content_type;  // "text/css; charset=utf-8"
  std::string_view body;
};

// Null when there is no such asset.
const Asset* FindAsset(std::string_view path);

}  // namespace phonecert::web
