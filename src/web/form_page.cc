#include "web/form_page.h"

#include <algorithm>
#include <memory>

#include "settings/parameters.h"
#include "web/http_util.h"

namespace phonecert::web {

void RegisterFormPage(httplib::Server& server, WebContext& ctx, FormPage spec) {
  auto page = std::make_shared<const FormPage>(std::move(spec));
  server.Get(page->path, GuardPage(ctx, [&ctx, page](const httplib::Request&, httplib::Response& res,
                                                     const Principal& p) {
    Frame f = MakeFrame(ctx, p, page->title, page->nav);
    f.body = page->body(p);
    SendHtml(res, RenderFrame(f));
  }));
  server.Post(page->path, GuardForm(ctx, [&ctx, page](const httplib::Request& req, httplib::Response& res,
                                                      const Principal& p) {
    std::string action = FormField(req, "action");
    auto named = std::find_if(page->actions.begin(), page->actions.end(),
                              [&](const auto& entry) { return entry.first == action; });
    Result<FormOutcome> outcome =
        named != page->actions.end()
            ? named->second(req, p)
            : Fail(Code::kUsage, "Unknown action \"" + action.substr(0, 32) + "\"");
    if (outcome) {
      RedirectWithMessage(ctx, p, res, page->path, std::move(outcome->message), outcome->is_error);
    } else {
      RedirectWithMessage(ctx, p, res, page->path, Sentence(outcome.error().detail) + " Nothing was changed.",
                          true);
    }
  }));
}

Result<httplib::MultipartFormData> UploadedFile(const httplib::Request& req, const std::string& field) {
  if (!req.has_file(field) || req.get_file_value(field).filename.empty()) {
    return Fail(Code::kEmptyInput, "Choose a certificate file to upload");
  }
  httplib::MultipartFormData file = req.get_file_value(field);
  if (file.content.empty()) return Fail(Code::kEmptyInput, "\"" + file.filename + "\" is empty");
  return file;
}

std::string ChangesSentence(const std::vector<Change>& changes) {
  std::string m = changes.empty() ? "No setting changed." : "Saved.";
  for (const Change& c : changes) {
    const Parameter* param = FindParameter(c.key);
    std::string label = param ? std::string(param->label) : c.key;
    if (param && param->secret) {
      m += " " + label + " changed.";
      continue;
    }
    std::string value = param ? std::string(ValueLabel(*param, c.new_value)) : std::string();
    if (value.empty()) value = c.new_value.empty() ? "(empty)" : c.new_value;
    m += " " + label + ": " + value + ".";
  }
  return m;
}

}  // namespace phonecert::web
