#include "http/oidc/fetch.h"

#include <memory>
#include <mutex>

#include <curl/curl.h>

namespace moteplass::http::oidc {
namespace {

constexpr std::size_t kMaxBody = 1024 * 1024;

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body->size() + n > kMaxBody) return 0;  // too large: curl stops with an error
  body->append(data, n);
  return n;
}

Error Unreachable(const std::string& why) {
  return Error{ErrorCode::kUnavailable, "provider_unreachable", "the log-in service cannot be reached: " + why, "", {}};
}

}  // namespace

Result<FetchResult> Fetch(const std::string& url, const std::string& form,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          std::chrono::seconds timeout) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Unreachable("no HTTP client");
  FetchResult result;
  struct curl_slist* list = nullptr;
  list = curl_slist_append(list, "Accept: application/json");
  for (const auto& [name, value] : headers) list = curl_slist_append(list, (name + ": " + value).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(list, curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<long>(timeout.count(), 5) * 1000));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "moteplass");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &result.body);
  if (!form.empty()) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
  }
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return Unreachable(curl_easy_strerror(code));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  return result;
}

}  // namespace moteplass::http::oidc
