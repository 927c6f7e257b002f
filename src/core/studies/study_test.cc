#include "core/studies/study.h"

#include <gtest/gtest.h>

namespace moteplass::studies {
namespace {

using nlohmann::json;

TEST(Study, AStudyNeedsLeadsGuidesAndAStartAndKeepsItsDatesInOrder) {
  const json ok = {{"name", "Kartlegging Vest"},
                   {"guides", {"participant-2007"}},
                   {"starts", "2026-01-01"},
                   {"leads", {"imdi-vest"}}};
  auto s = ParseStudy(ok);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ((*s)["description"], nullptr);
  EXPECT_EQ((*s)["interviewers"], json::array());
  EXPECT_EQ((*s)["identities_delete_after"], nullptr);
  json bad = ok;
  bad["ends"] = "2025-12-31";
  EXPECT_EQ(ParseStudy(bad).error().pointer, "/ends");
  bad = ok;
  bad["leads"] = {"a", "a"};
  EXPECT_EQ(ParseStudy(bad).error().pointer, "/leads/1");
  bad = ok;
  bad.erase("guides");
  EXPECT_EQ(ParseStudy(bad).error().pointer, "/guides");
}

TEST(Study, AMinorIsInterviewedOnlyWhenTheGuardianWasInformed) {
  json informant = {
      {"side", "immigrant_population"}, {"minor", true}, {"consent", {{"form", "oral"}, {"date", "2026-02-01"}}}};
  auto refused = ParseInformant(informant);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().pointer, "/consent/guardian_informed");
  informant["consent"]["guardian_informed"] = true;
  auto accepted = ParseInformant(informant);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ((*accepted)["role"], "other");
  EXPECT_EQ((*accepted)["gender"], "unknown");
  informant.erase("consent");
  EXPECT_EQ(ParseInformant(informant).error().pointer, "/consent");
}

TEST(Study, PseudonymsCountFromOne) {
  EXPECT_EQ(Pseudonym(1), "I-01");
  EXPECT_EQ(Pseudonym(7), "I-07");
  EXPECT_EQ(Pseudonym(123), "I-123");
}

TEST(Study, AnIdentityIsSealedAndOpensOnlyWithItsKey) {
  const std::string key = NewKey();
  ASSERT_EQ(key.size(), kKeyBytes);
  const std::string identity = R"({"name":"Kari Nordmann","phone":"+47 912 34 567"})";
  auto sealed = Seal(key, identity);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("Kari"), std::string::npos);
  EXPECT_NE(*sealed, *Seal(key, identity));  // a new nonce each time
  EXPECT_EQ(*Unseal(key, *sealed), identity);
  EXPECT_FALSE(Unseal(NewKey(), *sealed).ok());
  std::string tampered = *sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Unseal(key, tampered).ok());
  EXPECT_FALSE(Seal("short", identity).ok());
}

}  // namespace
}  // namespace moteplass::studies
