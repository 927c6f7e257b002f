#include "http/register/query.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "core/json_text.h"
#include "core/typology/typology.h"
#include "http/api_kit.h"

namespace moteplass::http::registry {

using nlohmann::json;

namespace {

// The values of ?sort and the orders they name.
constexpr std::array<std::pair<MeetingPlaceQuery::Sort, const char*>, 3> kSorts{{
    {MeetingPlaceQuery::Sort::kName, "name"},
    {MeetingPlaceQuery::Sort::kUpdatedDesc, "-updated"},
    {MeetingPlaceQuery::Sort::kRelevance, "relevance"},
}};

// A real day written YYYY-MM-DD ("2024-02-30" is not one).
bool IsDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return year >= 1900 && date.ok();
}

}  // namespace

Result<MeetingPlaceQuery> ParseMeetingPlaceQuery(const Request& request, const Places& places) {
  MeetingPlaceQuery q;
  auto paging = ParsePaging(request, 20, 100);
  if (!paging.ok()) return paging.error();
  q.page = paging->page;
  q.per_page = paging->per_page;
  if (auto v = request.Query("county"); v && !v->empty()) {
    if (!FindCounty(places, *v)) {
      return Error::Invalid("no county has the number " + json(*v).dump() + "; expected a 2-digit county number",
                            "/county");
    }
    q.county = *v;
  }
  if (auto v = request.Query("municipality"); v && !v->empty()) {
    if (!FindMunicipality(places, *v)) {
      return Error::Invalid(
          "no municipality has the number " + json(*v).dump() + "; expected a 4-digit municipality number",
          "/municipality");
    }
    q.municipality = *v;
  }
  if (auto v = request.Query("region"); v && !v->empty()) {
    if (!FindRegion(places, *v)) {
      std::string ids;
      for (const auto& r : places.regions) ids += (ids.empty() ? "" : ", ") + r.id;
      return Error::Invalid("no region has the id " + json(*v).dump() + "; expected one of " + ids, "/region");
    }
    q.region = *v;
  }
  if (auto v = request.Query("kind"); v && !v->empty()) {
    if (!IsKind(*v)) {
      std::string kinds;
      for (auto k : kKinds) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
      return Error::Invalid("no kind is called " + json(*v).dump() + "; expected one of " + kinds, "/kind");
    }
    q.kind = *v;
  }
  if (auto v = request.Query("changed_since"); v && !v->empty()) {
    if (!IsDate(*v)) {
      return Error::Invalid("expected a date as YYYY-MM-DD, got " + DescribeJsonValue(*v), "/changed_since");
    }
    q.changed_since = *v;
  }
  // Filters that contradict each other match nothing by construction: say so rather than list
  // nothing (slug "contradicting_filters", the pointer names the narrower filter).
  const Municipality* municipality = q.municipality.empty() ? nullptr : FindMunicipality(places, q.municipality);
  const County* county = FindCounty(places, municipality ? municipality->county : q.county);
  if (municipality && !q.county.empty() && municipality->county != q.county) {
    return Error::Invalid(
        "the municipality " + municipality->number + " (" + municipality->name + ") is not in the county " + q.county,
        "/municipality", "contradicting_filters");
  }
  if (county && !q.region.empty() && county->region != q.region) {
    return Error::Invalid((municipality ? "the municipality " + municipality->number + " (" + municipality->name + ")"
                                        : "the county " + county->number + " (" + county->name + ")") +
                              " is not in the region " + q.region,
                          municipality ? "/municipality" : "/county", "contradicting_filters");
  }
  if (auto v = request.Query("q")) {
    if (v->size() > 200) return Error::Invalid("the search text is too long (at most 200 characters)", "/q");
    q.text = *v;
  }
  if (auto v = request.Query("sort"); v && !v->empty()) {
    auto known = std::find_if(kSorts.begin(), kSorts.end(), [&](const auto& s) { return *v == s.second; });
    if (known == kSorts.end()) {
      return Error::Invalid("expected name, -updated or relevance, got " + json(*v).dump(), "/sort");
    }
    q.sort = known->first;
  }
  return q;
}

const char* SortParam(MeetingPlaceQuery::Sort sort) {
  for (const auto& [value, name] : kSorts) {
    if (value == sort) return name;
  }
  return "name";
}

}  // namespace moteplass::http::registry
