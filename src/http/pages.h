// The page kit every module's pages are built with: the reader's context (language, posted form,
// the view for templates), rendering into the layout, error pages, the cache of public pages
// (tagged by the route's cache tag), static files, and small helpers for addresses and forms.
// Pages are rendered on the server from templates, in bokmål, nynorsk or English, and work
// without JavaScript.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/app_context.h"
#include "http/page_kit.h"
#include "http/router.h"

namespace moteplass::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// One page request as a page builder sees it.
struct PageContext {
  explicit PageContext(Request& r) : request(r) {}
  Request& request;
  Lang lang = Lang::kNb;
  bool lang_from_query = false;
  nlohmann::json view;  // what every template gets: t (messages), lang, assets, user, ...
  FormFields form;      // posted fields
};

using PageBuilder = std::function<Response(PageContext&)>;

class Pages {
 public:
  explicit Pages(AppContext& app) : app_(app) {}

  AppContext& app() { return app_; }
  const Assets& assets() const { return assets_; }
  // The routes robots.txt and the sitemap are made from (set once all modules have added theirs).
  void SetRouter(const Router* router) { router_ = router; }
  const Router& router() const { return *router_; }

  // A route handler that builds the page; an anonymous GET of a cacheable route is answered from
  // the cache and kept there under the route's cache tag.
  Handler Page(PageBuilder build);
  // A JSON API route handler whose anonymous GETs of a cacheable route are answered from the same
  // cache as the pages, kept under the route's cache tag and emptied by the same writes; an answer
  // to someone logged in (a session cookie or a token) is never kept nor served from it.
  Handler Api(Handler handle);
  // The reader's context for a request (without the cache).
  PageContext Begin(Request& request);
  // Renders templates/NAME.mustache with `view` into the layout.
  Response Render(PageContext& c, int status, const std::string& name, nlohmann::json view, const std::string& title);
  Response ErrorPage(PageContext& c, int status, const std::string& message_key);
  // The page for a failed load of a meeting place: 404 for not found, 500 otherwise.
  Response PlaceError(PageContext& c, const Error& error);
  // The HTML "not found" page (for addresses outside /api).
  Response NotFound(Request& request);
  // The HTML 503 page, while the database cannot be reached.
  Response Unavailable(Request& request);

  // A static file or a cached page for an anonymous GET, answered without the database (the
  // server calls this on its I/O thread); nullopt when the request needs a handler.
  std::optional<Response> Fast(const Request& request) const;
  // Forgets the cached pages tagged with any of `tags` (a write through this server).
  void Invalidate(const std::vector<std::string>& tags) { cache_.Invalidate(tags); }
  // Forgets every cached page (a write by another process).
  void InvalidateAll() { cache_.Clear(); }

 private:
  Response Cached(Request& request, const PageBuilder& build);

  AppContext& app_;
  Assets assets_;
  PageCache cache_;
  const Router* router_ = nullptr;
};

// --- Helpers for page builders ---

// 303 See Other to `location`.
Response Redirect(const std::string& location);
// To the log-in page, returning to `next` afterwards.
Response LoginRedirect(const std::string& next);
// A path on this site to return to after logging in; "/" for anything else.
std::string SafeNext(const std::string& next);
// The request's path and query, as a browser would show it.
std::string Target(const Request& r);
// The current address with one query parameter set (or removed when `value` is empty).
std::string WithParam(const Request& r, const std::string& name, const std::string& value);
// The value of a posted field, "" when absent.
std::string FormValue(const FormFields& form, const std::string& name);
// The version a form was based on (its hidden field); 0 when missing or malformed, which the
// store treats as "do not check". Every form of the pages sends one.
std::int64_t FormVersion(const FormFields& form);
// The message key of the page a refused write answers with: 404 for a record the caller may not
// see, 409 for a stale version, 403 for a role that does not cover it.
const char* RefusalKey(const Error& e);
// The date of a stored time or date as the reader writes it: "26.11.2026" (nb, nn), "26 Nov 2026"
// (en), the day in Norway (core/local_time.h).
std::string DateOnly(const std::string& iso, Lang lang);

// A form's mistake: the field's id in the page and the sentence shown.
struct FieldError {
  std::string id;
  std::string message;
};
// Puts a form's mistakes where the templates read them: the error summary (view["errors"]:
// [{"field_id", "message"}], view["has_errors"]) and the message beside each field
// (view["<id>_error"]).
void AddFieldErrors(nlohmann::json& view, const std::vector<FieldError>& errors);

}  // namespace moteplass::http
