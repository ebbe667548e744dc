// phonecert inspect FILE [--password P] [--json]
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "x509/describe.h"
#include "x509/load.h"

namespace phonecert::cli {
namespace {

struct InspectOptions {
  std::string file;
  std::string password;
  bool has_password = false;
  bool json = false;
};

int RunInspect(const InspectOptions& o) {
  LoadOptions load;
  if (o.has_password) load.password = o.password;
  auto loaded = LoadFile(o.file, load);
  if (!loaded) return Report(loaded.error());

  std::string key_fact;
  if (loaded->key) {
    key_fact = loaded->key->Describe();
    if (loaded->key_certificate_index) {
      key_fact += ", matches certificate " + std::to_string(*loaded->key_certificate_index + 1);
    } else if (!loaded->certificates.empty()) {
      key_fact += ", matches no certificate in the file";
    }
  }
  if (o.json) {
    nlohmann::json certs = nlohmann::json::array();
    for (const auto& c : loaded->certificates) certs.push_back(ToJson(Describe(c)));
    nlohmann::json j = {{"file", o.file},
                        {"format", FormatName(loaded->format)},
                        {"certificates", certs}};
    if (loaded->key) {
      j["private_key"] = {
          {"type", loaded->key->Describe()},
          {"matches_certificate", loaded->key_certificate_index
                                      ? nlohmann::json(*loaded->key_certificate_index + 1)
                                      : nlohmann::json(nullptr)}};
    } else {
      j["private_key"] = nullptr;
    }
    // The file name comes from the command line and may be any bytes: never throw on them.
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << o.file << ": " << FormatName(loaded->format) << ", "
            << loaded->certificates.size() << " certificate"
            << (loaded->certificates.size() == 1 ? "" : "s") << "\n";
  for (std::size_t i = 0; i < loaded->certificates.size(); ++i) {
    std::cout << "\nCertificate " << i + 1 << " of " << loaded->certificates.size() << "\n"
              << ToText(Describe(loaded->certificates[i]));
  }
  if (loaded->key) std::cout << "\nprivate key: " << key_fact << "\n";
  return 0;
}

}  // namespace

void RegisterInspect(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<InspectOptions>();
  CLI::App* sub = app.add_subcommand(
      "inspect", "Show every certificate in a file (PEM, DER, PKCS#12); keys only as facts");
  sub->add_option("file", o->file, "Certificate, bundle, key or PKCS#12 file")->required();
  sub->add_option("--password", o->password, "PKCS#12 password or key passphrase")
      ->each([o](const std::string&) { o->has_password = true; });
  sub->add_flag("--json", o->json, "Print a JSON document");
  sub->callback([o, &ctx] { ctx.exit_code = RunInspect(*o); });
}

}  // namespace phonecert::cli
