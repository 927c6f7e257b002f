// The advisor's input (advisor.md): a municipality's situation, checked field by field, and the
// inhabitants per municipality it compares municipalities by.
#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include "core/advisor/advisor.h"
#include "core/json_text.h"
#include "core/resources.h"
#include "core/status_macros.h"

namespace moteplass::advisor {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxPopulation = 100'000'000;
constexpr int kMaxOrganisations = 100'000;
constexpr std::size_t kMaxExisting = 100;

constexpr std::array<std::string_view, 9> kFields = {"municipality",   "immigrant_population",
                                                     "immigration",    "immigrant_organisations",
                                                     "political_will", "need",
                                                     "themes",         "youth",
                                                     "existing"};

Error Invalid(const std::string& pointer, const std::string& message) {
  return Error::Invalid(pointer + ": " + message, pointer, "invalid_situation");
}

template <std::size_t N>
std::string OneOf(const std::array<std::string_view, N>& values) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += "\"" + std::string(values[i]) + "\"";
  }
  return out;
}

template <std::size_t N>
Result<std::string> Enum(const json& value, const std::string& pointer, const std::array<std::string_view, N>& values) {
  if (value.is_string() && std::find(values.begin(), values.end(), value.get<std::string>()) != values.end()) {
    return value.get<std::string>();
  }
  return Invalid(pointer, "expected " + OneOf(values) + ", got " + DescribeJsonValue(value));
}

template <std::size_t N>
Result<std::vector<std::string>> EnumList(const json& value, const std::string& pointer,
                                          const std::array<std::string_view, N>& values) {
  if (!value.is_array()) return Invalid(pointer, "expected an array, got " + DescribeJsonValue(value));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    ASSIGN_OR_RETURN(std::string item, Enum(value[i], at, values));
    if (std::find(out.begin(), out.end(), item) != out.end()) return Invalid(at, "\"" + item + "\" is given twice");
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::int64_t> WholeNumber(const json& value, const std::string& pointer, std::int64_t min, std::int64_t max) {
  if ((value.is_number_integer() || value.is_number_unsigned()) && !value.is_number_float()) {
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      return Invalid(pointer, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                                  ", got " + DescribeJsonValue(value));
    }
    const std::int64_t n = value.get<std::int64_t>();
    if (n >= min && n <= max) return n;
  }
  return Invalid(pointer, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                              ", got " + DescribeJsonValue(value));
}

}  // namespace

bool Situation::HasTheme(std::string_view theme) const {
  return std::find(themes.begin(), themes.end(), theme) != themes.end();
}

bool Situation::HasImmigration(std::string_view kind) const {
  return std::find(immigration.begin(), immigration.end(), kind) != immigration.end();
}

Result<Situation> ParseSituation(const json& body, const Places& places) {
  if (!body.is_object()) {
    return Error::Invalid("expected a JSON object with at least \"municipality\", got " + DescribeJsonValue(body), "",
                          "invalid_situation");
  }
  for (const auto& [key, value] : body.items()) {
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end()) {
      return Invalid("/" + EscapePointerToken(key), "unknown field; the fields are " + OneOf(kFields));
    }
  }
  Situation s;
  if (!body.contains("municipality"))
    return Invalid("/municipality", "required: the municipality's number, such as \"4601\"");
  const json& m = body["municipality"];
  const std::string number = m.is_string() ? m.get<std::string>() : "";
  if (number.size() != 4 || !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Invalid("/municipality", "expected a municipality number of four digits, got " + DescribeJsonValue(m));
  }
  if (FindMunicipality(places, number) == nullptr) {
    return Invalid("/municipality", "no municipality has the number " + number);
  }
  s.municipality = number;
  if (body.contains("immigrant_population") && !body["immigrant_population"].is_null()) {
    ASSIGN_OR_RETURN(s.immigrant_population,
                     WholeNumber(body["immigrant_population"], "/immigrant_population", 0, kMaxPopulation));
  }
  if (body.contains("immigration")) {
    ASSIGN_OR_RETURN(s.immigration, EnumList(body["immigration"], "/immigration", kImmigration));
  }
  if (body.contains("immigrant_organisations") && !body["immigrant_organisations"].is_null()) {
    ASSIGN_OR_RETURN(std::int64_t n,
                     WholeNumber(body["immigrant_organisations"], "/immigrant_organisations", 0, kMaxOrganisations));
    s.immigrant_organisations = static_cast<int>(n);
  }
  if (body.contains("political_will")) {
    ASSIGN_OR_RETURN(s.political_will, Enum(body["political_will"], "/political_will", kPoliticalWill));
  }
  if (body.contains("need")) {
    ASSIGN_OR_RETURN(s.need, Enum(body["need"], "/need", kNeeds));
  }
  if (body.contains("themes")) {
    ASSIGN_OR_RETURN(s.themes, EnumList(body["themes"], "/themes", kThemes));
  }
  if (body.contains("youth")) {
    if (!body["youth"].is_boolean()) {
      return Invalid("/youth", "expected true or false, got " + DescribeJsonValue(body["youth"]));
    }
    s.youth = body["youth"].get<bool>();
  }
  if (body.contains("existing")) {
    const json& e = body["existing"];
    if (!e.is_array())
      return Invalid("/existing", "expected an array of meeting-place ids, got " + DescribeJsonValue(e));
    if (e.size() > kMaxExisting) return Invalid("/existing", "at most " + std::to_string(kMaxExisting) + " ids");
    for (std::size_t i = 0; i < e.size(); ++i) {
      const std::string at = "/existing/" + std::to_string(i);
      ASSIGN_OR_RETURN(std::int64_t id, WholeNumber(e[i], at, 1, 999'999'999'999));
      if (std::find(s.existing.begin(), s.existing.end(), id) != s.existing.end()) {
        return Invalid(at, "the id " + std::to_string(id) + " is given twice");
      }
      s.existing.push_back(id);
    }
  }
  return s;
}

const std::map<std::string, std::int64_t>& MunicipalityPopulation() {
  static const std::map<std::string, std::int64_t> population = [] {
    std::map<std::string, std::int64_t> out;
    std::istringstream in{std::string(resources::Get("data/population-2024.csv"))};
    std::string line;
    std::getline(in, line);  // kommunenummer,folkemengde
    while (std::getline(in, line)) {
      const std::size_t comma = line.find(',');
      if (comma == std::string::npos) continue;
      std::int64_t n = 0;
      const char* begin = line.data() + comma + 1;
      const char* end = line.data() + line.size();
      while (end > begin && (end[-1] == '\r' || end[-1] == ' ')) --end;
      if (std::from_chars(begin, end, n).ec == std::errc()) out[line.substr(0, comma)] = n;
    }
    return out;
  }();
  return population;
}

}  // namespace moteplass::advisor
