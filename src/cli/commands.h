// The `moteplass` command line: parses arguments (CLI11) and runs a subcommand. Exit status
// 0 on success, 2 on invalid input or usage, 1 on other failure (contracts/api.md).
#pragma once

namespace moteplass::cli {

class CommandContext;

// Runs the command line on the process's standard streams.
int Run(int argc, char** argv);
// Runs it on `ctx`'s streams (for tests; CLI11's own usage messages and --help still go to the
// standard streams).
int Run(int argc, char** argv, CommandContext& ctx);

}  // namespace moteplass::cli
