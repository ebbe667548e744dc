// phonecert trust list [--builtin|--custom] [--json]
// phonecert trust add FILE [--password P]
// phonecert trust remove INDEX|SHA256 | --all
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/state_access.h"
#include "state/state_dir.h"
#include "trust/trust_store.h"

namespace phonecert::cli {
namespace {

struct TrustListOptions {
  bool builtin_only = false;
  bool custom_only = false;
  bool json = false;
};

struct TrustAddOptions {
  std::string file;
  std::string password;
  bool has_password = false;
};

struct TrustRemoveOptions {
  std::string target;  // index or SHA-256 (full, colon form, or a unique prefix of >= 8 digits)
  bool all = false;
};

Result<std::unique_ptr<TrustStore>> OpenStore(const GlobalOptions& global, TimePoint now) {
  return OpenTrust(StatePaths{StateDir(global)}, now);
}

std::string_view SourceName(AnchorSource s) {
  return s == AnchorSource::kBuiltin ? "built-in" : "custom";
}

nlohmann::json AnchorJson(const Anchor& a, std::size_t index) {
  const Certificate& c = a.certificate;
  return {{"index", index},
          {"source", SourceName(a.source)},
          {"name", a.name},
          {"issued_to", c.IssuedTo()},
          {"issued_by", c.IssuedBy()},
          {"expiration", FormatDate(c.NotAfter())},
          {"not_after", FormatIso8601(c.NotAfter())},
          {"sha256", c.Sha256()},
          {"warnings", a.warnings}};
}

void PrintAnchor(const Anchor& a, std::size_t index) {
  const Certificate& c = a.certificate;
  std::cout << "\n  Index:       " << index << "\n"
            << "  Issued To:   " << c.IssuedTo() << "\n"
            << "  Issued By:   " << c.IssuedBy() << "\n"
            << "  Expiration:  " << FormatDate(c.NotAfter()) << "\n"
            << "  SHA-256:     " << c.Sha256() << "\n"
            << "  Source:      " << SourceName(a.source) << "\n";
  for (const auto& w : a.warnings) std::cout << "  Warning:     " << w << "\n";
}

int RunList(const GlobalOptions& global, const TrustListOptions& o) {
  auto store = OpenStore(global, SystemClock().Now());
  if (!store) return Report(store.error());
  auto snap = (*store)->Snapshot();
  const bool custom = !o.builtin_only;
  const bool builtin = !o.custom_only;
  if (o.json) {
    nlohmann::json j = nlohmann::json::object();
    if (custom) {
      j["custom"] = nlohmann::json::array();
      for (std::size_t i = 0; i < snap->custom().size(); ++i) {
        j["custom"].push_back(AnchorJson(snap->custom()[i], i + 1));
      }
      j["custom_limit"] = kMaxCustomAnchors;
    }
    if (builtin) {
      j["builtin"] = nlohmann::json::array();
      for (std::size_t i = 0; i < snap->builtin().size(); ++i) {
        j["builtin"].push_back(AnchorJson(snap->builtin()[i], i + 1));
      }
    }
    j["problems"] = (*store)->load_problems();
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (custom) {
    std::cout << "Custom CA certificates: " << snap->custom().size() << " of at most "
              << kMaxCustomAnchors << "\n";
    for (std::size_t i = 0; i < snap->custom().size(); ++i) PrintAnchor(snap->custom()[i], i + 1);
  }
  if (custom && builtin) std::cout << "\n";
  if (builtin) {
    std::cout << "Built-in CA certificates: " << snap->builtin().size() << "\n";
    for (std::size_t i = 0; i < snap->builtin().size(); ++i) {
      PrintAnchor(snap->builtin()[i], i + 1);
    }
  }
  return 0;
}

std::string Summary(const Anchor& a) {
  return a.certificate.IssuedTo() + " (SHA-256 " + a.certificate.Sha256() + ")";
}

int RunAdd(const GlobalOptions& global, const TrustAddOptions& o) {
  const StatePaths paths{StateDir(global)};
  auto lock = DirectoryLock::Acquire(paths, DirectoryLock::Options{});
  if (!lock) return Report(lock.error());
  const TimePoint now = SystemClock().Now();
  auto store = OpenStore(global, now);
  if (!store) return Report(store.error());
  AddOptions add{now, std::nullopt};
  if (o.has_password) add.password = o.password;
  auto added = (*store)->AddFile(o.file, add);
  if (!added) return Report(added.error());
  const std::size_t first = (*store)->Snapshot()->custom().size() - added->size() + 1;
  for (std::size_t i = 0; i < added->size(); ++i) {
    std::cout << "added custom CA certificate " << first + i << ": " << Summary((*added)[i])
              << "\n";
    for (const auto& w : (*added)[i].warnings) std::cout << "  warning: " << w << "\n";
  }
  return 0;
}

int RunRemove(const GlobalOptions& global, const TrustRemoveOptions& o) {
  if (o.all == !o.target.empty()) {
    return Report(Error{Code::kUsage, "give either INDEX|SHA256 or --all", std::nullopt});
  }
  const StatePaths paths{StateDir(global)};
  auto lock = DirectoryLock::Acquire(paths, DirectoryLock::Options{});
  if (!lock) return Report(lock.error());
  auto store = OpenStore(global, SystemClock().Now());
  if (!store) return Report(store.error());
  if (o.all) {
    auto n = (*store)->RemoveAll();
    if (!n) return Report(n.error());
    if (*n == 0) {
      std::cout << "there were no custom CA certificates\n";
    } else {
      std::cout << "removed all " << *n << " custom CA certificate" << (*n == 1 ? "" : "s")
                << "\n";
    }
    return 0;
  }
  auto removed = (*store)->Remove(o.target);
  if (!removed) return Report(removed.error());
  std::cout << "removed custom CA certificate " << Summary(*removed) << "\n";
  return 0;
}

}  // namespace

void RegisterTrust(CLI::App& app, Context& ctx) {
  CLI::App* trust = app.add_subcommand(
      "trust", "Built-in and custom trusted CA certificates (at most 10 custom)");
  trust->require_subcommand(1);

  auto lo = std::make_shared<TrustListOptions>();
  CLI::App* list = trust->add_subcommand("list", "List the trusted CA certificates");
  auto* only_builtin = list->add_flag("--builtin", lo->builtin_only, "Only the built-in ones");
  list->add_flag("--custom", lo->custom_only, "Only the custom ones")->excludes(only_builtin);
  list->add_flag("--json", lo->json, "Print a JSON document");
  list->callback([lo, &ctx] { ctx.exit_code = RunList(ctx.global, *lo); });

  auto ao = std::make_shared<TrustAddOptions>();
  CLI::App* add = trust->add_subcommand(
      "add", "Add every certificate in a file (PEM or bundle, DER, PKCS#12) as custom CA");
  add->add_option("file", ao->file, "Certificate file")->required();
  add->add_option("--password", ao->password, "PKCS#12 password")
      ->each([ao](const std::string&) { ao->has_password = true; });
  add->callback([ao, &ctx] { ctx.exit_code = RunAdd(ctx.global, *ao); });

  auto ro = std::make_shared<TrustRemoveOptions>();
  CLI::App* remove = trust->add_subcommand(
      "remove", "Remove a custom CA certificate by index or SHA-256 (or a unique prefix of "
                "at least 8 hex digits), or all of them");
  remove->add_option("target", ro->target, "INDEX or SHA256");
  remove->add_flag("--all", ro->all, "Remove every custom CA certificate");
  remove->callback([ro, &ctx] { ctx.exit_code = RunRemove(ctx.global, *ro); });
}

}  // namespace phonecert::cli
