// CLI of issue 6 (reviews); filled in by the module's work.
#include "cli/command.h"

namespace isms::cli {

void add_management_review_commands(CLI::App* root, Invocation* invocation) {
  (void)root;
  (void)invocation;
}

}  // namespace isms::cli
