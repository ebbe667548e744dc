#include "web/upload.h"

namespace phonecert::web {

Result<Upload> UploadFrom(const httplib::Request& req) {
  Upload u;
  if (req.is_multipart_form_data()) {
    if (!req.has_file("file")) {
      return Fail(Code::kEmptyInput, "the form has no field \"file\" holding the certificate file");
    }
    auto f = req.get_file_value("file");
    u.content = std::move(f.content);
    u.filename = std::move(f.filename);
    if (req.has_file("password") && !req.get_file_value("password").content.empty()) {
      u.password = req.get_file_value("password").content;
    }
  } else {
    u.content = req.body;
    if (req.has_header("X-Certificate-Password")) u.password = req.get_header_value("X-Certificate-Password");
  }
  if (u.content.empty()) return Fail(Code::kEmptyInput, "the uploaded file is empty");
  return u;
}

}  // namespace phonecert::web
