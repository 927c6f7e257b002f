#include "core/accounts/id_token.h"

#include <jwt.h>

#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace moteplass {
namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr const char* kIssuer = "https://idporten.example.no";
constexpr const char* kClient = "moteplass";
constexpr long long kNow = 1800000000;  // 2027-01-15

// An RSA key pair made for the test: its JWK (public) and its private key in PEM, to sign with.
struct TestKey {
  json jwk;
  std::string private_pem;
};

std::string Bytes(const BIGNUM* bn) {
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

TestKey MakeKey(const std::string& kid) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e);
  TestKey t;
  t.jwk = {
      {"kty", "RSA"}, {"kid", kid}, {"use", "sig"}, {"n", Base64UrlEncode(Bytes(n))}, {"e", Base64UrlEncode(Bytes(e))}};
  BN_free(n);
  BN_free(e);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  t.private_pem.assign(data, static_cast<std::size_t>(size));
  return t;
}

const TestKey& Key() {
  static const TestKey key = MakeKey("key-1");
  return key;
}
const TestKey& OtherKey() {
  static const TestKey key = MakeKey("key-1");  // the same kid, another key: a forger's
  return key;
}

json Claims() {
  return {{"iss", kIssuer},    {"aud", kClient},  {"sub", "24079409630"},
          {"exp", kNow + 120}, {"iat", kNow - 5}, {"nonce", "n-0S6_WzA2Mj"}};
}

std::string Sign(const json& claims, const TestKey& key = Key(), jwt_alg_t alg = JWT_ALG_RS256,
                 const std::string& kid = "key-1") {
  jwt_t* raw = nullptr;
  jwt_new(&raw);
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, jwt_free);
  jwt_add_grants_json(jwt.get(), claims.dump().c_str());
  if (!kid.empty()) jwt_add_header(jwt.get(), "kid", kid.c_str());
  jwt_set_alg(jwt.get(), alg, reinterpret_cast<const unsigned char*>(key.private_pem.data()),
              static_cast<int>(key.private_pem.size()));
  std::unique_ptr<char, decltype(&std::free)> token(jwt_encode_str(jwt.get()), std::free);
  return token ? std::string(token.get()) : std::string();
}

json Jwks() { return {{"keys", json::array({Key().jwk})}}; }

IdTokenExpectations Expect() {
  return {kIssuer, kClient, "n-0S6_WzA2Mj", std::chrono::system_clock::time_point(seconds(kNow)), seconds(60)};
}

std::string Slug(const Result<json>& r) { return r.ok() ? "ok" : r.error().slug; }

TEST(IdToken, AGoodTokenGivesItsClaims) {
  Result<json> claims = VerifyIdToken(Sign(Claims()), Jwks(), Expect());
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  EXPECT_EQ((*claims)["sub"], "24079409630");
}

TEST(IdToken, EveryClaimIsChecked) {
  struct Case {
    const char* what;
    json change;
    const char* slug;
  };
  const Case cases[] = {
      {"another issuer", {{"iss", "https://evil.example"}}, "id_token_issuer"},
      {"another audience", {{"aud", "someone-else"}}, "id_token_audience"},
      {"a list without us", {{"aud", {"a", "b"}}}, "id_token_audience"},
      {"several audiences, no azp", {{"aud", {kClient, "b"}}}, "id_token_audience"},
      {"azp of another client", {{"azp", "someone-else"}}, "id_token_audience"},
      {"expired beyond the leeway", {{"exp", kNow - 61}}, "id_token_expired"},
      {"no expiry", {{"exp", nullptr}}, "id_token_expired"},
      {"issued in the future", {{"iat", kNow + 3600}}, "id_token_issued_at"},
      {"another nonce", {{"nonce", "replayed"}}, "id_token_nonce"},
      {"no nonce", {{"nonce", nullptr}}, "id_token_nonce"},
      {"no subject", {{"sub", ""}}, "id_token_subject"},
      {"expired within the leeway", {{"exp", kNow - 30}}, "ok"},
      {"several audiences with azp", {{"aud", {kClient, "b"}}, {"azp", kClient}}, "ok"},
      {"a list of one", {{"aud", {kClient}}}, "ok"},
  };
  for (const Case& c : cases) {
    json claims = Claims();
    for (auto& [k, v] : c.change.items()) {
      if (v.is_null()) {
        claims.erase(k);
      } else {
        claims[k] = v;
      }
    }
    EXPECT_EQ(Slug(VerifyIdToken(Sign(claims), Jwks(), Expect())), c.slug) << c.what;
  }
}

TEST(IdToken, OnlyTheProvidersKeyAndAnRsaAlgorithmPass) {
  // Signed by another key under the same kid.
  EXPECT_EQ(Slug(VerifyIdToken(Sign(Claims(), OtherKey()), Jwks(), Expect())), "id_token_signature");
  // A payload changed after signing.
  std::string token = Sign(Claims());
  const std::size_t first = token.find('.'), second = token.find('.', first + 1);
  json forged = Claims();
  forged["sub"] = "admin";
  const std::string tampered = token.substr(0, first + 1) + Base64UrlEncode(forged.dump()) + token.substr(second);
  EXPECT_EQ(Slug(VerifyIdToken(tampered, Jwks(), Expect())), "id_token_signature");
  // Unsigned ("none"), and HMAC keyed with the provider's public key (the algorithm confusion).
  const std::string header_none = Base64UrlEncode(R"({"alg":"none","kid":"key-1"})");
  EXPECT_EQ(Slug(VerifyIdToken(header_none + "." + Base64UrlEncode(Claims().dump()) + ".", Jwks(), Expect())),
            "id_token_algorithm");
  const std::string public_pem = *RsaJwkToPem(Key().jwk);
  TestKey hmac{json(), public_pem};
  EXPECT_EQ(Slug(VerifyIdToken(Sign(Claims(), hmac, JWT_ALG_HS256), Jwks(), Expect())), "id_token_algorithm");
  // A kid the key set does not have: the caller may fetch the keys again.
  Result<json> unknown = VerifyIdToken(Sign(Claims(), Key(), JWT_ALG_RS256, "key-2"), Jwks(), Expect());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().slug, "id_token_key");
  // Garbage.
  for (const char* bad : {"", "abc", "a.b", "a.b.c", "..", "eyJhbGciOiJSUzI1NiJ9.e30"}) {
    EXPECT_FALSE(VerifyIdToken(bad, Jwks(), Expect()).ok()) << bad;
  }
}

TEST(IdToken, PkceChallengeIsTheRfcExample) {
  // RFC 7636, appendix B.
  EXPECT_EQ(PkceS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_EQ(*Base64UrlDecode(Base64UrlEncode("møteplass?>")), "møteplass?>");
  EXPECT_FALSE(Base64UrlDecode("a+b/").ok());
}

}  // namespace
}  // namespace moteplass
