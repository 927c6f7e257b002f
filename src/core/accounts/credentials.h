// Secrets: password hashes (Argon2id, libsodium's crypto_pwhash_str with the interactive limits)
// and random tokens for sessions, CSRF and API access. Only hashes of session and API tokens are
// stored, so a copy of the database does not let anyone in.
#pragma once

#include <string>
#include <string_view>

namespace moteplass {

// An Argon2id hash in libsodium's self-describing string form (salt and limits included).
std::string HashPassword(std::string_view password);

// True when `password` matches `hash`; false for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// A new random secret: 32 bytes, URL-safe base64 without padding (43 characters).
std::string NewSecret();

// A fast, keyless hash of a high-entropy secret (BLAKE2b-256, hex) for lookups by token.
std::string HashSecret(std::string_view secret);

// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace moteplass
