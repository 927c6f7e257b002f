#include "http/api_kit.h"

#include <algorithm>
#include <charconv>

#include "core/json_text.h"

namespace moteplass::http {

using nlohmann::json;

Result<json> ParseJsonBody(const Request& request) { return ParseJsonText(request.body, "the request body"); }

std::optional<std::int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return std::nullopt;
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Result<std::int64_t> RouteId(const Request& req, const char* what) { return RouteId(req, "id", what); }

Result<std::int64_t> RouteId(const Request& req, const char* param, const char* what) {
  const std::string& text = req.params.at(param);
  auto id = ParseId(text);
  if (!id) return Error::NotFound("no " + std::string(what) + " has the id " + text);
  return *id;
}

Response JsonWithEtag(int status, const json& body, std::int64_t version) {
  Response r = Response::Json(status, body);
  r.Set("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

Status RefuseUnknownParams(const Request& request, std::span<const std::string_view> known) {
  for (const auto& [name, value] : request.query) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string expected;
    for (std::string_view k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
    return Error::Invalid("unknown query parameter " + DescribeJsonValue(json(name)) + "; expected one of " + expected,
                          "/" + EscapePointerToken(name));
  }
  return {};
}

Result<std::int64_t> IfMatchVersion(const Request& request) {
  std::string value = request.Header("if-match");
  if (value.empty() || value == "*") return std::int64_t{0};
  if (value.starts_with("W/")) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  auto id = ParseId(value);
  if (!id) return Error::Invalid("If-Match must be the ETag of the record, such as \"3\"", "/headers/if-match");
  return *id;
}

Result<std::int64_t> PreconditionVersion(const Request& request, const json* body) {
  if (!request.Header("if-match").empty()) return IfMatchVersion(request);
  if (body != nullptr && body->is_object() && body->contains("version")) {
    const json& version = (*body)["version"];
    if (!version.is_number_integer() || version.get<std::int64_t>() <= 0) {
      return Error::Invalid("expected the record's version, a whole number from 1", "/version");
    }
    return version.get<std::int64_t>();
  }
  return std::int64_t{-1};
}

Result<Paging> ParsePaging(const Request& request, int default_per_page, int max_per_page) {
  Paging p;
  p.per_page = default_per_page;
  auto read = [&](const char* name, int min, int max, int* out) -> Status {
    auto value = request.Query(name);
    if (!value) return {};
    int n = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (value->empty() || ec != std::errc() || ptr != value->data() + value->size() || n < min || n > max) {
      return Error::Invalid("expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                                ", got " + json(*value).dump(),
                            std::string("/") + name);
    }
    *out = n;
    return {};
  };
  if (auto st = read("page", 1, 1000000, &p.page); !st.ok()) return st.error();
  if (auto st = read("per_page", 1, max_per_page, &p.per_page); !st.ok()) return st.error();
  return p;
}

json ListEnvelope(const Request& request, json data, std::int64_t total, int page, int per_page) {
  const std::int64_t pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
  auto link = [&](std::int64_t n) -> json {
    std::string url = request.path + "?";
    for (const auto& [k, v] : request.query) {
      if (k == "page") continue;
      url += PercentEncode(k) + "=" + PercentEncode(v) + "&";
    }
    return url + "page=" + std::to_string(n);
  };
  return json{{"data", std::move(data)},
              {"pagination",
               {{"totalElements", total}, {"elementsPerPage", per_page}, {"currentPage", page}, {"totalPages", pages}}},
              {"links",
               {{"first", link(1)},
                {"prev", page > 1 ? link(std::min<std::int64_t>(page - 1, pages)) : json()},
                {"next", page < pages ? link(page + 1) : json()},
                {"last", link(pages)}}}};
}

}  // namespace moteplass::http
