// The `isms` command line: `isms <noun> <verb> [options]` over the service layer.
#pragma once

namespace isms::cli {

// Parses argv, runs the selected command and returns the process exit code:
// 0 success, 1 failure (one line "isms: error: <message>" on stderr), 2 usage error
// (CLI11's message on stderr). Never throws.
int run(int argc, char** argv);

}  // namespace isms::cli
