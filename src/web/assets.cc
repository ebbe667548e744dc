#include "web/assets.h"

#include <array>

namespace phonecert::web {
namespace {

constexpr std::string_view kStyle = R"CSS(/* phonecert web UI */
:root {
  --bg: #f3f5f8; --card: #fff; --text: #1d2430; --muted: #5b6573; --line: #dde2ea;
  --accent: #1f6feb; --accent-dark: #1858bc; --danger: #c62828; --danger-bg: #fdecea;
  --warn: #8a5a00; --warn-bg: #fff4d6; --ok: #1b7f3b; --ok-bg: #e5f5ea; --bar: #17202c;
  --radius: 8px;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.45;
}
a { color: var(--accent); }
.topbar {
  display: flex; align-items: center; gap: 1rem; padding: .65rem 1.5rem;
  background: var(--bar); color: #e8edf3;
}
.topbar .brand { font-weight: 700; letter-spacing: .02em; font-size: 1.1rem; }
.topbar .brand::before { content: "\260E"; margin-right: .45rem; color: #7fb2ff; }
.topbar .device { color: #9aa7b8; font-size: .9rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
.topbar .logout { margin-left: auto; display: flex; align-items: center; gap: .6rem; }
.topbar .user { color: #9aa7b8; font-size: .9rem; }
.topbar button.link { background: none; border: 1px solid #46546a; color: #e8edf3; padding: .3rem .8rem; }
.topbar button.link:hover { background: #26344a; }
.layout { display: flex; min-height: calc(100vh - 48px); }
.sidebar { width: 230px; flex: none; background: #fff; border-right: 1px solid var(--line); padding: 1rem 0; }
.sidebar h2 {
  font-size: .75rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted);
  margin: 1rem 1.25rem .35rem;
}
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar a { display: block; padding: .45rem 1.25rem; color: var(--text); text-decoration: none; border-left: 3px solid transparent; }
.sidebar a:hover { background: var(--bg); }
.sidebar a.active { border-left-color: var(--accent); background: #eaf1fd; font-weight: 600; }
main { flex: 1; padding: 1.5rem 2rem 3rem; max-width: 1100px; }
main h1 { font-size: 1.5rem; margin: 0 0 1rem; }
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
  padding: 1.1rem 1.25rem; margin-bottom: 1.25rem; box-shadow: 0 1px 2px rgba(16, 24, 40, .04);
}
.card h2 { font-size: 1.05rem; margin: 0 0 .8rem; }
.field { display: grid; grid-template-columns: 260px 1fr; gap: .25rem 1rem; align-items: center; margin-bottom: .7rem; }
.field label { font-weight: 600; }
.field .help { grid-column: 2; margin: 0; color: var(--muted); font-size: .85rem; }
select, input[type=text], input[type=password], input[type=url], input[type=file] {
  font: inherit; padding: .4rem .55rem; border: 1px solid #c3cad5; border-radius: 6px; background: #fff;
  width: 100%; max-width: 460px;
}
input[type=file] { padding: .3rem; }
select:focus, input:focus { outline: 2px solid #9ec1fb; border-color: var(--accent); }
button {
  font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; padding: .42rem 1.1rem; font-weight: 600;
}
button:hover { background: var(--accent-dark); }
button.secondary { background: #fff; color: var(--accent); }
button.secondary:hover { background: #eaf1fd; }
button.danger { background: #fff; color: var(--danger); border-color: #e3a3a3; }
button.danger:hover { background: var(--danger-bg); }
button.small { padding: .2rem .7rem; font-size: .85rem; }
.actions { display: flex; gap: .6rem; align-items: center; margin-top: .4rem; flex-wrap: wrap; }
table { width: 100%; border-collapse: collapse; font-size: .93rem; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .78rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: #f8f9fb; }
tbody tr:hover { background: #fafbfd; }
td.num { width: 4rem; }
.fp, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .82rem; word-break: break-all; }
.empty { color: var(--muted); font-style: italic; }
.alert { padding: .7rem 1rem; border-radius: var(--radius); margin: 0 0 1rem; border: 1px solid; }
.alert.error { background: var(--danger-bg); border-color: #f1b5b0; color: #8e1c1c; }
.alert.notice { background: var(--ok-bg); border-color: #a9dcb8; color: #145c2c; }
.alert.warn { background: var(--warn-bg); border-color: #f0d48a; color: var(--warn); }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: .05rem .5rem; border-radius: 999px; margin-left: .35rem; white-space: nowrap; }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.danger { background: var(--danger-bg); color: var(--danger); }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.badge.info { background: #eaf1fd; color: var(--accent-dark); }
dl.facts { display: grid; grid-template-columns: 200px 1fr; gap: .35rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
pre.report {
  margin: .8rem 0 0; padding: .7rem .9rem; background: #f8f9fb; border: 1px solid var(--line);
  border-radius: 6px; font-size: .82rem; white-space: pre-wrap; overflow-wrap: anywhere;
}
.field label.muted { font-weight: 400; }
main.bare { flex: none; width: 440px; max-width: 100%; margin: 0 auto; padding-top: 9vh; }
.login-wrap { width: 100%; }
.login { width: 100%; }
.login .field { grid-template-columns: 1fr; }
.login input { max-width: none; }
.login button { width: 100%; margin-top: .4rem; }
@media (max-width: 760px) {
  .layout { flex-direction: column; }
  .sidebar { width: auto; border-right: 0; border-bottom: 1px solid var(--line); }
  .field { grid-template-columns: 1fr; }
  .field .help { grid-column: 1; }
  main { padding: 1rem; }
}
)CSS";

constexpr std::string_view kScript = R"JS(// phonecert web UI: optional conveniences; every page works without them.
'use strict';
(function () {
  var LIMIT = 5 * 1024 * 1024;
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { ev.preventDefault(); return; }
    var inputs = form.querySelectorAll('input[type=file]');
    for (var i = 0; i < inputs.length; i++) {
      var files = inputs[i].files || [];
      for (var j = 0; j < files.length; j++) {
        if (files[j].size > LIMIT) {
          ev.preventDefault();
          var msg = document.getElementById('message');
          if (!msg) {
            msg = document.createElement('p');
            msg.id = 'message';
            var h1 = document.querySelector('main h1');
            h1.parentNode.insertBefore(msg, h1.nextSibling);
          }
          msg.className = 'alert error';
          msg.setAttribute('role', 'alert');
          msg.textContent = 'The file "' + files[j].name + '" is ' +
            (files[j].size / 1048576).toFixed(1) + ' MB; the limit is 5.0 MB. Nothing was changed.';
          return;
        }
      }
    }
  });
})();
)JS";

constexpr std::array<Asset, 2> kAssets = {{
    {"/static/style.css", "text/css; charset=utf-8", kStyle},
    {"/static/app.js", "text/javascript; charset=utf-8", kScript},
}};

}  // namespace

const Asset* FindAsset(std::string_view path) {
  for (const Asset& a : kAssets) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace phonecert::web
