#include "http/router.h"

#include <algorithm>
#include <cctype>

namespace moteplass::http {

using nlohmann::json;

namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? "" : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string Request::Cookie(std::string_view name) const {
  const std::string header = Header("cookie");
  std::size_t i = 0;
  while (i < header.size()) {
    std::size_t end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + i, end - i);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      std::string_view value = part.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return std::string(value);
    }
    i = end + 1;
  }
  return "";
}

void Response::Set(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

namespace {
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    default: return "";
  }
}
}  // namespace

void AddDefaultHeaders(Response& r) {
  auto set_default = [&](const char* name, const char* value) {
    if (r.Get(name).empty()) r.Set(name, value);
  };
  set_default("Content-Security-Policy", kContentSecurityPolicy);
  set_default("X-Content-Type-Options", "nosniff");
  set_default("X-Frame-Options", "DENY");
  set_default("Referrer-Policy", "same-origin");
  set_default("Cross-Origin-Opener-Policy", "same-origin");
  set_default("Cache-Control", "no-store");
}

std::shared_ptr<const std::string> Serialize(Response r) {
  AddDefaultHeaders(r);
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + ReasonPhrase(r.status) + "\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
  out += r.body;
  return std::make_shared<const std::string>(std::move(out));
}

bool CanSendStored(const Request& request) { return request.method == "GET" && request.keep_alive; }

bool AcceptsGzip(std::string_view accept_encoding) {
  // "gzip", "gzip;q=1.0", but not "gzip;q=0".
  std::size_t pos = accept_encoding.find("gzip");
  if (pos == std::string_view::npos) return false;
  std::size_t end = accept_encoding.find(',', pos);
  std::string_view part = accept_encoding.substr(pos,
                                                 end == std::string_view::npos ? std::string_view::npos : end - pos);
  return part.find("q=0") == std::string_view::npos || part.find("q=0.") != std::string_view::npos;
}

std::string Response::Get(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

Response Response::Json(int status, const json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.Set("Content-Type", "application/json; charset=utf-8");
  return r;
}

int StatusOf(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalid:
      if (error.slug == "unsupported_media_type") return 415;
      if (error.slug == "precondition_required") return 428;
      return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return error.slug == "method_not_allowed" ? 405 : 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response Response::FromError(const Error& error) {
  json e = {{"code", error.slug.empty() ? "error" : error.slug}, {"message", error.message}};
  if (!error.pointer.empty() || error.code == ErrorCode::kInvalid) e["pointer"] = error.pointer;
  if (error.index) e["index"] = *error.index;
  return Json(StatusOf(error), json{{"error", e}});
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  return r;
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out += decoded;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!IsUtf8(out)) return std::nullopt;
  return out;
}

std::string PercentEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  while (i <= query.size() && !query.empty()) {
    std::size_t end = query.find('&', i);
    if (end == std::string_view::npos) end = query.size();
    std::string_view part = query.substr(i, end - i);
    if (!part.empty()) {
      std::size_t eq = part.find('=');
      auto key = PercentDecode(part.substr(0, eq), true);
      auto value = PercentDecode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
      if (!key || !value) return std::nullopt;
      out.emplace_back(std::move(*key), std::move(*value));
    }
    i = end + 1;
    if (end == query.size()) break;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Handler handler, RouteInfo info) {
  auto segments = SplitPath(pattern);
  routes_.push_back(
      Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler), std::move(info)});
}

const Router::Route* Router::Match(const std::string& method, const std::string& path,
                                   std::map<std::string, std::string>* params) const {
  const auto segments = SplitPath(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    if (route.method != method && !(method == "HEAD" && route.method == "GET")) continue;
    std::map<std::string, std::string> found;
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& s = route.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        found[s.substr(1, s.size() - 2)] = segments[i];
      } else {
        match = s == segments[i];
      }
    }
    if (!match) continue;
    if (params) *params = std::move(found);
    return &route;
  }
  return nullptr;
}

Response Router::Dispatch(Request& request, const Handler& not_found) const {
  std::map<std::string, std::string> params;
  if (const Route* route = Match(request.method, request.path, &params)) {
    request.params = std::move(params);
    request.route = &route->info;
    request.route_pattern = route->pattern;
    return route->handler(request);
  }
  // A known address with another method is a 405 that says which methods it takes.
  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    const bool listed = std::find(allowed.begin(), allowed.end(), route.method) != allowed.end();
    if (!listed && Match(route.method, request.path, nullptr) != nullptr) allowed.push_back(route.method);
  }
  if (allowed.empty()) return not_found(request);
  if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allowed.push_back("HEAD");
  std::string allow;
  for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
  Error e{ErrorCode::kNotFound,
          "method_not_allowed",
          "this address does not take " + request.method + "; it takes " + allow,
          "",
          {}};
  Response r = Response::FromError(e);
  r.Set("Allow", allow);
  return r;
}

std::string LogSafePath(std::string_view path) {
  constexpr std::size_t kMaxLength = 100;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : path) {
    if (out.size() >= kMaxLength) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(ch);
    if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
      out += ch;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

}  // namespace moteplass::http
