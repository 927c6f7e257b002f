#include "app/studies/identity_key.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "core/studies/study.h"

namespace moteplass::app {

std::string DefaultIdentityKeyPath(const std::string& db) {
  if (db.rfind("postgres://", 0) == 0 || db.rfind("postgresql://", 0) == 0) return "data/identities.key";
  const std::filesystem::path parent = std::filesystem::path(db).parent_path();
  return (parent.empty() ? std::filesystem::path("identities.key") : parent / "identities.key").string();
}

Result<std::string> LoadOrCreateIdentityKey(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    const std::string key = studies::NewKey();
    if (key.size() != studies::kKeyBytes) return Error::Internal("cannot make an identity key");
    // Written whole under a name of its own (mode 0600) and then linked into place, so that two
    // processes starting at once (two servers on one database) never read half a key: the one
    // that links second finds the first one's key in place and reads it below.
    std::string temporary = path + ".XXXXXX";
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) return Error::Invalid("cannot create the identity key file " + path, "/key-file");
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    const bool synced = ::fsync(fd) == 0;
    const bool closed = ::close(fd) == 0;
    if (!written || !synced || !closed) {
      ::unlink(temporary.c_str());
      return Error::Internal("cannot write the identity key file " + path);
    }
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int link_error = errno;
    ::unlink(temporary.c_str());
    if (linked == 0) return key;
    if (link_error != EEXIST || stat(path.c_str(), &info) != 0) {
      return Error::Invalid("cannot create the identity key file " + path, "/key-file");
    }
  }
  if (!S_ISREG(info.st_mode)) return Error::Invalid("the identity key file " + path + " is not a file", "/key-file");
  if ((info.st_mode & 077) != 0) {
    return Error::Invalid("the identity key file " + path + " must be readable by its owner only (chmod 600)",
                          "/key-file");
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::Invalid("cannot read the identity key file " + path, "/key-file");
  std::string key(studies::kKeyBytes + 1, '\0');
  const ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(studies::kKeyBytes)) {
    return Error::Invalid("the identity key file " + path + " does not hold a key (32 bytes)", "/key-file");
  }
  key.resize(studies::kKeyBytes);
  return key;
}

}  // namespace moteplass::app
