// One HTTP request to an OpenID Connect provider with libcurl: http and https only, no redirects
// followed, TLS checked, a time limit, at most 1 MiB read. Nothing of it is logged.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace moteplass::http::oidc {

struct FetchResult {
  long status = 0;
  std::string body;
};

// GET when `form` is empty, else POST of `form` (application/x-www-form-urlencoded). kUnavailable
// (slug "provider_unreachable") when there is no answer; any HTTP status is an answer.
Result<FetchResult> Fetch(const std::string& url, const std::string& form,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          std::chrono::seconds timeout);

}  // namespace moteplass::http::oidc
