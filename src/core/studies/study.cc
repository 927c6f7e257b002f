#include "core/studies/study.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <vector>

#include "core/operations/fields.h"
#include "core/status_macros.h"

namespace moteplass::studies {
namespace {

using nlohmann::json;

// A list of distinct texts (usernames, municipality numbers, guide ids); [] when missing.
Result<json> TextList(const json& body, const std::string& key, bool required, std::size_t max_length,
                      const std::string& pattern_hint, bool (*valid)(const std::string&)) {
  const std::string at = "/" + key;
  const json value = body.contains(key) ? body[key] : json();
  if (value.is_null()) {
    if (required) return Error::Invalid("needs at least one", at);
    return json::array();
  }
  if (!value.is_array()) return Error::Invalid("must be a list", at);
  if (required && value.empty()) return Error::Invalid("needs at least one", at);
  json out = json::array();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string here = at + "/" + std::to_string(i);
    if (!value[i].is_string() || value[i].get<std::string>().size() > max_length ||
        !valid(value[i].get<std::string>())) {
      return Error::Invalid("must be " + pattern_hint, here);
    }
    if (!seen.insert(value[i].get<std::string>()).second) return Error::Invalid("is listed twice", here);
    out.push_back(value[i]);
  }
  return out;
}

bool Username(const std::string& s) { return !s.empty(); }
bool Municipality(const std::string& s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool GuideId(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

Result<json> ParseStudy(const json& body) {
  RETURN_IF_ERROR(ops::CheckObject(
      body, "",
      {"name", "description", "region", "municipalities", "meeting_places", "guides", "starts", "ends", "leads",
       "interviewers", "analysts", "identities_delete_after", "id", "version", "created_at", "updated_at", "links"}));
  json s = json::object();
  ASSIGN_OR_RETURN(s["name"], ops::TextField(body, "name", "", true, TextLines::kOne, 200));
  ASSIGN_OR_RETURN(s["description"], ops::TextField(body, "description", "", false, TextLines::kMany, 10000));
  const json region = body.value("region", json());
  if (!region.is_null() && (!region.is_string() || region.get<std::string>().empty())) {
    return Error::Invalid("must be a region id such as vest, or null", "/region");
  }
  s["region"] = region;
  ASSIGN_OR_RETURN(s["municipalities"],
                   TextList(body, "municipalities", false, 4, "a 4-digit municipality number", Municipality));
  s["meeting_places"] = json::array();
  const json places = body.value("meeting_places", json::array());
  if (!places.is_null()) {
    if (!places.is_array()) return Error::Invalid("must be a list of meeting place ids", "/meeting_places");
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < places.size(); ++i) {
      const std::string at = "/meeting_places/" + std::to_string(i);
      if (!places[i].is_number_integer() || places[i].get<std::int64_t>() < 1) {
        return Error::Invalid("must be a meeting place id", at);
      }
      if (!seen.insert(places[i].get<std::int64_t>()).second) return Error::Invalid("is listed twice", at);
      s["meeting_places"].push_back(places[i]);
    }
  }
  ASSIGN_OR_RETURN(s["guides"], TextList(body, "guides", true, 64, "a guide id such as participant-2007", GuideId));
  ASSIGN_OR_RETURN(s["starts"], ops::DateField(body, "starts", "", true));
  ASSIGN_OR_RETURN(s["ends"], ops::DateField(body, "ends", "", false));
  if (s["ends"].is_string() && s["ends"].get<std::string>() < s["starts"].get<std::string>()) {
    return Error::Invalid("must not be before starts", "/ends");
  }
  ASSIGN_OR_RETURN(s["leads"], TextList(body, "leads", true, 100, "a username", Username));
  ASSIGN_OR_RETURN(s["interviewers"], TextList(body, "interviewers", false, 100, "a username", Username));
  ASSIGN_OR_RETURN(s["analysts"], TextList(body, "analysts", false, 100, "a username", Username));
  ASSIGN_OR_RETURN(s["identities_delete_after"], ops::DateField(body, "identities_delete_after", "", false));
  if (s["identities_delete_after"].is_string() &&
      s["identities_delete_after"].get<std::string>() < s["starts"].get<std::string>()) {
    return Error::Invalid("must not be before starts", "/identities_delete_after");
  }
  return s;
}

Result<json> ParseInformant(const json& body) {
  RETURN_IF_ERROR(ops::CheckObject(body, "",
                                   {"side", "role", "meeting_place", "gender", "minor", "consent", "id", "pseudonym",
                                    "withdrawn", "version", "created_at", "updated_at", "links", "study"}));
  json i = json::object();
  ASSIGN_OR_RETURN(i["side"], ops::EnumField(body, "side", "", ops::ValuesOf(kSides), json("")));
  ASSIGN_OR_RETURN(i["role"], ops::EnumField(body, "role", "", ops::ValuesOf(kInformantRoles), json("other")));
  ASSIGN_OR_RETURN(i["meeting_place"], ops::IntField(body, "meeting_place", "", 1, std::int64_t{1} << 53, false));
  ASSIGN_OR_RETURN(i["gender"], ops::EnumField(body, "gender", "", ops::ValuesOf(kGenders), json("unknown")));
  ASSIGN_OR_RETURN(i["minor"], ops::BoolField(body, "minor", "", false));
  const json consent = body.value("consent", json());
  if (!consent.is_object()) {
    return Error::Invalid("consent is required: {\"form\": \"oral\"|\"written\", \"date\": \"YYYY-MM-DD\"}",
                          "/consent");
  }
  RETURN_IF_ERROR(ops::CheckObject(consent, "/consent", {"form", "date", "guardian_informed"}));
  json c = json::object();
  ASSIGN_OR_RETURN(c["form"], ops::EnumField(consent, "form", "/consent", ops::ValuesOf(kConsentForms), json("")));
  ASSIGN_OR_RETURN(c["date"], ops::DateField(consent, "date", "/consent", true));
  const json guardian = consent.value("guardian_informed", json());
  if (!guardian.is_null() && !guardian.is_boolean()) {
    return Error::Invalid("must be true, false or null", "/consent/guardian_informed");
  }
  c["guardian_informed"] = guardian;
  if (i["minor"].get<bool>() && guardian != json(true)) {
    return Error::Invalid("a minor is interviewed only when the guardian has been informed",
                          "/consent/guardian_informed");
  }
  i["consent"] = c;
  return i;
}

Result<json> ParseIdentity(const json& body) {
  RETURN_IF_ERROR(ops::CheckObject(body, "", {"name", "phone", "email", "organisation"}));
  json out = json::object();
  ASSIGN_OR_RETURN(out["name"], ops::TextField(body, "name", "", false, TextLines::kOne, 200));
  ASSIGN_OR_RETURN(out["phone"], ops::TextField(body, "phone", "", false, TextLines::kOne, 40));
  ASSIGN_OR_RETURN(out["email"], ops::TextField(body, "email", "", false, TextLines::kOne, 200));
  if (out["email"].is_string() && out["email"].get<std::string>().find('@') == std::string::npos) {
    return Error::Invalid("must be an e-mail address", "/email");
  }
  ASSIGN_OR_RETURN(out["organisation"], ops::TextField(body, "organisation", "", false, TextLines::kOne, 200));
  return out;
}

std::string Pseudonym(std::int64_t n) {
  std::string digits = std::to_string(n);
  if (digits.size() < 2) digits.insert(0, 2 - digits.size(), '0');
  return "I-" + digits;
}

std::string NewKey() {
  std::string key(kKeyBytes, '\0');
  if (sodium_init() < 0) return {};
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  return key;
}

Result<std::string> Seal(std::string_view key, std::string_view plaintext) {
  if (key.size() != crypto_secretbox_KEYBYTES || sodium_init() < 0) {
    return Error::Internal("the identity key is not usable");
  }
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                        plaintext.size(), out, reinterpret_cast<const unsigned char*>(key.data()));
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), out, box.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return b64;
}

Result<std::string> Unseal(std::string_view key, std::string_view sealed) {
  if (key.size() != crypto_secretbox_KEYBYTES || sodium_init() < 0) {
    return Error::Internal("the identity key is not usable");
  }
  std::string box(sealed.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(), sealed.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error::Internal("a stored identity cannot be read");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), in + crypto_secretbox_NONCEBYTES,
                                 length - crypto_secretbox_NONCEBYTES, in,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return Error::Internal(
        "a stored identity cannot be opened with this key (is it the key file it was written with?)");
  }
  return plain;
}

}  // namespace moteplass::studies
