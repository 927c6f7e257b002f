#include "http/pages.h"

#include "core/local_time.h"
#include "http/accounts/paths.h"
#include "http/api_kit.h"

namespace moteplass::http {

using nlohmann::json;

Response Redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.Set("Location", location);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.body = "See " + location + "\n";
  return r;
}

Response LoginRedirect(const std::string& next) {
  return Redirect(accounts::LoginPath() + "?next=" + PercentEncode(next));
}

// A path on this site to return to after logging in; "/" for anything else.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next.front() != '/' || next.starts_with("//") || next.find('\\') != std::string::npos) {
    return "/";
  }
  // Browsers drop tabs and newlines from a Location, so "/\t/evil.example" would become
  // "//evil.example", another site: refuse every control character.
  for (unsigned char ch : next) {
    if (ch < 0x20 || ch == 0x7f) return "/";
  }
  return next;
}

std::string Target(const Request& r) {
  std::string t = r.path;
  if (!r.query.empty()) {
    t += "?";
    for (const auto& [k, v] : r.query) t += PercentEncode(k) + "=" + PercentEncode(v) + "&";
    t.pop_back();
  }
  return t;
}

// The current address with one query parameter set (or removed when `value` is empty).
std::string WithParam(const Request& r, const std::string& name, const std::string& value) {
  std::string t = r.path;
  std::string q;
  for (const auto& [k, v] : r.query) {
    if (k == name) continue;
    q += (q.empty() ? "?" : "&") + PercentEncode(k) + "=" + PercentEncode(v);
  }
  if (!value.empty()) q += (q.empty() ? "?" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
  return t + q;
}

std::string FormValue(const FormFields& form, const std::string& name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

// The version a form was based on (its hidden field); 0 when missing or malformed, which the
// store treats as "do not check". Every form of the pages sends one.
std::int64_t FormVersion(const FormFields& form) { return ParseId(FormValue(form, "version")).value_or(0); }

// The page a refused write answers with: 404 for a record the caller may not see, 409 for a
// stale version, 403 for a role that does not cover it.
const char* RefusalKey(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound: return "error.no_meeting_place";
    case ErrorCode::kConflict: return "form.error.conflict";
    case ErrorCode::kForbidden:
    case ErrorCode::kUnauthenticated: return "error.forbidden";
    default: return "error.internal";
  }
}

std::string DateOnly(const std::string& iso, Lang lang) { return ShowDate(iso, lang); }

void AddFieldErrors(nlohmann::json& view, const std::vector<FieldError>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldError& e : errors) {
    list.push_back({{"field_id", e.id}, {"message", e.message}});
    view[e.id + "_error"] = e.message;
  }
  view["errors"] = list;
  view["has_errors"] = !list.empty();
}

Handler Pages::Page(PageBuilder build) {
  return [this, build = std::move(build)](Request& r) {
    if (r.route != nullptr && r.route->cacheable) return Cached(r, build);
    PageContext c = Begin(r);
    return build(c);
  };
}

namespace {

// A route's cache tag with its placeholders filled from the request ("meeting_place:{id}").
std::string FilledTag(const Request& request) {
  if (request.route == nullptr) return "";
  std::string tag = request.route->cache_tag;
  for (const auto& [name, value] : request.params) {
    const std::string placeholder = "{" + name + "}";
    if (auto at = tag.find(placeholder); at != std::string::npos) tag.replace(at, placeholder.size(), value);
  }
  return tag;
}

}  // namespace

Handler Pages::Api(Handler handle) {
  return [this, handle = std::move(handle)](Request& r) {
    const bool cacheable = r.principal.anonymous() && (r.method == "GET" || r.method == "HEAD") && r.route != nullptr &&
                           r.route->cacheable;
    if (!cacheable) return handle(r);
    const std::string key = PageCache::ApiKey(r);
    if (auto hit = cache_.Find(key, r)) return *hit;
    Response response = handle(r);
    if (response.status != 200 || response.wire) return response;
    cache_.Put(key, response, FilledTag(r));
    if (auto hit = cache_.Find(key, r)) return *hit;
    return response;
  };
}

