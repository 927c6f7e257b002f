#include "http/page_kit.h"

#include <cmark.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include <kainjow/mustache.hpp>

#include "core/accounts/credentials.h"
#include "core/resources.h"

namespace moteplass::http {

using nlohmann::json;
namespace mustache = kainjow::mustache;

namespace {

struct AssetSource {
  const char* key;
  const char* resource;
  const char* stem;
  const char* ext;
  const char* content_type;
};

constexpr AssetSource kAssets[] = {
    {"designsystemet", "node_modules/@digdir/designsystemet-css/dist/src/index.css", "designsystemet", "css",
     "text/css; charset=utf-8"},
    {"theme", "node_modules/@digdir/designsystemet-theme/brand/digdir.css", "theme-digdir", "css",
     "text/css; charset=utf-8"},
    {"app", "static/app.css", "app", "css", "text/css; charset=utf-8"},
    {"favicon", "static/favicon.svg", "favicon", "svg", "image/svg+xml"},
    {"studies_js", "static/studies.js", "studies", "js", "text/javascript; charset=utf-8"},
};

mustache::data ToData(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto& [k, v] : j.items()) d.set(k, ToData(v));
      return d;
    }
    case json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& v : j) d.push_back(ToData(v));
      return d;
    }
    case json::value_t::string: return mustache::data{j.get<std::string>()};
    case json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case json::value_t::null:
    case json::value_t::discarded: return mustache::data{mustache::data::type::bool_false};
    default: return mustache::data{j.dump()};
  }
}

}  // namespace

