#include "store/generic/overview_store.h"

#include "core/status_macros.h"
#include "store/postgres/backend.h"
#include "store/sqlite/backend.h"

namespace moteplass::generic {
namespace {

constexpr const char* kSelectTarget = "SELECT value FROM settings WHERE key = 'imdi_target'";
constexpr const char* kUpsertTarget =
    "INSERT INTO settings (key, value) VALUES ('imdi_target', ?) ON CONFLICT (key) DO UPDATE SET value = "
    "excluded.value";

template <Backend B>
Result<std::optional<int>> ReadTarget(typename B::Connection& c) {
  using Statement = typename B::Statement;
  Statement s(c, B::Sql(kSelectTarget));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<int>();
  return std::optional<int>(std::stoi(s.Text(0)));
}

}  // namespace

template <Backend B>
Result<std::optional<int>> OverviewStoreOn<B>::Target() {
  ASSIGN_OR_RETURN(auto lease, B::Borrow(db_));
  return ReadTarget<B>(*lease);
}

template <Backend B>
Status OverviewStoreOn<B>::SetTarget(int target, const WriteContext& ctx) {
  return db_.Write(ctx, [&](WriteScope& w) -> Status {
    ASSIGN_OR_RETURN(std::optional<int> before, ReadTarget<B>(w.connection()));
    if (before == target) return {};
    Statement s(w.connection(), B::Sql(kUpsertTarget));
    s.Bind(std::to_string(target));
    RETURN_IF_ERROR(s.Run());
    return w.Record("imdi_target", "", "set",
                    {FieldChange{"", before ? nlohmann::json(*before) : nlohmann::json(nullptr), target}});
  });
}

template class OverviewStoreOn<sqlite::Backend>;
template class OverviewStoreOn<postgres::Backend>;

}  // namespace moteplass::generic
