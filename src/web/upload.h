#pragma once
// An uploaded file from either a multipart form (field "file", optional field "password") or a
// raw request body (password in the X-Certificate-Password header). The body itself was capped
// before it was read (WebServer refuses a declared length over the upload limit unread).
#include <optional>
#include <string>

#include "base/error.h"
#include "web/http.h"

namespace phonecert::web {

struct Upload {
  std::string content;
  std::string filename;  // "" for a raw body
  std::optional<std::string> password;
};

// Code::kEmptyInput when there is no file or it is empty.
Result<Upload> UploadFrom(const httplib::Request& req);

}  // namespace phonecert::web
