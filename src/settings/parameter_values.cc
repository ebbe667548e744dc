// Checking and showing values of the parameter table's rows.
#include <array>
#include <charconv>
#include <string>

#include "settings/keys.h"
#include "settings/parameters.h"

namespace phonecert {
namespace {

constexpr std::array<std::string_view, 5> kUrlSchemes = {"http", "https", "ftp", "tftp", "file"};

std::string Quote(std::string_view value) {
  std::string out = "'";
  for (char c : value.substr(0, 60)) {
    auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (value.size() > 60) out += "...";
  out += "'";
  return out;
}

bool HasControl(std::string_view value) {
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const Choice* FindChoice(const Parameter& p, std::string_view value) {
  if (value.empty() || value.size() > 6) return nullptr;
  if (value.size() > 1 && value[0] == '0') return nullptr;  // one spelling per value
  int v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size()) return nullptr;
  for (const Choice& c : p.choices) {
    if (c.value == v) return &c;
  }
  return nullptr;
}

std::unexpected<Error> Refuse(const Parameter& p, std::string_view value, std::string_view why) {
  std::string sentence = Quote(value) + " is not a permitted value of " + std::string(p.key);
  if (!why.empty()) sentence += " (" + std::string(why) + ")";
  sentence += "; permitted: " + PermittedValues(p);
  return Fail(Code::kInvalidValue, std::move(sentence));
}

Status ValidateUrl(const Parameter& p, std::string_view value) {
  if (value.size() > kMaxUrlLength) {
    return Refuse(p, value, std::to_string(value.size()) + " characters, more than " +
                                std::to_string(kMaxUrlLength));
  }
  for (char c : value) {
    if (c == ' ' || c == '\t') return Refuse(p, value, "a URL has no spaces");
  }
  if (HasControl(value)) return Refuse(p, value, "control characters");
  if (auto sep = value.find("://"); sep != std::string_view::npos) {
    std::string_view scheme = value.substr(0, sep);
    bool known = false;
    for (std::string_view s : kUrlSchemes) known = known || EqualsIgnoreCase(scheme, s);
    if (!known) return Refuse(p, value, "unsupported scheme");
  }
  return {};
}

Status ValidateText(const Parameter& p, std::string_view value) {
  if (p.max_length && value.size() > p.max_length) {
    return Refuse(p, value, std::to_string(value.size()) + " characters, more than " +
                                std::to_string(p.max_length));
  }
  if (HasControl(value)) return Refuse(p, value, "control characters");
  if (!value.empty() && (value.front() == ' ' || value.front() == '\t' || value.back() == ' ' ||
                         value.back() == '\t')) {
    return Refuse(p, value, "a .cfg file cannot hold spaces at either end");
  }
  return {};
}

}  // namespace

std::string_view TypeName(ParamType type) {
  switch (type) {
    case ParamType::kChoice: return "choice";
    case ParamType::kUrl: return "url";
    case ParamType::kText: return "text";
    case ParamType::kSecret: return "secret";
    case ParamType::kDeleteUrl: return "delete-url";
  }
  return "text";
}

Status ValidateValue(const Parameter& p, std::string_view value) {
  if (value == kCfgNull) return Refuse(p, value, "%NULL% is the .cfg spelling of empty");
  switch (p.type) {
    case ParamType::kChoice:
      if (value.empty() ? p.empty_allowed : FindChoice(p, value) != nullptr) return {};
      return Refuse(p, value, "");
    case ParamType::kUrl:
      return ValidateUrl(p, value);
    case ParamType::kDeleteUrl:
      if (value.empty() || value == keys::kDeleteAllUrl) return {};
      return Refuse(p, value, "");
    case ParamType::kText:
    case ParamType::kSecret: {
      auto s = ValidateText(p, value);
      // Never echo a refused secret.
      if (!s && p.secret) return Refuse(p, "(hidden)", "");
      return s;
    }
  }
  return {};
}

std::string PermittedValues(const Parameter& p) {
  switch (p.type) {
    case ParamType::kChoice: {
      std::string out;
      for (std::size_t i = 0; i < p.choices.size(); ++i) {
        if (i > 0) out += (i + 1 == p.choices.size() && !p.empty_allowed) ? " or " : ", ";
        out += std::to_string(p.choices[i].value) + " (" + std::string(p.choices[i].label) + ")";
      }
      if (p.empty_allowed) out += " or empty (use the global value)";
      return out;
    }
    case ParamType::kUrl:
      return "a URL (http, https, ftp, tftp or file) of at most " + std::to_string(kMaxUrlLength) +
             " characters, or empty";
    case ParamType::kDeleteUrl:
      return std::string(keys::kDeleteAllUrl) + " (delete all) or empty";
    case ParamType::kText:
    case ParamType::kSecret:
      return "text on one line of at most " + std::to_string(p.max_length) +
             " characters without spaces at either end, or empty";
  }
  return "";
}

std::string_view ValueLabel(const Parameter& p, std::string_view value) {
  if (p.type == ParamType::kChoice) {
    if (value.empty() && p.empty_allowed) return "use the global value";
    if (const Choice* c = FindChoice(p, value)) return c->label;
  }
  if (p.type == ParamType::kDeleteUrl && value == keys::kDeleteAllUrl) return "delete all";
  return "";
}

std::string_view ValueWarning(const Parameter& p, std::string_view value) {
  if (p.type != ParamType::kChoice) return "";
  const Choice* c = FindChoice(p, value);
  return c ? c->warning : std::string_view();
}

std::string DisplayValue(const Parameter& p, std::string_view value) {
  if (p.secret) return value.empty() ? std::string() : std::string(kMaskedSecret);
  return std::string(value);
}

}  // namespace phonecert
