#include "store/generic/suggestion_store.h"

#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

using suggestions::Suggestion;
using suggestions::SuggestionInput;

constexpr const char* kLivePlaceExists = "SELECT 1 FROM meeting_places WHERE id = ? AND deleted_at IS NULL";
constexpr const char* kNextId = "SELECT COALESCE(MAX(id), 0) + 1 FROM suggestions";
constexpr const char* kInsert =
    "INSERT INTO suggestions (id, kind, meeting_place_id, name, municipality, county, message, email, lang, status, "
    "reason, created_at, closed_at, closed_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '', ?, '', '', 1)";
constexpr const char* kEraseOldEmails =
    "UPDATE suggestions SET email = NULL WHERE status = 'open' AND email IS NOT NULL AND created_at < ?";
#define MOTEPLASS_SELECT_SUGGESTION                                                                                   \
  "SELECT id, kind, meeting_place_id, name, municipality, county, message, email, lang, status, reason, created_at, " \
  "closed_at, closed_by, version FROM suggestions"
constexpr const char* kSelectById = MOTEPLASS_SELECT_SUGGESTION " WHERE id = ?";
// Every suggestion when the status given (twice) is empty.
constexpr const char* kSelectByStatus = MOTEPLASS_SELECT_SUGGESTION
    " WHERE CAST(? AS TEXT) = '' OR status = ? ORDER BY created_at DESC, id DESC LIMIT ?";
#undef MOTEPLASS_SELECT_SUGGESTION
constexpr const char* kClose =
    "UPDATE suggestions SET status = ?, reason = ?, email = NULL, closed_at = ?, closed_by = ?, version = version + 1 "
    "WHERE id = ?";

template <class Statement>
Suggestion SuggestionFromRow(Statement& r) {
  Suggestion s;
  s.id = r.Int(0);
  s.input.kind = r.Text(1);
  s.input.meeting_place_id = r.IsNull(2) ? 0 : r.Int(2);
  s.input.name = r.Text(3);
  s.input.municipality = r.Text(4);
  s.input.county = r.Text(5);
  s.input.message = r.Text(6);
  s.input.email = r.IsNull(7) ? "" : r.Text(7);
  s.input.lang = r.Text(8);
  s.status = r.Text(9);
  s.reason = r.Text(10);
  s.created_at = r.Text(11);
  s.closed_at = r.Text(12);
  s.closed_by = r.Text(13);
  s.version = r.Int(14);
  return s;
}

template <Backend B>
Result<Suggestion> Load(typename B::Connection& c, std::int64_t id) {
  using Statement = typename B::Statement;
  Statement s(c, B::Sql(kSelectById));
  s.Bind(id);
  return OneRow<Suggestion>(s, "no suggestion has id " + std::to_string(id), SuggestionFromRow<Statement>);
}

}  // namespace

template <Backend B>
Result<Suggestion> SuggestionStoreOn<B>::Create(const SuggestionInput& input, const WriteContext& ctx) {
  Suggestion created;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    if (input.meeting_place_id != 0) {
      Statement exists(c, B::Sql(kLivePlaceExists));
      exists.Bind(input.meeting_place_id);
      ASSIGN_OR_RETURN(bool found, exists.Step());
      if (!found) return Error::Invalid("no meeting place has this id", "/meeting_place", "unknown_meeting_place");
    }
    Statement erase(c, B::Sql(kEraseOldEmails));
    erase.Bind(SuggestionEmailCutoff());
    RETURN_IF_ERROR(erase.Run());
    Statement next(c, B::Sql(kNextId));
    ASSIGN_OR_RETURN(std::int64_t id, OneRow<std::int64_t>(next, "no id", [](Statement& r) { return r.Int(0); }));
    Statement s(c, B::Sql(kInsert));
    s.Bind(id).Bind(input.kind);
    if (input.meeting_place_id != 0) {
      s.Bind(input.meeting_place_id);
    } else {
      s.BindOrNull("");
    }
    s.Bind(input.name).Bind(input.municipality).Bind(input.county).Bind(input.message).BindOrNull(input.email);
    s.Bind(input.lang).Bind(w.now());
    RETURN_IF_ERROR(s.Run());
    RETURN_IF_ERROR(w.AuditOnly("suggestion", std::to_string(id), "create"));
    ASSIGN_OR_RETURN(created, Load<B>(c, id));
    return Status();
  }));
  return created;
}

template <Backend B>
Result<Suggestion> SuggestionStoreOn<B>::Get(std::int64_t id) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  return Load<B>(*lease, id);
}

template <Backend B>
Result<std::vector<Suggestion>> SuggestionStoreOn<B>::List(const std::string& status, int limit) {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  Statement s(*lease, B::Sql(kSelectByStatus));
  s.Bind(status).Bind(status).Bind(static_cast<std::int64_t>(limit));
  return CollectRows<Suggestion>(s, SuggestionFromRow<Statement>);
}

template <Backend B>
Result<Suggestion> SuggestionStoreOn<B>::Close(std::int64_t id, const std::string& status, const std::string& reason,
                                               const WriteContext& ctx) {
  if (status != "accepted" && status != "rejected")
    return Error::Invalid("status must be accepted or rejected", "/status");
  Suggestion closed;
  RETURN_IF_ERROR(db_.Write(ctx, [&](WriteScope& w) -> Status {
    Connection& c = w.connection();
    ASSIGN_OR_RETURN(Suggestion before, Load<B>(c, id));
    if (before.status != "open") return Error::Conflict("this suggestion is closed already", "/status");
    if (ctx.expected_version != 0 && ctx.expected_version != before.version) {
      return Error::Conflict("this suggestion has changed since you read it", "/version");
    }
    Statement s(c, B::Sql(kClose));
    s.Bind(status).Bind(reason).Bind(w.now()).Bind(ctx.by).Bind(id);
    RETURN_IF_ERROR(s.Run());
    std::vector<FieldChange> changes = {{"/status", nlohmann::json("open"), nlohmann::json(status)}};
    if (!reason.empty()) changes.push_back({"/reason", nlohmann::json(nullptr), nlohmann::json(reason)});
    RETURN_IF_ERROR(w.Record("suggestion", std::to_string(id), status == "accepted" ? "accept" : "reject", changes));
    ASSIGN_OR_RETURN(closed, Load<B>(c, id));
    return Status();
  }));
  return closed;
}

template class SuggestionStoreOn<sqlite::Backend>;
template class SuggestionStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