namespace {

// gzip at `level` (1 fastest, 9 smallest); nullopt on failure.
std::optional<std::string> Gzip(const std::string& data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, data.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> GzipText(const std::string& data) { return Gzip(data, 6); }

Assets::Assets() {
  urls_ = json::object();
  for (const auto& a : kAssets) {
    auto content = resources::Find(a.resource);
    if (!content) continue;
    Asset asset;
    asset.content_type = a.content_type;
    asset.body = std::string(*content);
    asset.gzip = GzipText(asset.body).value_or("");
    asset.wire = Serialize(Plain(asset, false));
    if (!asset.gzip.empty()) asset.wire_gzip = Serialize(Plain(asset, true));
    const std::string url = "/static/" + std::string(a.stem) + "." + HashSecret(asset.body).substr(0, 12) + "." + a.ext;
    urls_[a.key] = url;
    by_url_[url] = std::move(asset);
  }
}

Response Assets::Plain(const Asset& asset, bool gzip) {
  Response r;
  r.Set("Content-Type", asset.content_type);
  r.Set("Cache-Control", "public, max-age=31536000, immutable");
  r.Set("Vary", "Accept-Encoding");
  if (gzip) {
    r.body = asset.gzip;
    r.Set("Content-Encoding", "gzip");
  } else {
    r.body = asset.body;
  }
  return r;
}

std::optional<Response> Assets::Serve(const Request& request) const {
  auto it = by_url_.find(request.path);
  if (it == by_url_.end()) return std::nullopt;
  const Asset& asset = it->second;
  const bool gzip = !asset.gzip.empty() && AcceptsGzip(request.Header("accept-encoding"));
  if (CanSendStored(request)) {
    Response r;
    r.wire = gzip ? asset.wire_gzip : asset.wire;
    return r;
  }
  return Plain(asset, gzip);
}

const json& TranslationTree(Lang lang) {
  static const std::array<json, 3> trees = [] {
    std::array<json, 3> t;
    for (int i = 0; i < 3; ++i) {
      t[i] = json::object();
      for (const auto& key : MessageKeys()) {
        json* node = &t[i];
        std::size_t start = 0;
        while (true) {
          std::size_t dot = key.find('.', start);
          std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
          if (dot == std::string::npos) {
            if (!node->is_object()) break;
            (*node)[part] = Msg(key, static_cast<Lang>(i));
            break;
          }
          if (!node->contains(part) || !(*node)[part].is_object()) {
            if (node->contains(part)) break;  // a key that is also a prefix: keep the text
            (*node)[part] = json::object();
          }
          node = &(*node)[part];
          start = dot + 1;
        }
      }
    }
    return t;
  }();
  return trees[static_cast<int>(lang)];
}

Lang ChooseLang(const Request& request, bool* from_query) {
  *from_query = false;
  Lang lang = Lang::kNb;
  if (auto q = request.Query("lang"); q && ParseLang(*q, &lang)) {
    *from_query = true;
    return lang;
  }
  if (ParseLang(request.Cookie("lang"), &lang)) return lang;
  // Accept-Language: the first language we have, in the order the browser gives them
  // (quality values are in that order in practice).
  const std::string accept = request.Header("accept-language");
  std::size_t i = 0;
  while (i < accept.size()) {
    std::size_t end = accept.find(',', i);
    if (end == std::string::npos) end = accept.size();
    std::string tag = accept.substr(i, end - i);
    tag = tag.substr(0, tag.find(';'));
    while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string primary = tag.substr(0, tag.find('-'));
    if (tag == "nb" || tag == "no" || tag == "nb-no" || tag == "no-no") return Lang::kNb;
    if (tag == "nn" || tag == "nn-no") return Lang::kNn;
    if (primary == "en") return Lang::kEn;
    if (primary == "nb" || primary == "no") return Lang::kNb;
    if (primary == "nn") return Lang::kNn;
    if (primary == "se" || primary == "sv" || primary == "da") return Lang::kNb;  // Nordic readers: bokmål
    i = end + 1;
  }
  return Lang::kNb;
}

std::string LangCookieHeader(Lang lang) {
  return "lang=" + std::string(LangCode(lang)) + "; Path=/; Max-Age=31536000; SameSite=Lax";
}

namespace {

// The catalogue of each language as template data, {"t": {...}}, made once: a page reads its
// {{t.key}} from here instead of a copy of the whole catalogue converted for every render.
const mustache::data& Translations(Lang lang) {
  static const std::array<mustache::data, 3> data = [] {
    std::array<mustache::data, 3> d;
    for (int i = 0; i < 3; ++i) {
      d[i] = mustache::data{mustache::data::type::object};
      d[i].set("t", ToData(TranslationTree(static_cast<Lang>(i))));
    }
    return d;
  }();
  return data[static_cast<int>(lang)];
}

// A template parsed once per thread (rendering one changes its state, so threads do not share).
mustache::mustache* Compiled(const std::string& name) {
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>> compiled;
  auto& slot = compiled[name];
  if (!slot) {
    auto text = resources::Find("templates/" + name + ".mustache");
    if (!text) return nullptr;
    slot = std::make_unique<mustache::mustache>(std::string(*text));
  }
  return slot.get();
}

}  // namespace

namespace {

// Renders a template with `data` (made from `view`); see RenderTemplate for the catalogue.
std::string RenderData(const std::string& name, const mustache::data& data, const json& view) {
  mustache::mustache* tmpl = Compiled(name);
  if (tmpl == nullptr) return "<p>template " + HtmlEscape(name) + " is missing</p>";
  if (!tmpl->is_valid()) return "<p>template " + HtmlEscape(name) + ": " + HtmlEscape(tmpl->error_message()) + "</p>";
  // A page's view names its language and leaves the catalogue out (Pages::Begin): {{t.key}} is
  // looked up below the view, in the language's catalogue.
  auto lang = view.find("lang");
  if (!view.contains("t") && lang != view.end() && lang->is_string()) {
    for (Lang l : {Lang::kNb, Lang::kNn, Lang::kEn}) {
      if (LangCode(l) != lang->get<std::string>()) continue;
      mustache::context<std::string> context(&Translations(l));
      context.push(&data);
      return tmpl->render(context);
    }
  }
  return tmpl->render(data);
}

}  // namespace

std::string RenderTemplate(const std::string& name, const json& view) { return RenderData(name, ToData(view), view); }

std::string RenderInLayout(const std::string& name, const json& view) {
  mustache::data data = ToData(view);
  const std::string body = RenderData(name, data, view);
  data.set("body", mustache::data{body});
  return RenderData("layout", data, view);
}

std::string MarkdownToHtml(const std::string& markdown) {
  // CMARK_OPT_SAFE is the default since cmark 0.29: raw HTML and dangerous URLs are dropped.
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

std::string HtmlEscape(const std::string& text) { return mustache::html_escape<std::string>(text); }

std::string PageCache::Key(const Request& request, Lang lang) {
  std::string key = std::string(LangCode(lang)) + " " + request.path + "?";
  for (const auto& [k, v] : request.query) key += PercentEncode(k) + "=" + PercentEncode(v) + "&";
  return key;
}

std::string PageCache::ApiKey(const Request& request) {
  std::string key = "api " + request.path + "?";
  for (const auto& [k, v] : request.query) key += PercentEncode(k) + "=" + PercentEncode(v) + "&";
  return key;
}

std::optional<Response> PageCache::Find(const std::string& key, const Request& request) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || std::chrono::steady_clock::now() - it->second.stored > kMaxAge) return std::nullopt;
  return Build(it->second, request);
}

Response PageCache::Full(const Entry& entry, bool gzip) {
  Response r;
  r.status = entry.status;
  r.headers = entry.headers;
  r.Set("ETag", entry.etag);
  r.Set("Vary", "Accept-Encoding, Accept-Language, Cookie");
  if (gzip) {
    r.body = entry.gzip;
    r.Set("Content-Encoding", "gzip");
  } else {
    r.body = entry.body;
  }
  return r;
}

Response PageCache::Build(const Entry& entry, const Request& request) {
  if (request.Header("if-none-match") == entry.etag) {
    Response r = Full(entry, false);
    r.status = 304;
    r.body.clear();
    return r;
  }
  const bool gzip = !entry.gzip.empty() && AcceptsGzip(request.Header("accept-encoding"));
  if (CanSendStored(request)) {
    Response r;
    r.status = entry.status;
    r.wire = gzip ? entry.wire_gzip : entry.wire;
    return r;
  }
  return Full(entry, gzip);
}

void PageCache::Put(const std::string& key, const Response& response, const std::string& tag) {
  Entry e;
  e.status = response.status;
  e.headers = response.headers;
  e.body = response.body;
  // Level 1: made on the request that missed the cache, where level 6 took a sixth of an uncached
  // directory render for 10 % fewer bytes (docs/PERFORMANCE.md).
  e.gzip = Gzip(e.body, 1).value_or("");
  e.etag = "\"" + HashSecret(e.body).substr(0, 20) + "\"";
  for (const auto& [name, value] : e.headers) {
    if (name == "ETag") e.etag = value;
  }
  e.stored = std::chrono::steady_clock::now();
  e.wire = Serialize(Full(e, false));
  if (!e.gzip.empty()) e.wire_gzip = Serialize(Full(e, true));
  e.tag = tag;
  const std::size_t size = BytesOf(key, e);
  if (size > budget_) return;  // a page larger than the whole budget is not kept
  std::unique_lock lock(mutex_);
  if (auto old = entries_.find(key); old != entries_.end()) {
    bytes_ -= BytesOf(old->first, old->second);
    entries_.erase(old);
  }
  if (bytes_ + size > budget_) {
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(entries_, [&](const auto& entry) {
      if (now - entry.second.stored <= kMaxAge) return false;
      bytes_ -= BytesOf(entry.first, entry.second);
      return true;
    });
  }
  if (bytes_ + size > budget_) {
    entries_.clear();
    bytes_ = 0;
  }
  bytes_ += size;
  entries_.emplace(key, std::move(e));
}

std::size_t PageCache::BytesOf(const std::string& key, const Entry& entry) {
  std::size_t n = key.size() + entry.body.size() + entry.gzip.size() + entry.etag.size() + entry.tag.size();
  if (entry.wire) n += entry.wire->size();
  if (entry.wire_gzip) n += entry.wire_gzip->size();
  for (const auto& [name, value] : entry.headers) n += name.size() + value.size();
  return n;
}

void PageCache::Invalidate(const std::vector<std::string>& tags) {
  std::unique_lock lock(mutex_);
  std::erase_if(entries_, [&](const auto& entry) {
    if (std::find(tags.begin(), tags.end(), entry.second.tag) == tags.end()) return false;
    bytes_ -= BytesOf(entry.first, entry.second);
    return true;
  });
}

void PageCache::Clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  bytes_ = 0;
}

std::size_t PageCache::Size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t PageCache::Bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace moteplass::http
