// The `moteplass` command line: parses arguments (CLI11) and runs a subcommand. Exit status
// 0 on success, 2 on invalid input or usage, 1 on other failure (contracts/api.md).
#pragma once

namespace moteplass::cli {

int Run(int argc, char** argv);

}  // namespace moteplass::cli
