#include "app/accounts/tokens.h"

#include <chrono>

#include "core/accounts/credentials.h"
#include "core/clock.h"
#include "core/status_macros.h"
#include "core/text.h"

namespace moteplass::app {
namespace {

std::size_t Characters(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool Own(const Principal& who, std::int64_t user_id) { return who.user && who.user->id == user_id && user_id != 0; }

// The account whose tokens the caller asks for: its own (log-in required), or, for an
// administrator, anyone's.
Result<User> TokenOwner(Services& s, const Principal& who, const std::string& username) {
  if (username.empty() || (who.user && username == who.user->username)) {
    RETURN_IF_ERROR(Authorize(s, who, Action::kTokenManageOwn, RecordLocation{}, "user", ""));
    if (who.user && who.user->id != 0) return *who.user;
    return Error::Invalid("name the user whose tokens these are", "/username");
  }
  RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, "user", username));
  return s.store.accounts().FindUser(username);
}

}  // namespace

Result<NewToken> CreateToken(Services& s, const Principal& who, const std::string& username, const std::string& name,
                             int expires_in_days) {
  ASSIGN_OR_RETURN(User owner, TokenOwner(s, who, username));
  TokenDetails details;
  if (!name.empty()) {
    ASSIGN_OR_RETURN(details.name, CleanText(name, TextLines::kOne, "/name"));
    if (Characters(details.name) > kMaxTokenName) {
      return Error::Invalid("a token's name has at most " + std::to_string(kMaxTokenName) + " characters", "/name");
    }
  }
  if (expires_in_days < 0 || expires_in_days > kMaxTokenDays) {
    return Error::Invalid("expected a number of days from 1 to " + std::to_string(kMaxTokenDays) + " (0: never)",
                          "/expires_in_days");
  }
  if (expires_in_days > 0) {
    details.expires_at = IsoTime(std::chrono::system_clock::now() + std::chrono::days(expires_in_days));
  }
  NewToken created;
  created.secret = NewSecret();
  ASSIGN_OR_RETURN(created.token, s.store.accounts().AddToken(owner.id, HashSecret(created.secret), details,
                                                              WriteContext{AuthorOf(who), 0}));
  return created;
}

Result<std::vector<ApiToken>> ListTokens(Services& s, const Principal& who, const std::string& username) {
  if (username == "*") {
    RETURN_IF_ERROR(Authorize(s, who, Action::kUserManage, RecordLocation{}, "user", ""));
    return s.store.accounts().ListTokens(0);
  }
  ASSIGN_OR_RETURN(User owner, TokenOwner(s, who, username));
  return s.store.accounts().ListTokens(owner.id);
}

Status RevokeToken(Services& s, const Principal& who, std::int64_t id) {
  const Error missing = Error::NotFound("no token has the number " + std::to_string(id));
  Result<ApiToken> token = s.store.accounts().FindToken(id);
  if (!token.ok() && token.error().code != ErrorCode::kNotFound) return token.error();
  if (token.ok() && Own(who, token->user_id)) {
    RETURN_IF_ERROR(Authorize(s, who, Action::kTokenManageOwn, RecordLocation{}, "token", std::to_string(id)));
  } else {
    // Someone else's token is as missing as a missing one to those who may not manage it.
    if (Status st = Authorize(s, who, Action::kUserManage, RecordLocation{}, "token", std::to_string(id)); !st.ok()) {
      return who.anonymous() ? st : Status(missing);
    }
    if (!token.ok()) return missing;
  }
  return s.store.accounts().RevokeToken(id, WriteContext{AuthorOf(who), 0});
}

}  // namespace moteplass::app
