#include "http/oidc/provider.h"

#include <gtest/gtest.h>

namespace moteplass::http::oidc {
namespace {

TEST(OidcProvider, OnlyHttpsIssuersExceptOnLoopback) {
  for (const char* good : {"https://idporten.no", "https://login.microsoftonline.com/abc-123/v2.0",
                           "https://test.idporten.no/", "http://127.0.0.1:4000", "http://localhost:4000"}) {
    EXPECT_EQ(CheckIssuer(good), "") << good;
  }
  for (const char* bad :
       {"", "idporten.no", "http://idporten.no", "ftp://idporten.no", "https://", "https://idporten.no/?x=1",
        "https://idporten.no/#x", "http://127.0.0.1.evil.no", "http://user@127.0.0.1", "https://id porten.no"}) {
    EXPECT_NE(CheckIssuer(bad), "") << bad;
  }
}

TEST(OidcProvider, ValuesAreEscapedForQueriesAndForms) {
  EXPECT_EQ(UrlEncode("abc-._~XYZ09"), "abc-._~XYZ09");
  EXPECT_EQ(UrlEncode("a b&c=d/e?f"), "a%20b%26c%3Dd%2Fe%3Ff");
  EXPECT_EQ(UrlEncode("ø"), "%C3%B8");
}

TEST(OidcProvider, AnAbsentProviderIsUnavailableNotAnError) {
  OidcOptions options;
  options.issuer = "http://127.0.0.1:1";  // nobody listens on port 1
  options.client_id = "c";
  options.timeout = std::chrono::seconds(2);
  Provider provider(options);
  auto url = provider.AuthorizationUrl("http://127.0.0.1/cb", "s", "n", "v");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(url.error().slug, "provider_unreachable");
  // Asked again at once: the same answer, without waiting on the provider again.
  const auto start = std::chrono::steady_clock::now();
  auto again = provider.AuthorizationUrl("http://127.0.0.1/cb", "s", "n", "v");
  EXPECT_EQ(again.error().slug, "provider_unreachable");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
}

}  // namespace
}  // namespace moteplass::http::oidc
