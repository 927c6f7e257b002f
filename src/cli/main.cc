// Entry point of the `moteplass` command; the subcommands live in src/cli/*_commands.cc.
#include "cli/commands.h"

int main(int argc, char** argv) { return moteplass::cli::Run(argc, argv); }
