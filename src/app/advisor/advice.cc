#include "app/advisor/advice.h"

#include <algorithm>
#include <set>

#include "core/status_macros.h"

namespace moteplass::app {
namespace {

advisor::RegisterPlace ToRegisterPlace(const MeetingPlace& p) {
  std::string subtype;
  if (p.classification.is_object() && p.classification.contains("subtype") && p.classification["subtype"].is_string()) {
    subtype = p.classification["subtype"].get<std::string>();
  }
  return {
      p.id, p.name, p.municipality, p.county, p.region, p.kind, subtype, p.input.contact.phone, p.input.contact.email};
}

bool Published(const MeetingPlace& p) { return p.input.is_public && p.deleted_at.empty(); }

// The candidates for examples, a bounded read whatever the register's size: for each kind, the
// published meeting places of that kind in the municipality's IMDi region (at most kPerRead), and
// only when the region has fewer than advisor::kMaxExamples, those in the whole country.
Status AddCandidates(Services& services, const std::string& region, std::vector<advisor::RegisterPlace>* out) {
  constexpr int kPerRead = 1000;
  std::set<std::int64_t> seen;
  for (const auto& p : *out) seen.insert(p.id);
  auto read = [&](std::string_view kind, const std::string& where) -> Result<std::size_t> {
    MeetingPlaceQuery q;
    q.kind = std::string(kind);
    q.region = where;
    q.per_page = kPerRead;
    ASSIGN_OR_RETURN(MeetingPlacePage page, services.store.meeting_places().List(q));
    std::size_t found = 0;
    for (const auto& p : page.items) {
      if (!Published(p)) continue;
      ++found;
      if (seen.insert(p.id).second) out->push_back(ToRegisterPlace(p));
    }
    return found;
  };
  for (auto kind : advisor::kAdviceKinds) {
    std::size_t in_region = 0;
    if (!region.empty()) {
      ASSIGN_OR_RETURN(in_region, read(kind, region));
    }
    if (in_region < advisor::kMaxExamples) {
      ASSIGN_OR_RETURN(std::size_t ignored, read(kind, ""));
      (void)ignored;
    }
  }
  return {};
}

}  // namespace

Result<advisor::Advice> Advise(Services& services, const advisor::Situation& situation) {
  advisor::AdviceContext ctx(services.places);
  for (std::size_t i = 0; i < situation.existing.size(); ++i) {
    auto place = services.store.meeting_places().Get(situation.existing[i]);
    if (!place.ok() && place.error().code != ErrorCode::kNotFound) return place.error();
    if (!place.ok() || !Published(*place)) {
      const std::string at = "/existing/" + std::to_string(i);
      return Error::Invalid(at + ": no published meeting place has the id " + std::to_string(situation.existing[i]), at,
                            "invalid_situation");
    }
    ctx.published.push_back(ToRegisterPlace(*place));
  }
  std::string region;
  if (const Municipality* m = FindMunicipality(services.places, situation.municipality)) {
    if (const County* c = FindCounty(services.places, m->county)) region = c->region;
  }
  RETURN_IF_ERROR(AddCandidates(services, region, &ctx.published));
  ctx.has_register = true;
  // The imported SSB table, when there is one (contracts/advisor.md): the immigrant population
  // the situation may leave out, and the sizes of comparable municipalities.
  ASSIGN_OR_RETURN(std::optional<SsbTableInfo> ssb, services.store.ssb().Info());
  if (ssb) {
    ASSIGN_OR_RETURN(ctx.immigrant_population, services.store.ssb().ImmigrantPopulation());
    ctx.immigrant_population_year = ssb->latest_year;
  }
  return advisor::Advise(situation, ctx);
}

Result<nlohmann::json> Advise(Services& services, const nlohmann::json& body) {
  ASSIGN_OR_RETURN(advisor::Situation situation, advisor::ParseSituation(body, services.places));
  ASSIGN_OR_RETURN(advisor::Advice advice, Advise(services, situation));
  return advisor::ToJson(advice);
}

}  // namespace moteplass::app
