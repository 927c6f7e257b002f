#include "cli/commands.h"

#include <iostream>

namespace moteplass::cli {

int Run(int, char**) {
  std::cerr << "moteplass: not yet\n";
  return 1;
}

}  // namespace moteplass::cli
