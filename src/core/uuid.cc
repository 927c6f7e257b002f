#include "core/uuid.h"

#include <array>
#include <cstdint>

#include <openssl/sha.h>

namespace moteplass {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Uuid5(std::string_view name_space, std::string_view name) {
  std::string input;
  for (std::size_t i = 0; i + 1 < name_space.size();) {
    if (name_space[i] == '-') {
      ++i;
      continue;
    }
    input.push_back(static_cast<char>(Hex(name_space[i]) * 16 + Hex(name_space[i + 1])));
    i += 2;
  }
  input.append(name);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // the RFC 4122 variant
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kDigits[digest[i] >> 4]);
    out.push_back(kDigits[digest[i] & 0x0F]);
  }
  return out;
}

}  // namespace moteplass
