#pragma once
// A page of the administrator's web UI: a view (GET) and one form endpoint (POST) whose hidden
// "action" field names one of the page's actions. Post/redirect/get: every action ends in a 303
// back to the page with a one-shot message; a refused action shows its reason followed by
// "Nothing was changed." (the State refuses before it writes anything).
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "web/http.h"
#include "web/web_context.h"

namespace phonecert::web {

// What an action did, shown once on the page it returns to.
struct FormOutcome {
  std::string message;
  bool is_error = false;  // shown as a warning (for example "saved, but the custom one is missing")
};

using FormAction = std::function<Result<FormOutcome>(const httplib::Request&, const Principal&)>;

struct FormPage {
  std::string path;   // "/security/trusted-certificates"; GET and POST
  std::string title;  // the frame's title
  Nav nav = Nav::kNone;
  std::function<std::string(const Principal&)> body;        // the page's HTML body
  std::vector<std::pair<std::string, FormAction>> actions;  // by the form's "action" value
};

void RegisterFormPage(httplib::Server& server, WebContext& ctx, FormPage page);

// The file uploaded in the form field `field`; refused when none was chosen or it is empty.
Result<httplib::MultipartFormData> UploadedFile(const httplib::Request& req,
                                                const std::string& field = "file");

// "Saved. Label: value." for the settings an action changed ("No setting changed." for none).
// Secret values are never echoed.
std::string ChangesSentence(const std::vector<Change>& changes);

}  // namespace phonecert::web
