#pragma once
// Server-rendered HTML: escaping and the page frame (top bar, navigation, message, content).
// Every page is complete without JavaScript; /static/app.js only adds confirmations and a
// file-size check before upload.
#include <optional>
#include <string>
#include <string_view>

namespace phonecert::web {

// Escapes & < > " ' for text and attribute values.
std::string Escape(std::string_view text);

enum class Nav { kNone, kTrusted, kServer, kAutoProvision };

struct Message {
  std::string text;
  bool is_error = false;
};

struct Frame {
  std::string title;           // "Trusted Certificates"
  Nav nav = Nav::kNone;
  std::string csrf;            // the session's CSRF token (logout form); empty: no navigation
  std::string device_label;    // shown in the top bar ("MAC 001565aabbcc")
  std::optional<Message> message;
  std::string body;            // already-escaped HTML
};

std::string RenderFrame(const Frame& frame);

// <input type="hidden" name="csrf" value="...">
std::string CsrfInput(std::string_view token);
// <p class="alert error" role="alert">...</p> / notice
std::string MessageHtml(const Message& m);

}  // namespace phonecert::web
