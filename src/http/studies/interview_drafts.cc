#include "http/studies/interview_drafts.h"

#include <chrono>
#include <map>
#include <mutex>

#include "core/accounts/credentials.h"
#include "http/api_kit.h"
#include "http/studies/paths.h"

namespace moteplass::http::studies {
namespace {

using nlohmann::json;

constexpr const char* kDraftCookie = "moteplass_utkast";
constexpr int kDraftSeconds = 2 * 60 * 60;

// Forms posted without a valid session, kept for a while in memory.
class DraftStore {
 public:
  std::string Put(const std::string& path, FormFields fields) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto it = drafts_.begin(); it != drafts_.end();) {
      it = it->second.expires < now ? Erase(it) : std::next(it);
    }
    std::size_t size = path.size();
    for (const auto& [k, v] : fields) size += k.size() + v.size();
    while (!drafts_.empty() && (drafts_.size() >= kMaxDrafts || bytes_ + size > kMaxBytes)) {
      auto oldest = drafts_.begin();
      for (auto it = drafts_.begin(); it != drafts_.end(); ++it) {
        if (it->second.expires < oldest->second.expires) oldest = it;
      }
      Erase(oldest);
    }
    std::string token = NewSecret();
    drafts_[token] = Draft{path, std::move(fields), now + std::chrono::seconds(kDraftSeconds), size};
    bytes_ += size;
    return token;
  }
  // The draft of `path` under `token`, forgotten once taken.
  std::optional<FormFields> Take(const std::string& token, const std::string& path) {
    std::lock_guard lock(mutex_);
    auto it = drafts_.find(token);
    if (it == drafts_.end() || it->second.path != path) return std::nullopt;
    if (it->second.expires < std::chrono::steady_clock::now()) {
      Erase(it);
      return std::nullopt;
    }
    FormFields fields = std::move(it->second.fields);
    Erase(it);
    return fields;
  }

 private:
  struct Draft {
    std::string path;
    FormFields fields;
    std::chrono::steady_clock::time_point expires;
    std::size_t size = 0;
  };
  static constexpr std::size_t kMaxDrafts = 500;
  static constexpr std::size_t kMaxBytes = 32u << 20;
  std::map<std::string, Draft>::iterator Erase(std::map<std::string, Draft>::iterator it) {
    bytes_ -= it->second.size;
    return drafts_.erase(it);
  }
  std::mutex mutex_;
  std::map<std::string, Draft> drafts_;
  std::size_t bytes_ = 0;
};

DraftStore& Drafts() {
  static DraftStore store;
  return store;
}

bool SameOrigin(const Request& req, const std::string& public_url) {
  const std::string origin = req.Header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  const std::size_t scheme = public_url.find("://");
  const std::string own = scheme == std::string::npos ? public_url
                                                      : public_url.substr(0, public_url.find('/', scheme + 3));
  const std::string host = req.Header("host");
  return origin == own || (!host.empty() && (origin == "http://" + host || origin == "https://" + host));
}

}  // namespace

Response KeepDraft(Pages& pages, PageContext& c) {
  if (!SameOrigin(c.request, pages.app().public_url)) return pages.ErrorPage(c, 403, "error.csrf");
  FormFields fields;
  for (const auto& [k, v] : c.form) {
    if (k != "csrf_token") fields.emplace_back(k, v);
  }
  const std::string path = c.request.path;
  const std::string token = Drafts().Put(path, std::move(fields));
  json view = {{"login_href", "/logg-inn?next=" + PercentEncode(path)},
               {"form_href", path},
               {"anonymous", c.request.principal.anonymous()},
               {"hours", std::to_string(kDraftSeconds / 3600)}};
  view["kept"] = Msg("study_pages.expired.kept", c.lang, {{"hours", view["hours"].get<std::string>()}});
  Response r = pages.Render(c, c.request.principal.anonymous() ? 401 : 403, "studies/expired", view,
                            Msg("study_pages.expired.title", c.lang));
  r.Set("Cache-Control", "no-store");
  r.headers.emplace_back("Set-Cookie", std::string(kDraftCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=" +
                                           StudiesPath() + "; Max-Age=" + std::to_string(kDraftSeconds) +
                                           (pages.app().auth.secure_cookies() ? "; Secure" : ""));
  return r;
}

std::optional<FormFields> TakeDraft(const PageContext& c, const std::string& path) {
  const std::string token = c.request.Cookie(kDraftCookie);
  if (token.empty()) return std::nullopt;
  return Drafts().Take(token, path);
}

void ForgetDraft(Response& r) {
  r.headers.emplace_back(
      "Set-Cookie", std::string(kDraftCookie) + "=; HttpOnly; SameSite=Strict; Path=" + StudiesPath() + "; Max-Age=0");
}

}  // namespace moteplass::http::studies
