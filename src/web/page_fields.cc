// Form controls built from the parameter table: labels, choices and help come from the table.
#include <string>

#include "web/routes.h"

namespace phonecert::web {

std::string ChoiceSelect(const Parameter& p, std::string_view current) {
  std::string id(p.key);
  for (char& c : id) {
    if (c == '.') c = '-';
  }
  std::string h = "<select id=\"" + Escape(id) + "\" name=\"" + Escape(p.key) + "\">";
  for (const Choice& c : p.choices) {
    std::string v = std::to_string(c.value);
    h += "<option value=\"" + v + "\"" + (v == current ? " selected" : "") + ">" + Escape(c.label) +
         "</option>";
  }
  h += "</select>";
  return h;
}

std::string FieldHtml(const Parameter& p, const std::string& control) {
  std::string id(p.key);
  for (char& c : id) {
    if (c == '.') c = '-';
  }
  return "<div class=\"field\"><label for=\"" + Escape(id) + "\">" + Escape(p.label) + "</label>" +
         control + "<p class=\"help\">" + Escape(p.help) + "</p></div>\n";
}

}  // namespace phonecert::web
