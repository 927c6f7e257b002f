// What every page needs: fingerprinted static assets, the templates (kainjow mustache, which
// escapes by default), the reader's language, and the cache of rendered public pages.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/router.h"

namespace moteplass::http {

// Static files (Designsystemet CSS, the theme, our own CSS and icon), served at
// /static/NAME.HASH.EXT with a year-long immutable cache lifetime, gzip precomputed.
class Assets {
 public:
  Assets();
  // The URLs of the assets, for templates: {"designsystemet", "theme", "app", "favicon"}.
  const nlohmann::json& Urls() const { return urls_; }
  // The response for a static URL; nullopt when unknown. A GET on a keep-alive connection gets
  // the bytes serialized once at start-up (Response::wire), nothing is copied.
  std::optional<Response> Serve(const Request& request) const;

 private:
  struct Asset {
    std::string content_type;
    std::string body;
    std::string gzip;
    std::shared_ptr<const std::string> wire, wire_gzip;  // Serialize(Plain(...)), made at start
  };
  // The response for an asset from its parts (headers and a copy of the body).
  static Response Plain(const Asset& asset, bool gzip);
  std::map<std::string, Asset> by_url_;
  nlohmann::json urls_;
};

// Every message of the catalogue for a language as a nested object for templates:
// "page.skip" becomes {"page": {"skip": ...}}, so templates write {{t.page.skip}}.
const nlohmann::json& TranslationTree(Lang lang);

// The reader's language: ?lang= (then remembered in a cookie), else the cookie, else
// Accept-Language, else bokmål. `from_query` tells whether ?lang= chose it.
Lang ChooseLang(const Request& request, bool* from_query);
std::string LangCookieHeader(Lang lang);

// Renders templates/NAME.mustache with `view` (a JSON object). Fails loudly in tests if the
// template is missing or malformed; at run time such a page renders an error message.
// A capability's templates are in its folder, NAME "register/meeting_place" for
// templates/register/meeting_place.mustache (register, places, accounts, site: as the modules in
// src/http/); the two that every module shares, "layout" (the page frame, http/pages.cc) and
// "error" (Pages::ErrorPage), are at templates/ root. No template uses partials.
std::string RenderTemplate(const std::string& name, const nlohmann::json& view);

// Renders templates/NAME.mustache with `view`, then "layout" with the same view and the result as
// {{{body}}}; the view is made into template data once for both.
std::string RenderInLayout(const std::string& name, const nlohmann::json& view);

// Markdown (CommonMark) to HTML; raw HTML in the source is not passed through.
std::string MarkdownToHtml(const std::string& markdown);

std::string HtmlEscape(const std::string& text);

// Rendered public pages, kept until the data changes through this server, and at most
// kMaxAge (the command line, e.g. `moteplass import`, may change the database behind the
// server's back). Only pages for anonymous visitors are kept (logged-in users see buttons
// others do not). Its memory is bounded: every distinct address is a page of its own (a crawler
// walking every filter, or an attacker adding ?n=1, ?n=2, ...), so when the pages kept would
// pass the byte budget, pages older than kMaxAge go first, then every page. Thread-safe.
class PageCache {
 public:
  static constexpr std::size_t kDefaultBudget = 64 << 20;  // bytes, all copies of all pages
  explicit PageCache(std::size_t budget_bytes = kDefaultBudget) : budget_(budget_bytes) {}

  struct Entry {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string gzip;
    std::string etag;
    std::chrono::steady_clock::time_point stored;
    std::string tag;  // the route's cache tag, filled in ("meeting_place:17")
    // The complete responses (identity, and gzip when there is one), serialized once when stored.
    std::shared_ptr<const std::string> wire, wire_gzip;
  };
  static constexpr std::chrono::seconds kMaxAge{60};
  // Key for a request: language and the whole target.
  static std::string Key(const Request& request, Lang lang);
  // Key for an answer of the JSON API: the whole target (the API speaks one language).
  static std::string ApiKey(const Request& request);
  std::optional<Response> Find(const std::string& key, const Request& request) const;
  // Keeps a response under `key`, tagged with `tag` for Invalidate. A response that carries an
  // ETag of its own (an API resource's version, which If-Match is compared with) keeps it; others
  // get a hash of the body.
  void Put(const std::string& key, const Response& response, const std::string& tag);
  // Forgets the pages tagged with any of `tags`; the others stay.
  void Invalidate(const std::vector<std::string>& tags);
  void Clear();
  std::size_t Size() const;
  // The bytes the kept pages take (their bodies, gzip bodies and serialized responses).
  std::size_t Bytes() const;

  // Builds the response for an entry, choosing gzip when accepted and answering 304 when the
  // client already has it. A GET on a keep-alive connection gets the serialized bytes.
  static Response Build(const Entry& entry, const Request& request);
  // The response for an entry with its headers and a copy of the body (or the gzip body).
  static Response Full(const Entry& entry, bool gzip);

 private:
  static std::size_t BytesOf(const std::string& key, const Entry& entry);

  mutable std::shared_mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::size_t budget_;
  std::size_t bytes_ = 0;  // BytesOf every entry
};

// Compresses with gzip (level 6); nullopt on failure.
std::optional<std::string> GzipText(const std::string& data);

}  // namespace moteplass::http
