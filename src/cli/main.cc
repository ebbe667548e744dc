// phonecert: the administrators' command line.
#include <CLI/CLI.hpp>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace phonecert::cli;
  CLI::App app{"phonecert: certificates of an enterprise IP desk phone", "phonecert"};
  app.set_version_flag("--version", std::string("phonecert ") + PHONECERT_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  Context ctx;
  app.add_option("--state-dir", ctx.global.state_dir,
                 "State directory (default $PHONECERT_STATE_DIR, else "
                 "$XDG_STATE_HOME/phonecert, else ~/.local/state/phonecert)");
  app.add_subcommand("help", "Show this help")->callback([&app] { std::cout << app.help(); });

  RegisterInspect(app, ctx);
  RegisterTrust(app, ctx);
  RegisterVerify(app, ctx);
  RegisterConnect(app, ctx);
  RegisterCa(app, ctx);
  RegisterDevice(app, ctx);
  RegisterFactory(app, ctx);
  RegisterConfig(app, ctx);
  RegisterProvision(app, ctx);
  RegisterExpiry(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  return ctx.exit_code;
}
