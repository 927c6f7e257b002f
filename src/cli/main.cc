// Entry point of the `moteplass` command; the subcommands live in src/cli/*_commands.cc.
#include <sys/stat.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // Everything the program creates (the SQLite database and its -wal and -shm files, backups,
  // exports) holds accounts, audit rows or unpublished records: readable by its owner only,
  // whatever umask the shell had.
  umask(S_IRWXG | S_IRWXO);
  return moteplass::cli::Run(argc, argv);
}
