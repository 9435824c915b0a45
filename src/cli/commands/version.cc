// isms version: the program version and the newest database schema it knows.
#include <CLI/App.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/version.h"
#include "store/store.h"

namespace isms::cli {

void add_version_command(CLI::App* root, Invocation* invocation) {
  CLI::App* command = add_command(root, "version", "Print the isms version", invocation);
  add_json_flag(command, invocation);
  set_action(command, invocation, [invocation] {
    const int schema = Store::latest_schema_version();
    if (invocation->json) {
      print_json({{"version", kIsmsVersion}, {"schema_version", schema}});
    } else {
      std::cout << "isms " << kIsmsVersion << " (database schema " << schema << ")\n";
    }
    return kExitOk;
  });
}

}  // namespace isms::cli
