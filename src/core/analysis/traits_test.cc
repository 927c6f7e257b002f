// The analysis traits (contracts/analysis.md): a meeting place counts once for a trait however
// many of its informants raised it; the categories and their labels are the default codebook's;
// the informants who raised a trait are the people a visitor's cell needs three of.
#include "core/analysis/traits.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/studies/coding.h"

namespace moteplass::analysis {
namespace {

using nlohmann::json;

const std::vector<RegionName> kVestOnly = {{"vest", "IMDi Vest"}};

Unit Place(std::int64_t id, const std::string& kind, std::vector<Raised> raised, const std::string& county = "46") {
  Unit u;
  u.id = id;
  u.kind = kind;
  u.county = county;
  u.region = "vest";
  u.established = 2003;
  u.raised = std::move(raised);
  return u;
}

Filter TraitsToday() {
  Filter f;
  f.today = "2026-11-26";
  return f;
}

double At(const Dataset& d, const std::string& trait, const std::string& kind) {
  const std::size_t i = d.Cell({d.CategoryIndex(0, trait), d.CategoryIndex(1, kind)});
  return d.values[i].value_or(-1);
}

TEST(Traits, AMeetingPlaceCountsOnceHoweverManyInformantsRaisedTheTrait) {
  // The council of Elvestad: three informants all want training, one of them in two answers.
  const std::vector<Unit> units = {Place(1, "council",
                                         {{11, "training_wanted", "2026-02-02"},
                                          {11, "training_wanted", "2026-02-02"},
                                          {12, "training_wanted", "2026-02-03"},
                                          {13, "training_wanted", "2026-02-04"},
                                          {13, "known_little", "2026-02-04"}}),
                                   Place(2, "council", {{21, "training_wanted", "2026-02-05"}}),
                                   Place(3, "dialogue", {{31, "known_little", "2026-02-06"}})};
  auto d = analysis::Run("traits", units, TraitsToday(), kVestOnly);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->dimensions[0].id, "trait");
  EXPECT_EQ(d->dimensions[1].id, "kind");
  EXPECT_EQ(At(*d, "training_wanted", "council"), 2);
  EXPECT_EQ(d->contributors[d->Cell({d->CategoryIndex(0, "training_wanted"), d->CategoryIndex(1, "council")})], 4);
  EXPECT_EQ(At(*d, "known_little", "council"), 1);
  EXPECT_EQ(At(*d, "known_little", "dialogue"), 1);
  EXPECT_EQ(At(*d, "fiery_souls", "council"), 0);
  EXPECT_NE(std::find(d->notes.begin(), d->notes.end(), "analysis.note.traits"), d->notes.end());
}

TEST(Traits, TheCategoriesAreTheCodebooksCommonTraitsWithItsLabels) {
  auto d = analysis::Run("traits", std::vector<Unit>{}, TraitsToday(), kVestOnly);
  ASSERT_TRUE(d.ok());
  const json stat = ToJsonStat(*d, Lang::kNn);
  const json& codes = studies::DefaultCodebook();
  std::size_t traits = 0;
  for (const json& code : codes) {
    const std::string id = code["id"];
    const bool criterion = code["group"].get<std::string>().rfind("criterion_", 0) == 0;
    EXPECT_EQ(d->CategoryIndex(0, id) == std::string::npos, criterion) << id;
    if (criterion) continue;
    ++traits;
    for (Lang lang : {Lang::kNb, Lang::kNn, Lang::kEn}) {
      EXPECT_EQ(ToJsonStat(*d, lang)["dimension"]["trait"]["category"]["label"][id],
                code["name"][std::string(LangCode(lang))])
          << id;
    }
  }
  EXPECT_EQ(traits, TraitIds().size());
  EXPECT_GE(traits, 14u);  // the report's fourteen common traits, some as two positions
  EXPECT_EQ(stat["dimension"]["trait"]["label"], "Fellestrekk");
}

TEST(Traits, OnlyInterviewsInTheYearsCount) {
  const std::vector<Unit> units = {Place(1, "council", {{11, "fiery_souls", "2024-05-01"}}),
                                   Place(2, "council", {{21, "fiery_souls", "2026-02-01"}})};
  Filter f = TraitsToday();
  f.from = 2025;
  auto d = analysis::Run("traits", units, f, kVestOnly);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(At(*d, "fiery_souls", "council"), 1);
  f.from = 2024;
  d = analysis::Run("traits", units, f, kVestOnly);
  EXPECT_EQ(At(*d, "fiery_souls", "council"), 2);
}

TEST(Traits, ATraitFewerThanThreeInformantsRaisedIsHiddenForVisitors) {
  // Two informants of one contact committee say it is little known; four of four councils say so.
  const std::vector<Unit> units = {
      Place(1, "contact_committee", {{11, "known_little", "2026-02-02"}, {12, "known_little", "2026-02-02"}}),
      Place(2, "council", {{21, "known_little", "2026-02-03"}}),
      Place(3, "council", {{31, "known_little", "2026-02-03"}}),
      Place(4, "council", {{41, "known_little", "2026-02-03"}}),
      Place(5, "council", {{51, "known_little", "2026-02-03"}})};
  auto full = analysis::Run("traits", units, TraitsToday(), kVestOnly);
  auto pub = RunPublic("traits", units, TraitsToday(), kVestOnly);
  ASSERT_TRUE(full.ok() && pub.ok());
  const std::size_t small =
      pub->Cell({pub->CategoryIndex(0, "known_little"), pub->CategoryIndex(1, "contact_committee")});
  EXPECT_EQ(full->values[small], 1);
  EXPECT_FALSE(pub->values[small].has_value());
  EXPECT_TRUE(pub->suppressed[small]);
  // The row's total (four councils and the committee) would give the committee away: a second
  // cell of the row is hidden too.
  EXPECT_FALSE(pub->values[pub->Cell({pub->CategoryIndex(0, "known_little"), pub->CategoryIndex(1, "council")})]);
  EXPECT_EQ(ToJsonStat(*pub, Lang::kNb)["status"][std::to_string(small)], ":");
}

TEST(Traits, AVisitorCannotRecoverAYearsSmallCellFromTwoPeriods) {
  // Three informants in 2025, one more place's two in 2026: the answer for 2025-2026 minus the
  // one for 2025 would give the 2026 place away.
  const std::vector<Unit> units = {
      Place(1, "council", {{11, "recruitment_hard", "2025-03-01"}}),
      Place(2, "council", {{21, "recruitment_hard", "2025-03-01"}}),
      Place(3, "council", {{31, "recruitment_hard", "2025-03-01"}}),
      Place(4, "council", {{41, "recruitment_hard", "2026-03-01"}, {42, "recruitment_hard", "2026-03-01"}})};
  Filter both = TraitsToday(), first = TraitsToday();
  both.from = 2025;
  first.from = first.to = 2025;
  auto a = RunPublic("traits", units, both, kVestOnly);
  auto b = RunPublic("traits", units, first, kVestOnly);
  ASSERT_TRUE(a.ok() && b.ok());
  const std::size_t i = a->Cell({a->CategoryIndex(0, "recruitment_hard"), a->CategoryIndex(1, "council")});
  EXPECT_FALSE(a->values[i].has_value() && b->values[i].has_value());
}

}  // namespace
}  // namespace moteplass::analysis
