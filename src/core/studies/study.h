// Studies, informants and identities (contracts/studies.md, "Studies, informants, interviews"):
// each a canonical JSON document, every field of the contract present (null where unknown);
// Parse* turn a request body into one or refuse it naming the field. What needs the register
// (users, places, guides) is checked by the use cases (app/studies/studies.h).
//
// An identity (name, phone, e-mail, organisation) is kept apart from the informant and sealed
// with libsodium's secretbox (XSalsa20-Poly1305) under a key kept outside the database, so that
// a copied database or backup holds no names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace moteplass::studies {

inline constexpr std::string_view kSides[] = {"immigrant_population", "authority", "other"};
inline constexpr std::string_view kInformantRoles[] = {"chair", "member", "secretary", "official", "other"};
inline constexpr std::string_view kGenders[] = {"woman", "man", "other", "unknown"};
inline constexpr std::string_view kConsentForms[] = {"oral", "written"};

// {"name", "description", "region", "municipalities", "meeting_places", "guides", "starts",
//  "ends", "leads", "interviewers", "analysts", "identities_delete_after"}: lists of distinct
// values in the order given; "ends" and "identities_delete_after" not before "starts".
Result<nlohmann::json> ParseStudy(const nlohmann::json& body);

// {"side", "role", "meeting_place", "gender", "minor", "consent": {"form", "date",
//  "guardian_informed"}}. Consent is required; a minor without "guardian_informed": true is
// refused (pointer /consent/guardian_informed). "id", "pseudonym" and "withdrawn" are the
// server's and are ignored when sent back.
Result<nlohmann::json> ParseInformant(const nlohmann::json& body);

// {"name", "phone", "email", "organisation"}, each a text or null.
Result<nlohmann::json> ParseIdentity(const nlohmann::json& body);

// "I-07": the pseudonym of the informant numbered `n` in its study (never reused).
std::string Pseudonym(std::int64_t n);

// The size of an identity key, and a new random one.
inline constexpr std::size_t kKeyBytes = 32;
std::string NewKey();
// `plaintext` sealed under `key` (kKeyBytes): base64 of a random nonce and the box.
Result<std::string> Seal(std::string_view key, std::string_view plaintext);
// The plaintext of Seal()'s output; kInternal when the key is wrong or the text was changed.
Result<std::string> Unseal(std::string_view key, std::string_view sealed);

}  // namespace moteplass::studies
