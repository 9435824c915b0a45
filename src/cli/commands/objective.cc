// CLI of issue 6 (objectives); filled in by the module's work.
#include "cli/command.h"

namespace isms::cli {

void add_objective_commands(CLI::App* root, Invocation* invocation) {
  (void)root;
  (void)invocation;
}

}  // namespace isms::cli