PageContext Pages::Begin(Request& request) {
  PageContext c(request);
  c.lang = ChooseLang(request, &c.lang_from_query);
  if (request.method == "POST" && request.Header("content-type").starts_with("application/x-www-form-urlencoded")) {
    if (auto form = ParseQuery(request.body)) c.form = std::move(*form);
  }
  json& v = c.view;
  // The catalogue ({{t.key}}) is not copied into the view: RenderTemplate finds it by "lang".
  v["lang"] = std::string(LangCode(c.lang));
  v["assets"] = assets_.Urls();
  json languages = json::array();
  json alternates = json::array();
  for (Lang l : {Lang::kNb, Lang::kNn, Lang::kEn}) {
    const std::string code(LangCode(l));
    const std::string href = WithParam(request, "lang", code);
    languages.push_back({{"code", code}, {"name", Msg("lang." + code, l)}, {"href", href}, {"current", l == c.lang}});
    alternates.push_back({{"hreflang", code}, {"href", app_.public_url + href}});
  }
  // Absolute, from --public-url like the sitemap (never the Host header: the page may be cached
  // and shown to everyone), with x-default: the address without ?lang=, which chooses by cookie
  // and Accept-Language and falls back to bokmål.
  alternates.push_back({{"hreflang", "x-default"}, {"href", app_.public_url + WithParam(request, "lang", "")}});
  v["languages"] = languages;
  if (request.method == "GET") v["alternates"] = alternates;
  if (request.principal.user) {
    v["user"] = {{"username", request.principal.user->username}, {"csrf_token", request.csrf_token}};
  }
  auto examples = app_.store.meeting_places().Count(/*example_only=*/true);
  v["example_data"] = examples.ok() && *examples > 0;
  return c;
}

Response Pages::Render(PageContext& c, int status, const std::string& name, json view, const std::string& title) {
  json& v = c.view;
  for (auto& [k, val] : view.items()) v[k] = std::move(val);
  v["title"] = title;
  // The site's name follows the page's, unless the page is named like the site (the directory).
  const std::string site_name = Msg("app.name", c.lang);
  v["document_title"] = title == site_name ? title : title + " – " + site_name;
  if (!v.contains("meta_description")) v["meta_description"] = Msg("page.footer", c.lang);
  Response r;
  r.status = status;
  r.body = RenderInLayout(name, v);
  r.Set("Content-Type", "text/html; charset=utf-8");
  r.Set("Content-Language", std::string(LangCode(c.lang)));
  r.Set("Cache-Control", c.request.principal.anonymous() ? "no-cache" : "private, no-store");
  // Secure here as well as in the server: a page with this cookie may be cached and sent as it is.
  if (c.lang_from_query) {
    r.Set("Set-Cookie", LangCookieHeader(c.lang) + (app_.auth.secure_cookies() ? "; Secure" : ""));
  }
  return r;
}

Response Pages::ErrorPage(PageContext& c, int status, const std::string& message_key) {
  const std::string heading = Msg("error.title." + std::to_string(status), c.lang);
  return Render(c, status, "error", {{"heading", heading}, {"message", Msg(message_key, c.lang)}}, heading);
}

Response Pages::PlaceError(PageContext& c, const Error& error) {
  if (error.code == ErrorCode::kNotFound) return ErrorPage(c, 404, "error.no_meeting_place");
  return ErrorPage(c, 500, "error.internal");
}

Response Pages::Unavailable(Request& request) {
  PageContext c(request);
  c.lang = ChooseLang(request, &c.lang_from_query);
  // Not Begin(): it asks the database, which is what is missing.
  c.view["lang"] = std::string(LangCode(c.lang));
  c.view["assets"] = assets_.Urls();
  Response r = ErrorPage(c, 503, "error.unavailable");
  r.Set("Retry-After", "5");
  return r;
}

Response Pages::NotFound(Request& request) {
  PageContext c = Begin(request);
  return ErrorPage(c, 404, "error.not_found");
}

Response Pages::Cached(Request& request, const PageBuilder& build) {
  bool from_query = false;
  const Lang lang = ChooseLang(request, &from_query);
  const bool cacheable = request.principal.anonymous() && request.method != "POST" && request.route != nullptr &&
                         request.route->cacheable;
  const std::string key = PageCache::Key(request, lang);
  if (cacheable) {
    if (auto hit = cache_.Find(key, request)) return *hit;
  }
  PageContext c = Begin(request);
  Response r = build(c);
  if (cacheable && r.status == 200) {
    cache_.Put(key, r, FilledTag(request));
    if (auto hit = cache_.Find(key, request)) return *hit;
  }
  return r;
}

std::optional<Response> Pages::Fast(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  if (request.path.starts_with("/static/")) return assets_.Serve(request);
  if (!request.Header("authorization").empty() || !request.Cookie(kSessionCookie).empty()) return std::nullopt;
  // The API's cached answers (Pages::Api) are kept under a key without the language.
  if (request.path.starts_with("/api/")) return cache_.Find(PageCache::ApiKey(request), request);
  bool from_query = false;
  const Lang lang = ChooseLang(request, &from_query);
  return cache_.Find(PageCache::Key(request, lang), request);
}

}  // namespace moteplass::http
