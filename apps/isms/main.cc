// isms: wiring only; the command line lives in src/cli.
#include "cli/cli.h"

int main(int argc, char** argv) { return isms::cli::run(argc, argv); }
